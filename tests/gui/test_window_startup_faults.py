"""Start-up always gives a working window: bad stored settings, a failing start, a missing device."""

from __future__ import annotations

import random

import pytest
import torch
from PySide6.QtWidgets import QToolButton
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.main_window import MainWindow
from mlm_desktop.core import model_resolution
from mlm_desktop.core.options import DEFAULT_OPTIONS

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _store(app_settings, **values):
    for key, value in values.items():
        app_settings.qsettings.setValue(key.replace("__", "/"), value)
    app_settings.sync()


def _banner_button(window, caption):
    buttons = [b for b in window.banner.findChildren(QToolButton) if b.text() == caption]
    assert buttons, f"no banner button {caption!r} in {window.banner.texts()}"
    return buttons[0]


@pytest.mark.parametrize(
    ("key", "stored", "named"),
    [
        ("analysis/seed", "99999999999", "seed"),
        ("analysis/seed", "-3", "seed"),
        ("analysis/top_k", "3000000000", "top-k"),
        ("analysis/top_k", "1000", "top-k"),
        ("analysis/top_k", "five", "top-k"),
        ("analysis/mask_probability", "2.5", "mask probability"),
        ("analysis/mask_probability", "nan", "mask probability"),
        ("analysis/whole_word", "maybe", "whole words"),
    ],
)
def test_a_stored_option_out_of_range_falls_back_to_its_default_and_is_named(
    open_window, app_settings, key, stored, named
):
    _store(app_settings, **{key.replace("/", "__"): stored})
    controller = open_window(text=TEXT)
    bar = controller.window.options_bar
    # the spin boxes and the analyses agree, on the default
    assert controller.session.options == DEFAULT_OPTIONS
    assert bar.options() == DEFAULT_OPTIONS
    assert controller.session.result.top_k == DEFAULT_OPTIONS.top_k
    message = controller.window.banner.message("settings")
    assert message and named in message and stored in message


def test_a_stored_mask_span_too_large_for_an_integer_is_ignored(open_window, app_settings):
    _store(app_settings, analysis__text=TEXT, analysis__mask_spans="[[0, 5, 1e999]]")
    controller = open_window(model="tiny")
    assert controller.window.text() == TEXT
    assert controller.session.result.mask_positions.tolist() == []
    assert "masks" in controller.window.banner.message("settings")


def test_stored_recent_models_that_are_not_a_list_are_ignored(open_window, app_settings):
    _store(app_settings, model__recent="5")
    controller = open_window(text=TEXT)
    assert controller.session.result is not None
    assert "recent models" in controller.window.banner.message("settings")


def test_a_settings_file_of_random_bytes_opens_the_window_and_says_so(open_window, settings_path):
    from PySide6.QtCore import QSettings

    from mlm_desktop.app.settings import AppSettings

    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_bytes(random.Random(0).randbytes(3000))  # no INI writer made this
    settings = AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    controller = open_window(text=TEXT, settings=settings)
    assert controller.session.result is not None
    message = controller.window.banner.message("settings")
    assert message is not None and "are not MLM Desktop settings (is it damaged?)" in message


def test_an_exception_during_start_up_leaves_a_working_window(
    qtbot, open_window, app_settings, monkeypatch
):
    _store(app_settings, analysis__top_k="9")

    def broken(self, geometry, state):
        raise RuntimeError("the saved layout exploded")

    monkeypatch.setattr(MainWindow, "restore_layout", broken)
    controller = open_window(text=TEXT)
    assert controller.session.result.text == TEXT
    assert controller.session.options == DEFAULT_OPTIONS  # started with defaults
    message = controller.window.banner.message("startup")
    assert message and "default settings" in message and "the saved layout exploded" in message
    controller.window.close()
    assert not controller.worker.running


@pytest.fixture
def no_cuda(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)


def test_a_stored_device_this_machine_lacks_falls_back_to_automatic(
    open_window, app_settings, tiny_bert_dir, no_cuda
):
    _store(app_settings, model__device="cuda", model__last=str(tiny_bert_dir))
    controller = open_window(model=None, device="auto")
    assert controller.model is not None and controller.model.device == "cpu"
    assert controller.models.device_choice == "auto"
    assert controller.window.device_menu.actions_by_device["auto"].isChecked()
    message = controller.window.banner.message("device")
    assert message and "cuda" in message and "not available" in message


