"""Saliency's settings, request and result (numpy only, frozen).

``T`` is the number of tokens and ``k`` the number of candidates offered at
the explained position (the masked-LM result's top-k there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..messages import QT_TRANSLATE_NOOP
from ..options import MAX_TOKENS
from ..validation import text_value, token_positions, whole_number

#: integrated gradients: the number of steps from the baseline to the input
DEFAULT_STEPS = 32
MIN_STEPS = 2
MAX_STEPS = 200
#: how the log-probability is attributed: integrated gradients or gradient × input
METHODS = {"ig": QT_TRANSLATE_NOOP("core", "integrated gradients"),
           "gxi": QT_TRANSLATE_NOOP("core", "gradient × input")}


def method_value(value: object) -> str:
    if value not in METHODS:
        raise InputError(f"the saliency method must be one of {', '.join(METHODS)}, got {value!r}")
    return str(value)


def steps_value(value: object) -> int:
    return whole_number(value, "the number of integrated-gradients steps", MIN_STEPS, MAX_STEPS)


def _optional_position(value: object, what: str) -> int | None:
    return None if value is None else whole_number(value, what, 0)


@dataclass(frozen=True)
class SaliencySettings:
    """What the saliency panel asks for.

    ``position``: the masked position explained (None: the first one).
    ``candidate_id``: the candidate explained there (None: the model's top-1);
    it applies only to ``position``. ``method``: ``"ig"`` or ``"gxi"``.
    ``steps``: integrated gradients' steps.
    """

    position: int | None = None
    candidate_id: int | None = None
    method: str = "ig"
    steps: int = DEFAULT_STEPS

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _optional_position(self.position, "the position"))
        object.__setattr__(self, "candidate_id",
                           _optional_position(self.candidate_id, "the candidate id"))
        object.__setattr__(self, "method", method_value(self.method))
        object.__setattr__(self, "steps", steps_value(self.steps))


@dataclass(frozen=True)
class SaliencyRequest:
    """Which candidate at which masked position to explain, in the text as the model saw it.

    ``masked_input_ids``: what the model reads (the masked-LM result's);
    ``special_mask``: special tokens, kept in the baseline. ``position``: -1
    when nothing is masked (the result is then empty). ``positions``: every
    masked position (the choices). ``choice_ids``/``choice_labels``/
    ``choice_probs``: the top-k at ``position`` (the candidates offered).
    """

    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    masked_input_ids: tuple[int, ...]
    special_mask: tuple[bool, ...]
    positions: tuple[int, ...]
    position: int
    candidate_id: int
    candidate_label: str
    choice_ids: tuple[int, ...] = ()
    choice_labels: tuple[str, ...] = ()
    choice_probs: tuple[float, ...] = ()
    method: str = "ig"
    steps: int = DEFAULT_STEPS

    def __post_init__(self) -> None:
        text_value(self.text)
        n = len(self.masked_input_ids)
        if not (len(self.tokens) == len(self.labels) == len(self.special_mask) == n):
            raise InputError("the saliency request's ids, tokens and labels differ in length")
        if n == 0 or n > MAX_TOKENS:
            raise InputError(f"saliency needs from 1 to {MAX_TOKENS} tokens, got {n}")
        object.__setattr__(self, "positions", token_positions(self.positions, n - 1))
        if self.position != -1 and self.position not in self.positions:
            raise InputError(f"position {self.position} is not masked: saliency explains "
                             "a masked position")
        ids = tuple(whole_number(i, "a token id", 0) for i in self.masked_input_ids)
        object.__setattr__(self, "masked_input_ids", ids)
        object.__setattr__(self, "candidate_id", whole_number(self.candidate_id, "the candidate id", 0))
        object.__setattr__(self, "method", method_value(self.method))
        object.__setattr__(self, "steps", steps_value(self.steps))


@dataclass(frozen=True)
class SaliencyResult:
    """Each token's share in the log-probability of one candidate at one masked position.

    ``attributions`` (T,) float32: signed, summed over the embedding
    dimension (positive: the token raised the candidate's log-probability).
    ``log_prob``: the candidate's log-probability for the text as the model
    saw it; ``baseline_log_prob``: for the baseline (every non-special token
    the mask token), integrated gradients only. ``delta``: Captum's
    convergence delta, ``sum(attributions) - (log_prob - baseline_log_prob)``
    (integrated gradients only). ``position`` is -1 when nothing is masked.
    ``candidate_token``/``candidate_label``: the tokenizer's string and its readable form.
    """

    model_name: str
    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    special_mask: np.ndarray
    masked: np.ndarray
    positions: tuple[int, ...]
    position: int
    candidate_id: int
    candidate_token: str
    candidate_label: str
    choice_ids: tuple[int, ...]
    choice_labels: tuple[str, ...]
    choice_probs: tuple[float, ...]
    method: str
    steps: int
    attributions: np.ndarray
    log_prob: float
    baseline_log_prob: float | None
    delta: float | None
    timing_ms: float
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def num_tokens(self) -> int:
        return len(self.tokens)

    @property
    def mask_positions(self) -> np.ndarray:
        """(P,) every masked position (the choices), as the other results name them."""
        return np.asarray(self.positions, np.int64)

    @property
    def method_name(self) -> str:
        return METHODS[self.method]

    @property
    def scale(self) -> float:
        """The largest |attribution| (0 when there is none): the colour scale's end."""
        return float(np.abs(self.attributions).max()) if self.attributions.size else 0.0
