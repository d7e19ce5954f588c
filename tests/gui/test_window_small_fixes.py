"""Smaller things a newcomer met: the device menu, the folder dialog, a folder that is not a model."""

from __future__ import annotations

from pathlib import Path

from huggingface_hub import constants
from PySide6.QtWidgets import QFileDialog
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core.devices import available_devices


def test_choosing_the_device_automatic_already_uses_does_not_reload(open_window):
    controller = open_window(device="auto")
    assert controller.model.device == available_devices()[0]
    loads = []
    worker = controller.models.worker
    real = worker.load_model
    worker.load_model = lambda *args: loads.append(args) or real(*args)
    controller.window.device_chosen.emit(available_devices()[0])
    assert loads == [] and controller.models.loading_source is None
    assert controller.models.device_choice == available_devices()[0]
    assert controller.window.device_menu.actions_by_device[available_devices()[0]].isChecked()
    controller.window.device_chosen.emit("auto")  # and back: still the same device
    assert loads == []


def test_folder_dialog_starts_in_the_hugging_face_cache_then_the_last_folder(
        open_window, monkeypatch, tmp_path):
    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    controller = open_window()
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, title, folder: (asked.append(folder), "")[1])
    controller.window.ask_model_folder()
    assert asked == [str(cache)]
    controller.window.last_model_folder = str(tmp_path)
    controller.window.ask_model_folder()
    assert asked[-1] == str(tmp_path)


def test_a_folder_that_is_not_a_model_is_named_plainly(open_window, qtbot, tmp_path):
    controller = open_window()
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS):
        controller.load_model("/")
    status = controller.window.statusBar().currentMessage()
    assert status == "Could not open the folder /", status
    folder = tmp_path / "empty"
    folder.mkdir()
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS):
        controller.load_model(str(folder))
    assert controller.window.statusBar().currentMessage() == f"Could not open the folder {folder}"
    assert Path(controller.model.name).name  # the model in use is kept
