"""Choosing which token positions to mask.

Positions are token indices as in ``TokenizedText.tokens``, the first special
token being 0 (the reference notebook's numbering). Special tokens are never
masked; asking for one is an error.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import torch

from .errors import InputError
from .messages import QT_TRANSLATE_NOOP
from .tokens import TokenizedText
from .validation import probability as checked_probability


def random_positions(maskable: np.ndarray, probability: float, seed: int) -> np.ndarray:
    """Each maskable token independently with ``probability``, as the notebook does.

    Draws ``torch.rand`` from a generator seeded with ``seed``, so
    ``torch.manual_seed(seed); torch.rand(1, T) < p`` selects the same tokens.
    """
    _check_probability(probability)
    generator = torch.Generator().manual_seed(int(seed))
    draws = torch.rand((1, len(maskable)), generator=generator)[0].numpy()
    return np.flatnonzero((draws < probability) & maskable)


def random_word_positions(
    word_ids: np.ndarray, maskable: np.ndarray, probability: float, seed: int
) -> np.ndarray:
    """Whole-word random masking: each word with ``probability``, all its pieces."""
    _check_probability(probability)
    words = [w for w in dict.fromkeys(word_ids[maskable].tolist())]
    generator = torch.Generator().manual_seed(int(seed))
    draws = torch.rand((len(words),), generator=generator).numpy()
    chosen = {w for w, d in zip(words, draws, strict=True) if d < probability}
    return np.flatnonzero(maskable & np.isin(word_ids, list(chosen)))


def whole_word(positions: Iterable[int], word_ids: np.ndarray, maskable: np.ndarray) -> np.ndarray:
    """Extend positions to every maskable piece of the words they touch."""
    positions = np.asarray(list(positions), dtype=np.int64)
    words = {int(word_ids[p]) for p in positions if word_ids[p] >= 0}
    extra = np.flatnonzero(maskable & np.isin(word_ids, list(words)))
    return np.union1d(positions, extra).astype(np.int64)


def validate_positions(positions: Iterable[int], tokenized: TokenizedText) -> np.ndarray:
    """Sorted unique positions, or :class:`InputError` naming the bad one."""
    out = []
    n = len(tokenized)
    for raw in positions:
        p = int(raw)
        if p < 0 or p >= n:
            raise InputError(QT_TRANSLATE_NOOP(
                "core", "mask position {p} is outside the text, which has {n} tokens (positions 0 to {last})"
            ).format(p=p, n=n, last=n - 1))
        if tokenized.special_mask[p]:
            raise InputError(QT_TRANSLATE_NOOP(
                "core", "token {p} ({token}) is a special token and cannot be masked"
            ).format(p=p, token=tokenized.tokens[p]))
        out.append(p)
    return np.unique(np.asarray(out, dtype=np.int64))


def resolve_mask(
    tokenized: TokenizedText,
    positions: Iterable[int] = (),
    probability: float | None = None,
    seed: int | None = None,
    whole_words: bool = False,
) -> tuple[np.ndarray, int | None]:
    """The positions to mask and the seed used for the random part, if any.

    Explicit ``positions`` and a random draw combine; positions where the text
    already holds the mask token are left out (they are masked anyway). The
    seed is None unless a random draw was made: a seed given without a
    probability was not used, and is not reported.
    """
    chosen = validate_positions(positions, tokenized)
    maskable = tokenized.maskable
    if probability is None:
        seed = None
    else:
        if seed is None:
            seed = int(np.random.SeedSequence().entropy % (2**31))
        if whole_words:
            drawn = random_word_positions(tokenized.word_ids, maskable, probability, seed)
        else:
            drawn = random_positions(maskable, probability, seed)
        chosen = np.union1d(chosen, drawn)
    if whole_words:
        chosen = whole_word(chosen, tokenized.word_ids, maskable)
    chosen = chosen[maskable[chosen]] if chosen.size else chosen
    return chosen.astype(np.int64), seed


def _check_probability(value: float) -> None:
    checked_probability(value)
