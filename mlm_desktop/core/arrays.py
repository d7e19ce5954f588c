"""Small helpers for the immutable numpy arrays that results carry."""

from __future__ import annotations

import numpy as np


def frozen(array, dtype=None) -> np.ndarray:
    """A read-only numpy copy of ``array`` (results are immutable)."""
    out = np.array(array, dtype=dtype, copy=True)
    out.flags.writeable = False
    return out
