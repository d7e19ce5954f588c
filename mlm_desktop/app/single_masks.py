"""Instant single masks: a click that leaves one token masked is answered from the scoring pass.

The pseudo-likelihood pass has already run the model once per token with that
token alone masked, and keeps each copy's top-k (``single_mask_prediction``).
When a click leaves exactly one token masked (a token masked in a text with
no other mask, or every mask but one taken off), whole-word masking is off,
no word list restricts the candidates (the scoring pass kept the whole
vocabulary's top-k), and a scoring pass of the same text and model is at hand, its prediction for
that token is shown at once; the regular analysis still runs and replaces it
when it comes, filling every other panel.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..core.analyses.masked_lm_types import AnalysisResult, TokenPrediction

#: how the predictions panel says where a quick answer came from
NOTE = QT_TRANSLATE_NOOP("SingleMaskAnswers", "From the pseudo-likelihood pass, where this token was "
                         "masked alone; the full analysis follows.")


class SingleMaskAnswers:
    """Remembers the latest scoring pass and answers single masks from it."""

    def __init__(self) -> None:
        self._scoring = None

    def offer(self, result: object) -> None:
        """A follow-up result came; keep it when it can answer single masks."""
        if hasattr(result, "single_mask_prediction"):
            self._scoring = result

    def answer(self, shown: AnalysisResult | None, text: str, spans,
               whole_word: bool, targets: tuple[str, ...] = ()) -> TokenPrediction | None:
        """The prediction for the one token masked now, else None.

        ``shown`` is the masked-LM result on screen (of the text before the
        click's new analysis), ``spans`` the session's mask spans after the click,
        ``targets`` the word list the candidates must come from (none: any).
        """
        scoring = self._scoring
        if scoring is None or shown is None or whole_word or targets or len(spans) != 1:
            return None
        if scoring.text != text or shown.text != text or scoring.model_name != shown.model_name:
            return None
        (start, end, _ordinal), = spans
        position = _token_at(shown, start, end)
        return None if position is None else scoring.single_mask_prediction(position)


def _token_at(shown: AnalysisResult, start: int, end: int) -> int | None:
    """The position of the token whose characters are exactly ``start:end`` (None: no one token)."""
    if end <= start:
        return None
    offsets = np.asarray(shown.offsets).reshape(-1, 2)
    special = np.asarray(shown.special_mask, bool)
    found = np.flatnonzero((offsets[:, 0] == start) & (offsets[:, 1] == end) & ~special)
    return int(found[0]) if len(found) == 1 else None
