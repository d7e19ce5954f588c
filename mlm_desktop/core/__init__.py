"""The Qt-free analysis core of MLM Desktop.

Usable from the command line, a notebook, tests and the window alike:
``load_model`` then ``analyze(loaded, AnalysisRequest(text, mask_positions))``.

The names below are imported on first use, so that importing a light part of
the core (the frozen result types, the options, the session file) does not
import torch and transformers: the window shows before they are loaded.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "analyze": ".analyses.masked_lm",
    "AnalysisRequest": ".analyses.masked_lm_types",
    "AnalysisResult": ".analyses.masked_lm_types",
    "Candidate": ".analyses.masked_lm_types",
    "TokenPrediction": ".analyses.masked_lm_types",
    "InputError": ".errors",
    "MLMDesktopError": ".errors",
    "ModelLoadError": ".errors",
    "DEFAULT_HUB_MODEL": ".loading",
    "LoadedModel": ".loading",
    "load_model": ".loading",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
