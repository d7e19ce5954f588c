"""What the user has asked for: text, masks and options, in plain Python (no Qt).

Masks are character spans of the current text (see :mod:`mlm_desktop.core.spans`
for the rule that carries them across edits); edits reach the session one at
a time, as the editor reports them. Which request is the latest, and so may
update the views, is kept by :class:`mlm_desktop.app.requests.RequestLedger`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..core.analyses.masked_lm_types import AnalysisRequest, AnalysisResult
from ..core.options import DEFAULT_OPTIONS, AnalysisOptions
from ..core.spans import Span, positions_for_spans, remap_spans, token_spans


@dataclass
class Session:
    """The user's current request state and the result the views show."""

    text: str = ""
    mask_spans: set[Span] = field(default_factory=set)
    #: token positions waiting for the first result (command line, restored settings)
    pending_positions: tuple[int, ...] | None = None
    options: AnalysisOptions = DEFAULT_OPTIONS
    #: a random draw asked for and not shown yet: (probability, seed); every
    #: request repeats it until its result is shown or a mask edit replaces it
    pending_draw: tuple[float, int] | None = None
    #: the masked-LM result on screen
    result: AnalysisResult | None = None
    #: the most tokens of the text analysed (Preferences); 0: as many as the model reads
    max_tokens: int = 0

    # -- text ----------------------------------------------------------
    def set_text(self, text: str) -> bool:
        """Take the editor's text; returns True when it changed.

        Results still on their way describe the old text: the caller makes
        them stale.
        """
        if text == self.text:
            return False
        self.mask_spans = remap_spans(self.text, text, self.mask_spans)
        self.pending_positions = None
        self.text = text
        return True

    # -- masks ---------------------------------------------------------
    def _spans_now(self, positions: Iterable[int]) -> set[Span]:
        """Spans of positions of the shown result, carried to the current text."""
        result = self.result
        if result is None:
            return set()
        all_spans = token_spans(result.offsets)
        spans = {all_spans[p] for p in positions if 0 <= p < len(all_spans)}
        return remap_spans(result.text, self.text, spans)

    def _maskable(self, position: int) -> bool:
        result = self.result
        return (
            result is not None
            and 0 <= position < result.num_tokens
            and not bool(result.special_mask[position])
            and not bool(result.typed_mask[position])
        )

    def _toggle_group(self, positions: Iterable[int]) -> bool:
        """Mask every maskable position of the group, or unmask all if all are masked."""
        group = [p for p in positions if self._maskable(p)]
        spans = self._spans_now(group)
        if not spans:
            return False
        if spans <= self.mask_spans:
            self.mask_spans -= spans
        else:
            self.mask_spans |= spans
        # the user edits the masks on screen: a draw still on its way is replaced
        self.pending_positions = self.pending_draw = None
        return True

    def toggle(self, position: int) -> bool:
        """Mask or unmask one token of the shown result; False when nothing changed."""
        return self._toggle_group([position])

    def toggle_range(self, first: int, last: int) -> bool:
        """Mask every token in ``first..last`` (inclusive), or unmask them if all masked."""
        lo, hi = sorted((int(first), int(last)))
        return self._toggle_group(range(lo, hi + 1))

    def word_positions(self, position: int) -> list[int]:
        """Every piece of the word that holds ``position`` in the shown result."""
        result = self.result
        if result is None or not 0 <= position < result.num_tokens:
            return []
        word = int(result.word_ids[position])
        if word < 0:
            return [position]
        return np.flatnonzero(
            (np.asarray(result.word_ids) == word) & ~np.asarray(result.special_mask)
        ).tolist()

    def toggle_word(self, position: int) -> bool:
        """Mask or unmask the whole word holding ``position``."""
        return self._toggle_group(self.word_positions(position))

    def clear_masks(self) -> bool:
        changed = bool(self.mask_spans) or bool(self.pending_positions) or bool(self.pending_draw)
        self.mask_spans = set()
        self.pending_positions = self.pending_draw = None
        return changed

    def masked_positions(self) -> tuple[int, ...]:
        """Positions of the shown result that are masked now (for display and settings)."""
        result = self.result
        if result is None:
            return tuple(self.pending_positions or ())
        if result.text != self.text:
            return ()
        offsets = np.asarray(result.offsets)
        maskable = ~np.asarray(result.special_mask) & ~np.asarray(result.typed_mask)
        return positions_for_spans(offsets, maskable, self.mask_spans)

    # -- requests and results -----------------------------------------
    def next_request(
        self, random_mask: bool = False, outputs: frozenset[str] = frozenset()
    ) -> AnalysisRequest:
        """The masked-LM request for the current state.

        Masks go as character spans, which the core resolves against the
        model's tokenization, except for positions given before any result
        existed and for a random draw. ``random_mask`` asks for a new draw
        with the current probability and seed; until its result is shown,
        every later request repeats that draw (a change of top-k, a panel
        asking for more outputs, an edit, a new model), so it is never lost.
        ``outputs`` names the optional outputs a visible panel needs
        (``hidden_states``, ``attentions``, ``full_logits``).
        """
        o = self.options
        if random_mask:
            self.ask_for_draw()
        draw = self.pending_draw
        spans: frozenset[Span] | None = None
        positions: tuple[int, ...] = ()
        if draw is None:
            if self.pending_positions is not None:
                positions = tuple(self.pending_positions)
            else:
                spans = frozenset(self.mask_spans)
        return AnalysisRequest(
            text=self.text,
            mask_positions=positions,
            mask_spans=spans,
            random_probability=None if draw is None else draw[0],
            seed=None if draw is None else draw[1],
            whole_word=o.whole_word,
            top_k=o.top_k,
            output_hidden_states="hidden_states" in outputs,
            output_attentions="attentions" in outputs,
            keep_full_logits="full_logits" in outputs,
            # the loss panel shows the head check a moment after the predictions
            head_check_later=True,
            max_tokens=self.max_tokens or None,
        )

    def ask_for_draw(self) -> None:
        """A random mask with the current probability and seed replaces the masks.

        It waits, if need be, for a model or a text to draw on.
        """
        self.pending_draw = (float(self.options.mask_probability), int(self.options.seed))
        self.pending_positions = None

    def adopt(self, result: AnalysisResult) -> None:
        """Take the latest request's ``result`` as the one on screen.

        Its masks become the mask set: it is what the user sees, and it
        carries a random draw or whole-word extension made by the core.
        """
        self.result = result
        spans = token_spans(result.offsets)
        self.mask_spans = {spans[int(p)] for p in result.mask_positions}
        self.pending_positions = self.pending_draw = None

    def forget_pending_positions(self) -> None:
        """Positions given up front that the text could not take are dropped."""
        self.pending_positions = None
