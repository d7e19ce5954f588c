"""The interface language: the app's compiled translations and Qt's own, installed before any widget.

The app's translations are one ``resources/i18n/mlm_desktop_<language>.qm``,
compiled by ``make translations`` from the ``.ts`` files beside it; Qt's
``qtbase_<language>.qm`` translates the standard buttons and dialogs. English
is the source language: it needs no file, and it is what the window shows
when another language cannot be loaded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtWidgets import QLabel, QMainWindow

from ..core.resources import RESOURCES
from .preference_settings import LANGUAGE_KEY, LANGUAGES
from .settings import APPLICATION, ORGANIZATION, AppSettings

#: the languages offered, by code, each named in its own language
DEFAULT_LANGUAGE = "en"
I18N_FOLDER = RESOURCES / "i18n"

#: strings of Qt and pyqtgraph that their own Chinese translations lack (Qt 6 gave these two
#: accelerators; pyqtgraph ships none): the app's translation holds them under their contexts,
#: where Qt looks when its own translation has nothing
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),
)

#: the translators installed now, so that another language replaces them
_installed: list[QTranslator] = []


def qm_path(language: str) -> Path:
    """The app's compiled translation for ``language``."""
    return I18N_FOLDER / f"mlm_desktop_{language}.qm"


def stored_language(qsettings: QSettings) -> str:
    """The language chosen in the settings, as stored (the default when none is)."""
    value = qsettings.value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value else DEFAULT_LANGUAGE


def remove_translation(app: QCoreApplication) -> None:
    """Back to English: the translators installed by :func:`install_translation` are removed."""
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()


def install_translation(app: QCoreApplication, language: str) -> bool:
    """Show the interface in ``language`` from now on; False (English) when it cannot be loaded.

    Widgets built afterwards are translated; call it before building the window.
    """
    remove_translation(app)
    if language == DEFAULT_LANGUAGE:
        return True
    own = QTranslator(app)
    if language not in LANGUAGES or not own.load(str(qm_path(language))):
        own.deleteLater()
        return False
    app.installTranslator(own)
    _installed.append(own)
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", qt_folder):
        app.installTranslator(qt)
        _installed.append(qt)
    else:  # standard buttons stay English; the app's own text is translated
        qt.deleteLater()
    return True


def unavailable_note(language: str) -> str:
    """The status bar's note when ``language`` could not be loaded."""
    return QCoreApplication.translate(
        "translations", "Language {language} is not available; the interface is in English"
    ).format(language=language)


def choose_language(
    app: QCoreApplication, settings: AppSettings | None, language: str | None = None
) -> tuple[str, bool]:
    """Install the interface language, before any widget is built: ``language``, else the one
    stored in the settings, else English. Returns it, and False when it could not be loaded."""
    if not language:
        qsettings = settings.qsettings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        language = stored_language(qsettings)
    return language, install_translation(app, language)


def show_language_note(window: QMainWindow, language: str) -> QLabel:
    """Say in the status bar that ``language`` could not be shown (the window is in English)."""
    note = QLabel(unavailable_note(language), window.statusBar())
    note.setObjectName("languageNote")
    # permanent: a passing message ("Loading …") would hide a plain widget for good
    window.statusBar().insertPermanentWidget(0, note)
    return note
