"""The analysis options a person sets, each default written once.

The window's toolbar, the saved settings, the command line and the session
all start from :data:`DEFAULT_OPTIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import InputError

#: the reference notebook masks 15% of the non-special tokens
DEFAULT_MASK_PROBABILITY = 0.15
#: the window's top-k spin box goes up to this many candidates
MAX_TOP_K = 100
#: seeds go from 0 to this (a 32-bit spin box, torch and numpy all take it)
MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class AnalysisOptions:
    """How masks are drawn and how many candidates are kept.

    ``top_k``: candidates per masked position (1-based count).
    ``whole_word``: masking a piece of a word masks the whole word.
    ``mask_probability`` and ``seed``: the random mask (each maskable token
    with that probability, drawn as the notebook does with that seed).
    """

    top_k: int = 5
    whole_word: bool = False
    mask_probability: float = DEFAULT_MASK_PROBABILITY
    seed: int = 0

    def __post_init__(self) -> None:
        if int(self.top_k) < 1:
            raise InputError(f"top-k must be at least 1, got {self.top_k}")
        if not 0.0 <= float(self.mask_probability) <= 1.0:
            raise InputError(
                f"mask probability must be between 0 and 1, got {self.mask_probability}"
            )
        if int(self.seed) < 0:
            raise InputError(f"the seed must be 0 or more, got {self.seed}")

    def with_changes(self, **changes) -> AnalysisOptions:
        """A copy with ``changes`` applied (checked like a new object)."""
        return replace(self, **changes)


DEFAULT_OPTIONS = AnalysisOptions()
