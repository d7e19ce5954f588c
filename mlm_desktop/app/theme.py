"""Light or dark: the user's theme, or the system's colour scheme, applied to the application.

"system" follows ``QStyleHints.colorScheme()`` and its changes while the
window runs; "light" and "dark" hold whatever the system does. A dark theme
is the Fusion style with a dark palette (every platform style draws it
alike); the views take their colours from the palette (:mod:`mlm_desktop.panels.theme`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from ..panels.theme import is_dark

_ROLES = QPalette.ColorRole


def dark_palette() -> QPalette:
    """A dark palette: light text on dark grounds, a blue highlight."""
    palette = QPalette()
    colours = {
        _ROLES.Window: "#2b2d31", _ROLES.WindowText: "#e6e6e6", _ROLES.Base: "#1e1f22",
        _ROLES.AlternateBase: "#26282c", _ROLES.ToolTipBase: "#1e1f22", _ROLES.ToolTipText: "#e6e6e6",
        _ROLES.PlaceholderText: "#9aa0a8", _ROLES.Text: "#e6e6e6", _ROLES.Button: "#34363b",
        _ROLES.ButtonText: "#e6e6e6", _ROLES.BrightText: "#ff6b6b", _ROLES.Light: "#45474d",
        _ROLES.Midlight: "#3a3c41", _ROLES.Mid: "#2f3135", _ROLES.Dark: "#18191b",
        _ROLES.Shadow: "#0d0d0e", _ROLES.Highlight: "#3d6bd8", _ROLES.HighlightedText: "#ffffff",
        _ROLES.Link: "#7cb0ff", _ROLES.LinkVisited: "#c39bff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (_ROLES.WindowText, _ROLES.Text, _ROLES.ButtonText):
        palette.setColor(disabled, role, QColor("#7c8088"))
    palette.setColor(disabled, _ROLES.Base, QColor("#26282c"))
    return palette


def system_is_dark(desktop_palette: QPalette) -> bool:
    """The desktop's colour scheme is dark; where it says nothing, its palette is."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return is_dark(desktop_palette)
    return scheme == Qt.ColorScheme.Dark


class ThemeController(QObject):
    """Applies "system", "light" or "dark" to ``app``; ``changed(dark)`` after each switch."""

    changed = Signal(bool)

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._start_style = app.style().name()
        self._start_palette = QPalette(app.palette())
        self.choice = "system"
        self._dark: bool | None = None
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

    def wants_dark(self) -> bool:
        if self.choice == "system":
            return system_is_dark(self._start_palette)
        return self.choice == "dark"

    def set_theme(self, choice: str) -> None:
        """Use ``choice`` ("system", "light" or "dark") from now on."""
        self.choice = choice if choice in ("system", "light", "dark") else "system"
        self.apply()

    def apply(self) -> None:
        dark = self.wants_dark()
        already = self._dark if self._dark is not None else is_dark(self._app.palette())
        if dark == already:  # e.g. a start with the system's own light palette: left alone
            self._dark = dark
            return
        if dark:
            self._set_style("fusion")
            self._app.setPalette(dark_palette())
        elif not is_dark(self._start_palette):
            self._set_style(self._start_style)
            self._app.setPalette(self._start_palette)
        else:  # the system's palette is dark: Fusion's own is light
            self._set_style("fusion")
            self._app.setPalette(self._app.style().standardPalette())
        self._dark = dark
        self._polish_style_sheets()
        self.changed.emit(dark)

    def _set_style(self, name: str) -> None:
        if self._app.style().name().lower() != name.lower() and name.lower() in (
                key.lower() for key in QStyleFactory.keys()):
            self._app.setStyle(name)

    def _polish_style_sheets(self) -> None:
        """Widgets with a style sheet take the new palette (Qt keeps the one they were
        polished with, and the colours a sheet names with ``palette(...)``)."""
        for widget in self._app.allWidgets():
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet("")
                widget.setStyleSheet(sheet)

    def _on_color_scheme_changed(self, _scheme) -> None:
        if self.choice == "system":
            self.apply()

    def restore_start(self) -> None:
        """The application's style and palette as they were when this controller was made."""
        self._set_style(self._start_style)
        self._app.setPalette(self._start_palette)
        self._polish_style_sheets()
        self._dark = None
