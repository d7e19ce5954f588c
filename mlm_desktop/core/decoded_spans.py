"""Where tokens land in a decoded text: the character spans of chosen positions.

A filled sentence is shown as the tokenizer decodes it (word pieces joined,
space markers gone, special tokens left out), the same text the headless
commands print. To mark the filled tokens in it, each one's span is read off
the decoded prefixes: the text of the ids before it and of the ids up to it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from .arrays import frozen


def decode(tokenizer: Any, ids: Sequence[int]) -> str:
    """``ids`` as text, special tokens left out, outer spaces stripped."""
    return tokenizer.decode(list(ids), skip_special_tokens=True).strip()


def decoded_spans(tokenizer: Any, ids: Sequence[int], positions: Sequence[int]) -> np.ndarray:
    """(len(positions), 2) ``[start, end)`` of each position's token in ``decode(ids)``.

    A token that decodes to nothing (a special token, say) gets an empty span.
    Where decoding a prefix reads otherwise than the whole text (a tokenizer
    that tidies spaces around punctuation), the span is cut where they agree.
    """
    ids = [int(i) for i in ids]
    text = decode(tokenizer, ids)

    def reach(count: int) -> int:
        prefix = decode(tokenizer, ids[:count])
        return len(os.path.commonprefix([prefix, text]))

    spans = []
    for position in positions:
        start, end = reach(int(position)), reach(int(position) + 1)
        while start < end and text[start].isspace():
            start += 1
        spans.append((start, max(start, end)))
    return frozen(spans if spans else np.zeros((0, 2)), np.int64)
