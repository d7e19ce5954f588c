"""The MLM-head check as a follow-up analysis (see :mod:`.head_check_types`).

Applies the model's MLM head to the kept last hidden states and compares the
logits with the model's own: the same figures the masked-LM pass gives when
it runs the check itself (``head_check_later=False``).
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from ..errors import AnalysisCancelled
from ..loading import LoadedModel
from ..mlm_head import apply_mlm_head
from .base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress
from .head_check_types import KIND, HeadCheckRequest, HeadCheckResult, request_for


def _tensor(array: np.ndarray, device: str) -> torch.Tensor:
    """A tensor reading the result's read-only array (never written to: no copy needed)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
        return torch.as_tensor(array, device=device)


def run(
    loaded: LoadedModel,
    request: HeadCheckRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> HeadCheckResult:
    start = time.perf_counter()
    inputs = request.inputs
    if request.model_name and request.model_name != loaded.name:
        # kept by another model's pass: that result is no longer the one to check
        raise AnalysisCancelled
    device = loaded.device
    model = loaded.model
    with torch.inference_mode():
        hidden = _tensor(inputs.hidden, device).to(loaded.dtype)
        head_logits = apply_mlm_head(model, hidden).float()
        logits = _tensor(inputs.logits, device)
        diff = float((head_logits - logits).abs().max()) if logits.numel() else 0.0
        masked = _tensor(inputs.masked, device)
        labels = _tensor(inputs.labels, device).long()
        loss = None
        if bool(masked.any()):
            loss = float(F.cross_entropy(head_logits[masked], labels[masked]))
    return HeadCheckResult(
        text=request.text,
        model_name=request.model_name or loaded.name,
        max_abs_diff=diff,
        loss_masked=loss,
        row_count=int(inputs.rows.size),
        scale=request.scale,
        timing_ms=(time.perf_counter() - start) * 1000.0,
    )


UNIT = AnalysisUnit(
    kind=KIND,
    title="head check",
    request_type=HeadCheckRequest,
    result_type=HeadCheckResult,
    run=run,
    follows="masked_lm",
    request_for=request_for,
)
