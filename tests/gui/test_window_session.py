"""The window's state: masks across edits, request ids, settings, and the session file."""

from __future__ import annotations

import pytest
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.requests import RequestLedger
from mlm_desktop.app.session import Session
from mlm_desktop.core import analyze
from mlm_desktop.core.options import AnalysisOptions
from mlm_desktop.core.spans import token_spans

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _analyse(loaded, session, random_mask=False):
    """What the worker does with the session's request: the core resolves its spans."""
    return analyze(loaded, session.next_request(random_mask=random_mask))


def _adopt(loaded, session):
    result = _analyse(loaded, session)
    session.adopt(result)
    return result


def test_ledger_accepts_only_the_latest_request_of_a_kind():
    ledger = RequestLedger()
    ledger.sent("masked_lm", 1)
    ledger.sent("masked_lm", 2)
    assert not ledger.accept("masked_lm", 1)
    assert ledger.accept("masked_lm", 2) and ledger.shown("masked_lm") == 2
    ledger.sent("masked_lm", 3)
    ledger.invalidate("masked_lm")  # an edit makes results on their way stale
    assert not ledger.accept("masked_lm", 3)
    assert ledger.shown("masked_lm") == 2


def test_ledger_shows_a_follow_up_only_while_its_parent_is_on_screen():
    ledger = RequestLedger()
    ledger.sent("masked_lm", 1)
    assert ledger.accept("masked_lm", 1)
    ledger.sent("lens", 2, parent_id=1)
    ledger.sent("masked_lm", 3)
    assert ledger.accept("masked_lm", 3)
    # the follow-up belongs to the result no longer shown
    assert not ledger.accept("lens", 2, parent_kind="masked_lm")
    ledger.sent("lens", 4, parent_id=3)
    assert ledger.accept("lens", 4, parent_kind="masked_lm")
    assert ledger.parent_of(4) == 3 and ledger.shown("lens") == 4


def test_session_toggles_one_token_a_range_and_a_whole_word(tiny_bert):
    session = Session(text="The secessionist forces attacked the fort.")
    _adopt(tiny_bert, session)
    tokens = session.result.tokens
    piece = tokens.index("##ist")
    assert session.toggle(1)
    assert session.masked_positions() == (1,)
    assert session.toggle_range(3, 1)
    assert session.masked_positions() == (1, 2, 3)
    assert session.toggle_range(1, 3)  # all masked: unmask all
    assert session.masked_positions() == ()
    assert session.toggle_word(piece)
    assert session.masked_positions() == tuple(range(piece - 1, piece + 1))
    assert not session.toggle(0)  # [CLS] cannot be masked
    assert session.clear_masks() and session.masked_positions() == ()


def test_session_carries_masks_through_an_edit_to_the_new_tokens(tiny_bert):
    session = Session(text=TEXT)
    _adopt(tiny_bert, session)
    lincoln = session.result.tokens.index("lincoln")
    session.toggle(lincoln)
    session.toggle(session.result.tokens.index("election"))
    # the editor reports each edit as it happens
    session.set_text("Yesterday, " + TEXT)
    session.set_text("Yesterday, " + TEXT.replace("election", "elections"))
    result = _adopt(tiny_bert, session)
    assert [result.tokens[p] for p in result.mask_positions] == ["lincoln"]


def test_session_uses_positions_given_up_front_once(tiny_bert):
    session = Session(text=TEXT, pending_positions=(3, 4))
    request = session.next_request()
    assert request.mask_spans is None and request.mask_positions == (3, 4)
    result = analyze(tiny_bert, request)
    session.adopt(result)
    assert session.pending_positions is None
    assert session.masked_positions() == (3, 4)
    again = session.next_request()
    assert again.mask_spans == frozenset(token_spans(result.offsets)[p] for p in (3, 4))
    assert again.mask_positions == ()


def test_session_random_request_carries_probability_and_seed():
    options = AnalysisOptions(mask_probability=0.3, seed=11, top_k=7, whole_word=True)
    session = Session(text=TEXT, options=options)
    request = session.next_request(random_mask=True)
    assert request.mask_spans is None
    assert (request.random_probability, request.seed, request.top_k) == (0.3, 11, 7)
    assert request.whole_word


def test_session_asks_for_optional_outputs_only_when_named():
    session = Session(text=TEXT)
    bare = session.next_request()
    assert not (bare.output_hidden_states or bare.output_attentions or bare.keep_full_logits)
    full = session.next_request(outputs=frozenset({"hidden_states", "attentions", "full_logits"}))
    assert full.output_hidden_states and full.output_attentions and full.keep_full_logits


def test_settings_round_trip_through_an_ini_file(app_settings, reopen_settings):
    app_settings.last_text = "Paris is nice."
    app_settings.last_mask_spans = {(6, 8, 0), (0, 5, 0)}
    app_settings.options = AnalysisOptions(top_k=9, whole_word=True, mask_probability=0.3, seed=4)
    for i in range(10):
        app_settings.add_recent_model(f"model-{i}")
    app_settings.add_recent_model("model-3")
    app_settings.sync()
    again = reopen_settings()
    assert again.last_text == "Paris is nice."
    assert again.last_mask_spans == {(0, 5, 0), (6, 8, 0)}
    assert again.options == AnalysisOptions(top_k=9, whole_word=True, mask_probability=0.3, seed=4)
    assert again.recent_models[:3] == ["model-3", "model-9", "model-8"]
    assert len(again.recent_models) == 8
    assert again.last_model is None and again.last_device == "auto"


def test_the_model_to_open_is_the_one_named_else_the_default_order(monkeypatch):
    from mlm_desktop.app.gui import choose_model
    from mlm_desktop.core import model_resolution

    assert choose_model("roberta-base", "last-one") == "roberta-base"
    assert choose_model(None, "last-one") == "last-one"
    monkeypatch.setattr(model_resolution, "in_hub_cache", lambda repo: True)
    assert choose_model(None, None) == "bert-base-uncased"


