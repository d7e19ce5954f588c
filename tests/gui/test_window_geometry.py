"""The geometry panel in the real window: a follow-up asked for only while its tab is in front."""

from __future__ import annotations

import numpy as np
from timeouts import RESULT_TIMEOUT_MS

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
GEOMETRY = "geometry"


def show(qtbot, controller):
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_geometry_tab_shares_the_layers_dock_group_and_waits_behind_it(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = show(qtbot, controller)
    tabs = [d.objectName() for d in window.tabifiedDockWidgets(window.panels.docks["hiddenStates"])]
    assert "geometryDock" in tabs
    assert controller.analysis.ledger.latest(GEOMETRY) is None, "asked for while out of view"


def test_bringing_the_geometry_tab_forward_runs_it_on_the_ids_the_model_saw(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[3])
    window = show(qtbot, controller)
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == GEOMETRY) as blocker:
        window.panels.docks[GEOMETRY].raise_()
    geometry = blocker.args[1]
    shown = controller.session.result
    np.testing.assert_array_equal(geometry.input_ids, shown.masked_input_ids)
    assert geometry.labels == shown.labels and geometry.mask_positions.tolist() == [3]
    panel = window.panel(GEOMETRY)
    np.testing.assert_array_equal(panel.similarity_heatmap().image_array(), geometry.similarity[-1])
    assert panel.pinned_tokens() == [3]
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(GEOMETRY)) == ledger.shown("masked_lm")


def test_a_new_mask_brings_a_new_geometry_of_the_new_ids(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = show(qtbot, controller)
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == GEOMETRY):
        window.panels.docks[GEOMETRY].raise_()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, r: kind == GEOMETRY
                          and r.mask_positions.tolist() == [5]) as blocker:
        window.panel("tokens").mask_toggled.emit(5)
    geometry = blocker.args[1]
    assert geometry.input_ids[5] == controller.session.result.masked_input_ids[5]
    assert window.panel(GEOMETRY).pinned_tokens() == [5], "a token masked since is pinned"


def test_the_token_pointed_at_is_linked_both_ways(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = show(qtbot, controller)
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == GEOMETRY):
        window.panels.docks[GEOMETRY].raise_()
    panel = window.panel(GEOMETRY)
    window.panel("tokens").token_hovered.emit(4)
    assert panel.highlighted_token() == 4 and panel.paths().drawn_tokens()[-1] == 4
    heatmap = panel.similarity_heatmap()
    heatmap.hover_scene_position(heatmap.cell_center(6, 2))
    assert window.panel("tokens").highlighted_token() == 6
