"""The attention unit's frozen request and result (numpy only).

Memory. Every head's full ``tokens × tokens`` map is kept, so that picking
another layer or head in the window is instant; they are stored as float16,
half of float32. For a bert-base-sized model (12 layers × 12 heads) that is
12·12·T²·2 bytes: 1.1 MB at 62 tokens, 75.5 MB at 512 (151 MB as float32).
The per-layer head means and the rollout (``L × T × T`` each) stay float32,
as computed: 12.6 MB each at 512 tokens. The thumbnails of the layers ×
heads grid are pooled to at most ``THUMBNAIL_SIZE`` square, with and without
the special tokens: 1.2 MB. In all 101.8 MB at 512 tokens (177 MB with
float32 heads) and 2.7 MB at 62 (:attr:`AttentionResult.nbytes`, printed by
``benchmarks/attention_timing.py``). float16 keeps about three significant
digits (each weight within 0.05% of itself, or 1e-7 for the smallest), far
finer than a colour step. While the unit runs, the model's own float32
weights of every layer (151 MB at 512 tokens) are held too, each let go
once its layer is copied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..options import MAX_TOKENS
from ..validation import text_value, token_positions, whole_number

#: the side of a thumbnail in the layers × heads grid, in cells (fewer for shorter texts)
THUMBNAIL_SIZE = 32


@dataclass(frozen=True)
class AttentionRequest:
    """Attention weights for the input a masked-LM result saw.

    ``input_ids`` are the masked ids the model saw; ``special_mask``,
    ``labels`` and ``mask_positions`` come with them for the views. Build it
    with :func:`request_for_result`. Each field is checked when the request
    is made (:class:`~mlm_desktop.core.errors.InputError`).
    """

    text: str
    input_ids: tuple[int, ...]
    special_mask: tuple[bool, ...]
    labels: tuple[str, ...]
    mask_positions: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        text_value(self.text)
        if isinstance(self.input_ids, (str, bytes)) or not isinstance(self.input_ids, Iterable):
            raise InputError("attention needs the token ids as a list of whole numbers")
        ids = tuple(whole_number(i, "a token id", 0) for i in self.input_ids)
        count = len(ids)
        if not 0 < count <= MAX_TOKENS:
            raise InputError(f"attention needs between 1 and {MAX_TOKENS} token ids, not {count}")
        if len(self.special_mask) != count or len(self.labels) != count:
            raise InputError(
                f"attention needs one special flag and one label per token: {count} ids, "
                f"{len(self.special_mask)} flags and {len(self.labels)} labels given"
            )
        object.__setattr__(self, "input_ids", ids)
        object.__setattr__(self, "special_mask", tuple(bool(s) for s in self.special_mask))
        object.__setattr__(self, "labels", tuple(str(s) for s in self.labels))
        object.__setattr__(self, "mask_positions", token_positions(self.mask_positions, count - 1))


def request_for_result(result, _options=None, _settings=None) -> AttentionRequest:
    """The request for a masked-LM ``result``: exactly the input its model saw."""
    return AttentionRequest(
        text=result.text,
        input_ids=tuple(int(i) for i in result.masked_input_ids),
        special_mask=tuple(bool(s) for s in result.special_mask),
        labels=tuple(result.labels),
        mask_positions=tuple(int(p) for p in result.mask_positions),
    )


@dataclass(frozen=True)
class AttentionResult:
    """Attention weights of every layer and head, their means and the rollout.

    Layers are counted from 0 here (index ``l`` is encoder layer ``l + 1``;
    the window and the command line say "layer 1" for the first).
    ``heads``: (L, H, T, T) float16, ``heads[l, h, i, j]`` the weight token
    ``i`` gives token ``j``; every row sums to 1.
    ``layer_means``: (L, T, T) float32, the mean of each layer's heads.
    ``rollout``: (L, T, T) float32, attention rollout (Abnar and Zuidema,
    2020) through layers 1..l+1: per layer, ``(mean + I)`` with rows
    renormalised, multiplied in order (``rollout[l] = Â_l · rollout[l-1]``);
    rows sum to 1. ``thumbnails``: (L, H, S, S) float32, each head's map
    average-pooled to ``S = min(T, THUMBNAIL_SIZE)``;
    ``thumbnails_without_special``: (L, H, S', S') the same for each map with
    the special tokens left out and rows renormalised (as
    :func:`~mlm_desktop.core.attention_math.hide_special` does), pooled to
    ``S' = min(K, THUMBNAIL_SIZE)`` for the ``K`` tokens that are not special.
    Per token (T,): ``labels``, ``input_ids``, ``special_mask``;
    ``mask_positions`` (M,).
    """

    model_name: str
    device: str
    text: str
    labels: tuple[str, ...]
    input_ids: np.ndarray
    special_mask: np.ndarray
    mask_positions: np.ndarray
    heads: np.ndarray
    layer_means: np.ndarray
    rollout: np.ndarray
    thumbnails: np.ndarray
    thumbnails_without_special: np.ndarray
    implementation: str
    timing_ms: float

    @property
    def num_layers(self) -> int:
        return int(self.heads.shape[0])

    @property
    def num_heads(self) -> int:
        return int(self.heads.shape[1])

    @property
    def num_tokens(self) -> int:
        return int(self.heads.shape[2])

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (see the module's note on memory)."""
        arrays = (self.heads, self.layer_means, self.rollout, self.thumbnails,
                  self.thumbnails_without_special)
        return int(sum(a.nbytes for a in arrays))

    def matrix(self, layer: int, head: int | None) -> np.ndarray:
        """(T, T) float32: head ``head`` of layer index ``layer``, or their mean for None."""
        if head is None:
            return self.layer_means[layer]
        return self.heads[layer, head].astype(np.float32)


__all__ = ["THUMBNAIL_SIZE", "AttentionRequest", "AttentionResult", "request_for_result"]
