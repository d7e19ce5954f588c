"""The Preferences dialog's values and small remembered choices, kept in QSettings.

A mix-in of :class:`~.settings.AppSettings` (its helpers check each value as
it is read: one that cannot be used gives its default, named in ``ignored``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..core.analyses.masked_lm_types import MIN_TOKENS
from ..core.options import MAX_TOKENS
from ..core.stored_options import as_bool, as_int, shown
from ..panels.colour_maps import DEFAULT_MAPS, DIVERGING, DIVERGING_MAPS, SEQUENTIAL, SEQUENTIAL_MAPS

#: the names of these settings in the notes about them (translated where a note is written)
LABELS = (
    QT_TRANSLATE_NOOP("AppSettings", "language"),
    QT_TRANSLATE_NOOP("AppSettings", "theme"),
    QT_TRANSLATE_NOOP("AppSettings", "sequential colour map"),
    QT_TRANSLATE_NOOP("AppSettings", "diverging colour map"),
    QT_TRANSLATE_NOOP("AppSettings", "typing pause"),
    QT_TRANSLATE_NOOP("AppSettings", "maximum length"),
)
#: the interface languages: QSettings value -> its name, in its own language
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
#: where the interface language is kept (read by ``translations`` before any widget is built)
LANGUAGE_KEY = "appearance/language"
#: System follows the desktop's light or dark colour scheme
THEMES = ("system", "light", "dark")
#: the pause after typing before the text is analysed again, in milliseconds
DEFAULT_TYPING_PAUSE_MS = 250
MIN_TYPING_PAUSE_MS = 0
MAX_TYPING_PAUSE_MS = 5000


class PreferenceSettings:
    """Appearance, typing pause, maximum length and choices remembered between runs."""

    # -- appearance ----------------------------------------------------------------
    @property
    def language(self) -> str:
        """The interface language: "en" or "zh_CN" (applied at start-up)."""
        return self._choice(LANGUAGE_KEY, tuple(LANGUAGES), "language")

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue(LANGUAGE_KEY, str(value))

    @property
    def theme(self) -> str:
        """"system", "light" or "dark"."""
        return self._choice("appearance/theme", THEMES, "theme")

    @theme.setter
    def theme(self, value: str) -> None:
        self.qsettings.setValue("appearance/theme", str(value))

    @property
    def sequential_map(self) -> str:
        """The colour map of values of one sign (probabilities, weights)."""
        maps = (DEFAULT_MAPS[SEQUENTIAL], *[m for m in SEQUENTIAL_MAPS if m != DEFAULT_MAPS[SEQUENTIAL]])
        return self._choice("appearance/sequential_map", maps, "sequential colour map")

    @sequential_map.setter
    def sequential_map(self, value: str) -> None:
        self.qsettings.setValue("appearance/sequential_map", str(value))

    @property
    def diverging_map(self) -> str:
        """The colour map of signed values (hidden states, similarity, attributions)."""
        maps = (DEFAULT_MAPS[DIVERGING], *[m for m in DIVERGING_MAPS if m != DEFAULT_MAPS[DIVERGING]])
        return self._choice("appearance/diverging_map", maps, "diverging colour map")

    @diverging_map.setter
    def diverging_map(self, value: str) -> None:
        self.qsettings.setValue("appearance/diverging_map", str(value))

    # -- analysis --------------------------------------------------------------------
    def _bounded(self, key: str, label: str, default: int, low: int, high: int) -> int:
        raw = self.qsettings.value(key)
        if raw is None:
            return default
        value = as_int(raw)
        if value is None or not low <= value <= high:
            self._ignore(key, QCoreApplication.translate(
                "AppSettings", "the {label} {value} (must be between {low} and {high}; using {default})"
            ).format(label=QCoreApplication.translate("AppSettings", label),
                     value=shown(raw), low=low, high=high, default=default))
            return default
        return value

    @property
    def typing_pause_ms(self) -> int:
        """Milliseconds after the last keystroke before the text is analysed again."""
        return self._bounded("analysis/typing_pause_ms", "typing pause", DEFAULT_TYPING_PAUSE_MS,
                             MIN_TYPING_PAUSE_MS, MAX_TYPING_PAUSE_MS)

    @typing_pause_ms.setter
    def typing_pause_ms(self, value: int) -> None:
        self.qsettings.setValue("analysis/typing_pause_ms", int(value))

    @property
    def max_tokens(self) -> int:
        """The most tokens of the text analysed; 0: as many as the model reads."""
        value = self._bounded("analysis/max_tokens", "maximum length", 0, 0, MAX_TOKENS)
        return max(value, MIN_TOKENS) if value else 0

    @max_tokens.setter
    def max_tokens(self, value: int) -> None:
        self.qsettings.setValue("analysis/max_tokens", int(value))

    # -- remembered choices ------------------------------------------------------------
    @property
    def sentences_joined(self) -> bool:
        """The Sentences panel shows tokens joined by spaces (True) or decoded text."""
        raw = self.qsettings.value("panels/sentences_joined")
        if raw is None:
            return False
        value = as_bool(raw)
        if value is None:
            self._ignore("panels/sentences_joined", QCoreApplication.translate(
                "AppSettings", "the Sentences panel's mode {value} (not true or false)"
            ).format(value=shown(raw)))
            return False
        return value

    @sentences_joined.setter
    def sentences_joined(self, value: bool) -> None:
        self.qsettings.setValue("panels/sentences_joined", "true" if value else "false")

    @property
    def last_model_folder(self) -> str:
        """The folder chosen last in a model folder dialog ("" for none yet)."""
        return self._str("model/last_folder", "") or ""

    @last_model_folder.setter
    def last_model_folder(self, value: str) -> None:
        self.qsettings.setValue("model/last_folder", str(value))
