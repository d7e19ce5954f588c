"""Labels that say what a figure is, plots that stay readable, hints that stay out of the way."""

from __future__ import annotations

import dataclasses

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea

from mlm_desktop.core.levels import symmetric_levels
from mlm_desktop.panels import HiddenStatesView, LogitsHeatmap, LossPanel, TokenStrip
from mlm_desktop.panels.norm_chart import NormChart
from mlm_desktop.panels.plot_axes import axis_font
from mlm_desktop.panels.token_loss_chart import TokenLossChart


def _axes(widget) -> list[pg.AxisItem]:
    views = widget.findChildren(pg.GraphicsView)
    return [item for view in views for item in view.scene().items() if isinstance(item, pg.AxisItem)]


# -- the loss panel's words ------------------------------------------------------
def test_exp_of_the_all_token_loss_is_not_called_a_pseudo_perplexity(place, result):
    panel = place(LossPanel(), result, size=(800, 460))
    assert "pseudo-perplexity" not in panel.perplexity_all_text()
    assert "pseudo-perplexity" not in panel.perplexity_masked_text()
    assert panel.perplexity_all_text().startswith("exp(loss) = ")
    tips = " ".join(label.toolTip() for label in panel.findChildren(QLabel))
    assert "sees" in tips and "unmasked" in tips  # why the all-token loss is low


def test_the_head_check_without_masks_says_which_positions_it_checked(place, unmasked):
    panel = place(LossPanel(), unmasked, size=(800, 460))
    text = panel.head_check_text()
    assert "over 2 positions" in text and "first and the last token" in text


def test_the_head_check_with_masks_says_which_positions_it_checked(place, result):
    text = place(LossPanel(), result, size=(800, 460)).head_check_text()
    assert "over 5 positions (the 3 masked, the first and the last token)" in text


def test_an_unmasked_chip_says_its_true_token_was_visible(place, result):
    strip = place(TokenStrip(), result, size=(600, 260))
    assert "visible to the model" in strip.tooltip_text(1)
    assert "visible to the model" not in strip.tooltip_text(3)  # masked


@pytest.mark.parametrize("width", [460, 380, 320])
def test_the_loss_panel_fits_its_words_at_the_default_dock_width(place, result, width):
    panel = place(LossPanel(), result, size=(width, 520))
    panel.highlight_token(40)  # the read-out line under the chart is at its longest
    assert "rank of true token" in panel.readout_text()
    bar = panel.findChild(QScrollArea).verticalScrollBar()
    scroll_bar = bar.width() if bar.isVisible() else 0
    for label in panel.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        right = label.mapTo(panel, label.rect().topRight()).x()
        assert right <= panel.width() - scroll_bar, label.text()
        if not label.wordWrap():
            assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width(), label.text()


# -- plots -------------------------------------------------------------------------
def test_the_single_row_label_leaves_room_for_the_axis_title(place, full_logits_result):
    one = dataclasses.replace(full_logits_result, mask_positions=full_logits_result.mask_positions[:1])
    view = place(LogitsHeatmap(), one, size=(700, 400))
    axis = view.heatmap().plot_item().getAxis("left")
    metrics = QFontMetricsF(axis_font())
    widest = max(metrics.horizontalAdvance(label) for label in view.row_labels())
    assert axis.label.isVisible()
    title_height = axis.label.boundingRect().height()
    assert axis.width() >= widest + title_height


def test_an_empty_norm_chart_has_no_unit_prefix_and_says_why_it_is_empty(place):
    chart = place(NormChart(), None, size=(500, 300))
    labels = [axis.labelString() for axis in _axes(chart)]
    assert not any("(x" in text for text in labels), labels
    assert "Run the model" in chart.placeholder_text()


def test_all_positions_keep_each_rows_top_few_candidates(place, full_logits_result):
    from mlm_desktop.panels.logits_heatmap import ALL_POSITIONS_TOP

    result = full_logits_result
    view = place(LogitsHeatmap(), result, size=(700, 450))
    view.set_mode("all")
    expected: list[int] = []
    for position in range(result.num_tokens):
        for token_id in result.top_ids[position, :ALL_POSITIONS_TOP].tolist():
            if token_id not in expected:
                expected.append(token_id)
    np.testing.assert_array_equal(view.column_ids(), expected)
    assert view.image_array().shape == (result.num_tokens, len(expected))
    assert result.candidate_ids.size > len(expected)
    assert f"top {ALL_POSITIONS_TOP} candidates of each position" in view.note_text()
    view.set_mode("masked")
    assert view.note_text() == ""


def test_hidden_states_offer_per_layer_and_per_dimension_scales(place, result):
    view = place(HiddenStatesView(), result, size=(900, 500))
    box = view.findChild(QComboBox)
    assert box is not None and view.scale_mode() == "all layers"
    fixed = view.levels()
    assert fixed == pytest.approx(symmetric_levels(result.hidden_states))
    view.set_layer(2)
    view.set_scale_mode("layer")
    assert view.levels() == pytest.approx(symmetric_levels(result.hidden_states[2]))
    np.testing.assert_array_equal(view.image_array(), result.hidden_states[2])
    view.set_scale_mode("dimension")
    layer = result.hidden_states[2].astype(np.float64)
    bound = np.percentile(np.abs(layer), 99.5, axis=0)
    np.testing.assert_allclose(view.image_array(), layer / bound, rtol=1e-5)
    assert view.levels() == (-1.0, 1.0)
    view.heatmap().hover_scene_position(view.heatmap().cell_center(3, 5))
    assert f"{layer[3, 5]:.4f}"[:5] in view.readout_text()  # the value itself, not its scaled one
    box.setCurrentIndex(box.findData("all layers"))
    assert view.levels() == pytest.approx(fixed)


@pytest.mark.parametrize("make", [LogitsHeatmap, HiddenStatesView, TokenLossChart])
def test_no_zoom_tooltip_covers_the_data(place, full_logits_result, make):
    widget = place(make(), full_logits_result, size=(700, 450))
    for view in widget.findChildren(pg.GraphicsView):
        assert view.toolTip() == ""
