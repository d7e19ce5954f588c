"""The hidden-state geometry's request and result (numpy only), and its JSON form.

``S`` = L + 1 hidden states (embeddings first), ``T`` tokens, ``L`` encoder layers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..options import MAX_TOKENS
from ..validation import text_value, token_positions, whole_number

#: the JSON form rounds its arrays to this many decimals (cosines are within [−1, 1])
JSON_DECIMALS = 6


@dataclass(frozen=True)
class GeometryRequest:
    """The token ids to run once with hidden states, and how to name them.

    ``input_ids``: what the model sees, masks in place (in the window: the
    shown masked-LM result's ``masked_input_ids``), at least one.
    ``labels``: one readable label per token; None takes the tokenizer's.
    ``special_positions``: the special tokens (``[CLS]``, ``[SEP]``), left out
    of ``anisotropy_without_special``; None asks the tokenizer.
    ``masked_positions``: tokens drawn as masked (they take no other part).
    ``text``: the text the ids came from, for the record.
    """

    input_ids: tuple[int, ...]
    labels: tuple[str, ...] | None = None
    special_positions: tuple[int, ...] | None = None
    masked_positions: tuple[int, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        ids = self.input_ids
        if isinstance(ids, (str, bytes)) or not hasattr(ids, "__iter__"):
            raise InputError(f"input ids must be a list of token ids, got {type(ids).__name__}")
        ids = tuple(whole_number(v, "a token id", 0) for v in ids)
        if not ids:
            raise InputError("there are no tokens to analyse: give at least one token id")
        if len(ids) > MAX_TOKENS:
            raise InputError(f"{len(ids):,} tokens is more than any model reads ({MAX_TOKENS:,})")
        last = len(ids) - 1
        labels = self.labels
        if labels is not None:
            labels = tuple(text_value(v) for v in labels)
            if len(labels) != len(ids):
                raise InputError(f"{len(labels)} labels for {len(ids)} tokens: give one per token")
        special = self.special_positions
        checked = {
            "input_ids": ids,
            "labels": labels,
            "special_positions": None if special is None else token_positions(special, last),
            "masked_positions": token_positions(self.masked_positions, last),
            "text": text_value(self.text),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)


@dataclass(frozen=True)
class GeometryResult:
    """Where a text's tokens sit at each layer, and how the layers move them.

    Per token (T,): ``tokens``, ``labels``, ``input_ids`` (as the model saw
    them), ``special_mask``; ``mask_positions`` (M,) the masked tokens.
    ``similarity`` (S, T, T) float32: cosine similarity of every pair of
    tokens at each hidden state; its diagonal is 1.
    ``anisotropy`` (S,): the mean cosine of distinct positions (i ≠ j) over
    every token, special and masked ones included; ``anisotropy_without_special``
    (S,): the same over the tokens that are not special (NaN with fewer than two).
    ``pca`` (S, T, 2) float32: each token at each hidden state, projected onto
    the first two principal components of all S·T vectors together (see
    :func:`mlm_desktop.core.geometry_math.pca_plane` for the sign convention);
    ``explained_variance`` (2,): each component's share of the total variance.
    ``change`` (L, T) float32: row l − 1 is ``1 − cos(h_l, h_(l−1))``, how much
    encoder layer l changed each token (0: not at all).
    """

    model_name: str
    device: str
    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    input_ids: np.ndarray
    special_mask: np.ndarray
    mask_positions: np.ndarray
    similarity: np.ndarray
    anisotropy: np.ndarray
    anisotropy_without_special: np.ndarray
    pca: np.ndarray
    explained_variance: np.ndarray
    change: np.ndarray
    timing_ms: float

    @property
    def num_tokens(self) -> int:
        return len(self.tokens)

    @property
    def num_hidden_states(self) -> int:
        """S = L + 1: the embeddings and every encoder layer."""
        return int(self.similarity.shape[0])

    def to_json(self, layer: int | None = None) -> dict:
        """A JSON-ready dict; ``similarity`` is ``layer``'s (None: the last)."""
        last = self.num_hidden_states - 1
        chosen = last if layer is None else whole_number(layer, "the layer", 0, last)
        return {
            "model": self.model_name,
            "device": self.device,
            "tokens": list(self.tokens),
            "labels": list(self.labels),
            "special_positions": np.flatnonzero(self.special_mask).tolist(),
            "masked_positions": self.mask_positions.tolist(),
            "num_hidden_states": self.num_hidden_states,
            "anisotropy": [
                {"layer": s, "all_tokens": _number(a), "without_special": _number(b)}
                for s, (a, b) in enumerate(zip(self.anisotropy, self.anisotropy_without_special,
                                               strict=True))
            ],
            "layer": chosen,
            "similarity": _rounded(self.similarity[chosen]),
            "pca": {
                "explained_variance": _rounded(self.explained_variance),
                "layers": [{"layer": s, "coordinates": _rounded(self.pca[s])}
                           for s in range(self.num_hidden_states)],
            },
            "change": [{"layer": row + 1, "values": _rounded(self.change[row])}
                       for row in range(self.change.shape[0])],
            "timing_ms": self.timing_ms,
        }


def _number(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) else round(value, JSON_DECIMALS)


def _rounded(array: np.ndarray) -> list:
    return np.round(np.asarray(array, dtype=np.float64), JSON_DECIMALS).tolist()
