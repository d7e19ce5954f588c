"""The Preferences: their values, read from the settings and applied to the running window.

Each value goes through the path its other control uses, so that the two
stay in step: top-k through the window's ``options_changed`` (the options bar
shows it, the analysis runs again), the device through ``device_chosen`` (as
the Device menu). The colour maps and the theme apply at once; the language
at the next start, which the dialog offers to make now (:func:`restart`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QProcess, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.options import DEFAULT_OPTIONS
from ..panels.colour_maps import DEFAULT_MAPS, DIVERGING, SEQUENTIAL, colour_maps
from .preference_settings import DEFAULT_TYPING_PAUSE_MS
from .theme import ThemeController


@dataclass(frozen=True)
class PreferenceValues:
    """What the Preferences dialog shows and sets."""

    top_k: int = DEFAULT_OPTIONS.top_k
    typing_pause_ms: int = DEFAULT_TYPING_PAUSE_MS
    device: str = "auto"
    #: 0: as many tokens as the model reads
    max_tokens: int = 0
    sequential_map: str = DEFAULT_MAPS[SEQUENTIAL]
    diverging_map: str = DEFAULT_MAPS[DIVERGING]
    theme: str = "system"
    language: str = "en"


DEFAULT_VALUES = PreferenceValues()


class Preferences(QObject):
    """Reads the preferences from ``controller.settings`` and applies them to its window."""

    def __init__(self, controller) -> None:
        super().__init__(controller)
        self._controller = controller
        self.settings = controller.settings
        app = QApplication.instance()
        self.theme = ThemeController(app, self) if isinstance(app, QApplication) else None
        #: the language this run shows (a new choice applies at the next start)
        self.running_language = "en"
        #: whether this run's language was chosen with ``--language``
        self.language_from_command_line = False
        self.dialog = None
        self.restart_box: QMessageBox | None = None
        controller.window.preferences_requested.connect(self.open_dialog)

    def open_dialog(self):
        """Open the Preferences dialog (window-modal) with the values in use."""
        from .settings_dialog import SettingsDialog

        if self.dialog is not None:
            self.dialog.show_values(self.values())
            self.dialog.open()
            return self.dialog
        c = self._controller
        self.dialog = SettingsDialog(self.values(), c.models.usable, c.window,
                                     running_language=self.running_language,
                                     language_from_command_line=self.language_from_command_line)
        self.dialog.applied.connect(self._on_dialog_applied)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()
        return self.dialog

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None

    def _on_dialog_applied(self, values: PreferenceValues) -> None:
        before = self.settings.language
        self.apply(values)
        if values.language != before and self.language_pending():
            self.offer_restart()

    def offer_restart(self) -> QMessageBox:
        """Say that the language applies at the next start; offer to restart now."""
        window = self._controller.window
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Language"),
                          self.tr("The new language applies when MLM Desktop starts again. "
                                  "Your text, masks and panels are kept."),
                          QMessageBox.StandardButton.NoButton, window)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.restart_button = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(
            lambda button: button is box.restart_button and restart(window))
        box.open()
        self.restart_box = box
        return box

    def restore(self) -> None:
        """Apply the stored preferences (at start-up)."""
        s, c = self.settings, self._controller
        colour_maps().set_maps(s.sequential_map, s.diverging_map)
        if self.theme is not None:
            self.theme.set_theme(s.theme)
        c.analysis.debounce.setInterval(s.typing_pause_ms)
        c.session.max_tokens = s.max_tokens
        self.running_language = s.language

    def values(self) -> PreferenceValues:
        """The values in use now."""
        s, c = self.settings, self._controller
        return PreferenceValues(
            top_k=c.session.options.top_k,
            typing_pause_ms=c.analysis.debounce.interval(),
            device=c.models.device_choice,
            max_tokens=c.session.max_tokens,
            sequential_map=colour_maps().name(SEQUENTIAL),
            diverging_map=colour_maps().name(DIVERGING),
            theme=self.theme.choice if self.theme is not None else s.theme,
            language=s.language,
        )

    def apply(self, values: PreferenceValues) -> None:
        """Use ``values`` from now on and store them."""
        c, s, window = self._controller, self.settings, self._controller.window
        if values.top_k != c.session.options.top_k:
            options = replace(c.session.options, top_k=values.top_k)
            window.show_options(options)
            window.options_changed.emit(options)
        if values.device != c.models.device_choice:
            window.device_chosen.emit(values.device)
        c.analysis.debounce.setInterval(values.typing_pause_ms)
        s.typing_pause_ms = values.typing_pause_ms
        if values.max_tokens != c.session.max_tokens:
            c.session.max_tokens = values.max_tokens
            s.max_tokens = values.max_tokens
            c.run_now()
        colour_maps().set_maps(values.sequential_map, values.diverging_map)
        s.sequential_map, s.diverging_map = values.sequential_map, values.diverging_map
        if self.theme is not None:
            self.theme.set_theme(values.theme)
        s.theme = values.theme
        s.language = values.language
        s.sync()

    def language_pending(self) -> bool:
        """True when the stored language is not the one this run shows."""
        return self.settings.language != self.running_language


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that started this process (``python -m mlm_desktop …`` too)."""
    argv = list(getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv])
    return sys.executable, argv[1:]


def restart(window) -> bool:
    """Close ``window`` (the session is saved) and start the same command line again."""
    program, arguments = restart_command()
    window.close()
    return bool(QProcess.startDetached(program, arguments))
