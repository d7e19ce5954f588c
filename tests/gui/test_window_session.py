"""The window's state kept in plain Python: masks across edits, request ids, settings."""

from __future__ import annotations

import numpy as np
import pytest

from mlm_desktop.app.model_menu import cached_masked_lms, is_masked_lm_config
from mlm_desktop.app.session import Session
from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.spans import positions_for_spans, remap_spans, text_edit, token_spans

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def test_token_spans_number_tokens_that_share_characters():
    offsets = np.array([[0, 0], [0, 5], [6, 8], [6, 8], [0, 0]])
    assert token_spans(offsets) == [(0, 0, 0), (0, 5, 0), (6, 8, 0), (6, 8, 1), (0, 0, 1)]
    maskable = np.array([False, True, True, True, False])
    assert positions_for_spans(offsets, maskable, {(6, 8, 1), (0, 0, 0), (9, 9, 0)}) == (3,)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("abc def", "abc xdef", (4, 4, 5)),
        ("abc def", "abc de", (6, 7, 6)),
        ("aa", "aaa", (2, 2, 3)),
        ("same", "same", (4, 4, 4)),
    ],
)
def test_text_edit_is_the_middle_between_common_prefix_and_suffix(old, new, expected):
    assert text_edit(old, new) == expected


def test_masks_before_and_after_an_edit_survive_and_touching_ones_drop():
    old = "Abraham Lincoln won the election"
    spans = {(0, 7, 0), (8, 15, 0), (16, 19, 0), (24, 32, 0)}  # abraham lincoln won election
    new = "Abraham Lincolns won the election"  # edit touches "Lincoln"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (17, 20, 0), (25, 33, 0)}
    new = "Abraham Lincoln easily won the election"  # insertion between words
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (23, 26, 0), (31, 39, 0)}
    new = "Abraham Lincoln won the 1860 election"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (16, 19, 0), (29, 37, 0)}
    new = "Abraham Lincoln wonthe election"  # "won" merges with "the"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (23, 31, 0)}
    new = "Abraham Lincoln won the election!"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (16, 19, 0)}
    assert remap_spans(old, "", spans) == set()


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


def test_masked_lm_configs_are_recognised():
    assert is_masked_lm_config({"architectures": ["BertForMaskedLM"], "model_type": "bert"})
    assert is_masked_lm_config({"model_type": "roberta"})
    assert not is_masked_lm_config({"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"})
    assert not is_masked_lm_config(
        {"architectures": ["BertForSequenceClassification"], "model_type": "bert"}
    )


def _cache_repo(cache, repo_id, config_text, weights=True):
    folder = cache / f"models--{repo_id.replace('/', '--')}"
    blobs = folder / "blobs"
    snapshot = folder / "snapshots" / ("a" * 40)
    blobs.mkdir(parents=True)
    snapshot.mkdir(parents=True)
    (folder / "refs").mkdir()
    (folder / "refs" / "main").write_text("a" * 40)
    files = {"config.json": config_text}
    if weights:
        files["model.safetensors"] = "weights"
    for i, (name, content) in enumerate(files.items()):
        blob = blobs / f"{i:040d}"
        blob.write_text(content)
        (snapshot / name).symlink_to(blob)


def test_cached_masked_lms_lists_only_masked_lms_with_weights(tmp_path):
    cache = tmp_path / "hub"
    _cache_repo(cache, "org/tiny-bert", '{"architectures": ["BertForMaskedLM"]}')
    _cache_repo(cache, "gpt2", '{"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"}')
    _cache_repo(cache, "roberta-base", '{"model_type": "roberta"}')
    _cache_repo(cache, "no-weights", '{"model_type": "bert"}', weights=False)
    _cache_repo(cache, "broken", "{ not json")
    (cache / "not-a-repo").mkdir()
    assert cached_masked_lms(cache) == ["org/tiny-bert", "roberta-base"]


def test_cached_masked_lms_tolerates_a_missing_cache(tmp_path):
    assert cached_masked_lms(tmp_path / "nowhere") == []


def test_the_model_to_open_is_the_one_named_else_the_default_order(monkeypatch):
    from mlm_desktop.app.gui import choose_model
    from mlm_desktop.core import model_resolution

    assert choose_model("roberta-base", "last-one") == "roberta-base"
    assert choose_model(None, "last-one") == "last-one"
    monkeypatch.setattr(model_resolution, "in_hub_cache", lambda repo: True)
    assert choose_model(None, None) == "bert-base-uncased"
