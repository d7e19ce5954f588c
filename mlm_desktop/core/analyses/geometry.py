"""Hidden-state geometry (kind ``"geometry"``), a follow-up of the masked-LM result on screen.

One forward pass of the ids the model saw (masks in place) through the base
encoder with hidden states, then, for every hidden state: the tokens × tokens
cosine similarities and their mean over distinct tokens (the anisotropy), a
PCA map of every layer's vectors together, and how much each layer changed
each token. The math is in :mod:`mlm_desktop.core.geometry_math`.

Cost: the forward pass skips the vocabulary projection (only the encoder
runs). At 512 tokens on a bert-base-sized model the rest is an
(S · T · T · D) batched product for the similarities (13 · 512² · 768 ≈ 2.6
GFLOP), an (S·T) × D × D product for the scatter matrix (≈ 3.9 GFLOP) and one
768 × 768 symmetric eigenproblem, all on the device; about a tenth of the
forward pass's ≈ 90 GFLOP. Copied to the host: the similarities
(13 × 512² × 4 B = 13.6 MB), the map and the changes (small), never the
hidden states themselves.
"""

from __future__ import annotations

import time

import numpy as np
import torch

from ..arrays import frozen
from ..errors import InputError
from ..geometry_math import cosine_matrices, layer_change, mean_off_diagonal, pca_plane, unit_vectors
from ..loading import LoadedModel
from ..messages import QT_TRANSLATE_NOOP
from ..tokens import token_labels
from .base import (
    AnalysisUnit,
    CancelCheck,
    ProgressReport,
    never_cancelled,
    no_progress,
    stop_if_cancelled,
)
from .geometry_types import GeometryRequest, GeometryResult
from .masked_lm import KIND as MASKED_LM
from .masked_lm_types import AnalysisResult

KIND = "geometry"
#: forward, similarities and changes, map, copy
STEPS = 4


def request_for(parent: AnalysisResult, _options=None, _settings=None) -> GeometryRequest:
    """The request for the masked-LM result on screen: exactly the ids its model saw."""
    return GeometryRequest(
        input_ids=tuple(int(v) for v in parent.masked_input_ids),
        labels=tuple(parent.labels),
        special_positions=tuple(np.flatnonzero(parent.special_mask).tolist()),
        masked_positions=tuple(int(p) for p in parent.prediction_positions),
        text=parent.text,
    )


def run(
    loaded: LoadedModel,
    request: GeometryRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> GeometryResult:
    """Geometry of ``request``'s tokens at every layer; stops between steps when cancelled."""
    start = time.perf_counter()
    ids = np.asarray(request.input_ids, dtype=np.int64)
    _check_ids(loaded, ids)
    tokenizer = loaded.tokenizer
    tokens = tuple(tokenizer.convert_ids_to_tokens(ids.tolist()))
    labels = request.labels if request.labels is not None else token_labels(tokenizer, tokens)
    special = np.zeros(len(ids), dtype=bool)
    if request.special_positions is None:
        found = tokenizer.get_special_tokens_mask(ids.tolist(), already_has_special_tokens=True)
        special[:] = np.asarray(found, dtype=bool)
    else:
        special[list(request.special_positions)] = True

    stop_if_cancelled(cancelled)
    device = loaded.device
    with torch.inference_mode():
        tensor = torch.as_tensor(ids, device=device).unsqueeze(0)
        output = loaded.model.base_model(
            input_ids=tensor, attention_mask=torch.ones_like(tensor), output_hidden_states=True,
        )
        hidden = torch.stack([h[0] for h in output.hidden_states]).float()  # (S, T, D)
        del output
        progress(1, STEPS)

        stop_if_cancelled(cancelled)
        unit = unit_vectors(hidden)
        similarity = cosine_matrices(unit)
        keep = torch.as_tensor(~special, device=device)
        anisotropy = mean_off_diagonal(similarity)
        without_special = mean_off_diagonal(similarity, keep)
        change = layer_change(unit)
        progress(2, STEPS)

        stop_if_cancelled(cancelled)
        coordinates, explained = pca_plane(hidden)
        progress(3, STEPS)

        stop_if_cancelled(cancelled)
        host = {name: value.cpu().numpy() for name, value in (
            ("similarity", similarity), ("anisotropy", anisotropy),
            ("without_special", without_special), ("change", change), ("pca", coordinates),
        )}
        progress(4, STEPS)
    return GeometryResult(
        model_name=loaded.name,
        device=device,
        text=request.text,
        tokens=tokens,
        labels=tuple(labels),
        input_ids=frozen(ids),
        special_mask=frozen(special),
        mask_positions=frozen(sorted(request.masked_positions), np.int64),
        similarity=frozen(host["similarity"], np.float32),
        anisotropy=frozen(host["anisotropy"], np.float64),
        anisotropy_without_special=frozen(host["without_special"], np.float64),
        pca=frozen(host["pca"], np.float32),
        explained_variance=frozen(explained, np.float64),
        change=frozen(host["change"], np.float32),
        timing_ms=(time.perf_counter() - start) * 1000.0,
    )


def _check_ids(loaded: LoadedModel, ids: np.ndarray) -> None:
    """Ids the model can read: within its vocabulary and its maximum length."""
    if len(ids) > loaded.max_length:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "{count} tokens is more than this model reads ({limit}): shorten the text"
        ).format(count=len(ids), limit=loaded.max_length))
    rows = loaded.model.get_input_embeddings().num_embeddings
    beyond = ids[ids >= rows]
    if beyond.size:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "token id {id} is not in this model's vocabulary of {rows} ids: give ids from this "
            "model's tokenizer"
        ).format(id=int(beyond[0]), rows=rows))


UNIT = AnalysisUnit(
    kind=KIND,
    title="hidden-state geometry",
    request_type=GeometryRequest,
    result_type=GeometryResult,
    run=run,
    follows=MASKED_LM,
    request_for=request_for,
)
