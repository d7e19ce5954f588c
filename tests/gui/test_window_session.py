"""The window's state kept in plain Python: masks across edits, request ids, settings."""

from __future__ import annotations

from mlm_desktop.app.session import Session
from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.spans import positions_for_spans, token_spans

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _analyse(loaded, session, random_mask=False):
    request, spans = session.next_request(random_mask=random_mask)
    if spans is not None:
        from mlm_desktop.core.tokens import tokenize

        tok = tokenize(loaded.tokenizer, request.text, loaded.max_length)
        request = AnalysisRequest(
            request.text,
            positions_for_spans(tok.offsets, tok.maskable, spans),
            request.random_probability,
            request.seed,
            request.whole_word,
            request.top_k,
            request_id=request.request_id,
        )
    return analyze(loaded, request)


def test_session_accepts_only_the_latest_request(tiny_bert):
    session = Session(text=TEXT)
    first = _analyse(tiny_bert, session)
    second = _analyse(tiny_bert, session)
    assert not session.accept(first)
    assert session.accept(second)
    assert session.result is second
    session.set_text(TEXT + " More.")  # an edit makes results on their way stale
    assert not session.is_latest(second.request_id)


def test_session_toggles_one_token_a_range_and_a_whole_word(tiny_bert):
    session = Session(text="The secessionist forces attacked the fort.")
    assert session.accept(_analyse(tiny_bert, session))
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
    assert session.accept(_analyse(tiny_bert, session))
    lincoln = session.result.tokens.index("lincoln")
    session.toggle(lincoln)
    session.toggle(session.result.tokens.index("election"))
    # the editor reports each edit as it happens
    session.set_text("Yesterday, " + TEXT)
    session.set_text("Yesterday, " + TEXT.replace("election", "elections"))
    result = _analyse(tiny_bert, session)
    assert session.accept(result)
    assert [result.tokens[p] for p in result.mask_positions] == ["lincoln"]


def test_session_uses_positions_given_up_front_once(tiny_bert):
    session = Session(text=TEXT, pending_positions=(3, 4))
    request, spans = session.next_request()
    assert spans is None and request.mask_positions == (3, 4)
    result = analyze(tiny_bert, request)
    assert session.accept(result)
    assert session.pending_positions is None
    assert session.masked_positions() == (3, 4)
    _request, spans = session.next_request()
    assert spans == frozenset(token_spans(result.offsets)[p] for p in (3, 4))


def test_session_random_request_carries_probability_and_seed():
    session = Session(text=TEXT, mask_probability=0.3, seed=11, top_k=7, whole_word=True)
    request, spans = session.next_request(random_mask=True)
    assert spans is None
    assert (request.random_probability, request.seed, request.top_k) == (0.3, 11, 7)
    assert request.whole_word


def test_settings_round_trip_through_an_ini_file(app_settings, reopen_settings):
    app_settings.last_text = "Paris is nice."
    app_settings.last_mask_spans = {(6, 8, 0), (0, 5, 0)}
    app_settings.top_k = 9
    app_settings.whole_word = True
    app_settings.mask_probability = 0.3
    for i in range(10):
        app_settings.add_recent_model(f"model-{i}")
    app_settings.add_recent_model("model-3")
    app_settings.sync()
    again = reopen_settings()
    assert again.last_text == "Paris is nice."
    assert again.last_mask_spans == {(0, 5, 0), (6, 8, 0)}
    assert again.top_k == 9 and again.whole_word and again.mask_probability == 0.3
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
