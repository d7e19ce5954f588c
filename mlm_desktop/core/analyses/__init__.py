"""The analysis units and their registry.

Each module here is one analysis (see :mod:`.base`): its own frozen request
and result and a pure ``run``. Adding an analysis is a new module plus one
line in :data:`ANALYSES`.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import attention, geometry, joint_fill, logit_lens, masked_lm, saliency
from . import pll as pll_unit
from .base import AnalysisUnit


def registry(units: Iterable[AnalysisUnit]) -> dict[str, AnalysisUnit]:
    """Units by kind; two units of one kind are a programming error."""
    out: dict[str, AnalysisUnit] = {}
    for unit in units:
        if unit.kind in out:
            raise ValueError(f"two analyses share the kind {unit.kind!r}")
        out[unit.kind] = unit
    return out


#: every analysis the app knows, by kind
ANALYSES: dict[str, AnalysisUnit] = registry([
    masked_lm.UNIT,
    logit_lens.UNIT,
    attention.UNIT,
    geometry.UNIT,
    saliency.UNIT,
    pll_unit.UNIT,
    joint_fill.UNIT,
])

__all__ = ["ANALYSES", "AnalysisUnit", "registry"]
