"""The translation machinery: complete .ts files, the committed .qm, the language chosen at start."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from mlm_desktop.app import gui
from mlm_desktop.app.translations import (
    I18N_FOLDER,
    LANGUAGE_KEY,
    choose_language,
    install_translation,
    qm_path,
    remove_translation,
    show_language_note,
)
from mlm_desktop.cli import gui_parser

TS_FILES = sorted(I18N_FOLDER.glob("*_zh_CN.ts"))
LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


@pytest.fixture
def english(qapp):
    """Whatever a test installs, the next test starts in English."""
    remove_translation(qapp)
    yield qapp
    remove_translation(qapp)


def _messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def _placeholders(text: str) -> tuple[list[str], list[str]]:
    """The ``{name}`` fields (format spec included) and the ``%1``/``%n`` markers of ``text``."""
    return sorted(re.findall(r"\{[^{}]*\}", text)), sorted(re.findall(r"%(?:\d+|n)", text))


def test_there_is_an_app_translation_with_messages():
    assert I18N_FOLDER / "app_zh_CN.ts" in TS_FILES
    assert sum(1 for _ in _messages(I18N_FOLDER / "app_zh_CN.ts")) > 150


@pytest.mark.parametrize("path", TS_FILES, ids=[p.name for p in TS_FILES])
def test_every_message_is_translated_and_keeps_its_placeholders(path):
    problems = []
    for context, message in _messages(path):
        source = message.findtext("source")
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
        for form in forms:
            if not form.strip():
                problems.append(f"{context}: {source!r} has no translation")
            elif _placeholders(form) != _placeholders(source):
                problems.append(f"{context}: {source!r} -> {form!r} changes the placeholders")
            elif re.search(r"&[^&\s]", source) and not re.search(r"&[^&\s]", form):
                problems.append(f"{context}: {source!r} -> {form!r} loses its accelerator")
    assert not problems, "\n".join(problems)


def test_the_committed_qm_is_the_ts_files_compiled(tmp_path):
    """pyside6-lrelease is deterministic: the same .ts files give the same bytes."""
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(LRELEASE), *map(str, TS_FILES), "-qm", str(fresh)], check=True,
                   capture_output=True)
    assert qm_path("zh_CN").read_bytes() == fresh.read_bytes(), "run `make translations`"


def test_a_translation_in_a_base_class_reaches_its_subclasses(english, tmp_path):
    """The rule of docs/ARCHITECTURE.md: ``self.tr`` in a class's own methods is looked up under that
    class's name, also when the object is of a subclass (PySide6 walks the class's bases)."""
    source = tmp_path / "base.ts"
    source.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>Base</name><message><source>Close</source><translation>关闭</translation>"
        "</message></context></TS>", encoding="utf-8")
    compiled = tmp_path / "base.qm"
    subprocess.run([str(LRELEASE), str(source), "-qm", str(compiled)], check=True, capture_output=True)

    class Base(QWidget):
        def close_text(self) -> str:
            return self.tr("Close")

    class Sub(Base):
        pass

    translator = QTranslator()
    assert translator.load(str(compiled))
    english.installTranslator(translator)
    try:
        assert Sub().close_text() == "关闭"
        assert Base().close_text() == "关闭"
    finally:
        english.removeTranslator(translator)


def test_english_is_the_default_and_needs_no_file(english, open_window, app_settings):
    assert app_settings.qsettings.value(LANGUAGE_KEY) is None
    assert choose_language(english, app_settings) == ("en", True)
    window = open_window(wait=False).window
    assert window.file_menu.title() == "&File"
    assert window.run_action.text() == "▶ Run"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_the_stored_language_is_installed_before_the_window_is_built(english, open_window, app_settings):
    app_settings.qsettings.setValue(LANGUAGE_KEY, "zh_CN")
    assert choose_language(english, app_settings) == ("zh_CN", True)
    window = open_window(wait=False).window
    assert window.file_menu.title() == "文件(&F)"
    assert window.windowTitle().startswith("MLM Desktop")
    # Qt's own buttons come from its qtbase translation
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"


def test_the_command_line_language_overrides_the_stored_one(english, app_settings):
    app_settings.qsettings.setValue(LANGUAGE_KEY, "zh_CN")
    assert gui_parser().parse_args(["--language", "en"]).language == "en"
    assert choose_language(english, app_settings, "en") == ("en", True)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


@pytest.mark.parametrize("language", ["xx", "de", ""])
def test_an_unknown_language_gives_english(english, app_settings, language):
    app_settings.qsettings.setValue(LANGUAGE_KEY, language)
    chosen, translated = choose_language(english, app_settings)
    assert translated == (chosen == "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_a_language_that_cannot_be_loaded_is_named_in_the_status_bar(
    english, qtbot, tmp_path, app_settings, tiny_bert_dir, monkeypatch
):
    notes = []
    monkeypatch.setattr(gui, "show_language_note",
                        lambda window, language: notes.append(show_language_note(window, language).text()))
    code = gui.run_gui(model=str(tiny_bert_dir), device="cpu", screenshot=str(tmp_path / "w.png"),
                       settings=app_settings, language="xx")
    assert code == 0
    assert notes == ["Language xx is not available; the interface is in English"]


def test_the_screenshot_run_shows_the_language_asked_for(english, qtbot, tmp_path, app_settings,
                                                         tiny_bert_dir, monkeypatch):
    titles = []
    build = gui.build_window

    def spy(*args, **kwargs):
        controller = build(*args, **kwargs)
        titles.append(controller.window.file_menu.title())
        return controller

    monkeypatch.setattr(gui, "build_window", spy)
    code = gui.run_gui(model=str(tiny_bert_dir), device="cpu", screenshot=str(tmp_path / "w.png"),
                       settings=app_settings, language="zh_CN")
    assert code == 0 and titles == ["文件(&F)"]
    assert app_settings.qsettings.value(LANGUAGE_KEY) is None  # the option is for this run only


def test_settings_notes_are_in_the_interface_language(english, settings_path):
    from mlm_desktop.app.settings import AppSettings

    qsettings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    for key, value in (("model/device", "tpu"), ("panels/hidden_scale", "bogus"),
                       ("panels/hidden_layer", "-3"), ("model/recent", "{not json"), ("stray/key", "1")):
        qsettings.setValue(key, value)
    assert install_translation(english, "zh_CN")
    notes = AppSettings(qsettings)
    _ = (notes.last_device, notes.hidden_scale, notes.hidden_layer, notes.recent_models)
    assert len(notes.ignored) == 5
    assert all(re.search(r"[\u4e00-\u9fff]", note) for note in notes.ignored.values()), notes.ignored


def test_the_file_dialogs_are_chinese_too(english, qtbot, tmp_path):
    """Qt's own words come from its translation, and the few it lacks from the app's."""
    from PySide6.QtWidgets import QFileDialog
    from visible_strings import data_words, untranslated, visible_strings

    assert install_translation(english, "zh_CN")
    dialog = QFileDialog(None, "", str(tmp_path), "Text (*.txt)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    pairs = visible_strings(dialog)
    assert len(pairs) > 10
    assert not untranslated(pairs, data_words(str(tmp_path), "Text txt"))


def test_the_language_note_stays_in_view_through_the_status_messages(english, qtbot, open_window):
    window = open_window(wait=False).window
    window.show_status("Loading …")
    note = show_language_note(window, "xx")
    window.show()
    qtbot.waitExposed(window)
    window.clear_status()
    window.show_status("Type or paste some text to analyse")
    assert note.isVisible() and "xx" in note.text()
