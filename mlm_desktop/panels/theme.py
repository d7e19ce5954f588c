"""Colours that follow the window's palette, light or dark.

The views take their text, chip and plot colours from the application's
palette (set by the app from the user's theme or the system's colour scheme)
rather than from fixed values, so that they read well in both. Widgets that
paint themselves read :func:`theme_colours` as they paint; views that hold
colours (pyqtgraph plots, HTML) re-apply them with :func:`follow_palette`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` (0 to 1) of the way to ``b``."""
    t = min(max(float(t), 0.0), 1.0)
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3],
                                                             strict=True)))


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window's ground is dark (a dark theme)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


@dataclass(frozen=True)
class ThemeColours:
    """The views' colours under one palette."""

    text: QColor
    muted: QColor
    plot_background: QColor
    plot_foreground: QColor
    chip_fill: QColor
    chip_border: QColor
    special_text: QColor
    hover: QColor
    dark: bool


def theme_colours(palette: QPalette | None = None) -> ThemeColours:
    """Colours derived from ``palette`` (the application's by default).

    Views ask for them as they paint each cell or chip; the colours of the last
    palette asked about are kept until it changes (its ``cacheKey``).
    """
    palette = palette or QGuiApplication.palette()
    key = palette.cacheKey()
    if _last[0] != key:
        _last[:] = [key, _derive(palette)]
    return _last[1]


#: the cache key of the last palette asked about, and its colours
_last: list = [None, None]


def _derive(palette: QPalette) -> ThemeColours:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = is_dark(palette)
    return ThemeColours(
        text=text,
        muted=mix(text, base, 0.42),
        plot_background=base,
        plot_foreground=mix(text, base, 0.2),
        chip_fill=mix(base, text, 0.14 if dark else 0.06),
        chip_border=mix(base, text, 0.35),
        special_text=mix(text, base, 0.5),
        hover=QColor("#60a5fa" if dark else "#1d4ed8"),
        dark=dark,
    )


def readable_text(fill: QColor) -> QColor:
    """Near-black text on a light fill, white on a dark one."""
    return QColor("white") if fill.lightnessF() < 0.55 else QColor("#111827")


_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


class _PaletteFollower(QObject):
    """Calls ``apply`` when the watched widget's palette changes (once per new palette)."""

    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self._apply = apply
        self._key = self._palette_key(widget)

    @staticmethod
    def _palette_key(widget: QWidget) -> tuple[str, str]:
        palette = widget.palette()
        return (palette.color(QPalette.ColorRole.Base).name(),
                palette.color(QPalette.ColorRole.Text).name())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _EVENTS and isinstance(watched, QWidget):
            key = self._palette_key(watched)
            if key != self._key:
                self._key = key
                self._apply()
        return False


def follow_palette(widget: QWidget, apply: Callable[[], None]) -> None:
    """Run ``apply`` now and whenever ``widget``'s palette changes (a theme change)."""
    apply()
    widget.installEventFilter(_PaletteFollower(widget, apply))
