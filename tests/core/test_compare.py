"""Two models on one text: alignment by characters, and numbers equal to each model's own pass."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.compare import (
    compare,
    compare_models,
    covering_spans,
    guess,
    run_second,
    second_request,
)
from mlm_desktop.core.errors import InputError
from mlm_desktop.core.tokens import tokenize

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
# BERT (uncased WordPiece): [CLS] after abraham lincoln won ... ; 2 = "abraham", 3 = "lincoln"
ABRAHAM, LINCOLN = 2, 3


@pytest.fixture(scope="module")
def pair(tiny_bert, tiny_roberta):
    """BERT with "abraham" and "lincoln" masked, RoBERTa with the same characters masked."""
    return compare_models(tiny_bert, tiny_roberta, AnalysisRequest(TEXT, mask_positions=(ABRAHAM, LINCOLN)))


def _positions_covering(result, start, end):
    return [i for i, (s, e) in enumerate(result.offsets.tolist())
            if not result.special_mask[i] and s < end and start < max(e, s + 1)]


def test_the_second_model_masks_its_tokens_over_the_same_characters(pair):
    a, b = pair.a, pair.b
    assert a.mask_positions.tolist() == [ABRAHAM, LINCOLN]
    abraham = (TEXT.index("Abraham"), TEXT.index("Abraham") + 7)
    lincoln = (TEXT.index("Lincoln"), TEXT.index("Lincoln") + 7)
    expected = _positions_covering(b, *abraham) + _positions_covering(b, *lincoln)
    # byte-level BPE splits "Abraham" into pieces; all of them are masked
    assert len(_positions_covering(b, *abraham)) > 1
    assert b.mask_positions.tolist() == expected
    masked_chars_b = {c for p in expected for c in range(*b.offsets[p])}
    assert masked_chars_b == set(range(*abraham)) | set(range(*lincoln))


def test_a_word_split_differently_is_reported_as_differing(pair):
    by_text = {w.text: w for w in pair.words}
    assert not by_text["Abraham"].same_split
    assert by_text["Abraham"].a_positions == (ABRAHAM,)
    assert len(by_text["Abraham"].b_positions) == 3
    assert by_text["Lincoln"].same_split  # one token in both: "lincoln", "ĠLincoln"
    assert by_text["Abraham"] in pair.split_differently
    assert by_text["Lincoln"] not in pair.split_differently
    masked = {w.text: w for w in pair.masked}
    assert list(masked) == ["Abraham", "Lincoln"]
    assert not masked["Abraham"].same_split and masked["Lincoln"].same_split


def test_words_cover_every_token_of_both_models_once(pair):
    for result, side in ((pair.a, "a_positions"), (pair.b, "b_positions")):
        listed = sorted(p for w in pair.words for p in getattr(w, side))
        assert listed == np.flatnonzero(~result.special_mask).tolist()
    assert [w.text for w in pair.words][:4] == ["After", "Abraham", "Lincoln", "won"]
    for w in pair.words:
        assert TEXT[w.start:w.end] == w.text


def test_the_numbers_are_each_models_own_analysis(pair, tiny_bert, tiny_roberta):
    alone_a = analyze(tiny_bert, AnalysisRequest(TEXT, mask_positions=(ABRAHAM, LINCOLN)))
    alone_b = analyze(tiny_roberta, AnalysisRequest(TEXT, mask_positions=tuple(pair.b.mask_positions)))
    for mine, alone in ((pair.a, alone_a), (pair.b, alone_b)):
        np.testing.assert_allclose(mine.per_token_loss, alone.per_token_loss, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(mine.top_ids, alone.top_ids)
        np.testing.assert_allclose(mine.top_probs, alone.top_probs, rtol=1e-5, atol=1e-7)
        assert mine.loss_masked == pytest.approx(alone.loss_masked, rel=1e-5)
        assert mine.loss_all == pytest.approx(alone.loss_all, rel=1e-5)
    for w in pair.words:
        assert w.a_loss == pytest.approx(float(alone_a.per_token_loss[list(w.a_positions)].sum()), rel=1e-5)
        assert w.b_loss == pytest.approx(float(alone_b.per_token_loss[list(w.b_positions)].sum()), rel=1e-5)


def test_guesses_and_agreement(pair):
    for w in pair.masked:
        assert w.a_guess == "".join(pair.a.top_labels[p][0].removeprefix("##") for p in w.a_positions)
        assert w.b_guess == "".join(pair.b.top_labels[p][0] for p in w.b_positions)
        assert w.agree == (w.a_guess.casefold() == w.b_guess.casefold())
    assert pair.agreements == sum(w.agree for w in pair.masked)


def test_the_same_model_twice_agrees_everywhere(tiny_bert):
    both = compare_models(tiny_bert, tiny_bert, AnalysisRequest(TEXT, mask_positions=(2, 3, 6)))
    assert all(w.same_split for w in both.words)
    assert both.split_differently == ()
    assert [w.agree for w in both.masked] == [True, True, True]
    assert both.b.mask_positions.tolist() == [2, 3, 6]


def test_whole_word_masks_whole_words_in_the_second_model(tiny_roberta, tiny_bert):
    a = analyze(tiny_bert, AnalysisRequest(TEXT, mask_positions=(ABRAHAM,)))
    b = run_second(tiny_roberta, second_request(a, whole_word=True))
    start = TEXT.index("Abraham")
    assert b.mask_positions.tolist() == _positions_covering(b, start, start + 7)


def test_a_partial_piece_masks_every_overlapping_token(tiny_roberta):
    tokenized = tokenize(tiny_roberta.tokenizer, TEXT, tiny_roberta.max_length)
    start = TEXT.index("Abraham") + 1  # "bra…": inside the word
    spans = covering_spans(tokenized, {(start, start + 3, 0)})
    # byte-level BPE: "ĠA" (6, 7), "bra" (7, 10), "ham" (10, 13)
    assert spans == {(7, 10, 0)}
    assert covering_spans(tokenized, {(6, 11, 0)}) == {(6, 7, 0), (7, 10, 0), (10, 13, 0)}


def test_different_texts_are_refused(tiny_bert):
    a = analyze(tiny_bert, AnalysisRequest(TEXT))
    b = analyze(tiny_bert, AnalysisRequest(TEXT + " More."))
    with pytest.raises(InputError, match="different texts"):
        compare(a, b)


def test_no_masks_gives_no_masked_words_and_every_loss(tiny_bert, tiny_roberta):
    both = compare_models(tiny_bert, tiny_roberta, AnalysisRequest(TEXT))
    assert both.masked == () and both.agreements == 0
    assert both.b.mask_positions.tolist() == []
    assert all(not math.isnan(w.a_loss) and not math.isnan(w.b_loss) for w in both.words)


def test_guess_strips_wordpiece_continuations(pair):
    assert guess(pair.a, ()) == ""
