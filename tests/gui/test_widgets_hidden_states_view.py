"""The hidden-state viewer: one layer at a time on a scale shared by all layers."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.panels import HiddenStatesView


@pytest.fixture
def view(place, result):
    return place(HiddenStatesView(), result, size=(900, 500))


def test_layer_selector_runs_from_embeddings_to_the_last_layer(view, result):
    assert result.hidden_states.shape[0] == 3
    assert view.layer_count() == 3
    assert view.layer_slider().maximum() == view.layer_spin_box().maximum() == 2
    view.set_layer(0)
    assert view.layer_name() == "embeddings"
    view.set_layer(2)
    assert view.layer_name() == "layer 2 of 2 (last)"


def test_image_is_the_chosen_layer_tokens_by_dimensions(view, result):
    view.set_layer(2)
    assert view.current_layer() == 2
    np.testing.assert_array_equal(view.image_array(), result.hidden_states[2])
    assert view.image_array().shape == (result.num_tokens, 32)
    assert view.row_labels()[3] == "3 lincoln"


def test_levels_are_symmetric_and_the_same_for_every_layer(view, result):
    bound = np.percentile(np.abs(result.hidden_states), 99.5)
    seen = set()
    for layer in (0, 1, 2):
        view.set_layer(layer)
        seen.add(view.levels())
    assert len(seen) == 1
    low, high = seen.pop()
    # one scale for all layers: every layer is coloured through the same levels
    lut = pg.colormap.get("CET-D1A").getLookupTable(nPts=256, alpha=True)  # the default diverging map
    for layer in (0, 2):
        view.set_layer(layer)
        scaled = (result.hidden_states[layer].astype(np.float64) - low) * 255 / (high - low)
        expected = lut[np.clip(np.rint(scaled), 0, 255).astype(int)]
        np.testing.assert_array_equal(view.heatmap().rgba_array(), expected)
    assert high == pytest.approx(bound, rel=1e-5) and low == -high


def test_user_moving_the_slider_emits_layer_changed_and_syncs_the_spin_box(qtbot, view, result):
    view.set_layer(0)
    with qtbot.waitSignal(view.layer_changed, check_params_cb=lambda layer: layer == 1):
        view.layer_slider().setValue(1)
    assert view.layer_spin_box().value() == 1
    np.testing.assert_array_equal(view.image_array(), result.hidden_states[1])
    with qtbot.waitSignal(view.layer_changed, check_params_cb=lambda layer: layer == 2):
        view.layer_spin_box().setValue(2)
    assert view.layer_slider().value() == 2


def test_set_layer_from_code_does_not_echo(qtbot, view):
    with qtbot.assertNotEmitted(view.layer_changed):
        view.set_layer(1)
        view.set_layer(5)  # clamped to the last layer
    assert view.current_layer() == 2


def test_norms_follow_each_token_through_the_layers(view, result):
    expected = np.linalg.norm(result.hidden_states.astype(np.float64), axis=2).T
    np.testing.assert_allclose(view.norms(), expected, rtol=1e-6)


def test_hovering_a_heatmap_row_highlights_that_tokens_line(view):
    heatmap = view.heatmap()
    heatmap.hover_scene_position(heatmap.cell_center(4, 7))
    assert view.highlighted_token() == 4
    assert heatmap.readout_text().startswith("4 won · dimension 7 · ")


def test_a_new_result_keeps_the_chosen_layer(view, result):
    view.set_layer(1)
    view.set_result(result)
    assert view.current_layer() == 1
    view.set_result(None)  # e.g. while another model loads
    view.set_result(result)
    assert view.current_layer() == 1


def test_results_without_hidden_states_show_a_message(place, tiny_bert, notebook_text):
    view = place(HiddenStatesView())
    view.set_result(analyze(tiny_bert, AnalysisRequest(notebook_text, output_hidden_states=False)))
    assert view.image_array().size == 0
    assert view.layer_count() == 0


def test_set_result_none_clears(view):
    view.set_result(None)
    assert view.image_array().size == 0
    assert view.norms().size == 0
    assert view.layer_name() == ""


def test_zoom_survives_a_change_of_layer_and_double_click_resets_it(qtbot, view, result):
    view_box = view.heatmap().plot_item().getViewBox()
    view_box.setRange(xRange=(3.5, 9.5), yRange=(1.5, 5.5), padding=0)
    zoomed = view_box.viewRange()
    view.set_layer(1)
    assert view_box.viewRange() == zoomed
    graphics = view.heatmap().graphics_view()
    centre = graphics.mapFromScene(view.heatmap().cell_center(3, 6))
    qtbot.mouseDClick(graphics.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    # QTest's double click ends without the release a real one has; pyqtgraph waits for it
    qtbot.mouseRelease(graphics.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    (x0, x1), (y0, y1) = view_box.viewRange()
    assert (x0, x1) == pytest.approx((-0.5, 31.5)) and (y0, y1) == pytest.approx((-0.5, 61.5))
