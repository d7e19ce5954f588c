"""The Preferences dialog in a real window on the tiny BERT, and what the next run remembers."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QProcess, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app import preferences as preferences_module
from mlm_desktop.app.preferences import DEFAULT_VALUES, restart_command
from mlm_desktop.app.settings import AppSettings
from mlm_desktop.panels.colour_maps import DEFAULT_MAPS, DIVERGING, SEQUENTIAL, colour_maps
from mlm_desktop.panels.sentences_panel import SentencesPanel
from mlm_desktop.panels.theme import is_dark

LONG_TEXT = " ".join(["the quick brown fox jumps over the lazy dog"] * 4)


@pytest.fixture(autouse=True)
def default_appearance(qapp):
    """The maps and the theme a dialog changed are put back for the next test."""
    yield
    colour_maps().set_maps(DEFAULT_MAPS[SEQUENTIAL], DEFAULT_MAPS[DIVERGING])


def _reread(settings_path) -> AppSettings:
    """The settings as a new run reads them from the same INI file."""
    return AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))


def _dialog(controller):
    controller.window.preferences_action.trigger()
    dialog = controller.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_dialog_opens_from_the_edit_menu_with_its_buttons(open_window):
    controller = open_window()
    window = controller.window
    assert window.preferences_action in window.edit_menu.actions()
    expected = (QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
                or [QKeySequence("Ctrl+,")])
    assert window.preferences_action.shortcuts() == expected
    dialog = _dialog(controller)
    buttons = QDialogButtonBox.StandardButton
    for button in (buttons.Ok, buttons.Apply, buttons.Cancel, buttons.RestoreDefaults):
        assert dialog.buttons.button(button) is not None
    values = dialog.values()
    assert values.top_k == controller.session.options.top_k
    assert values.device == controller.models.device_choice == "cpu"
    assert values.typing_pause_ms == controller.analysis.debounce.interval()


def test_devices_this_machine_lacks_are_disabled(open_window):
    controller = open_window()
    dialog = _dialog(controller)
    usable = controller.models.usable or ("cpu",)
    box = dialog.device_box
    for row in range(box.count()):
        choice = box.itemData(row)
        enabled = box.model().item(row).isEnabled()
        assert enabled == (choice in ("auto", "cpu") or choice in usable), choice


def test_top_k_from_the_dialog_updates_the_options_bar_and_runs_again(open_window, qtbot):
    controller = open_window()
    dialog = _dialog(controller)
    dialog.top_k_spin.setValue(3)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    assert controller.window.options_bar.top_k_spin.value() == 3
    assert controller.session.options.top_k == 3
    result = blocker.args[0]
    assert result.top_ids.shape[1] == 3


def test_the_device_goes_through_the_device_menus_intent(open_window):
    controller = open_window()
    chosen = []
    controller.window.device_chosen.connect(chosen.append)
    dialog = _dialog(controller)
    dialog.device_box.setCurrentIndex(dialog.device_box.findData("auto"))
    dialog.apply()
    assert chosen == ["auto"]
    assert controller.models.device_choice == "auto"
    assert controller.window.device_menu.actions_by_device["auto"].isChecked()


def test_typing_pause_and_maximum_length_apply_and_are_stored(open_window, qtbot, settings_path):
    controller = open_window(text=LONG_TEXT)
    assert controller.session.result.truncated_tokens == 0
    dialog = _dialog(controller)
    dialog.pause_spin.setValue(900)
    dialog.max_tokens_spin.setValue(12)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        dialog.accept()
    result = blocker.args[0]
    assert result.num_tokens == 12 and result.max_length == 12 and result.truncated_tokens > 0
    assert controller.analysis.debounce.interval() == 900
    stored = _reread(settings_path)
    assert (stored.typing_pause_ms, stored.max_tokens) == (900, 12)
    assert stored.ignored == {}


def test_colour_maps_and_theme_apply_at_once_and_are_stored(open_window, settings_path, qapp):
    controller = open_window()
    dialog = _dialog(controller)
    heatmap = controller.window.panel("hiddenStates").heatmap()
    dialog.sequential_box.setCurrentIndex(dialog.sequential_box.findData("cividis"))
    dialog.diverging_box.setCurrentIndex(dialog.diverging_box.findData("CET-CBD1"))
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    try:
        dialog.apply()
        assert colour_maps().name(SEQUENTIAL) == "cividis"
        assert heatmap.colormap_name() == "CET-CBD1"
        assert is_dark()
        stored = _reread(settings_path)
        assert (stored.sequential_map, stored.diverging_map, stored.theme) == (
            "cividis", "CET-CBD1", "dark")
    finally:
        controller.preferences.theme.restore_start()
    assert not is_dark()


def test_restore_defaults_shows_the_defaults(open_window):
    controller = open_window()
    dialog = _dialog(controller)
    dialog.top_k_spin.setValue(9)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.values() == DEFAULT_VALUES
    assert controller.session.options.top_k != 9  # shown, not applied yet


def test_a_new_language_is_stored_and_a_restart_is_offered(open_window, settings_path, monkeypatch):
    controller = open_window()
    started = []
    monkeypatch.setattr(QProcess, "startDetached",
                        staticmethod(lambda program, arguments: started.append((program, arguments))
                                     or True))
    dialog = _dialog(controller)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
    assert dialog.language_note.isVisibleTo(dialog)
    dialog.accept()
    assert _reread(settings_path).language == "zh_CN"
    box = controller.preferences.restart_box
    assert box is not None and box.isVisible()
    box.restart_button.click()
    assert started == [restart_command()]
    assert controller._closed  # the session was saved and the worker stopped


def test_the_restart_command_is_this_process_command_line(monkeypatch):
    monkeypatch.setattr(sys, "orig_argv", ["python3", "-m", "mlm_desktop", "--model", "x"])
    assert restart_command() == (sys.executable, ["-m", "mlm_desktop", "--model", "x"])
    assert preferences_module.restart_command is restart_command


def test_a_bad_stored_preference_gives_its_default_with_a_note(settings_path):
    raw = QSettings(str(settings_path), QSettings.Format.IniFormat)
    raw.setValue("appearance/theme", "purple")
    raw.setValue("appearance/language", "zh_CN")
    raw.setValue("appearance/sequential_map", "jet")
    raw.setValue("analysis/typing_pause_ms", "-4")
    raw.sync()
    stored = _reread(settings_path)
    assert (stored.theme, stored.language, stored.sequential_map, stored.typing_pause_ms) == (
        "system", "zh_CN", "viridis", 250)
    assert set(stored.ignored) == {"appearance/theme", "appearance/sequential_map",
                                   "analysis/typing_pause_ms"}


def test_the_sentences_mode_and_the_last_model_folder_come_back_after_a_restart(
        open_window, app_settings, settings_path, monkeypatch, tmp_path):
    controller = open_window()
    panel = next(p for p in controller.window.panels.panels.values() if isinstance(p, SentencesPanel))
    assert not panel.joined_tokens()
    panel.set_joined_tokens(True)
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))
    controller.window.ask_compare_model().browse()
    controller.window.close()
    stored = _reread(settings_path)
    assert stored.sentences_joined is True and stored.last_model_folder == str(folder)
    again = open_window(settings=stored)
    panel = next(p for p in again.window.panels.panels.values() if isinstance(p, SentencesPanel))
    assert panel.joined_tokens()
    assert again.window.last_model_folder == str(folder)
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda _parent, _title, start: asked.append(start) or "")
    again.window.ask_model_folder()
    assert asked == [str(folder)]
