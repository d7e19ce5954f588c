"""Positions in a text counted two ways: code points and UTF-16 code units.

Token offsets count code points, as Python indexes a string (``text[start:end]``).
Qt counts UTF-16 code units, as do JavaScript and Windows: a character beyond
U+FFFF (most emoji, rare CJK ideographs, mathematical letters) is one code point
but two units, a surrogate pair. Every such character before a position moves
the UTF-16 count one further along.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


class TextPositions:
    """Converts positions in one text between code points and UTF-16 units.

    Built once per text (one regex scan); each conversion is a binary search
    over the characters that take two units.
    """

    __slots__ = ("_length", "_pairs", "_pair_units")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # code-point positions of the two-unit characters, and the unit where each starts
        self._pairs = [m.start() for m in _BEYOND_BMP.finditer(text)]
        self._pair_units = [position + i for i, position in enumerate(self._pairs)]

    @property
    def length(self) -> int:
        """The text's length in code points."""
        return self._length

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 units."""
        return self._length + len(self._pairs)

    def to_utf16(self, position: int) -> int:
        """The UTF-16 unit where code point ``position`` starts (clamped to the text)."""
        position = min(max(int(position), 0), self._length)
        return position + bisect_left(self._pairs, position)

    def to_code_point(self, unit: int, *, round_up: bool = False) -> int:
        """The code point at UTF-16 ``unit`` (clamped to the text).

        A unit between the two halves of a surrogate pair falls inside one
        character: it rounds down to that character's start, or up past it
        with ``round_up`` (for the end of a span).
        """
        unit = min(max(int(unit), 0), self.utf16_length)
        before = bisect_left(self._pair_units, unit)  # pairs that start before the unit
        position = unit - before
        inside_pair = before > 0 and self._pair_units[before - 1] + 1 == unit
        return position + 1 if inside_pair and round_up else position

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """A code-point span ``[start, end)`` as UTF-16 units."""
        return self.to_utf16(start), self.to_utf16(end)

    def span_to_code_points(self, start: int, end: int) -> tuple[int, int]:
        """A UTF-16 span as code points, widened to whole characters."""
        return self.to_code_point(start), self.to_code_point(end, round_up=True)
