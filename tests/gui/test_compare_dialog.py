"""The Compare models dialog: a hub id typed, or a model folder browsed for like the main picker's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mlm_desktop.app import compare_dialog, main_window
from mlm_desktop.app.compare_dialog import DEFAULT_SECOND_MODEL, CompareModelDialog
from mlm_desktop.app.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def chooser(monkeypatch):
    """QFileDialog.getExistingDirectory stood in for: records where it starts, answers ``folder``."""
    asked: list[str] = []
    answer = {"folder": ""}

    def choose(_parent, _title, start=""):
        asked.append(start)
        return answer["folder"]

    for module in (compare_dialog, main_window):
        monkeypatch.setattr(module.QFileDialog, "getExistingDirectory", staticmethod(choose))
    return asked, answer


def _open(qtbot, window) -> CompareModelDialog:
    dialog = window.ask_compare_model()
    qtbot.waitExposed(dialog)
    assert dialog.source() == DEFAULT_SECOND_MODEL
    return dialog


def test_browse_fills_in_a_folder_and_ok_compares_with_it(qtbot, window, chooser, tmp_path):
    asked, answer = chooser
    dialog = _open(qtbot, window)
    assert dialog.browse_button.text() == "Browse…" and dialog.browse_button.isVisible()
    answer["folder"] = str(tmp_path)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.source() == str(tmp_path)
    with qtbot.waitSignal(window.compare_model_chosen) as chosen:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert chosen.args == [str(tmp_path)]
    assert len(asked) == 1


def test_browse_starts_in_the_hub_cache_then_in_the_last_folder_used(
        qtbot, window, chooser, tmp_path, monkeypatch):
    asked, answer = chooser
    cache = tmp_path / "hub"
    cache.mkdir()
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    dialog = _open(qtbot, window)
    answer["folder"] = str(tmp_path / "first")
    dialog.browse()
    assert asked == [str(cache)]
    dialog.reject()
    # the main picker's folder counts as the last one used, and the other way round
    answer["folder"] = str(tmp_path / "main")
    window.ask_model_folder()
    assert asked[-1] == str(tmp_path / "first")
    dialog = _open(qtbot, window)
    dialog.browse()
    assert asked[-1] == str(tmp_path / "main")


def test_a_cancelled_browse_keeps_the_typed_source_and_cancel_compares_nothing(
        qtbot, window, chooser):
    _asked, answer = chooser
    dialog = _open(qtbot, window)
    dialog.source_edit.setText("  distilroberta-base ")
    answer["folder"] = ""
    assert dialog.browse() == ""
    assert dialog.source() == "distilroberta-base"
    with qtbot.assertNotEmitted(window.compare_model_chosen):
        dialog.reject()
