"""The geometry panel on real results: similarity by layer, anisotropy, paths, per-layer change, pins."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from widget_fixtures import NOTEBOOK_MASK

from mlm_desktop.core.analyses.geometry import request_for, run
from mlm_desktop.panels.geometry_panel import GeometryPanel
from mlm_desktop.panels.style import format_number

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def geometry(tiny_bert, result):
    return run(tiny_bert, request_for(result))


@pytest.fixture(scope="module")
def roberta_geometry(tiny_roberta, roberta_result):
    return run(tiny_roberta, request_for(roberta_result))


@pytest.fixture
def panel(place, geometry):
    return place(GeometryPanel(), geometry, size=(1300, 600))


def click_cell(qtbot, heatmap, row: int, column: int) -> None:
    graphics = heatmap.graphics_view()
    qtbot.mouseClick(graphics.viewport(), LEFT, pos=graphics.mapFromScene(heatmap.cell_center(row, column)))


def test_it_opens_on_the_last_layer_with_its_similarities_and_token_labels(panel, geometry):
    assert panel.current_layer() == 2 and panel.layer_picker().name() == "layer 2 of 2 (last)"
    heatmap = panel.similarity_heatmap()
    np.testing.assert_array_equal(heatmap.image_array(), geometry.similarity[2])
    assert heatmap.levels() == (-1.0, 1.0)
    assert heatmap.row_labels()[3] == heatmap.column_labels()[3] == "3 lincoln"


def test_the_anisotropy_shown_is_the_chosen_layer_s_with_and_without_special(panel, geometry):
    for layer in (0, 2):
        panel.set_layer(layer)
        text = panel.anisotropy_text()
        assert format_number(geometry.anisotropy[layer], 3) in text
        without = format_number(geometry.anisotropy_without_special[layer], 3)
        assert f"without special tokens: {without}" in text
        np.testing.assert_array_equal(panel.similarity_heatmap().image_array(), geometry.similarity[layer])
    assert panel.layer_picker().name() == "layer 2 of 2 (last)"
    panel.set_layer(0)
    assert panel.layer_picker().name() == "embeddings"


def test_the_user_moving_the_slider_shows_that_layer(qtbot, panel, geometry):
    picker = panel.layer_picker()
    with qtbot.waitSignal(picker.layer_changed, check_params_cb=lambda layer: layer == 1):
        picker.slider().setValue(1)
    assert picker.spin_box().value() == 1
    np.testing.assert_array_equal(panel.similarity_heatmap().image_array(), geometry.similarity[1])


def test_the_change_heatmap_is_layers_by_tokens_on_one_scale(panel, geometry):
    heatmap = panel.change_heatmap()
    np.testing.assert_array_equal(heatmap.image_array(), geometry.change)
    assert heatmap.row_labels() == ["1", "2"] and heatmap.column_labels()[4] == "4 won"
    assert heatmap.levels() == (0.0, pytest.approx(float(geometry.change.max())))
    heatmap.hover_scene_position(heatmap.cell_center(1, 4))
    assert heatmap.readout_text().startswith("layer 2 changed 4 won by ")


def test_the_masked_tokens_start_pinned_and_each_path_is_the_token_s_pca_points(panel, geometry):
    assert panel.pinned_tokens() == list(NOTEBOOK_MASK)
    paths = panel.paths()
    assert paths.drawn_tokens() == list(NOTEBOOK_MASK)
    for position in NOTEBOOK_MASK:
        x, y = paths.path(position)
        np.testing.assert_allclose(np.column_stack([x, y]), geometry.pca[:, position], rtol=1e-6)
    np.testing.assert_allclose(paths.cloud_points(), geometry.pca[2], rtol=1e-6)
    assert "3 lincoln, 4 won, 8 presidential" in panel.pins_text()


def test_a_token_pointed_at_elsewhere_has_its_path_drawn_and_its_cells_outlined(panel):
    panel.highlight_token(10)
    assert panel.paths().drawn_tokens()[-1] == 10
    assert (10, 10) in panel.similarity_heatmap().marked_cells()
    assert panel.change_heatmap().marked_cells() == [(0, 10), (1, 10)]
    panel.highlight_token(-1)
    assert panel.paths().drawn_tokens() == list(NOTEBOOK_MASK)
    assert panel.change_heatmap().marked_cells() == []


def test_hovering_a_similarity_row_points_at_its_token(qtbot, panel):
    heatmap = panel.similarity_heatmap()
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == 6):
        heatmap.hover_scene_position(heatmap.cell_center(6, 9))
    assert panel.highlighted_token() == 6
    assert heatmap.readout_text() == (
        f"6 november · 9 election · cosine {format_number(heatmap.image_array()[6, 9])}")


def test_a_click_on_a_similarity_cell_pins_its_row_token_and_a_second_click_unpins(qtbot, panel):
    heatmap = panel.similarity_heatmap()
    click_cell(qtbot, heatmap, 12, 5)
    assert panel.pinned_tokens() == [*NOTEBOOK_MASK, 12]
    assert 12 in panel.paths().drawn_tokens()
    click_cell(qtbot, heatmap, 12, 30)
    assert panel.pinned_tokens() == list(NOTEBOOK_MASK)


def test_a_click_on_a_change_column_pins_its_token(qtbot, panel):
    click_cell(qtbot, panel.change_heatmap(), 0, 20)
    assert panel.pinned_tokens()[-1] == 20


def test_pointing_at_a_point_of_the_map_names_its_token_and_a_click_pins_it(qtbot, panel, geometry):
    panel.clear_pins()
    assert panel.pinned_tokens() == [] and "none" in panel.pins_text()
    paths = panel.paths()
    # the token farthest from the others at the shown layer, so that no other point is as near
    points = geometry.pca[2]
    gaps = np.linalg.norm(points[:, None] - points[None], axis=-1) + np.eye(len(points)) * 1e9
    loner = int(np.argmax(gaps.min(axis=1)))
    where = paths.scene_position(2, loner)
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == loner):
        paths.point_at(where)
    view = paths.graphics_view()
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.mapFromScene(where))
    assert panel.pinned_tokens() == [loner]


def test_pins_stay_for_the_same_text_and_reset_for_another(place, geometry, roberta_geometry):
    panel = place(GeometryPanel(), geometry, size=(900, 500))
    panel.toggle_pin(20)
    panel.set_result(geometry)
    assert panel.pinned_tokens() == [*NOTEBOOK_MASK, 20]
    panel.set_result(roberta_geometry)
    assert panel.pinned_tokens() == roberta_geometry.mask_positions.tolist()
    assert len(panel.pinned_tokens()) == 3  # two clicked masks and a typed <mask>


def test_no_result_clears_every_view(panel):
    panel.set_result(None)
    assert panel.similarity_heatmap().image_array().size == 0
    assert panel.change_heatmap().image_array().size == 0
    assert panel.paths().drawn_tokens() == [] and panel.anisotropy_text() == ""
    assert panel.layer_picker().name() == ""


def test_each_pinned_path_keeps_its_colour_and_is_named_in_the_legend(qtbot, place, geometry):
    from mlm_desktop.panels.geometry_paths import TokenPaths

    paths = place(TokenPaths(), size=(500, 400))
    paths.set_result(geometry)
    paths.set_tokens((3, 4), -1)
    first = dict(paths._colour_of)
    paths.set_layer(0)
    paths.set_tokens((8, 4, 3), -1)  # another pinned first: the others keep their colours
    assert paths._colour_of[3] == first[3] and paths._colour_of[4] == first[4]
    assert len(set(paths._colour_of.values())) == 3
    names = sorted(label.text for _sample, label in paths.plot_item().legend.items)
    assert names == sorted(f"{p} {geometry.labels[p]}" for p in (3, 4, 8))
