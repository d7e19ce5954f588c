"""The attention panel in the window: asked for only in view, for the result on screen, linked."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core.analyses.attention import KIND as ATTENTION


@pytest.fixture(autouse=True)
def _collect_the_closed_window():
    """Free each closed window here, between tests, not during a later test's painting.

    A window left in a reference cycle (as after a failed follow-up) is
    otherwise freed by whichever garbage collection comes next; when that
    falls inside a pyqtgraph scene's paint event, Qt crashes (seen with the
    panels registry tests run after these).
    """
    yield
    gc.collect()


TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def open_shown(qtbot, open_window, mask=(3,)):
    controller = open_window(text=TEXT, mask=list(mask))
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    return controller


def bring_attention_into_view(qtbot, controller):
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == ATTENTION) as blocker:
        controller.window.panels.docks["attention"].raise_()
    return blocker.args[1]


def test_attention_is_asked_for_only_once_its_tab_is_in_front(qtbot, open_window):
    controller = open_shown(qtbot, open_window)
    window = controller.window
    # a tab behind the logits heatmap on a first run
    qtbot.waitUntil(lambda: window.panels.docks["attention"].visibleRegion().isEmpty())
    assert controller.analysis.ledger.latest(ATTENTION) is None, "asked for while out of view"
    shown = controller.session.result
    assert shown.attentions is None, "the main pass asked for attention weights"
    attention = bring_attention_into_view(qtbot, controller)
    assert attention.input_ids.tolist() == shown.masked_input_ids.tolist()
    assert attention.mask_positions.tolist() == [3]
    panel = window.panel("attention")
    np.testing.assert_array_equal(panel.image_array(), attention.layer_means[-1])
    assert panel.row_labels()[3] == "3 lincoln*"
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(ATTENTION)) == ledger.shown("masked_lm")


def test_a_new_mask_brings_the_attention_of_the_new_input(qtbot, open_window):
    controller = open_shown(qtbot, open_window)
    bring_attention_into_view(qtbot, controller)
    panel = controller.window.panel("attention")
    panel.set_view(0, 1)
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, r: kind == ATTENTION
                          and r.mask_positions.tolist() == [3, 5]):
        controller.session.toggle(5)
        controller.run_now()
    fresh = controller.window.panels.result(ATTENTION)
    assert fresh.input_ids.tolist() == controller.session.result.masked_input_ids.tolist()
    assert panel.view() == ("heads", 0, 1)  # the user's choice stays
    np.testing.assert_array_equal(panel.image_array(), fresh.heads[0, 1].astype(np.float32))


def test_tokens_pointed_at_are_linked_both_ways(qtbot, open_window):
    controller = open_shown(qtbot, open_window)
    bring_attention_into_view(qtbot, controller)
    window = controller.window
    panel = window.panel("attention")
    window.panel("tokens").token_hovered.emit(4)
    assert panel.highlighted_token() == 4
    row, column = panel.highlight_bands()
    assert row.top() == column.left() == 3.5
    heatmap = panel.heatmap()
    heatmap.hover_scene_position(heatmap.cell_center(6, 1))
    assert window.panel("tokens").highlighted_token() == 6
    assert window.panel("loss").hovered_position() == 6


def test_a_model_that_cannot_return_attention_weights_says_so(qtbot, open_window, monkeypatch):
    from transformers import BertForMaskedLM

    def refuse(_model, _implementation):
        raise ValueError("not supported")

    monkeypatch.setattr(BertForMaskedLM, "set_attn_implementation", refuse)
    controller = open_shown(qtbot, open_window)
    with qtbot.waitSignal(controller.analysis.analysis_error, timeout=RESULT_TIMEOUT_MS):
        controller.window.panels.docks["attention"].raise_()
    message = controller.window.banner.message("analysis")
    assert "The attention failed:" in message and "does not return attention weights" in message
    assert "unexpected" not in message
    assert controller.session.result.loss_all is not None  # the other panels keep their result