# -- the session file -----------------------------------------------------------

def _data_file(tmp_path):
    return tmp_path / "data" / "session.json"


def _write_session(tmp_path, text: str) -> None:
    _data_file(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    _data_file(tmp_path).write_text(text, encoding="utf-8")


def test_the_session_file_is_written_after_typing_pauses(qtbot, open_window, tmp_path):
    from mlm_desktop.core.session_file import loads

    controller = open_window(text=TEXT)
    editor = controller.window.editor
    with qtbot.waitSignal(controller.store.saved, timeout=RESULT_TIMEOUT_MS):
        qtbot.keyClicks(editor, " Typed.")
    state = loads(_data_file(tmp_path).read_text(encoding="utf-8")).state
    assert state.text == " Typed." + TEXT == editor.toPlainText()  # typed where the cursor is
    assert state.model == controller.model.name and state.device == "cpu"
    assert "tokens" in state.open_panels
    assert not list(_data_file(tmp_path).parent.glob("*.tmp*"))  # renamed into place


def test_the_session_file_wins_over_older_settings(
    qtbot, open_window, app_settings, tmp_path, tiny_bert_dir
):
    from mlm_desktop.core.session_file import SessionState, dumps

    app_settings.last_text = "An older text from the settings."
    app_settings.sync()
    lincoln = TEXT.index("Lincoln")
    state = SessionState(
        text=TEXT, mask_spans=frozenset({(lincoln, lincoln + 7, 0)}),
        options=AnalysisOptions(top_k=7), model=str(tiny_bert_dir.resolve()), device="cpu",
        open_panels=("tokens", "predictions"),
    )
    _write_session(tmp_path, dumps(state))
    controller = open_window(model=None, device="auto")
    result = controller.session.result
    assert controller.window.text() == TEXT
    assert [result.tokens[p] for p in result.mask_positions] == ["lincoln"]
    assert result.top_k == 7 == controller.window.options_bar.top_k_spin.value()
    docks = controller.window.panels.docks
    assert not docks["tokens"].isHidden()
    assert docks["hiddenStates"].isHidden()
    assert controller.models.device_choice == "cpu"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{ this is not json", "not valid JSON"),
        ('{"format": "mlm-desktop-session", "version": 2, "text": "from the future"}',
         "newer MLM Desktop"),
        ('{"format": "mlm-desktop-session", "version": 1, "text": 12}', "text is not a string"),
    ],
    ids=["not-json", "newer-version", "wrong-type"],
)
def test_a_session_file_that_cannot_be_read_is_kept_aside_and_named(
    qtbot, open_window, tmp_path, content, words
):
    _write_session(tmp_path, content)
    controller = open_window(model="tiny")
    message = controller.window.banner.message("session")
    assert message and words in message and "kept as" in message
    kept = list(_data_file(tmp_path).parent.glob("session.json.bad-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == content
    assert str(kept[0]) in message
    assert "Abraham Lincoln" in controller.window.text()  # the sample text: a working window
    with qtbot.waitSignal(controller.store.saved, timeout=RESULT_TIMEOUT_MS):
        qtbot.keyClicks(controller.window.editor, "!")
    assert kept[0].read_text(encoding="utf-8") == content  # never overwritten


def test_a_session_field_out_of_range_is_named_and_the_rest_restored(
    qtbot, open_window, tmp_path
):
    import json

    content = json.dumps({"format": "mlm-desktop-session", "version": 1, "text": TEXT,
                          "options": {"top_k": 3000000000, "seed": 4}})
    _write_session(tmp_path, content)
    controller = open_window(model="tiny")
    assert controller.window.text() == TEXT
    assert controller.session.options == AnalysisOptions(seed=4)
    assert controller.window.options_bar.options() == AnalysisOptions(seed=4)
    message = controller.window.banner.message("session")
    assert "top-k 3000000000" in message and "the rest was restored" in message
    assert len(list(_data_file(tmp_path).parent.glob("session.json.bad-*"))) == 1


def test_a_data_folder_that_cannot_be_written_is_reported_once(
    qtbot, open_window, tmp_path, monkeypatch
):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MLM_DESKTOP_DATA_DIR", str(blocker / "data"))
    controller = open_window(text=TEXT)
    failures = []
    controller.store.save_failed.connect(failures.append)
    with qtbot.waitSignal(controller.store.save_failed, timeout=RESULT_TIMEOUT_MS):
        qtbot.keyClicks(controller.window.editor, " one")
    controller.store.save_now()
    qtbot.keyClicks(controller.window.editor, " two")
    controller.store.save_now()
    assert len(failures) == 1
    message = controller.window.banner.message("sessionSave")
    assert message and "not being saved" in message and str(blocker) in message


def test_closing_saves_first_and_leaves_a_worker_that_would_not_stop(
    qtbot, open_window, tmp_path, monkeypatch
):
    from mlm_desktop.app import gui
    from mlm_desktop.app.worker import WorkerThread

    seen = {}

    class StuckWorker(WorkerThread):
        def shutdown(self, wait_ms=None):
            seen["wait_ms"] = wait_ms
            seen["saved first"] = _data_file(tmp_path).exists()
            super().shutdown()
            return False  # as if the job had not stopped in time

    controller = open_window(text=TEXT, worker=StuckWorker())
    controller.window.close()
    assert seen == {"wait_ms": 1000, "saved first": True}
    assert controller.worker_stopped is False
    exits = []
    monkeypatch.setattr(gui.os, "_exit", exits.append)
    gui.finish(controller, 0)
    assert exits == [0]
