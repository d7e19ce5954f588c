"""The core's messages in the window, in Simplified Chinese: translated where they are shown.

The core stays free of Qt and its messages read as English everywhere else
(the command line, JSON, these tests without a translation); the window looks
their templates up in the "core" context and fills in the same fields.
"""

from __future__ import annotations

from timeouts import RESULT_TIMEOUT_MS
from zh_translation import is_chinese

from mlm_desktop.core.errors import InputError, user_message
from mlm_desktop.core.load_errors import not_a_hub_id
from mlm_desktop.core.messages import QT_TRANSLATE_NOOP, Message
from mlm_desktop.panels.core_text import shown, shown_error
from mlm_desktop.panels.logit_lens_panel import LogitLensPanel
from mlm_desktop.panels.predictions_panel import PredictionsPanel
from mlm_desktop.panels.token_strip import TokenStrip


def test_a_core_error_is_shown_in_chinese_with_its_fields(zh):
    error = not_a_hub_id("./no/such/folder")
    assert str(error) == "the folder ./no/such/folder does not exist; check the path"  # the CLI's words
    assert shown_error(error) == "文件夹 ./no/such/folder 不存在；请检查路径"


def test_format_specs_and_nested_messages_are_kept(zh):
    size = QT_TRANSLATE_NOOP("core", "its text is longer than {n:,} characters").format(n=200_000)
    assert shown(size) == "其文本超过 200,000 个字符"
    label = QT_TRANSLATE_NOOP("core", "seed")
    note = QT_TRANSLATE_NOOP("core", "{label} {value} (must be {wanted}; using {default})").format(
        label=label, value="'x'", wanted=QT_TRANSLATE_NOOP("core", "between 0 and {high}").format(high=9),
        default=0)
    assert shown(note) == "随机种子 'x'（应为0 到 9 之间；改用 0）"


def test_without_a_translation_messages_read_as_english(qapp):
    error = InputError(QT_TRANSLATE_NOOP("core", "the text is empty: type or paste some text to analyse"))
    assert shown_error(error) == "the text is empty: type or paste some text to analyse"
    assert shown(Message("not translated {x}", {"x": 1})) == "not translated 1"
    assert shown("a plain string") == "a plain string"


def test_an_unexpected_error_names_its_kind_in_chinese(zh):
    message = user_message(KeyError("boom"))
    assert message == "unexpected error (KeyError: 'boom')"
    assert shown(message) == "意外错误（KeyError：'boom'）"


def test_a_target_word_problem_in_the_lens_panel_is_chinese(zh, qtbot, place):
    panel = place(LogitLensPanel(), size=(800, 500))
    panel._targets.setText(", ".join(f"w{i}" for i in range(21)))
    panel._targets.editingFinished.emit()
    assert panel._problem.text() == "最多只能跟踪 20 个目标词，实际给出 21 个；保留此次编辑之前的目标词"


def test_token_tooltips_and_prediction_rows_are_chinese(zh, place, result):
    strip = place(TokenStrip(), result, size=(800, 300))
    masked = int(result.mask_positions[0])
    tip = strip.tooltip_text(masked)
    assert "真实词元上的损失" in tip and "已掩码 — 点击取消掩码" in tip
    assert f"位置 {masked}" in tip
    panel = place(PredictionsPanel(), result, size=(500, 600))
    assert panel.row_texts()[0].startswith(f"位置 {masked} · 已掩码“")
    assert panel.insert_action.text() == "插入文本"


def test_the_window_shows_a_model_that_will_not_load_in_chinese(zh, qtbot, open_window, broken_model_dir):
    controller = open_window(model=broken_model_dir, wait=False)
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS) as blocker:
        pass
    assert "is not valid JSON" in blocker.args[0]  # the logic reads the English, the window shows Chinese
    message = controller.window.banner.message("model")
    assert f"文件夹 {broken_model_dir} 中的 config.json 不是有效的 JSON；请重新保存模型" in message


def test_the_window_warns_of_a_cut_text_in_chinese_and_titles_its_docks(zh, open_window):
    text = " ".join(["the cat sat on the mat."] * 40)
    controller = open_window(text=text)
    warning = controller.window.banner.message("warnings")
    assert "文本超出了模型 128 个词元的上限" in warning
    docks = controller.window.panels.docks
    assert docks["predictions"].windowTitle() == "预测"
    assert all(is_chinese(dock.windowTitle()) for dock in docks.values())
    assert all(is_chinese(dock.toggleViewAction().text()) for dock in docks.values())
