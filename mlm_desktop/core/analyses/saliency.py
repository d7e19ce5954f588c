"""Saliency: which input tokens drove one candidate's log-probability at a masked position.

A follow-up of the masked-LM result on screen (kind ``"saliency"``), asked for
only while its panel is in view. Two attributions over the input (word)
embeddings, both from Captum, the reference implementation:

- **integrated gradients** (``LayerIntegratedGradients``): the gradient
  averaged along the straight path from a baseline, where every non-special
  token is the mask token (special tokens kept), to the input, times the
  difference; ``steps`` points, run in batches. By completeness the
  attributions sum to ``f(input) - f(baseline)``, up to Captum's convergence
  delta, which the result keeps.
- **gradient × input** (``LayerGradientXActivation``): one backward pass.

``f`` is the candidate's log-probability (natural log) at the position. Each
token's attribution is summed over the embedding dimension, signed.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import torch

from ..arrays import frozen
from ..errors import InputError
from ..loading import LoadedModel
from ..messages import QT_TRANSLATE_NOOP
from ..tokens import token_labels
from .base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress
from .base import stop_if_cancelled as _stop
from .saliency_types import SaliencyRequest, SaliencyResult, SaliencySettings

KIND = "saliency"
#: the most token rows (steps × tokens) one batch of integrated gradients runs at once
STEP_TOKENS = 1024


def request_for(parent: Any, _options: Any = None, settings: Any = None) -> SaliencyRequest:
    """Explain the panel's position and candidate (or the first masked one and its top-1)."""
    settings = settings if isinstance(settings, SaliencySettings) else SaliencySettings()
    positions = tuple(int(p) for p in parent.prediction_positions)
    position = settings.position if settings.position in positions else \
        (positions[0] if positions else -1)
    choice_ids = choice_labels = choice_probs = ()
    candidate_id, candidate_label = 0, ""
    if position >= 0:
        choice_ids = tuple(int(i) for i in parent.top_ids[position])
        choice_labels = tuple(parent.top_labels[position])
        choice_probs = tuple(float(p) for p in parent.top_probs[position])
        candidate_id, candidate_label = choice_ids[0], choice_labels[0]
        if settings.candidate_id is not None and settings.position == position:
            candidate_id = settings.candidate_id
            candidate_label = dict(zip(choice_ids, choice_labels, strict=True)).get(candidate_id, "")
    return SaliencyRequest(
        text=parent.text, tokens=tuple(parent.tokens), labels=tuple(parent.labels),
        masked_input_ids=tuple(int(i) for i in parent.masked_input_ids),
        special_mask=tuple(bool(s) for s in parent.special_mask),
        positions=positions, position=position,
        candidate_id=candidate_id, candidate_label=candidate_label,
        choice_ids=choice_ids, choice_labels=choice_labels, choice_probs=choice_probs,
        method=settings.method, steps=settings.steps,
    )


def steps_per_batch(steps: int, tokens: int) -> int:
    """How many integrated-gradients steps run in one batch (Captum's ``internal_batch_size``)."""
    return max(1, min(steps, STEP_TOKENS // max(tokens, 1)))


def baseline_ids(loaded: LoadedModel, ids: torch.Tensor, special: torch.Tensor) -> torch.Tensor:
    """Every non-special token replaced by the mask token; special tokens kept."""
    mask_id = loaded.tokenizer.mask_token_id
    if mask_id is None:
        raise InputError("this model's tokenizer has no mask token, so saliency has no baseline")
    return torch.where(special, ids, torch.full_like(ids, int(mask_id)))


def run(
    loaded: LoadedModel,
    request: SaliencyRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> SaliencyResult:
    """Attribute the candidate's log-probability to the input tokens."""
    from captum.attr import LayerGradientXActivation, LayerIntegratedGradients

    start = time.perf_counter()
    _stop(cancelled)
    model, device = loaded.model, loaded.device
    embeddings = model.get_input_embeddings()
    ids = torch.as_tensor(request.masked_input_ids, device=device).unsqueeze(0)
    if int(ids.max()) >= embeddings.num_embeddings or request.candidate_id >= embeddings.num_embeddings:
        raise InputError("the text was tokenized for another model: analyse it again")
    if request.position < 0:
        return _result(loaded, request, np.zeros(len(request.tokens), np.float32),
                       math.nan, None, None, start)
    special = torch.as_tensor(request.special_mask, device=device).unsqueeze(0)
    baseline = baseline_ids(loaded, ids, special)
    batch = steps_per_batch(request.steps, ids.shape[1])
    total = (math.ceil(request.steps / batch) + 2 if request.method == "ig" else 1) + 1
    calls = [0]

    def log_prob(input_ids: torch.Tensor) -> torch.Tensor:
        """(B,) the candidate's log-probability at the position; stops between batches."""
        _stop(cancelled)
        logits = model(input_ids=input_ids, attention_mask=torch.ones_like(input_ids)).logits
        out = torch.log_softmax(logits[:, request.position].float(), dim=-1)[:, request.candidate_id]
        calls[0] += 1
        progress(min(calls[0], total - 1), total)
        return out

    delta = None
    with torch.enable_grad():
        if request.method == "ig":
            attributions, found = LayerIntegratedGradients(log_prob, embeddings).attribute(
                ids, baselines=baseline, n_steps=request.steps, internal_batch_size=batch,
                return_convergence_delta=True)
            delta = float(found.reshape(-1)[0])
        else:
            attributions = LayerGradientXActivation(log_prob, embeddings).attribute(ids)
    _stop(cancelled)
    with torch.inference_mode():
        ends = log_prob(torch.cat([ids, baseline]))
    per_token = attributions[0].float().sum(dim=-1).detach().cpu().numpy()
    progress(total, total)
    return _result(loaded, request, per_token, float(ends[0]),
                   float(ends[1]) if request.method == "ig" else None, delta, start)


def _result(loaded, request, per_token, log_prob, baseline, delta, start) -> SaliencyResult:
    token, label = "", request.candidate_label
    if request.position >= 0:
        token = loaded.tokenizer.convert_ids_to_tokens([request.candidate_id])[0]
        label = label or token_labels(loaded.tokenizer, [token])[0]
    mask_id = loaded.tokenizer.mask_token_id
    notes = () if request.position >= 0 else (QT_TRANSLATE_NOOP(
        "core", "No token is masked: mask a token to see which words drove the model's guess there."),)
    return SaliencyResult(
        model_name=loaded.name, text=request.text, tokens=request.tokens, labels=request.labels,
        special_mask=frozen(request.special_mask, bool),
        masked=frozen([i == mask_id for i in request.masked_input_ids], bool),
        positions=request.positions, position=request.position,
        candidate_id=request.candidate_id, candidate_token=token, candidate_label=label,
        choice_ids=request.choice_ids, choice_labels=request.choice_labels,
        choice_probs=request.choice_probs, method=request.method, steps=request.steps,
        attributions=frozen(per_token, np.float32), log_prob=log_prob,
        baseline_log_prob=baseline, delta=delta,
        timing_ms=(time.perf_counter() - start) * 1000.0, notes=notes,
    )


UNIT = AnalysisUnit(
    kind=KIND,
    title="saliency",
    request_type=SaliencyRequest,
    result_type=SaliencyResult,
    run=run,
    follows="masked_lm",
    request_for=request_for,
)
