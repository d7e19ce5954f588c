"""The attention panel on real results: heads, means, rollout, hiding special tokens, pointing."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlm_desktop.core.analyses.attention import run
from mlm_desktop.core.analyses.attention_types import request_for_result
from mlm_desktop.core.attention_math import hide_special
from mlm_desktop.panels.attention_grid import MEAN
from mlm_desktop.panels.attention_panel import AttentionPanel

SIZE = (1100, 520)


@pytest.fixture(scope="module")
def attention(tiny_bert, result):
    """The attention of the notebook text with tokens 3, 4 and 8 masked (2 layers, 2 heads)."""
    return run(tiny_bert, request_for_result(result))


@pytest.fixture
def panel(place, attention):
    return place(AttentionPanel(), attention, size=SIZE)


def test_it_opens_on_the_last_layers_mean_with_token_labels(panel, attention):
    assert panel.view() == ("heads", 1, MEAN)
    np.testing.assert_array_equal(panel.image_array(), attention.layer_means[1])
    assert panel.image_array().shape == (62, 62)
    labels = panel.row_labels()
    assert labels[0] == "0 [CLS]" and labels[3] == "3 lincoln*" and labels[5] == "5 the"
    assert panel.heatmap().column_labels() == labels
    assert panel.heatmap().levels() == (0.0, pytest.approx(float(attention.layer_means[1].max())))


def test_the_controls_pick_a_layer_and_a_head(panel, attention):
    controls = panel.controls()
    assert controls.layer.minimum() == 1 and controls.layer.maximum() == 2
    assert [controls.head.itemText(i) for i in range(3)] == ["mean of heads", "head 1", "head 2"]
    controls.layer.setValue(1)
    controls.head.setCurrentIndex(2)
    assert panel.view() == ("heads", 0, 1)
    np.testing.assert_array_equal(panel.image_array(), attention.heads[0, 1].astype(np.float32))
    assert "layer 1, head 2" in panel.heatmap().readout_text()


def test_the_grid_shows_every_head_and_a_click_picks_one(panel, attention):
    grid = panel.grid()
    size = attention.thumbnails.shape[-1]
    assert grid.mosaic().shape == (2 * (size + 1), 3 * (size + 1), 4)  # 2 layers x (2 heads + mean)
    grid.click_scene_position(grid.thumbnail_center(0, 1))
    assert panel.view() == ("heads", 0, 1) and grid.selected() == (0, 1)
    np.testing.assert_array_equal(panel.image_array(), attention.heads[0, 1].astype(np.float32))
    grid.click_scene_position(grid.thumbnail_center(1, MEAN))
    assert panel.view() == ("heads", 1, MEAN)
    np.testing.assert_array_equal(panel.image_array(), attention.layer_means[1])


def test_rollout_is_a_view_of_its_own(panel, attention):
    panel.controls().tabs.setCurrentIndex(1)
    assert panel.view()[0] == "rollout"
    np.testing.assert_array_equal(panel.image_array(), attention.rollout[1])
    assert not panel.controls().head.isEnabled()
    assert "Rollout through layer 2" in panel.caption_text()
    panel.controls().layer.setValue(1)
    np.testing.assert_array_equal(panel.image_array(), attention.rollout[0])
    panel.grid().click_scene_position(panel.grid().thumbnail_center(1, 0))  # back to a head
    assert panel.view() == ("heads", 1, 0) and panel.controls().head.isEnabled()


def test_hiding_special_tokens_renormalises_the_rows_shown(panel, attention):
    panel.controls().hide_special.setChecked(True)
    assert panel.shown_positions() == list(range(1, 61))
    expected, _ = hide_special(attention.layer_means[1], attention.special_mask)
    np.testing.assert_allclose(panel.image_array(), expected)
    np.testing.assert_allclose(panel.image_array().sum(axis=1), 1.0, atol=1e-5)
    assert panel.row_labels()[0] == "1 after"
    size = attention.thumbnails_without_special.shape[-1]
    assert panel.grid().mosaic().shape == (2 * (size + 1), 3 * (size + 1), 4)
    panel.set_view(0, MEAN, rollout=True)
    expected, _ = hide_special(attention.rollout[0], attention.special_mask)
    np.testing.assert_allclose(panel.image_array(), expected)


def test_a_token_pointed_at_elsewhere_is_outlined_as_a_row_and_a_column(panel):
    panel.highlight_token(5)
    row, column = panel.highlight_bands()
    assert (row.top(), row.height(), row.width()) == (4.5, 1, 62)
    assert (column.left(), column.width(), column.height()) == (4.5, 1, 62)
    panel.set_hide_special(True)  # row 4 is now token 5
    row, column = panel.highlight_bands()
    assert (row.top(), column.left(), row.width()) == (3.5, 3.5, 60)
    panel.highlight_token(0)  # [CLS] is hidden
    assert panel.highlight_bands() == [None, None]
    panel.highlight_token(-1)
    assert panel.highlight_bands() == [None, None] and panel.highlighted_token() == -1


def test_pointing_at_a_cell_points_at_its_rows_token(qtbot, panel):
    heatmap = panel.heatmap()
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == 7):
        heatmap.hover_scene_position(heatmap.cell_center(7, 2))
    assert heatmap.readout_text().startswith("7 1860 → 2 abraham ·")
    panel.set_hide_special(True)
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == 8):
        heatmap.hover_scene_position(heatmap.cell_center(7, 2))
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == -1):
        heatmap.hover_scene_position(heatmap.cell_center(500, 500))


def test_a_result_with_fewer_layers_keeps_the_view_in_range(panel, attention):
    panel.set_view(1, 1)
    first = {name: getattr(attention, name)[:1] for name in
             ("heads", "layer_means", "rollout", "thumbnails", "thumbnails_without_special")}
    panel.set_result(dataclasses.replace(attention, **first))
    assert panel.view() == ("heads", 0, 1)
    assert panel.controls().layer.maximum() == 1
    np.testing.assert_array_equal(panel.image_array(), attention.heads[0, 1].astype(np.float32))


def test_the_choice_stays_while_the_panel_waits_for_the_next_result(panel, attention):
    panel.set_view(0, 1)
    panel.set_result(None)  # the host clears a follow-up of an older result
    assert not panel.controls().isEnabled()
    panel.set_result(attention)
    assert panel.controls().isEnabled() and panel.view() == ("heads", 0, 1)


def test_clearing_and_a_roberta_result(panel, tiny_roberta, roberta_result):
    panel.set_result(None)
    assert panel.image_array().size == 0 and panel.grid().mosaic().size == 0
    panel.highlight_token(3)
    assert panel.highlight_bands() == [None, None]
    other = run(tiny_roberta, request_for_result(roberta_result))
    panel.set_result(other)
    assert panel.row_labels()[0] == "0 <s>"
    assert panel.image_array().shape == (other.num_tokens, other.num_tokens)
    np.testing.assert_allclose(panel.image_array().sum(axis=1), 1.0, atol=1e-5)
