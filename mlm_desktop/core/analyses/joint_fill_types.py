"""Joint filling's settings, request and result (numpy only, frozen).

``T`` is the number of tokens and ``M`` the number of masked positions
(chosen and typed) that are filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..options import MAX_TOKENS
from ..validation import text_value, token_positions, whole_number

#: the widest beam offered (each step then runs this many copies of the text)
MAX_BEAM_WIDTH = 5
#: the default: greedy only, most confident first
DEFAULT_BEAM_WIDTH = 1


def beam_width(value: object) -> int:
    """A beam width from 1 (greedy only) to :data:`MAX_BEAM_WIDTH`."""
    return whole_number(value, "the beam width", 1, MAX_BEAM_WIDTH)


@dataclass(frozen=True)
class FillSettings:
    """What the joint-fill panel asks for: the beam width (1: greedy only)."""

    beam_width: int = DEFAULT_BEAM_WIDTH

    def __post_init__(self) -> None:
        object.__setattr__(self, "beam_width", beam_width(self.beam_width))


@dataclass(frozen=True)
class FillRequest:
    """One masked text as the model saw it, the masks to fill, and the independent argmax.

    ``masked_input_ids`` (T,): what the masked-LM pass read. ``positions``:
    the masked positions, in text order. ``argmax_ids`` and ``argmax_probs``
    (M,): the masked-LM result's top-1 at each of them, each read alone.
    ``special_positions``: the special tokens (the panel leaves them out).
    ``mask_positions``: the masks chosen (the others in ``positions`` were typed).
    ``allowed_ids``: when not empty, every fill is one of these vocabulary ids (the
    masked-LM request's target words), chosen by its probability over the whole
    vocabulary; the argmax is then the best of them, as the masked-LM result gives it.
    """

    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    masked_input_ids: tuple[int, ...]
    positions: tuple[int, ...]
    argmax_ids: tuple[int, ...]
    argmax_probs: tuple[float, ...]
    beam_width: int = DEFAULT_BEAM_WIDTH
    special_positions: tuple[int, ...] = ()
    mask_positions: tuple[int, ...] = ()
    allowed_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        text_value(self.text)
        n = len(self.masked_input_ids)
        if not (len(self.tokens) == len(self.labels) == n):
            raise InputError("the fill request's ids, tokens and labels differ in length")
        if n == 0 or n > MAX_TOKENS:
            raise InputError(f"filling needs from 1 to {MAX_TOKENS} tokens, got {n}")
        for name in ("positions", "special_positions", "mask_positions"):
            object.__setattr__(self, name, token_positions(getattr(self, name), n - 1))
        ids = tuple(whole_number(i, "a token id", 0) for i in self.masked_input_ids)
        object.__setattr__(self, "masked_input_ids", ids)
        argmax = tuple(whole_number(i, "a token id", 0) for i in self.argmax_ids)
        object.__setattr__(self, "argmax_ids", argmax)
        if not (len(argmax) == len(self.argmax_probs) == len(self.positions)):
            raise InputError("the fill request needs one argmax token per masked position")
        object.__setattr__(self, "argmax_probs", tuple(float(p) for p in self.argmax_probs))
        object.__setattr__(self, "beam_width", beam_width(self.beam_width))
        allowed = tuple(dict.fromkeys(whole_number(i, "a token id", 0) for i in self.allowed_ids))
        object.__setattr__(self, "allowed_ids", allowed)


@dataclass(frozen=True)
class FillPath:
    """One way of filling every mask, step by step.

    Per step (M,), in the order of filling: ``order`` (the position filled),
    ``ids``, ``tokens``/``labels`` (the token put there) and ``probabilities``
    (its probability when it was chosen, with the earlier fills in place).
    ``sentence_ids`` (T,): the text with every mask filled; ``sentence_labels``
    its readable labels; ``text`` it decoded. ``logprob``: the sum of the
    steps' log-probabilities (natural log). ``spans`` (M, 2): where each
    masked position's token lands in ``text`` (``[start, end)``, the masked
    positions in text order; empty where a path was built without them).
    """

    order: np.ndarray
    ids: np.ndarray
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    probabilities: np.ndarray
    sentence_ids: np.ndarray
    sentence_labels: tuple[str, ...]
    text: str
    logprob: float
    spans: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.int64))

    @property
    def num_steps(self) -> int:
        return int(self.order.shape[0])

    def step_of(self, position: int) -> int:
        """The step that filled ``position`` (0-based), or -1."""
        found = np.flatnonzero(self.order == int(position))
        return int(found[0]) if found.size else -1


@dataclass(frozen=True)
class FillResult:
    """The masks filled jointly, next to the masked-LM pass's independent argmax.

    ``positions`` (M,): the masked positions in text order. ``greedy``: most
    confident first (at each step the still-masked position whose top-1 is
    most probable gets that token, then the model runs again). ``beam``: the
    best of a beam of ``beam_width`` fills scored by summed log-probability,
    the greedy path kept in it so the beam never ends below greedy (the
    greedy path itself when ``beam_width`` is 1). ``argmax``: every mask
    given its top-1 read alone (the masked-LM result's), with its summed
    log-probability. ``special_positions``: the special tokens;
    ``mask_positions``: the masks chosen (the rest of ``positions`` were typed).
    """

    model_name: str
    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    positions: np.ndarray
    beam_width: int
    greedy: FillPath
    beam: FillPath
    argmax: FillPath
    timing_ms: float
    special_positions: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    mask_positions: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def num_masks(self) -> int:
        return int(self.positions.shape[0])

    def differs(self, path: FillPath | None = None) -> np.ndarray:
        """(M,) bool, in text order: where ``path`` (the greedy one) differs from the argmax."""
        chosen = (path or self.greedy).sentence_ids[self.positions]
        return chosen != self.argmax.sentence_ids[self.positions]
