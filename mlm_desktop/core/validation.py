"""Checks for values that come from outside: scripts, the command line, saved files.

Each check returns the value in its plain Python type (``int``, ``float``,
``str``) or raises :class:`InputError` with one line that names the value,
says what is allowed and shows what was given. The requests, the options and
the command line all use these, so one mistake gets one wording everywhere.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable

from .errors import InputError
from .messages import QT_TRANSLATE_NOOP

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: bytes that are not UTF-8 reach ``sys.argv`` as these code points (Python's surrogateescape)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def whole_number(value: object, what: str, low: int, high: int | None = None) -> int:
    """``value`` as an ``int`` from ``low`` to ``high``; whole floats count, bools do not."""
    number: int | None = None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        number = int(value)
    elif (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and float(value).is_integer()
    ):
        number = int(value)
    allowed = f"from {low} to {high}" if high is not None else f"of {low} or more"
    if number is None or number < low or (high is not None and number > high):
        raise InputError(f"{what} must be a whole number {allowed}, got {_shown(value)}")
    return number


def probability(value: object, what: str = "mask probability") -> float:
    """``value`` as a ``float`` in [0, 1]; text, bools and NaN are refused."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not ok or not 0.0 <= float(value) <= 1.0:  # NaN fails the comparison too
        raise InputError(f"{what} must be a number between 0 and 1, got {_shown(value)}")
    return float(value)


def flag(value: object, what: str) -> bool:
    """``value`` as a ``bool``: only True or False (numpy's too) are taken."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    raise InputError(f"{what} must be True or False, got {_shown(value)}")


def text_value(value: object) -> str:
    """``value`` when it is a ``str``; bytes and anything else are refused."""
    if not isinstance(value, str):
        hint = " (decode it first, e.g. data.decode('utf-8'))" if isinstance(value, bytes) else ""
        raise InputError(f"the text must be a string (str), not {type(value).__name__}{hint}")
    return value


def analysable_text(value: object) -> str:
    """A text that can be tokenized: a ``str``, valid Unicode, not blank."""
    text = text_value(value)
    found = _LONE_SURROGATE.search(text)
    if found:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "the text holds a lone surrogate (U+{code:04X}) at character {at}, which is not a "
            "character: remove it or fix the text's encoding"
        ).format(code=ord(found.group()), at=found.start()))
    if not text or text.isspace():
        raise InputError(QT_TRANSLATE_NOOP("core", "the text is empty: type or paste some text to analyse"))
    return text


def command_line_text(text: str) -> str:
    """Text from ``sys.argv``, where bytes that are not UTF-8 arrive as lone surrogates."""
    found = _ESCAPED_BYTE.search(text)
    if found:
        byte = ord(found.group()) - 0xDC00
        raise InputError(
            f"the text is not valid UTF-8 (byte 0x{byte:02X} at character {found.start()}): "
            "pass UTF-8 text, or use --text-file with a UTF-8 file"
        )
    return text


def token_positions(values: object, high: int) -> tuple[int, ...]:
    """Token positions, each a whole number from 0 to ``high``."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(
            f"mask positions must be a list of token positions such as (3, 4, 8), "
            f"got {_shown(values)}"
        )
    return tuple(whole_number(v, "mask position", 0, high) for v in values)


def mask_spans(values: object) -> frozenset[tuple[int, int, int]]:
    """Character spans ``(start, end, ordinal)``, each three whole numbers.

    A span that fits no token (negative, or ending before it starts) is kept:
    it masks nothing, like a span left over from an older text.
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(
            f"mask spans must be a set of (start, end, ordinal) spans, got {_shown(values)}"
        )
    out = set()
    for span in values:
        try:
            start, end, ordinal = span
            out.add(tuple(whole_number(v, "span value", -(2**63)) for v in (start, end, ordinal)))
        except (TypeError, ValueError, InputError):
            raise InputError(
                f"a mask span must be three whole numbers (start, end, ordinal), got {_shown(span)}"
            ) from None
    return frozenset(out)
