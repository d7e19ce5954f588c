"""Pseudo-log-likelihood: batched chunks equal one masked copy at a time, run by the model itself."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import ANALYSES, pll
from mlm_desktop.core.analyses.pll_types import PllSettings
from mlm_desktop.core.errors import AnalysisCancelled
from mlm_desktop.core.pll_batch import ScoringText, copy_masks, score_texts

WORDY = "The unbelievable anticonstitutional cat sat on the mat."


@pytest.fixture(params=["bert", "roberta"])
def loaded(request, tiny_bert, tiny_roberta):
    return {"bert": tiny_bert, "roberta": tiny_roberta}[request.param]


_REFERENCE: dict = {}


def one_copy_at_a_time(loaded, text: str, whole_word: bool) -> list[float]:
    key = (loaded.name, text, whole_word)
    if key not in _REFERENCE:
        _REFERENCE[key] = _one_copy_at_a_time(loaded, text, whole_word)
    return _REFERENCE[key]


def _one_copy_at_a_time(loaded, text: str, whole_word: bool) -> list[float]:
    """The definition, written out: mask each non-special token (and, whole-word, the later
    pieces of its word) in its own copy; the full model's log-softmax at that token."""
    enc = loaded.tokenizer(text, return_special_tokens_mask=True, truncation=True,
                           max_length=loaded.max_length)
    ids, special, words = enc["input_ids"], enc["special_tokens_mask"], enc.word_ids()
    out = []
    for position, token in enumerate(ids):
        if special[position]:
            continue
        copy = list(ids)
        for later in range(position, len(ids)):
            same_word = words[later] is not None and words[later] == words[position]
            if later == position or (whole_word and same_word and not special[later]):
                copy[later] = loaded.tokenizer.mask_token_id
        with torch.no_grad():
            logits = loaded.model(input_ids=torch.tensor([copy])).logits[0, position]
        out.append(float(torch.log_softmax(logits.double(), dim=-1)[token]))
    return out


@pytest.mark.parametrize("whole_word", [False, True])
@pytest.mark.parametrize("batch_size", [None, 1, 3])
def test_batched_pll_equals_one_copy_at_a_time(loaded, notebook_text, whole_word, batch_size):
    request = pll.request_for_text(loaded, notebook_text, whole_word=whole_word)
    result = pll.run(loaded, request, batch_size=batch_size)
    expected = one_copy_at_a_time(loaded, notebook_text, whole_word)
    np.testing.assert_allclose(result.log_probs, expected, atol=1e-4)
    assert result.pll == pytest.approx(sum(expected), abs=1e-3)
    assert result.pseudo_perplexity == pytest.approx(math.exp(-sum(expected) / len(expected)),
                                                     rel=1e-4)
    assert len(result.positions) == len(expected)


def test_each_positions_top_k_is_its_own_masked_copys(tiny_bert):
    """The stored top-k at a position is predict's answer when only that token is masked."""
    parent = analyze(tiny_bert, AnalysisRequest(text=WORDY, top_k=5))
    result = pll.run(tiny_bert, pll.request_for(parent))
    for position in (1, 4, 7):
        single = analyze(tiny_bert, AnalysisRequest(text=WORDY, mask_positions=(position,),
                                                    top_k=5))
        labels, probs = result.single_mask_top(position)
        assert labels == single.top_labels[position]
        np.testing.assert_allclose(probs, single.top_probs[position], atol=1e-5)
        row = int(np.flatnonzero(result.positions == position)[0])
        assert result.log_probs[row] == pytest.approx(-float(single.per_token_loss[position]),
                                                      abs=1e-4)


def test_whole_word_masks_exactly_the_later_pieces(tiny_bert):
    request = pll.request_for_text(tiny_bert, WORDY, whole_word=True)
    text = ScoringText(np.asarray(request.input_ids), np.asarray(request.word_ids),
                       np.asarray(request.scored))
    pieces = {}
    for position in request.scored:
        pieces.setdefault(request.word_ids[position], []).append(position)
    assert any(len(p) > 2 for p in pieces.values()), request.tokens  # a word of 3+ pieces
    for position, masked in zip(request.scored, copy_masks(text, whole_word=True), strict=True):
        word = pieces[request.word_ids[position]]
        assert masked.tolist() == [p for p in word if p >= position]
    plain = copy_masks(text, whole_word=False)
    assert [m.tolist() for m in plain] == [[p] for p in request.scored]
    result = pll.run(tiny_bert, request)
    last_pieces = [word[-1] for word in pieces.values()]
    assert result.positions[result.single_mask].tolist() == sorted(last_pieces)


def test_special_and_typed_masks_are_not_scored(tiny_bert):
    request = pll.request_for_text(tiny_bert, "the [MASK] sat down")
    assert request.tokens[0] == "[CLS]" and request.tokens[2] == "[MASK]"
    assert request.scored == (1, 3, 4)


