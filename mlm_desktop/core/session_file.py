"""The session file: what the user was doing, as versioned JSON, checked when read.

Format (version 1)::

    {"format": "mlm-desktop-session", "version": 1,
     "text": "...", "mask_spans": [[start, end, ordinal], ...],
     "options": {"top_k": 5, "whole_word": false, "mask_probability": 0.15, "seed": 0},
     "model": "bert-base-uncased" | null, "device": "auto",
     "open_panels": ["tokens", "predictions", ...] | null}

Mask spans are character spans of ``text`` (see :mod:`mlm_desktop.core.spans`).
A file that is not a session of a version this program knows is refused with
:class:`SessionFileError` (:class:`NewerSessionError` for a newer version).
A field that cannot be used takes its default and is named in
:attr:`ReadSession.notes`; the rest of the session is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .devices import DEVICE_CHOICES
from .errors import InputError
from .messages import QT_TRANSLATE_NOOP
from .options import DEFAULT_OPTIONS, AnalysisOptions
from .spans import Span
from .stored_options import as_int, checked_options, shown

FORMAT = "mlm-desktop-session"
VERSION = 1
#: a text longer than this is not one the user typed (the editor would not hold it well)
MAX_TEXT_CHARS = 10_000_000


class SessionFileError(InputError):
    """The file is not a session this program can read."""


class NewerSessionError(SessionFileError):
    """The file was written by a newer MLM Desktop."""


@dataclass(frozen=True)
class SessionState:
    """What the window restores: text, masks, options, model, device and open panels."""

    text: str = ""
    mask_spans: frozenset[Span] = frozenset()
    options: AnalysisOptions = DEFAULT_OPTIONS
    model: str | None = None
    device: str = "auto"
    #: ids of the panels whose docks are open; None leaves the layout as it is
    open_panels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ReadSession:
    state: SessionState
    #: plain notes on the fields that were ignored
    notes: list[str] = field(default_factory=list)


def dumps(state: SessionState) -> str:
    """The file's text (ASCII JSON, so that any text survives any encoding)."""
    o = state.options
    data = {
        "format": FORMAT,
        "version": VERSION,
        "text": state.text,
        "mask_spans": sorted([int(s), int(e), int(k)] for s, e, k in state.mask_spans),
        "options": {
            "top_k": int(o.top_k),
            "whole_word": bool(o.whole_word),
            "mask_probability": float(o.mask_probability),
            "seed": int(o.seed),
            "targets": list(o.targets),
        },
        "model": state.model,
        "device": state.device,
        "open_panels": None if state.open_panels is None else list(state.open_panels),
    }
    return json.dumps(data, ensure_ascii=True, indent=1) + "\n"


def _header(text: str) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise SessionFileError(QT_TRANSLATE_NOOP("core", "it is not valid JSON ({detail})").format(
            detail=str(exc).splitlines()[0][:80])) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionFileError(QT_TRANSLATE_NOOP("core", "it is not an MLM Desktop session file"))
    version = as_int(data.get("version")) if not isinstance(data.get("version"), str) else None
    if version is None or version < 1:
        raise SessionFileError(QT_TRANSLATE_NOOP(
            "core", "its version {version} is not a version number").format(
            version=shown(data.get("version"))))
    if version > VERSION:
        raise NewerSessionError(QT_TRANSLATE_NOOP(
            "core", "it was written by a newer MLM Desktop (session version {version}; this one reads "
            "version {known})"
        ).format(version=version, known=VERSION))
    return data


def _text(data: dict) -> str:
    text = data.get("text", "")
    if not isinstance(text, str):
        raise SessionFileError(QT_TRANSLATE_NOOP("core", "its text is not a string"))
    if len(text) > MAX_TEXT_CHARS:
        raise SessionFileError(QT_TRANSLATE_NOOP("core", "its text is longer than {n:,} characters").format(
            n=MAX_TEXT_CHARS))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SessionFileError(QT_TRANSLATE_NOOP(
            "core", "its text holds characters that are not valid Unicode")) from None
    return text


def _spans(raw: object, length: int, notes: list[str]) -> frozenset[Span]:
    if raw is None:
        return frozenset()
    spans = set()
    ok = isinstance(raw, list)
    for item in raw if ok else ():
        if not (isinstance(item, list) and len(item) == 3):
            ok = False
            break
        numbers = [None if isinstance(v, str) else as_int(v) for v in item]
        if None in numbers:
            ok = False
            break
        start, end, ordinal = numbers
        if not (0 <= start < end <= length and 0 <= ordinal < 64):
            ok = False
            break
        spans.add((start, end, ordinal))
    if not ok:
        notes.append(QT_TRANSLATE_NOOP("core", "the masks (they do not fit the text)"))
        return frozenset()
    return frozenset(spans)


def loads(text: str, panel_ids: frozenset[str] | None = None) -> ReadSession:
    """Read a session file's text; raises :class:`SessionFileError` for one it cannot use.

    ``panel_ids``: the panels this window has; open panels it lacks are left out.
    """
    data = _header(text)
    notes: list[str] = []
    session_text = _text(data)
    spans = _spans(data.get("mask_spans"), len(session_text), notes)
    raw_options = data.get("options", {})
    if not isinstance(raw_options, dict):
        notes.append(QT_TRANSLATE_NOOP("core", "the options (not a set of named values)"))
        raw_options = {}
    options, option_notes = checked_options(raw_options)
    notes += option_notes
    model = data.get("model")
    if model is not None and (not isinstance(model, str) or not model.strip() or len(model) > 4096):
        notes.append(QT_TRANSLATE_NOOP("core", "the model {model} (not a model name or folder)").format(
            model=shown(model)))
        model = None
    device = data.get("device", "auto")
    if device not in DEVICE_CHOICES:
        notes.append(QT_TRANSLATE_NOOP("core", "the device {device} (must be one of {choices})").format(
            device=shown(device), choices=", ".join(DEVICE_CHOICES)))
        device = "auto"
    open_panels = data.get("open_panels")
    if open_panels is not None:
        if isinstance(open_panels, list) and all(isinstance(p, str) for p in open_panels):
            known = panel_ids if panel_ids is not None else frozenset(open_panels)
            open_panels = tuple(p for p in open_panels if p in known)
        else:
            notes.append(QT_TRANSLATE_NOOP("core", "the open panels (not a list of panel names)"))
            open_panels = None
    state = SessionState(session_text, spans, options, model, device, open_panels)
    return ReadSession(state, notes)
