"""The MLM-head check as a follow-up: requests and results (numpy only).

The notebook recomputes the logits "from scratch" by applying the MLM head
to the last hidden state. The window asks the masked-LM pass to keep what
that check needs (:class:`HeadCheckInputs`: the checked rows' last hidden
states and the model's own logits there) instead of running it, so the
predictions are shown first; the check follows as its own small analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError

KIND = "head_check"


@dataclass(frozen=True, eq=False)
class HeadCheckInputs:
    """What the check needs from one masked-LM pass.

    ``rows`` (R,) token positions checked: the masked ones and the first and
    last token; ``hidden`` (R, D) the last hidden state there; ``logits``
    (R, V) the model's own logits there (float32); ``labels`` (R,) the
    original token ids; ``masked`` (R,) which rows were masked.
    """

    rows: np.ndarray
    hidden: np.ndarray
    logits: np.ndarray
    labels: np.ndarray
    masked: np.ndarray

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.rows, self.hidden, self.logits, self.labels, self.masked))


@dataclass(frozen=True, eq=False)
class HeadCheckRequest:
    """Check the head on ``inputs``; ``text`` names the result it belongs to.

    ``scale``: the largest ``|top_logits|`` of that result, which the
    tolerance is relative to (as :attr:`AnalysisResult.head_check_passed`).
    """

    text: str
    inputs: HeadCheckInputs
    scale: float = 1.0
    model_name: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.inputs, HeadCheckInputs):
            raise InputError("the head check needs the inputs kept by a masked-LM pass")


@dataclass(frozen=True)
class HeadCheckResult:
    """The check's figures, as :class:`~.masked_lm_types.AnalysisResult` names them."""

    text: str
    model_name: str
    max_abs_diff: float
    loss_masked: float | None
    row_count: int
    #: the parent result's largest |top logit|: the tolerance is relative to it
    scale: float
    timing_ms: float

    @property
    def passed(self) -> bool:
        from .masked_lm_types import HEAD_CHECK_RELATIVE_TOLERANCE

        return bool(self.max_abs_diff <= HEAD_CHECK_RELATIVE_TOLERANCE * max(1.0, self.scale))


def request_for(parent, _options=None, _settings=None) -> HeadCheckRequest:
    """The check of a masked-LM result that kept its inputs (``head_check_later``)."""
    inputs = getattr(parent, "head_check_inputs", None)
    if inputs is None:
        raise InputError("this result kept nothing for a head check")
    top = parent.top_logits
    scale = float(np.abs(top).max()) if top.size else 1.0
    return HeadCheckRequest(parent.text, inputs, scale, parent.model_name)