def test_nothing_to_score_has_no_pseudo_perplexity(tiny_bert):
    result = pll.run(tiny_bert, pll.request_for_text(tiny_bert, "[MASK]"))
    assert result.scored_count == 0 and result.pll == 0.0 and result.pseudo_perplexity is None


def test_a_cancelled_run_stops_between_chunks_and_returns_nothing(tiny_bert, notebook_text):
    request = pll.request_for_text(tiny_bert, notebook_text)
    seen = []
    asked = iter([False, False, True])
    with pytest.raises(AnalysisCancelled):
        pll.run(tiny_bert, request, cancelled=lambda: next(asked), batch_size=4,
                progress=lambda done, total: seen.append((done, total)))
    total = len(request.scored)
    assert seen == [(0, total), (4, total)]


def test_progress_counts_every_copy(tiny_bert, notebook_text):
    request = pll.request_for_text(tiny_bert, notebook_text)
    seen = []
    pll.run(tiny_bert, request, batch_size=16, progress=lambda d, t: seen.append(d))
    assert seen[0] == 0 and seen[-1] == len(request.scored) and seen == sorted(seen)


def test_texts_of_different_lengths_batched_together_score_as_alone(loaded):
    texts = ["The cat sat on the mat.", "Paris is the capital of France, they said.", "Hi"]
    requests = [pll.request_for_text(loaded, t) for t in texts]
    together = score_texts(loaded, [ScoringText(np.asarray(r.input_ids), np.asarray(r.word_ids),
                                                np.asarray(r.scored)) for r in requests],
                           batch_size=7)
    for text, scores in zip(texts, together, strict=True):
        np.testing.assert_allclose(scores.log_probs, one_copy_at_a_time(loaded, text, False),
                                   atol=1e-4)


def test_the_unit_follows_the_masked_lm_result(tiny_bert):
    unit = ANALYSES["pll"]
    assert unit.follows == "masked_lm"
    parent = analyze(tiny_bert, AnalysisRequest(text=WORDY, mask_positions=(2,)))
    request = unit.request_for(parent, None, PllSettings(whole_word=True))
    assert request.whole_word and request.input_ids == tuple(parent.input_ids.tolist())
    result = unit.run(tiny_bert, request)
    assert isinstance(result, unit.result_type) and 2 in result.positions.tolist()
    ranked = result.ranked(3, most_expected=True)
    assert [lp for _, _, lp in ranked] == sorted(result.log_probs.tolist(), reverse=True)[:3]


def test_chunks_are_sized_by_the_memory_at_hand(monkeypatch, tiny_bert):
    from mlm_desktop.core import pll_batch

    assert pll_batch.chunk_size(tiny_bert, 64) == pll_batch.CPU_TOKEN_BUDGET // 64
    assert pll_batch.chunk_size(tiny_bert, 10**6) == 1  # always at least one copy
    on_gpu = dataclasses.replace(tiny_bert, device="cuda")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    free = {"bytes": 8 * 2**30}
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda: (free["bytes"], 80 * 2**30))
    large = pll_batch.chunk_size(on_gpu, 64)
    assert large > pll_batch.CPU_TOKEN_BUDGET // 64
    free["bytes"] //= 4
    assert pll_batch.chunk_size(on_gpu, 64) < large  # less free memory, smaller chunks


@pytest.mark.parametrize("family", ["bert", "roberta"])
def test_a_single_mask_prediction_read_from_the_scoring_pass_is_predicts(family, tiny_bert,
                                                                          tiny_roberta):
    """What clicking one token would show, without a new forward pass: the same candidates,
    probabilities, logits, original rank and probability as the masked-LM pass."""
    lm = {"bert": tiny_bert, "roberta": tiny_roberta}[family]
    parent = analyze(lm, AnalysisRequest(text=WORDY, top_k=6))
    result = pll.run(lm, pll.request_for(parent))
    for position in result.positions.tolist():
        single = analyze(lm, AnalysisRequest(text=WORDY, mask_positions=(position,), top_k=6))
        expected = single.prediction_at(position)
        got = result.single_mask_prediction(position)
        assert (got.position, got.original, got.original_id, got.original_rank) == (
            expected.position, expected.original, expected.original_id, expected.original_rank)
        assert got.original_probability == pytest.approx(expected.original_probability, rel=1e-4)
        assert [c.id for c in got.candidates] == [c.id for c in expected.candidates]
        assert [c.label for c in got.candidates] == [c.label for c in expected.candidates]
        for a, b in zip(got.candidates, expected.candidates, strict=True):
            assert a.probability == pytest.approx(b.probability, abs=1e-5)
            assert a.logit == pytest.approx(b.logit, abs=1e-3)
    assert result.single_mask_prediction(0) is None  # [CLS] / <s> is not scored


def test_whole_word_copies_give_no_single_mask_prediction_for_earlier_pieces(tiny_bert):
    result = pll.run(tiny_bert, pll.request_for_text(tiny_bert, WORDY, whole_word=True))
    for row, position in enumerate(result.positions.tolist()):
        assert (result.single_mask_prediction(position) is None) == (not result.single_mask[row])
