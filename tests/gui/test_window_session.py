"""The window's state kept in plain Python: masks across edits, request ids, settings."""

from __future__ import annotations

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
