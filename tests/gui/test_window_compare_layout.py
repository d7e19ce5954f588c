"""Opening the comparison keeps the window's proportions: the editor and chips keep their room."""

from __future__ import annotations

from timeouts import RESULT_TIMEOUT_MS

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _sizes(window):
    central = window.centralWidget()
    return window.width(), central.width(), window.panels.docks["predictions"].width(), \
        window.panels.docks["tokens"].width()


def test_the_comparison_opens_in_the_right_docks_width(qtbot, open_window, tiny_roberta_dir):
    controller = open_window(text=TEXT, mask=[2, 3])
    window = controller.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    right_share = window.width() // 3
    qtbot.waitUntil(lambda: abs(window.panels.docks["predictions"].width() - right_share) < 40)
    window_width, central, right, tokens = _sizes(window)
    with qtbot.waitSignal(controller.compare.compared, timeout=RESULT_TIMEOUT_MS):
        window.compare_model_chosen.emit(str(tiny_roberta_dir))
    dock = controller.compare.dock
    qtbot.waitUntil(dock.isVisible)
    after = _sizes(window)
    assert after[0] == window_width  # the window did not grow
    assert after[1] >= central * 0.9 and after[3] >= tokens * 0.9  # editor and chips keep their room
    assert after[2] <= right * 1.1
    assert right * 0.8 <= dock.width() <= right * 1.1  # the comparison gets the right docks' width
    assert controller.compare.panel.minimumSizeHint().width() <= right
