"""Saliency in the real window: a follow-up of the result on screen, asked for only in view."""

from __future__ import annotations

import pytest
from timeouts import RESULT_TIMEOUT_MS

KIND = "saliency"
PANEL = "saliency"
MASK = [3, 4, 8]


def _applied(qtbot, controller, check=lambda _result: True):
    return qtbot.waitSignal(
        controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda kind, result: kind == KIND and check(result),
    )


@pytest.fixture
def saliency_window(qtbot, open_window, notebook_text):
    """A window with the saliency tab in front, and its first result."""
    controller = open_window(text=notebook_text, mask=MASK)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    assert controller.analysis.ledger.latest(KIND) is None, "off until its panel is in view"
    with _applied(qtbot, controller) as blocker:
        window.panels.docks[PANEL].raise_()
    return controller, blocker.args[1]


def test_the_top_1_at_the_first_mask_is_explained_in_the_panel(saliency_window):
    controller, result = saliency_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    assert panel.result() is result and result.text == shown.text
    assert result.position == MASK[0] and result.candidate_id == int(shown.top_ids[MASK[0], 0])
    assert result.method == "ig" and result.steps == 32
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(KIND)) == ledger.shown("masked_lm")


def test_the_panels_choices_ask_again_without_a_new_masked_lm_pass(qtbot, saliency_window):
    controller, _result = saliency_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    chosen = int(shown.top_ids[MASK[0], 2])
    with _applied(qtbot, controller, lambda r: r.candidate_id == chosen) as blocker:
        panel.candidate_box().activated.emit(2)
    assert blocker.args[1].position == MASK[0]
    with _applied(qtbot, controller, lambda r: r.position == 8 and r.method == "gxi") as blocker:
        panel.position_box().activated.emit(2)
        panel.method_box().setCurrentIndex(panel.method_box().findData("gxi"))
        panel.method_box().activated.emit(panel.method_box().currentIndex())
    assert blocker.args[1].candidate_id == int(shown.top_ids[8, 0])
    assert controller.session.result is shown and panel.result() is blocker.args[1]


def test_a_new_mask_brings_a_new_explanation(qtbot, saliency_window):
    controller, _result = saliency_window
    with _applied(qtbot, controller, lambda r: 9 in r.positions) as blocker:
        controller.window.panel("tokens").mask_toggled.emit(9)
    assert blocker.args[1].positions == (*MASK, 9)


def test_pointing_in_the_panel_is_followed_by_the_token_strip(saliency_window):
    controller, _result = saliency_window
    window = controller.window
    window.panel(PANEL).token_hovered.emit(4)
    assert window.panel("tokens").highlighted_token() == 4
    window.panel("tokens").token_hovered.emit(8)
    assert window.panel(PANEL).chips().highlighted == 8
