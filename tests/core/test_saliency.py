"""Saliency: integrated gradients' completeness, gradient × input against autograd, the defaults.

Completeness is checked on "sharp" copies of the tiny models (weights drawn
with a standard deviation of 0.5 instead of 0.02): the tiny random models are
nearly linear in their embeddings, so any path integral would pass there.
Tolerance: at 50 steps the attributions sum to f(input) - f(baseline) within
5% of that difference (measured: 2.6% for BERT, 0.4% for RoBERTa).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from transformers import AutoModelForMaskedLM, AutoTokenizer

from mlm_desktop.core import AnalysisRequest, InputError, analyze, load_model
from mlm_desktop.core.analyses import ANALYSES, saliency
from mlm_desktop.core.analyses.saliency_types import SaliencyRequest, SaliencySettings
from mlm_desktop.core.errors import AnalysisCancelled

ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France."
MASKS = {"bert": (3, 4, 8), "roberta": (2, 5)}
COMPLETENESS_TOLERANCE = 0.05


def _sharp(source, folder, scale: float = 0.5):
    """A copy of a tiny model with larger random weights, so it is far from linear."""
    model = AutoModelForMaskedLM.from_pretrained(source)
    torch.manual_seed(1)
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.dim() >= 2:
                parameter.normal_(0.0, scale)
    model.save_pretrained(folder)
    AutoTokenizer.from_pretrained(source).save_pretrained(folder)
    return load_model(str(folder), device="cpu")


def _text(name, notebook_text):
    return notebook_text if name == "bert" else ROBERTA_TEXT


@pytest.fixture(params=["bert", "roberta"])
def family(request, tiny_bert, tiny_roberta, notebook_text):
    lm = {"bert": tiny_bert, "roberta": tiny_roberta}[request.param]
    parent = analyze(lm, AnalysisRequest(_text(request.param, notebook_text),
                                         mask_positions=MASKS[request.param]))
    return lm, parent


@pytest.fixture(params=["bert", "roberta"])
def sharp_family(request, tmp_path_factory, tiny_bert_dir, tiny_roberta_dir, notebook_text):
    source = {"bert": tiny_bert_dir, "roberta": tiny_roberta_dir}[request.param]
    lm = _sharp(source, tmp_path_factory.mktemp(f"sharp-{request.param}"))
    parent = analyze(lm, AnalysisRequest(_text(request.param, notebook_text),
                                         mask_positions=MASKS[request.param]))
    return lm, parent


def _log_prob_by_hand(lm, ids: torch.Tensor, position: int, candidate: int) -> float:
    with torch.no_grad():
        logits = lm.model(input_ids=ids[None]).logits[0, position]
    return float(torch.log_softmax(logits, -1)[candidate])


def test_the_unit_is_a_follow_up_of_the_masked_lm_pass():
    unit = ANALYSES["saliency"]
    assert unit.follows == "masked_lm" and unit.run.resolve() is saliency.run


def test_integrated_gradients_are_complete_within_five_percent_at_50_steps(sharp_family):
    lm, parent = sharp_family
    result = saliency.run(lm, saliency.request_for(parent, None, SaliencySettings(steps=50)))
    ids = torch.tensor(parent.masked_input_ids)
    mask_id = lm.tokenizer.mask_token_id
    baseline = torch.where(torch.tensor(parent.special_mask), ids, torch.full_like(ids, mask_id))
    assert baseline[0] == ids[0] and baseline[-1] == ids[-1] and (baseline[1:-1] == mask_id).all()
    f_input = _log_prob_by_hand(lm, ids, result.position, result.candidate_id)
    f_baseline = _log_prob_by_hand(lm, baseline, result.position, result.candidate_id)
    assert result.log_prob == pytest.approx(f_input, abs=1e-4)
    assert result.baseline_log_prob == pytest.approx(f_baseline, abs=1e-4)
    difference = f_input - f_baseline
    assert abs(difference) > 0.3, "the sharp model should move the log-probability"
    total = float(result.attributions.astype(np.float64).sum())
    assert abs(total - difference) <= COMPLETENESS_TOLERANCE * abs(difference)
    assert result.delta == pytest.approx(total - (result.log_prob - result.baseline_log_prob),
                                         abs=1e-3)


def test_integrated_gradients_give_masked_positions_nothing(family):
    lm, parent = family
    result = saliency.run(lm, saliency.request_for(parent, None, SaliencySettings(steps=20)))
    # the baseline holds the mask token where the input does: no path, no attribution
    assert np.all(result.attributions[parent.mask_positions] == 0)
    assert result.attributions.shape == (parent.num_tokens,) and result.attributions.dtype == np.float32
    total = float(result.attributions.sum())
    assert total == pytest.approx(result.log_prob - result.baseline_log_prob, abs=1e-4)


def test_gradient_times_input_equals_autograd_by_hand(family):
    lm, parent = family
    settings = SaliencySettings(position=int(parent.mask_positions[-1]), method="gxi")
    result = saliency.run(lm, saliency.request_for(parent, None, settings))
    assert result.position == settings.position and result.baseline_log_prob is None
    ids = torch.tensor(parent.masked_input_ids)[None]
    embedded = lm.model.get_input_embeddings()(ids).detach().requires_grad_(True)
    logits = lm.model(inputs_embeds=embedded).logits[0, result.position]
    log_prob = torch.log_softmax(logits, -1)[result.candidate_id]
    (gradient,) = torch.autograd.grad(log_prob, embedded)
    expected = (gradient * embedded).sum(-1)[0].detach().numpy()
    np.testing.assert_allclose(result.attributions, expected, rtol=1e-4, atol=1e-7)
    assert result.log_prob == pytest.approx(float(log_prob.detach()), abs=1e-5)


def test_the_default_candidate_is_the_top_1_at_the_first_masked_position(family):
    lm, parent = family
    request = saliency.request_for(parent)
    first = int(parent.prediction_positions[0])
    assert request.position == first and request.positions == tuple(parent.prediction_positions)
    assert request.candidate_id == int(parent.top_ids[first, 0])
    assert request.candidate_label == parent.top_labels[first][0]
    assert request.choice_ids == tuple(parent.top_ids[first].tolist())
    assert (request.method, request.steps) == ("ig", 32)
    result = saliency.run(lm, request)
    assert result.candidate_id == int(parent.top_ids[first, 0])
    assert result.log_prob == pytest.approx(float(np.log(parent.top_probs[first, 0])), abs=1e-4)


def test_a_chosen_candidate_applies_only_at_its_own_position(family):
    lm, parent = family
    second = int(parent.prediction_positions[1])
    chosen = int(parent.top_ids[second, 2])
    request = saliency.request_for(parent, None, SaliencySettings(position=second, candidate_id=chosen))
    assert (request.position, request.candidate_id) == (second, chosen)
    assert request.candidate_label == parent.top_labels[second][2]
    # a position no longer masked falls back to the first one and its top-1
    request = saliency.request_for(parent, None, SaliencySettings(position=1, candidate_id=chosen))
    first = int(parent.prediction_positions[0])
    assert (request.position, request.candidate_id) == (first, int(parent.top_ids[first, 0]))


def test_a_candidate_outside_the_top_k_is_labelled_from_the_vocabulary(tiny_bert, notebook_text):
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3,)))
    chosen = tiny_bert.tokenizer.convert_tokens_to_ids("lincoln")
    request = saliency.request_for(parent, None, SaliencySettings(position=3, candidate_id=chosen))
    result = saliency.run(tiny_bert, request)
    assert result.candidate_label == "lincoln" and result.candidate_id == chosen


def test_nothing_masked_gives_an_empty_result_with_a_note(tiny_bert, notebook_text):
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text))
    result = saliency.run(tiny_bert, saliency.request_for(parent))
    assert result.position == -1 and not result.positions
    assert result.scale == 0.0 and "No token is masked" in result.notes[0]


def test_cancelling_between_batches_stops_and_leaves_the_model_clean(family, monkeypatch):
    lm, parent = family
    monkeypatch.setattr(saliency, "STEP_TOKENS", 3 * parent.num_tokens)  # 3 steps a batch
    request = saliency.request_for(parent, None, SaliencySettings(steps=12))
    seen: list[tuple[int, int]] = []
    with pytest.raises(AnalysisCancelled):
        saliency.run(lm, request, cancelled=lambda: len(seen) >= 2,
                     progress=lambda done, total: seen.append((done, total)))
    assert len(seen) == 2, "stopped at the batch boundary after two batches"
    embeddings = lm.model.get_input_embeddings()
    assert not embeddings._forward_hooks and not embeddings._forward_pre_hooks
    assert all(p.grad is None for p in lm.model.parameters()), "no gradient is left on the model"
    progress: list[tuple[int, int]] = []
    again = saliency.run(lm, request, progress=lambda d, t: progress.append((d, t)))
    fresh = saliency.run(lm, request)
    np.testing.assert_allclose(again.attributions, fresh.attributions, rtol=1e-5, atol=1e-8)
    assert progress[-1] == (4 + 2 + 1, 4 + 2 + 1)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)


def test_steps_are_split_into_batches_by_tokens():
    assert saliency.steps_per_batch(32, 20) == 32
    assert saliency.steps_per_batch(32, saliency.STEP_TOKENS // 4) == 4
    assert saliency.steps_per_batch(32, 10 * saliency.STEP_TOKENS) == 1


@pytest.mark.parametrize("changes, words", [
    ({"method": "shap"}, "saliency method must be one of ig, gxi"),
    ({"steps": 1}, "integrated-gradients steps must be a whole number from 2 to 200"),
    ({"steps": 500}, "from 2 to 200"),
    ({"position": -3}, "position must be a whole number"),
])
def test_bad_settings_are_refused_in_plain_words(changes, words):
    with pytest.raises(InputError, match=words):
        SaliencySettings(**changes)


def test_a_position_that_is_not_masked_is_refused(tiny_bert, notebook_text):
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3,)))
    request = saliency.request_for(parent)
    with pytest.raises(InputError, match="position 5 is not masked"):
        SaliencyRequest(**{**request.__dict__, "position": 5})


def test_ids_of_another_model_are_refused(tiny_bert, tiny_roberta, notebook_text):
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3,)))
    request = saliency.request_for(parent)
    with pytest.raises(InputError, match="tokenized for another model"):
        saliency.run(tiny_roberta, request)
