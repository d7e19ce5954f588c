"""What the user has asked for: text, masks and options, in plain Python (no Qt).

Masks are kept as *character spans* of the current text, not as token
indices, because token indices mean nothing once the text changes. A span is
``(start, end, ordinal)``: the token's ``[start, end)`` characters and, for the
rare tokens that share one span (pieces of one emoji in byte-level BPE), its
rank among them.

The rule that keeps masks sound across edits: an edit is the changed middle
between the common prefix and the common suffix of the old and new text. A
masked span survives only when it lies entirely in the unchanged text and its
word cannot have changed: either an unchanged character separates it from the
edit, or the characters at its edge are white space in both texts (typing
"1860 " before a masked "election" keeps it; typing "s" after a masked
"Lincoln" drops it). Spans after the edit shift with it. The worker, which
owns the tokenizer, turns surviving spans back into token positions of the
new tokenization; a span that no longer matches a token is dropped. Edits
reach the session one at a time, as the editor reports them.

Request ids: every state change that the views must follow takes a new id,
and only the result of the latest id is accepted (only the latest request may
update the views).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..core.analyses.masked_lm_types import AnalysisRequest, AnalysisResult
from ..core.options import DEFAULT_MASK_PROBABILITY
from ..core.spans import Span, positions_for_spans, remap_spans, token_spans


@dataclass
class Session:
    """The user's current request state and the result the views show."""

    text: str = ""
    mask_spans: set[Span] = field(default_factory=set)
    #: token positions waiting for the first result (command line, restored settings)
    pending_positions: tuple[int, ...] | None = None
    top_k: int = 5
    whole_word: bool = False
    mask_probability: float = DEFAULT_MASK_PROBABILITY
    seed: int = 0
    result: AnalysisResult | None = None
    latest_request_id: int = 0

    # -- text ----------------------------------------------------------
    def set_text(self, text: str) -> bool:
        """Take the editor's text; returns True when it changed.

        Results still on their way describe the old text, so they are made
        stale at once by taking a new request id.
        """
        if text == self.text:
            return False
        self.mask_spans = remap_spans(self.text, text, self.mask_spans)
        self.pending_positions = None
        self.text = text
        self.latest_request_id += 1
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
        self.pending_positions = None
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
        changed = bool(self.mask_spans) or bool(self.pending_positions)
        self.mask_spans = set()
        self.pending_positions = None
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
        self, random_mask: bool = False
    ) -> tuple[AnalysisRequest, frozenset[Span] | None]:
        """A new request with a new id, and the mask spans the worker should resolve.

        The spans are None when the request's own ``mask_positions`` are meant
        (positions given before any result existed, or a random draw).
        """
        self.latest_request_id += 1
        spans: frozenset[Span] | None
        if random_mask:
            positions: tuple[int, ...] = ()
            spans = None
        elif self.pending_positions is not None:
            positions = tuple(self.pending_positions)
            spans = None
        else:
            positions = ()
            spans = frozenset(self.mask_spans)
        request = AnalysisRequest(
            text=self.text,
            mask_positions=positions,
            random_probability=self.mask_probability if random_mask else None,
            seed=self.seed if random_mask else None,
            whole_word=self.whole_word,
            top_k=self.top_k,
            # no view draws attention weights yet: not asking saves their copy
            output_attentions=False,
            request_id=self.latest_request_id,
        )
        return request, spans

    def is_latest(self, request_id: int) -> bool:
        return int(request_id) == self.latest_request_id

    def accept(self, result: AnalysisResult) -> bool:
        """Take ``result`` if it answers the latest request; False drops it.

        The accepted result's masks become the mask set: it is what the user
        sees, and it carries a random draw or whole-word extension made by the
        core.
        """
        if not self.is_latest(result.request_id):
            return False
        self.result = result
        spans = token_spans(result.offsets)
        self.mask_spans = {spans[int(p)] for p in result.mask_positions}
        self.pending_positions = None
        return True

    def forget_pending_positions(self) -> None:
        """Positions given up front that the text could not take are dropped."""
        self.pending_positions = None
