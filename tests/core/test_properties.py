"""Properties of the core on random texts and mask sets (hypothesis), on a tiny BERT and RoBERTa.

Texts mix words, astral characters (emoji, skin tones), combining marks,
control and format characters, CJK, typed mask and special tokens, and odd
white space; some are long enough to be truncated.

"Visible" characters, the ones token offsets must cover: every character of
the analysed part of the text (up to the end of the last kept token) that
Python does not count as white space (``str.isspace``), except those the
tokenizer's normalizer deletes before it splits the text. RoBERTa's byte-level
tokenizer deletes nothing. BERT's normalizer deletes control, format,
unassigned and private-use characters (Unicode categories ``C*``, but not tab,
newline and carriage return, which are white space), U+FFFD, and after NFD
every non-spacing mark (``Mn``: accents, variation selectors), as it strips
accents. Those characters belong to no token.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlm_desktop.core import AnalysisRequest, InputError, analyze
from mlm_desktop.core import tokens as tokens_module
from mlm_desktop.core.token_text import with_own_mask
from mlm_desktop.core.tokens import tokenize

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

WORDS = [
    "the", "cat", "sat", "Paris", "capital", "unbelievably", "naïve", "café", "e\u0301",
    "[MASK]", "<mask>", "[CLS]", "it's", "1860", "東京", "👍", "👍🏽", "🙂🙂", "👩\u200d💻",
    "a\u0300\u0301\u0302", "İstanbul", "ﬁ", "x\u0007y", "\u00a0", "\u2028", "\u200b",
]
SPECIAL_CHARS = (
    [chr(c) for c in range(0x00, 0x20)]  # control, with tab and newlines
    + ["\x7f", "\x85", "\ufeff", "\ufffd", "\ue000", "\u0378"]  # DEL, NEL, BOM, FFFD, private, unassigned
    + [chr(c) for c in range(0x0300, 0x0310)]  # combining marks
    + ["\U0001f600", "\U0001f3fb", "\U00010348", "\U0001d54f", "\ufe0f"]  # astral, modifier, selector
)
CHARS = st.one_of(
    st.sampled_from(list("abcdefghij      ,.'!?-")),
    st.sampled_from(SPECIAL_CHARS),
    st.characters(exclude_categories=("Cs",)),
)
PIECES = st.one_of(st.sampled_from(WORDS).map(lambda w: f" {w} "), CHARS, st.sampled_from(WORDS))
TEXTS = st.builds(
    lambda pieces, repeat: "".join(pieces) * repeat,
    st.lists(PIECES, min_size=1, max_size=30),
    st.sampled_from([1, 1, 1, 2, 40]),
).filter(lambda text: not text.isspace())


@pytest.fixture(scope="module", params=["bert", "roberta"])
def lm(request):
    """Each tiny model, built once for the whole test session (see conftest)."""
    return request.getfixturevalue(f"tiny_{request.param}")


def _is_bert(lm) -> bool:
    return lm.mask_token == "[MASK]"


def _visible(char: str, bert: bool) -> bool:
    if char.isspace():
        return False
    if not bert:
        return True
    if char == "\ufffd" or unicodedata.category(char).startswith("C"):
        return False
    return unicodedata.category(unicodedata.normalize("NFD", char)[0]) != "Mn"


@SETTINGS
@given(text=TEXTS, data=st.data())
def test_any_text_and_mask_set_gives_a_sound_result(lm, text, data):
    tok = tokenize(lm.tokenizer, text, lm.max_length)
    maskable = np.flatnonzero(tok.maskable).tolist()
    chosen = data.draw(st.lists(st.sampled_from(maskable), max_size=8) if maskable else st.just([]))
    random_part = data.draw(st.one_of(st.none(), st.floats(0, 1)))
    request = AnalysisRequest(
        text, mask_positions=tuple(chosen), random_probability=random_part,
        seed=data.draw(st.integers(0, 2**31 - 1)), whole_word=data.draw(st.booleans()), top_k=7,
    )
    r = analyze(lm, request)

    # masked positions are never special tokens
    assert not r.special_mask[r.mask_positions].any()
    assert not r.special_mask[r.prediction_positions].any()
    assert set(chosen) <= set(r.mask_positions.tolist())
    # losses are finite wherever they are defined (NaN only at masks typed into the text)
    assert np.isfinite(r.per_token_loss[~r.typed_mask]).all()
    assert np.isnan(r.per_token_loss[r.typed_mask]).all()
    assert np.isfinite(r.loss_all)
    assert (r.loss_masked is None) == (r.mask_positions.size == 0)
    assert r.loss_masked is None or np.isfinite(r.loss_masked)
    # top-k probabilities: sorted, in [0, 1], summing to at most 1
    assert (np.diff(r.top_probs, axis=1) <= 0).all()
    assert (r.top_probs >= 0).all() and (r.top_probs.sum(axis=1) <= 1 + 1e-6).all()
    _check_offsets(lm, tok, text)


def _check_offsets(lm, tok, text: str) -> None:
    """Token offsets are in order, within the text, and cover its visible characters."""
    spans = tok.offsets.tolist()
    kept = [s for s, special in zip(spans, tok.special_mask.tolist(), strict=True) if not special]
    assert all(0 <= start <= end <= len(text) for start, end in spans)
    starts = [start for start, _ in kept]
    ends = [end for _, end in kept]
    assert starts == sorted(starts) and ends == sorted(ends)
    analysed = tok.analysed_chars if tok.truncated_tokens else len(text)
    covered = np.zeros(len(text) + 1, dtype=bool)
    for start, end in spans:
        covered[start:end] = True
    bert = _is_bert(lm)
    missed = [
        (i, f"U+{ord(c):04X}") for i, c in enumerate(text[:analysed])
        if _visible(c, bert) and not covered[i]
    ]
    assert not missed, f"characters in no token: {missed[:5]}"


@SETTINGS
@given(text=TEXTS, positions=st.lists(st.integers(0, 300), max_size=6))
def test_any_position_either_works_or_is_a_plain_input_error(lm, text, positions):
    try:
        r = analyze(lm, AnalysisRequest(text, mask_positions=tuple(positions), top_k=3))
    except InputError as exc:
        assert "special token" in str(exc) or "outside the text" in str(exc)
    else:
        typed = r.typed_mask.tolist()
        assert sorted(p for p in set(positions) if not typed[p]) == r.mask_positions.tolist()


@SETTINGS
@given(text=TEXTS, chars_per_token=st.sampled_from([1, 2, 3, 7]))
def test_reading_a_prefix_is_the_same_as_reading_everything(lm, text, chars_per_token):
    saved = tokens_module.PREFIX_CHARS_PER_TOKEN
    tokens_module.PREFIX_CHARS_PER_TOKEN = chars_per_token
    try:
        tokens_module._tokenize.cache_clear()
        tok = tokenize(lm.tokenizer, text, lm.max_length)
    finally:
        tokens_module.PREFIX_CHARS_PER_TOKEN = saved
        tokens_module._tokenize.cache_clear()
    # a typed mask of either spelling is read as the model's own
    own, where = with_own_mask(text, lm.tokenizer.mask_token)
    whole = lm.tokenizer(
        own, truncation=True, max_length=lm.max_length, return_offsets_mapping=True
    )
    assert tok.input_ids.tolist() == whole["input_ids"]
    assert [tuple(o) for o in tok.offsets.tolist()] == [
        (int(where[s]), int(where[e])) for s, e in whole["offset_mapping"]]
    assert tok.word_ids.tolist() == [-1 if w is None else w for w in whole.word_ids()]
