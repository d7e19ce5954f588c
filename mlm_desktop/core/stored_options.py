"""Reading analysis options back from a settings or session file, value by value.

Stored values come back as strings (QSettings' INI files) or as JSON values.
Each is checked against the bounds the window and the core accept; one that
cannot be used falls back to its default and is named, in plain words, so
the window can say what it ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .errors import InputError
from .messages import QT_TRANSLATE_NOOP
from .options import DEFAULT_OPTIONS, MAX_SEED, MAX_TOP_K, AnalysisOptions
from .targets import MAX_TARGETS, target_words

_INTEGER = re.compile(r"[+-]?\d{1,30}")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def shown(value: object) -> str:
    """A stored value as the user would recognise it, cut short when long."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def as_int(value: object) -> int | None:
    """An integer from a JSON number or a string of digits; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    return None


def as_float(value: object) -> float | None:
    """A finite number from a JSON number or a string; None otherwise."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def as_bool(value: object) -> bool | None:
    """True or False from a JSON boolean or "true"/"false" (and 1/0, yes/no, on/off)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def as_words(value: object) -> tuple[str, ...] | None:
    """A word list from a JSON list of words or a string of words; None when it is not one."""
    try:
        return target_words(value)
    except InputError:
        return None


def checked_options(raw: Mapping[str, object]) -> tuple[AnalysisOptions, list[str]]:
    """Options from stored values, and a plain note for each value that was ignored.

    Keys are the option names (``top_k``, ``whole_word``, ``mask_probability``,
    ``seed``, ``targets``); a missing key takes its default without a note.
    """
    d = DEFAULT_OPTIONS
    values: dict[str, object] = {}
    notes: list[str] = []
    checks = (
        ("top_k", QT_TRANSLATE_NOOP("core", "top-k"), as_int, lambda v: 1 <= v <= MAX_TOP_K,
         QT_TRANSLATE_NOOP("core", "between 1 and {high}").format(high=MAX_TOP_K)),
        ("seed", QT_TRANSLATE_NOOP("core", "seed"), as_int, lambda v: 0 <= v <= MAX_SEED,
         QT_TRANSLATE_NOOP("core", "between 0 and {high}").format(high=MAX_SEED)),
        ("mask_probability", QT_TRANSLATE_NOOP("core", "mask probability"), as_float,
         lambda v: 0.0 <= v <= 1.0, QT_TRANSLATE_NOOP("core", "between 0 and 1")),
        ("whole_word", QT_TRANSLATE_NOOP("core", "whole words"), as_bool, lambda v: True,
         QT_TRANSLATE_NOOP("core", "true or false")),
        ("targets", QT_TRANSLATE_NOOP("core", "target words"), as_words, lambda v: True,
         QT_TRANSLATE_NOOP("core", "at most {high} words without spaces or commas").format(
             high=MAX_TARGETS)),
    )
    for key, label, convert, in_range, wanted in checks:
        if key not in raw or raw[key] is None:
            continue
        value = convert(raw[key])
        if value is None or not in_range(value):
            default = getattr(d, key) if key != "targets" else QT_TRANSLATE_NOOP("core", "every word")
            notes.append(QT_TRANSLATE_NOOP(
                "core", "{label} {value} (must be {wanted}; using {default})").format(
                label=label, value=shown(raw[key]), wanted=wanted, default=default))
            continue
        values[key] = value
    return d.with_changes(**values), notes
