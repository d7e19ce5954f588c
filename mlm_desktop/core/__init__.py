"""The Qt-free analysis core of MLM Desktop.

Usable from the command line, a notebook, tests and the window alike:
``load_model`` then ``analyze(loaded, AnalysisRequest(text, mask_positions))``.
"""

from .analyses.masked_lm import analyze
from .analyses.masked_lm_types import AnalysisRequest, AnalysisResult, Candidate, TokenPrediction
from .errors import InputError, MLMDesktopError, ModelLoadError
from .loading import DEFAULT_HUB_MODEL, LoadedModel, load_model

__all__ = [
    "DEFAULT_HUB_MODEL",
    "AnalysisRequest",
    "AnalysisResult",
    "Candidate",
    "InputError",
    "LoadedModel",
    "MLMDesktopError",
    "ModelLoadError",
    "TokenPrediction",
    "analyze",
    "load_model",
]
