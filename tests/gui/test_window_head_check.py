"""In the window the predictions come first and the MLM-head check a moment later."""

from __future__ import annotations

from timeouts import RESULT_TIMEOUT_MS

TEXT = "Paris is the capital of France."


def test_the_window_shows_the_head_check_after_the_predictions(qtbot, open_window):
    controller = open_window(text=TEXT, wait=False)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as shown:
        pass
    result = shown.args[0]
    assert result.head_check_max_abs_diff is None and result.head_check_inputs is not None
    loss = controller.window.panels.panel("loss")
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == "head_check") as checked:
        pass
    check = checked.args[1]
    assert check.text == result.text and check.passed
    assert loss.head_check_text().startswith("MLM head applied to the last hidden state reproduces")
    assert f"over {check.row_count} positions" in loss.head_check_text()


def test_the_head_check_is_handed_over_without_drawing_the_loss_panel_again(qtbot, open_window):
    controller = open_window(text=TEXT)
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == "head_check"):
        pass  # the first result's check
    loss = controller.window.panels.panel("loss")
    drawn, checks = [], []
    draw, hand = loss.set_result, loss.set_follow_up
    loss.set_result = lambda r: (drawn.append(r), draw(r))
    loss.set_follow_up = lambda k, r: (checks.append(r), hand(k, r))
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == "head_check"):
        controller.window.panel("tokens").mask_toggled.emit(2)
    assert len(drawn) == 1 and drawn[0] is controller.session.result
    assert checks[-1] is not None and checks[-1].text == TEXT
    assert 2 in drawn[0].mask_positions.tolist()
