"""Attention weights of every layer and head, their means and the rollout.

A follow-up of the masked-LM result on screen (kind ``"attention"``): one
forward pass of the masked input ids that result's model saw, with the
eager attention implementation (the only one that returns weights; the
model goes back to its fast implementation afterwards). The MLM head is
skipped: the encoder alone gives the weights.

Per layer, on the model's device: the mean of the heads, one step of
attention rollout (Abnar and Zuidema, 2020) and the pooled thumbnails (with
and without the special tokens); then
the layer is copied to the CPU. The unit can be cancelled between layers.
Its request and result, and a note on their memory, are in
:mod:`.attention_types`.
"""

from __future__ import annotations

import time

import numpy as np
import torch
import torch.nn.functional as F

from ..arrays import frozen
from ..attention_math import kept_positions
from ..errors import InputError, MLMDesktopError
from ..loading import LoadedModel, attention_implementation, eager_attention
from ..messages import QT_TRANSLATE_NOOP
from .attention_types import THUMBNAIL_SIZE, AttentionRequest, AttentionResult, request_for_result
from .base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress, stop_if_cancelled

KIND = "attention"


def rollout_step(layer_mean: torch.Tensor, previous: torch.Tensor | None) -> torch.Tensor:
    """One layer of rollout: ``(mean + I)`` with rows renormalised, times what came before."""
    step = layer_mean + torch.eye(layer_mean.shape[-1], device=layer_mean.device, dtype=layer_mean.dtype)
    step = step / step.sum(dim=-1, keepdim=True)
    return step if previous is None else step @ previous


def run(
    loaded: LoadedModel,
    request: AttentionRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> AttentionResult:
    """The unit's ``run``: one eager forward, then layer by layer (cancellable between)."""
    start = time.perf_counter()
    stop_if_cancelled(cancelled)
    count = len(request.input_ids)
    if count > loaded.max_length:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "{count} tokens are more than {model} takes ({limit}): shorten the text"
        ).format(count=count, model=loaded.name, limit=loaded.max_length))
    ids = torch.as_tensor(request.input_ids, device=loaded.device).unsqueeze(0)
    encoder = loaded.model.base_model
    with torch.inference_mode(), eager_attention(loaded.model):
        used = attention_implementation(loaded.model)
        output = encoder(input_ids=ids, attention_mask=torch.ones_like(ids), output_attentions=True)
    weights = list(getattr(output, "attentions", None) or ())
    del output  # each layer's float32 weights are let go once copied (below)
    if not weights or any(w is None for w in weights):
        raise MLMDesktopError(
            f"{loaded.name} does not return attention weights (its attention implementation, "
            f"{used}, cannot be switched to eager), so its attention cannot be shown"
        )
    layers, heads_per_layer = len(weights), int(weights[0].shape[1])
    size = min(count, THUMBNAIL_SIZE)
    kept = torch.as_tensor(kept_positions(np.array(request.special_mask)), device=loaded.device)
    kept_size = min(int(kept.numel()), THUMBNAIL_SIZE)
    heads = np.empty((layers, heads_per_layer, count, count), dtype=np.float16)
    means = np.empty((layers, count, count), dtype=np.float32)
    rolled = np.empty((layers, count, count), dtype=np.float32)
    thumbnails = np.empty((layers, heads_per_layer, size, size), dtype=np.float32)
    words_only = np.zeros((layers, heads_per_layer, kept_size, kept_size), dtype=np.float32)
    previous = None
    with torch.inference_mode():
        for layer in range(layers):
            stop_if_cancelled(cancelled)
            maps = weights[layer][0].float()  # (H, T, T)
            weights[layer] = None
            mean = maps.mean(dim=0)
            previous = rollout_step(mean, previous)
            heads[layer] = maps.to(torch.float16).cpu().numpy()
            means[layer] = mean.cpu().numpy()
            rolled[layer] = previous.cpu().numpy()
            thumbnails[layer] = F.adaptive_avg_pool2d(maps, size).cpu().numpy()
            if kept_size:
                words_only[layer] = F.adaptive_avg_pool2d(_without(maps, kept), kept_size).cpu().numpy()
            progress(layer + 1, layers)
    return AttentionResult(
        model_name=loaded.name,
        device=loaded.device,
        text=request.text,
        labels=request.labels,
        input_ids=frozen(request.input_ids, np.int64),
        special_mask=frozen(request.special_mask, bool),
        mask_positions=frozen(request.mask_positions, np.int64),
        heads=_read_only(heads),
        layer_means=_read_only(means),
        rollout=_read_only(rolled),
        thumbnails=_read_only(thumbnails),
        thumbnails_without_special=_read_only(words_only),
        implementation=used,
        timing_ms=(time.perf_counter() - start) * 1000.0,
    )


def _without(maps: torch.Tensor, kept: torch.Tensor) -> torch.Tensor:
    """(H, K, K): the kept tokens' rows and columns, each row renormalised to sum to 1."""
    rows = maps.index_select(1, kept).index_select(2, kept)
    return rows / rows.sum(dim=-1, keepdim=True).clamp_min(torch.finfo(rows.dtype).tiny)


def _read_only(array: np.ndarray) -> np.ndarray:
    """Freeze an array made here without copying it (the heads can be tens of MB)."""
    array.flags.writeable = False
    return array


UNIT = AnalysisUnit(
    kind=KIND,
    title="attention",
    request_type=AttentionRequest,
    result_type=AttentionResult,
    run=run,
    follows="masked_lm",
    request_for=request_for_result,
)

#: the name the registry looks up (:mod:`mlm_desktop.core.analyses`)
request_for = request_for_result

__all__ = ["KIND", "UNIT", "rollout_step", "run"]
