"""Masks as character spans, and the rule that carries them across edits.

Masks are kept as *character spans* of the current text, not as token
indices, because token indices mean nothing once the text changes. A span is
``(start, end, ordinal)``: the token's ``[start, end)`` characters and, for the
rare tokens that share one span (pieces of one emoji in byte-level BPE), its
rank among them.

The rule that keeps masks sound across edits: an edit is the changed middle
between the common prefix and the common suffix of the old and new text. A
masked span survives only when it lies entirely in the unchanged text and its
word cannot have changed: either an unchanged character separates it from the
edit, or the new text has white space (or its own start or end) right at the
span's edge (typing "1860 " before a masked "election" keeps it, and so does a
space typed after a masked last word; typing "s" after a masked "Lincoln"
drops it). Spans after the edit shift with it. Whoever owns the
tokenizer turns surviving spans back into token positions of the new
tokenization (:func:`positions_for_spans`); a span that no longer matches a
token is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

Span = tuple[int, int, int]


def token_spans(offsets: np.ndarray) -> list[Span]:
    """One span per token: ``(start, end, ordinal among tokens with that span)``."""
    seen: dict[tuple[int, int], int] = {}
    out = []
    for start, end in np.asarray(offsets).reshape(-1, 2).tolist():
        key = (int(start), int(end))
        ordinal = seen.get(key, 0)
        seen[key] = ordinal + 1
        out.append((key[0], key[1], ordinal))
    return out


def positions_for_spans(
    offsets: np.ndarray, maskable: np.ndarray, spans: Iterable[Span]
) -> tuple[int, ...]:
    """Token positions whose span is in ``spans`` (maskable tokens only), sorted."""
    wanted = set(spans)
    return tuple(
        i
        for i, span in enumerate(token_spans(offsets))
        if span in wanted and bool(maskable[i])
    )


def text_edit(old: str, new: str) -> tuple[int, int, int]:
    """The changed middle: ``(start, old_end, new_end)`` between common prefix and suffix."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    suffix = 0
    while suffix < limit - start and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return start, len(old) - suffix, len(new) - suffix


def remap_spans(old: str, new: str, spans: Iterable[Span]) -> set[Span]:
    """Carry mask spans from ``old`` text to ``new`` text (see the module rule)."""
    spans = set(spans)
    if old == new:
        return spans
    start, old_end, new_end = text_edit(old, new)
    delta = new_end - old_end

    def edge(text: str, index: int) -> bool:
        """White space at ``index``, or no character there (the text's start or end)."""
        return not 0 <= index < len(text) or text[index].isspace()

    out = set()
    for s, e, k in spans:
        if e < start or (e == start and edge(new, e)):
            out.add((s, e, k))
        elif s > old_end or (s == old_end and edge(new, s + delta - 1)):
            out.add((s + delta, e + delta, k))
    return out
