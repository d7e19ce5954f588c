"""Joint filling: every step checked against the model run by hand with the partial fill in place."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch

from mlm_desktop.core import AnalysisRequest, InputError, analyze
from mlm_desktop.core.analyses import ANALYSES, joint_fill
from mlm_desktop.core.analyses.joint_fill_types import FillSettings
from mlm_desktop.core.errors import AnalysisCancelled

MASK = (3, 4, 8)
ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France. <mask> café"


def _fill(lm, parent, width=1, **kwargs):
    return joint_fill.run(lm, joint_fill.request_for(parent, None, FillSettings(width)), **kwargs)


def _log_probs_by_hand(lm, ids) -> torch.Tensor:
    """(T, V) log-probabilities from a plain transformers forward of ``ids``."""
    with torch.no_grad():
        return lm.model(input_ids=torch.tensor(ids)[None]).logits[0].float().log_softmax(-1)


@pytest.fixture(scope="module")
def bert_parent(tiny_bert, notebook_text):
    return analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASK))


@pytest.fixture(scope="module")
def roberta_parent(tiny_roberta):
    parent = analyze(tiny_roberta, AnalysisRequest(ROBERTA_TEXT, mask_positions=(2, 5)))
    assert parent.typed_mask_positions.size == 1
    return parent


@pytest.fixture(params=["bert", "roberta"])
def family(request, tiny_bert, tiny_roberta, bert_parent, roberta_parent):
    return {"bert": (tiny_bert, bert_parent), "roberta": (tiny_roberta, roberta_parent)}[request.param]


def test_the_unit_is_registered_as_a_follow_up_of_the_masked_lm_pass():
    unit = ANALYSES["joint_fill"]
    assert unit.follows == "masked_lm" and unit.run.resolve() is joint_fill.run


def test_the_first_fill_is_the_independent_argmax_at_the_most_confident_mask(family):
    lm, parent = family
    positions = parent.prediction_positions.tolist()
    logp = _log_probs_by_hand(lm, parent.masked_input_ids.tolist())[positions]
    best_logp, best_ids = logp.max(-1)
    first = int(best_logp.argmax())
    result = _fill(lm, parent)
    assert result.positions.tolist() == positions and result.num_masks == len(positions) >= 3
    assert result.special_positions.tolist() == np.flatnonzero(parent.special_mask).tolist()
    assert result.mask_positions.tolist() == parent.mask_positions.tolist()
    assert int(result.greedy.order[0]) == positions[first]
    assert int(result.greedy.ids[0]) == int(best_ids[first]) == int(parent.top_ids[positions[first], 0])
    assert result.greedy.probabilities[0] == pytest.approx(math.exp(float(best_logp[first])), rel=1e-5)


def test_each_step_reruns_the_model_with_the_earlier_fills_in_place(family):
    lm, parent = family
    result = _fill(lm, parent)
    ids = parent.masked_input_ids.tolist()
    remaining = parent.prediction_positions.tolist()
    for step in range(result.num_masks):
        logp = _log_probs_by_hand(lm, ids)[remaining]
        best_logp, best_ids = logp.max(-1)
        row = int(best_logp.argmax())
        position, token = remaining[row], int(best_ids[row])
        assert int(result.greedy.order[step]) == position
        assert int(result.greedy.ids[step]) == token
        assert result.greedy.probabilities[step] == pytest.approx(
            math.exp(float(best_logp[row])), rel=1e-5)
        ids[position] = token
        remaining.remove(position)
    assert result.greedy.sentence_ids.tolist() == ids
    assert sorted(result.greedy.order.tolist()) == result.positions.tolist()
    assert result.greedy.logprob == pytest.approx(float(np.log(result.greedy.probabilities).sum()),
                                                  abs=1e-4)
    tokens = lm.tokenizer.convert_ids_to_tokens(result.greedy.ids.tolist())
    assert result.greedy.tokens == tuple(tokens)
    assert result.greedy.text == lm.tokenizer.decode(ids, skip_special_tokens=True).strip()


def test_the_argmax_sentence_is_the_masked_lm_results_top_1_at_every_mask(family):
    lm, parent = family
    result = _fill(lm, parent)
    positions = parent.prediction_positions
    argmax = result.argmax
    assert argmax.order.tolist() == positions.tolist()
    np.testing.assert_array_equal(argmax.sentence_ids[positions], parent.top_ids[positions, 0])
    keep = np.setdiff1d(np.arange(parent.num_tokens), positions)
    np.testing.assert_array_equal(argmax.sentence_ids[keep], parent.input_ids[keep])
    assert argmax.logprob == pytest.approx(float(np.log(parent.top_probs[positions, 0]).sum()),
                                           rel=1e-5)
    differs = result.greedy.sentence_ids[positions] != parent.top_ids[positions, 0]
    np.testing.assert_array_equal(result.differs(), differs)


def test_a_beam_of_width_1_is_the_greedy_fill(family):
    lm, parent = family
    request = joint_fill.request_for(parent, None, FillSettings(1))
    greedy = joint_fill.greedy_fill(lm, request.masked_input_ids, request.positions)
    (beam,) = joint_fill.beam_fill(lm, request.masked_input_ids, request.positions, 1)
    assert [(s.position, s.token_id) for s in beam.steps] == \
        [(s.position, s.token_id) for s in greedy.steps]
    assert beam.score == pytest.approx(greedy.score, abs=1e-4)
    result = _fill(lm, parent, 1)
    assert result.beam is result.greedy


@pytest.mark.parametrize("width", [3, 5])
def test_the_beams_best_scores_at_least_greedy_and_its_score_is_its_paths(family, width):
    lm, parent = family
    result = _fill(lm, parent, width)
    assert result.beam_width == width
    assert result.beam.logprob >= result.greedy.logprob - 1e-6
    # the beam's score is the summed log-probability of its steps, each rerun by hand
    ids, total = parent.masked_input_ids.tolist(), 0.0
    for position, token in zip(result.beam.order.tolist(), result.beam.ids.tolist(), strict=True):
        total += float(_log_probs_by_hand(lm, ids)[position, token])
        ids[position] = token
    assert result.beam.logprob == pytest.approx(total, abs=1e-4)
    assert result.beam.sentence_ids.tolist() == ids


def test_the_beam_keeps_distinct_fills_best_first(tiny_bert, bert_parent):
    request = joint_fill.request_for(bert_parent, None, FillSettings(4))
    beam = joint_fill.beam_fill(tiny_bert, request.masked_input_ids, request.positions, 4)
    assert len(beam) == 4 and len({h.ids for h in beam}) == 4
    scores = [h.score for h in beam]
    assert scores == sorted(scores, reverse=True)
    assert all(not h.remaining for h in beam)


def test_progress_is_reported_per_step_and_a_cancel_stops_between_steps(tiny_bert, bert_parent):
    seen: list[tuple[int, int]] = []
    _fill(tiny_bert, bert_parent, 3, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(step, 6) for step in range(1, 7)]
    steps: list[int] = []
    with pytest.raises(AnalysisCancelled):
        _fill(tiny_bert, bert_parent, 1, cancelled=lambda: len(steps) >= 1,
              progress=lambda done, _total: steps.append(done))
    assert steps == [1]


def test_without_masks_there_is_nothing_to_fill(tiny_bert, notebook_text):
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text))
    result = _fill(tiny_bert, parent, 3)
    assert result.num_masks == 0 and result.greedy.num_steps == 0
    assert result.greedy.sentence_ids.tolist() == parent.input_ids.tolist()
    assert result.greedy.logprob == 0.0 and any("nothing to fill" in n for n in result.notes)


@pytest.mark.parametrize("width, message", [(0, "beam width"), (6, "beam width"),
                                            ("3", "beam width")])
def test_a_beam_width_outside_1_to_5_is_refused(width, message):
    with pytest.raises(InputError, match=message):
        FillSettings(width)


def test_ids_of_another_models_vocabulary_are_refused(tiny_bert, bert_parent):
    request = joint_fill.request_for(bert_parent)
    ids = list(request.masked_input_ids)
    ids[1] = 10**6
    with pytest.raises(InputError, match="tokenized for another model"):
        joint_fill.run(tiny_bert, dataclasses.replace(request, masked_input_ids=tuple(ids)))


def test_a_text_longer_than_the_model_reads_is_refused(tiny_roberta, tiny_bert):
    """A fill asked of a result of a model that reads more tokens (as after a model switch)."""
    # characters the BERT vocabulary lacks: every token is [UNK], an id RoBERTa's vocabulary has
    parent = analyze(tiny_bert, AnalysisRequest("\u2603 " * 200, mask_positions=MASK))
    assert parent.num_tokens > tiny_roberta.max_length
    assert max(parent.masked_input_ids) < tiny_roberta.model.get_input_embeddings().num_embeddings
    with pytest.raises(InputError, match="tokenized for another model"):
        joint_fill.run(tiny_roberta, joint_fill.request_for(parent))