@pytest.mark.skipif(
    not model_resolution.bundled_model_available(), reason="the bundled demo model is not built"
)
def test_use_the_demo_model_works_after_a_stored_device_this_machine_lacks(
    qtbot, open_window, app_settings, broken_model_dir, no_cuda
):
    _store(app_settings, model__device="cuda", model__last=str(broken_model_dir))
    controller = open_window(model=None, device="auto", wait=False)
    qtbot.waitUntil(
        lambda: controller.window.banner.message("model") is not None, timeout=RESULT_TIMEOUT_MS
    )
    assert controller.model is None
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        _banner_button(controller.window, "Use the demo model").click()
    assert model_resolution.is_bundled_demo(controller.model.name)
    assert controller.window.device_menu.actions_by_device["auto"].isChecked()


def test_trust_remote_code_is_asked_and_remembered_per_model(
    qtbot, open_window, tiny_bert_dir, tiny_roberta_dir, reopen_settings
):
    controller = open_window(text=TEXT)
    asked = []
    real_load = controller.worker.load_model

    def recording_load(source, device="auto", trust_remote_code=False):
        asked.append((source, trust_remote_code))
        return real_load(source, device, trust_remote_code)

    controller.worker.load_model = recording_load
    window = controller.window
    assert not window.trust_remote_code()
    with qtbot.waitSignal(controller.model_ready, timeout=RESULT_TIMEOUT_MS):
        window.model_menu.trust_remote_code_action.trigger()  # trust this model: reloads it
    assert asked[-1] == (str(tiny_bert_dir.resolve()), True)
    with qtbot.waitSignal(controller.model_ready, timeout=RESULT_TIMEOUT_MS):
        window.choose_model(str(tiny_roberta_dir))
    assert asked[-1] == (str(tiny_roberta_dir), False)  # a new model is not trusted
    assert not window.trust_remote_code()
    with qtbot.waitSignal(controller.model_ready, timeout=RESULT_TIMEOUT_MS):
        window.choose_model(str(tiny_bert_dir))
    assert asked[-1] == (str(tiny_bert_dir), True)  # remembered for the trusted one
    assert window.trust_remote_code()
    assert reopen_settings().trusted_sources == {str(tiny_bert_dir.resolve())}


def test_a_stored_gpu_waits_for_the_worker_to_know_the_devices(
    monkeypatch, qtbot, open_window, app_settings, tiny_bert_dir, no_cuda
):
    """At start-up the window has not imported torch: a stored device is checked once the
    worker tells which devices there are, and a missing one still falls back to Automatic."""
    import threading

    from PySide6.QtCore import Slot

    from mlm_desktop.app import model_controller, model_menu
    from mlm_desktop.app.worker import ModelWorker, WorkerThread

    go = threading.Event()

    class SlowStart(ModelWorker):
        @Slot()
        def warm_up(self) -> None:  # torch still importing
            go.wait(60)
            super().warm_up()

    monkeypatch.setattr(model_controller, "known_devices", lambda: None)
    monkeypatch.setattr(model_menu, "known_devices", lambda: None)
    _store(app_settings, model__device="cuda", model__last=str(tiny_bert_dir))
    controller = open_window(model=None, device="auto", wait=False, worker=WorkerThread(SlowStart()))
    assert controller.models.usable is None and controller.model is None
    assert controller.models._deferred == (str(tiny_bert_dir), "cuda")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        go.set()
    assert controller.models.usable == ("cpu",)
    assert controller.model is not None and controller.model.device == "cpu"
    assert controller.models.device_choice == "auto"
    actions = controller.window.device_menu.actions_by_device
    assert actions["auto"].isChecked() and not actions["cuda"].isEnabled()
    assert "not available" in actions["cuda"].toolTip()
    message = controller.window.banner.message("device")
    assert message and "cuda" in message and "not available" in message


def test_the_device_menu_says_it_is_still_looking_before_torch_is_loaded(monkeypatch, qtbot):
    from mlm_desktop.app import model_menu

    monkeypatch.setattr(model_menu, "known_devices", lambda: None)
    menu = model_menu.DeviceMenu()
    qtbot.addWidget(menu)
    actions = menu.actions_by_device
    assert actions["auto"].isEnabled() and actions["cpu"].isEnabled()
    assert not actions["cuda"].isEnabled() and "looking" in actions["cuda"].toolTip()
    menu.set_usable(("cuda", "cpu"))
    assert actions["cuda"].isEnabled() and not actions["mps"].isEnabled()
    assert "not available" in actions["mps"].toolTip()
