"""The analysis options a person sets, each default written once.

The window's toolbar, the saved settings, the command line and the session
all start from :data:`DEFAULT_OPTIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .targets import target_words
from .validation import flag, probability, whole_number

#: the reference notebook masks 15% of the non-special tokens
DEFAULT_MASK_PROBABILITY = 0.15
#: the window's top-k spin box goes up to this many candidates
MAX_TOP_K = 100
#: seeds go from 0 to this (a 32-bit spin box, torch and numpy all take it)
MAX_SEED = 2**31 - 1
#: the longest model input the app supports, in tokens: mask positions go up to one less
MAX_TOKENS = 100_000


@dataclass(frozen=True)
class AnalysisOptions:
    """How masks are drawn and how many candidates are kept.

    ``top_k``: candidates per masked position, 1 to :data:`MAX_TOP_K`.
    ``whole_word``: masking a piece of a word masks the whole word.
    ``mask_probability`` and ``seed``: the random mask (each maskable token
    with that probability, drawn as the notebook does with that seed, 0 to
    :data:`MAX_SEED`). ``targets``: when not empty, each masked position's
    candidates are only these words (see :mod:`mlm_desktop.core.targets`); a
    string is split at commas and spaces. A value of the wrong type or out of
    range raises :class:`~mlm_desktop.core.errors.InputError`.
    """

    top_k: int = 5
    whole_word: bool = False
    mask_probability: float = DEFAULT_MASK_PROBABILITY
    seed: int = 0
    targets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        checked = {
            "top_k": whole_number(self.top_k, "top-k", 1, MAX_TOP_K),
            "whole_word": flag(self.whole_word, "whole_word"),
            "mask_probability": probability(self.mask_probability),
            "seed": whole_number(self.seed, "the seed", 0, MAX_SEED),
            "targets": target_words(self.targets),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    def with_changes(self, **changes) -> AnalysisOptions:
        """A copy with ``changes`` applied (checked like a new object)."""
        return replace(self, **changes)


DEFAULT_OPTIONS = AnalysisOptions()
