"""Joint filling in the real window: a follow-up of the result on screen, with its beam width."""

from __future__ import annotations

import pytest
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core.analyses import joint_fill
from mlm_desktop.core.analyses.joint_fill_types import FillSettings

FILL = "joint_fill"
PANEL = "jointFill"
MASK = [3, 4, 8]


def _fill_applied(qtbot, controller, check=lambda _result: True):
    return qtbot.waitSignal(
        controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda kind, result: kind == FILL and check(result),
    )


@pytest.fixture
def fill_window(qtbot, open_window, notebook_text):
    """A window with the joint fill's tab in front, and its first fill."""
    controller = open_window(text=notebook_text, mask=MASK)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    with _fill_applied(qtbot, controller) as blocker:
        window.panels.docks[PANEL].raise_()
    return controller, blocker.args[1]


def test_the_fill_of_the_result_on_screen_reaches_its_panel(fill_window, tiny_bert):
    controller, filled = fill_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    assert panel.result() is filled and filled.text == shown.text
    assert filled.positions.tolist() == shown.prediction_positions.tolist() == MASK
    assert filled.argmax.sentence_ids[MASK].tolist() == shown.top_ids[MASK, 0].tolist()
    # the same fill as the unit gives for the result on screen, run here on the same model
    alone = joint_fill.run(tiny_bert, joint_fill.request_for(shown))
    assert filled.greedy.order.tolist() == alone.greedy.order.tolist()
    assert filled.greedy.ids.tolist() == alone.greedy.ids.tolist()
    assert panel.order_table().rowCount() == 3
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(FILL)) == ledger.shown("masked_lm")


def test_the_beam_width_asks_again_without_a_new_masked_lm_pass(qtbot, fill_window):
    controller, _filled = fill_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    with _fill_applied(qtbot, controller, lambda r: r.beam_width == 3) as blocker:
        panel.beam_width_box().setValue(3)
    filled = blocker.args[1]
    assert filled.beam.logprob >= filled.greedy.logprob - 1e-6
    assert controller.session.result is shown and panel.title_text("beam").startswith("Beam of 3")
    with _fill_applied(qtbot, controller, lambda r: 9 in r.positions.tolist()) as blocker:
        controller.window.panel("tokens").mask_toggled.emit(9)
    assert blocker.args[1].beam_width == 3 and panel.follow_up_settings() == FillSettings(3)


def test_the_fill_waits_until_its_tab_comes_to_the_front(qtbot, open_window, notebook_text):
    controller = open_window(text=notebook_text, mask=MASK)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    window.panels.docks["loss"].raise_()
    qtbot.waitUntil(lambda: window.panels.docks[PANEL].visibleRegion().isEmpty())
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.panel("tokens").mask_toggled.emit(9)
    assert controller.analysis.ledger.latest(FILL) is None, "asked for while out of view"
    with _fill_applied(qtbot, controller) as blocker:
        window.panels.docks[PANEL].raise_()
    assert blocker.args[1].positions.tolist() == [*MASK, 9]


def test_pointing_at_a_step_is_followed_by_the_other_panels_and_back(fill_window):
    controller, filled = fill_window
    window = controller.window
    panel = window.panel(PANEL)
    first = int(filled.greedy.order[0])
    panel.token_hovered.emit(first)
    assert window.panel("tokens").highlighted_token() == first
    window.panel("tokens").token_hovered.emit(int(filled.greedy.order[2]))
    assert panel.selected_step() == 2
