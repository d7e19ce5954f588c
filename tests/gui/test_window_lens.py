"""The logit lens in the real window: a follow-up of the result on screen, with its own settings."""

from __future__ import annotations

import pytest
from timeouts import RESULT_TIMEOUT_MS

LENS = "logit_lens"
PANEL = "logitLens"
MASK = [3, 4, 8]


def _lens_applied(qtbot, controller, check=lambda _result: True):
    return qtbot.waitSignal(
        controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda kind, result: kind == LENS and check(result),
    )


@pytest.fixture
def lens_window(qtbot, open_window, notebook_text):
    """A window with the lens's tab in front, and its first lens result."""
    controller = open_window(text=notebook_text, mask=MASK)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    with _lens_applied(qtbot, controller) as blocker:
        window.panels.docks[PANEL].raise_()
    return controller, blocker.args[1]


def test_the_lens_of_the_result_on_screen_reaches_its_panel(lens_window):
    controller, lens = lens_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    assert panel.result() is lens and lens.text == shown.text
    assert lens.rows.tolist() == shown.prediction_positions.tolist() == MASK
    last = lens.num_layers - 1
    assert [lens.prediction(last, row) for row in range(lens.num_rows)] == list(shown.predictions())
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(LENS)) == ledger.shown("masked_lm")


def test_the_panels_settings_ask_again_without_a_new_masked_lm_pass(qtbot, lens_window):
    controller, _lens = lens_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    with _lens_applied(qtbot, controller, lambda r: r.all_positions) as blocker:
        panel.all_positions_box().setChecked(True)
    assert blocker.args[1].rows.tolist() == list(range(shown.num_tokens))
    with _lens_applied(qtbot, controller, lambda r: r.targets) as blocker:
        panel.targets_edit().setText("lincoln, president")
        panel.targets_edit().editingFinished.emit()
    lens = blocker.args[1]
    assert [t.word for t in lens.targets] == ["lincoln", "president"] and lens.all_positions
    assert controller.session.result is shown
    assert panel.chart().series().keys() >= {"lincoln", "president"}


def test_a_new_mask_brings_a_new_lens_with_the_same_settings(qtbot, lens_window):
    controller, _lens = lens_window
    panel = controller.window.panel(PANEL)
    panel.targets_edit().setText("lincoln")
    with _lens_applied(qtbot, controller, lambda r: r.targets):
        panel.targets_edit().editingFinished.emit()
    with _lens_applied(qtbot, controller, lambda r: 9 in r.rows.tolist()) as blocker:
        controller.window.panel("tokens").mask_toggled.emit(9)
    lens = blocker.args[1]
    assert lens.rows.tolist() == [*MASK, 9] and lens.targets[0].word == "lincoln"
    assert panel.result() is lens


def test_the_lens_waits_until_its_tab_comes_to_the_front(qtbot, open_window, notebook_text):
    controller = open_window(text=notebook_text, mask=MASK)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    window.panels.docks["logitsHeatmap"].raise_()
    qtbot.waitUntil(lambda: window.panels.docks[PANEL].visibleRegion().isEmpty())
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.panel("tokens").mask_toggled.emit(9)
    assert controller.analysis.ledger.latest(LENS) is None, "asked for while out of view"
    with _lens_applied(qtbot, controller) as blocker:
        window.panels.docks[PANEL].raise_()
    assert blocker.args[1].rows.tolist() == [*MASK, 9]


def test_pointing_in_the_lens_is_followed_by_the_other_panels_and_back(lens_window):
    controller, _lens = lens_window
    window = controller.window
    lens_panel = window.panel(PANEL)
    lens_panel.token_hovered.emit(4)
    assert window.panel("tokens").highlighted_token() == 4
    window.panel("tokens").token_hovered.emit(8)
    assert lens_panel.charted_position() == 8
