"""In Chinese, a name of Chinese words stands in a sentence without spaces around it."""

from __future__ import annotations

import pytest

from mlm_desktop.app.translations import install_translation, remove_translation


@pytest.fixture
def chinese(qapp):
    assert install_translation(qapp, "zh_CN")
    yield
    remove_translation(qapp)


def test_a_model_that_could_not_be_opened_is_named_without_a_stray_space(open_window, chinese):
    controller = open_window()
    status, window = controller.status, controller.window
    status.model_failed(None, "boom", None)
    assert window.statusBar().currentMessage() == "无法打开该模型"
    assert window.banner.message("model").startswith("无法打开该模型：boom。")
    status.model_failed("/tmp/x", "boom", None)
    assert window.statusBar().currentMessage() == "无法打开文件夹 /tmp/x"
    assert window.banner.message("model").startswith("无法打开文件夹 /tmp/x：boom。")
    # the message names the source already: the sentence says "the model"
    status.model_failed("/tmp/x", "the folder /tmp/x holds no model", None)
    assert window.banner.message("model").startswith("无法打开该模型：the folder /tmp/x")
    status.model_failed("bert-base-uncased", "boom", None)
    assert window.statusBar().currentMessage() == "无法打开 bert-base-uncased"


def test_the_english_sentences_are_unchanged(open_window):
    controller = open_window()
    status, window = controller.status, controller.window
    status.model_failed(None, "boom", None)
    assert window.statusBar().currentMessage() == "Could not open the model"
    assert window.banner.message("model").startswith("Could not open the model: boom. Choose")
    status.model_failed("bert-base-uncased", "boom", None)
    assert window.statusBar().currentMessage() == "Could not open bert-base-uncased"
