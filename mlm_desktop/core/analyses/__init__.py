"""The analysis units and their registry.

Each module here is one analysis (see :mod:`.base`): its own frozen request
and result and a pure ``run``. Adding an analysis is a new module plus one
line in :data:`ANALYSES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..messages import QT_TRANSLATE_NOOP
from .attention_types import AttentionRequest, AttentionResult
from .base import AnalysisUnit
from .geometry_types import GeometryRequest, GeometryResult
from .head_check_types import HeadCheckRequest, HeadCheckResult
from .joint_fill_types import FillRequest, FillResult
from .logit_lens_types import LensRequest, LensResult
from .masked_lm_types import AnalysisRequest, AnalysisResult
from .pll_types import PllRequest, PllResult
from .saliency_types import SaliencyRequest, SaliencyResult


@dataclass(frozen=True)
class Deferred:
    """``module.name``, imported on the first call: the analyses import torch, and the
    window shows before torch is loaded (the worker imports it)."""

    module: str
    name: str

    def resolve(self) -> Any:
        return getattr(importlib.import_module(f"{__name__}.{self.module}"), self.name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)


def registry(units: Iterable[AnalysisUnit]) -> dict[str, AnalysisUnit]:
    """Units by kind; two units of one kind are a programming error."""
    out: dict[str, AnalysisUnit] = {}
    for unit in units:
        if unit.kind in out:
            raise ValueError(f"two analyses share the kind {unit.kind!r}")
        out[unit.kind] = unit
    return out


def _declared(kind: str, title: str, module: str, request_type: type, result_type: type,
              follows: str | None = "masked_lm", interleaves: bool = False) -> AnalysisUnit:
    """The unit that ``module`` defines as ``UNIT``, without importing the module."""
    return AnalysisUnit(
        kind=kind, title=title, request_type=request_type, result_type=result_type,
        run=Deferred(module, "run"), follows=follows,
        request_for=Deferred(module, "request_for") if follows else None,
        interleaves=interleaves,
    )


#: every analysis the app knows, by kind (each module's ``UNIT``, declared here so that
#: the registry is known before torch is imported; a test checks the two agree)
ANALYSES: dict[str, AnalysisUnit] = registry([
    _declared("masked_lm", QT_TRANSLATE_NOOP("core", "analysis"),
              "masked_lm", AnalysisRequest, AnalysisResult, follows=None),
    _declared("logit_lens", QT_TRANSLATE_NOOP("core", "logit lens"),
              "logit_lens", LensRequest, LensResult),
    _declared("attention", QT_TRANSLATE_NOOP("core", "attention"),
              "attention", AttentionRequest, AttentionResult),
    _declared("geometry", QT_TRANSLATE_NOOP("core", "hidden-state geometry"),
              "geometry", GeometryRequest, GeometryResult),
    _declared("saliency", QT_TRANSLATE_NOOP("core", "saliency"),
              "saliency", SaliencyRequest, SaliencyResult),
    _declared("pll", QT_TRANSLATE_NOOP("core", "pseudo-log-likelihood"),
              "pll", PllRequest, PllResult, interleaves=True),
    _declared("joint_fill", QT_TRANSLATE_NOOP("core", "joint fill"),
              "joint_fill", FillRequest, FillResult),
    _declared("head_check", QT_TRANSLATE_NOOP("core", "head check"),
              "head_check", HeadCheckRequest, HeadCheckResult),
])

__all__ = ["ANALYSES", "AnalysisUnit", "Deferred", "registry"]
