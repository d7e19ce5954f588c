"""Which model the window opens, and the Model menu's shortcuts to other models."""

import pytest
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core import model_resolution
from mlm_desktop.core.loading import DEFAULT_HUB_MODEL


@pytest.fixture
def offline_without_cache(monkeypatch):
    monkeypatch.setattr(model_resolution, "in_hub_cache", lambda repo_id: False)


def test_menu_download_action_asks_for_bert_base_uncased(qtbot, open_window):
    controller = open_window()
    menu = controller.window.model_menu
    with qtbot.waitSignal(menu.model_chosen, check_params_cb=lambda s: s == DEFAULT_HUB_MODEL):
        menu.download_default_action.trigger()


def test_download_offline_fails_plainly_and_keeps_model_and_text(qtbot, open_window, tiny_bert_dir):
    controller = open_window()
    text = controller.window.editor.toPlainText()
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS):
        controller.window.model_menu.download_default_action.trigger()
    message = controller.window.banner.message("model")
    assert message and DEFAULT_HUB_MODEL in message and "Traceback" not in message
    assert controller.window.editor.toPlainText() == text
    assert controller.model.name == str(tiny_bert_dir.resolve())


@pytest.mark.skipif(
    not model_resolution.bundled_model_available(), reason="the bundled demo model is not built"
)
def test_fresh_offline_start_opens_the_bundled_demo_with_a_note(
    qtbot, open_window, offline_without_cache
):
    controller = open_window(model=None)
    assert model_resolution.is_bundled_demo(controller.model.name)
    assert "bundled demo" in controller.window.figures.model_label.text()
    assert "demo model" in controller.window.banner.message("demo")
    assert not controller.window.banner.message("model")


def test_a_model_that_needs_its_own_code_offers_to_trust_that_model_only(
    qtbot, open_window, tmp_path, reopen_settings
):
    import json

    from PySide6.QtWidgets import QToolButton

    custom = tmp_path / "custom-model"
    custom.mkdir()
    (custom / "config.json").write_text(json.dumps(
        {"model_type": "my-custom-mlm", "auto_map": {"AutoConfig": "configuration_mine.MyConfig"}}
    ), encoding="utf-8")
    controller = open_window()
    asked = []
    real_load = controller.worker.load_model
    controller.worker.load_model = lambda s, d="auto", t=False: asked.append((s, t)) or real_load(
        s, d, t)
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS):
        controller.window.choose_model(str(custom))
    assert asked == [(str(custom), False)]
    message = controller.window.banner.message("model")
    assert "trust remote code" in message and "Still using" in message
    button = next(b for b in controller.window.banner.findChildren(QToolButton)
                  if b.text() == "Trust its code and open")
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS):
        button.click()  # no code file in the folder: it still fails, the old model stays
    assert asked[-1] == (str(custom), True)
    assert controller.window.trust_remote_code()
    assert reopen_settings().trusted_sources == {str(custom.resolve())}
    assert controller.model is not None
