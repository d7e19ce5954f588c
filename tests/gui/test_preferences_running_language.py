"""The Preferences dialog's language field edits the stored language and says, under it,
the language this window shows when that differs (``--language``)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from mlm_desktop.app import gui
from mlm_desktop.app.settings import AppSettings
from mlm_desktop.app.translations import remove_translation


def _dialog(controller):
    controller.window.preferences_action.trigger()
    dialog = controller.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_language_chosen_with_the_command_line_is_noted_under_the_field(open_window,
                                                                          settings_path):
    controller = open_window()
    controller.preferences.running_language = "zh_CN"
    controller.preferences.language_from_command_line = True
    dialog = _dialog(controller)
    assert dialog.language_box.currentData() == "en"  # the stored setting, still edited here
    note = dialog.running_language_note
    assert note.isVisibleTo(dialog)
    assert note.text() == "This window: 简体中文 (chosen with --language)"
    # choosing the language the window shows: nothing to note, nothing waits for a restart
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
    assert not note.isVisibleTo(dialog)
    assert not dialog.language_note.isVisibleTo(dialog)
    dialog.accept()
    assert AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat)).language == "zh_CN"
    assert controller.preferences.restart_box is None


def test_no_note_when_the_window_shows_the_stored_language(open_window):
    controller = open_window()
    dialog = _dialog(controller)
    assert controller.preferences.running_language == dialog.language_box.currentData() == "en"
    assert not dialog.running_language_note.isVisibleTo(dialog)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
    assert dialog.language_note.isVisibleTo(dialog)  # applies at the next start
    # the window shows English, the field now says otherwise: the note says which
    assert dialog.running_language_note.isVisibleTo(dialog)
    assert dialog.running_language_note.text() == "This window: English"


def test_the_command_line_language_reaches_the_preferences(qapp, tmp_path, app_settings,
                                                           tiny_bert_dir, monkeypatch):
    built = []
    build = gui.build_window
    monkeypatch.setattr(gui, "build_window", lambda *a, **k: built.append(build(*a, **k)) or built[-1])
    try:
        code = gui.run_gui(model=str(tiny_bert_dir), device="cpu",
                           screenshot=str(tmp_path / "w.png"), settings=app_settings,
                           language="zh_CN")
    finally:
        remove_translation(qapp)
    assert code == 0
    preferences = built[0].preferences
    assert (preferences.running_language, preferences.language_from_command_line) == ("zh_CN", True)
