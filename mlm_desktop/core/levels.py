"""Colour levels computed from numbers, for views that colour arrays on a shared scale."""

from __future__ import annotations

import numpy as np

#: the percentile of |value| that sets the bound of a symmetric colour scale
LEVEL_PERCENTILE = 99.5


def symmetric_levels(hidden_states: np.ndarray, percentile: float = LEVEL_PERCENTILE) -> tuple[float, float]:
    """±(``percentile`` of |h| over every layer): one scale for all layers of a result.

    An empty array, or one whose bound is zero or not finite, gives (-1, 1).
    """
    bound = float(np.percentile(np.abs(hidden_states), percentile)) if hidden_states.size else 1.0
    if not np.isfinite(bound) or bound <= 0:
        bound = 1.0
    return (-bound, bound)
