"""Attention matrices as people read them: without the special tokens, rows renormalised.

Pure numpy functions shared by the attention panel and the ``attention``
command. A matrix here is ``(T, T)``: row ``i`` is how token ``i`` spreads
its attention over the tokens ``j`` (each row sums to 1).

``[CLS]`` and ``[SEP]`` usually take most of the mass (Clark et al., 2019:
a "no-op" for heads with nothing to do), which washes out the rest of the
picture. :func:`hide_special` drops their rows and columns and rescales each
remaining row so that it sums to 1 again: the share of attention each word
gives each other word, among the words.
"""

from __future__ import annotations

import numpy as np

from .errors import InputError
from .messages import QT_TRANSLATE_NOOP


def kept_positions(special_mask: np.ndarray) -> np.ndarray:
    """Token positions that are not special tokens, in order."""
    return np.flatnonzero(~np.asarray(special_mask, dtype=bool)).astype(np.int64)


def hide_special(matrix: np.ndarray, special_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``matrix`` without special tokens' rows and columns, each row summing to 1.

    Returns ``(matrix (K, K) float32, positions (K,))``: ``positions[k]`` is
    the token position row and column ``k`` stand for. A row whose every
    kept weight is 0 stays 0 (it had nothing left to renormalise).
    """
    matrix = np.asarray(matrix, dtype=np.float32)
    special = np.asarray(special_mask, dtype=bool)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] != special.size:
        raise ValueError(f"a (T, T) matrix and T flags are needed, not {matrix.shape} and {special.shape}")
    keep = kept_positions(special)
    kept = matrix[np.ix_(keep, keep)].astype(np.float64)
    sums = kept.sum(axis=1, keepdims=True)
    rows = np.divide(kept, sums, out=np.zeros_like(kept), where=sums > 0)
    return rows.astype(np.float32), keep


def check_any_kept(special_mask: np.ndarray) -> None:
    """Raise :class:`InputError` when every token is special (nothing would be left)."""
    if kept_positions(special_mask).size == 0:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "every token of this text is a special token: nothing is left once they are hidden; "
            "type some words, or show the special tokens"
        ))


__all__ = ["check_any_kept", "hide_special", "kept_positions"]
