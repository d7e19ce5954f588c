"""The logits heatmap: which cells, which values, labels and fixed levels."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QComboBox
from widget_fixtures import NOTEBOOK_MASK, with_original_at_rank

from mlm_desktop.panels import LogitsHeatmap

MASKED = NOTEBOOK_MASK


@pytest.fixture
def result(full_logits_result):
    """The heatmap reads the logits over the whole vocabulary."""
    return full_logits_result


@pytest.fixture
def view(place, result):
    return place(LogitsHeatmap(), result, size=(700, 450))


def _masked_columns(result) -> list[int]:
    """Top-k ids of the masked rows, in order of first appearance."""
    ids: list[int] = []
    for position in MASKED:
        for token_id in result.top_ids[position].tolist():
            if token_id not in ids:
                ids.append(token_id)
    return ids


def test_masked_mode_shows_the_masked_rows_top_k_logits(view, result):
    ids = _masked_columns(result)
    assert view.mode() == "masked" and view.value_kind() == "logits"
    np.testing.assert_array_equal(view.row_positions(), MASKED)
    np.testing.assert_array_equal(view.column_ids(), ids)
    expected = result.full_logits[np.ix_(MASKED, ids)]
    np.testing.assert_allclose(view.image_array(), expected, rtol=1e-5, atol=1e-5)
    assert view.row_labels() == ["3 lincoln", "4 won", "8 presidential"]
    vocab = {int(i): label for i, label in zip(result.candidate_ids, result.candidate_labels,
                                                strict=True)}
    assert view.column_labels() == [vocab[i] for i in ids]
    assert view.levels() == pytest.approx((expected.min(), expected.max()), abs=1e-5)


def test_probabilities_are_softmax_over_the_whole_vocabulary(view, result):
    view.set_value_kind("probabilities")
    ids = _masked_columns(result)
    logits = result.full_logits[list(MASKED)].astype(np.float64)
    softmax = np.exp(logits - logits.max(axis=1, keepdims=True))
    softmax /= softmax.sum(axis=1, keepdims=True)
    expected = softmax[:, ids]
    np.testing.assert_allclose(view.image_array(), expected, rtol=1e-4)
    assert view.levels() == pytest.approx((0.0, expected.max()), rel=1e-4)


def test_all_positions_mode_shows_every_token_and_its_top_candidates(view, result):
    view.set_mode("all")
    columns = [list(result.candidate_ids).index(i) for i in view.column_ids()]
    assert view.image_array().shape == (result.num_tokens, len(columns))
    np.testing.assert_allclose(view.image_array(), result.candidate_logits[:, columns])
    assert view.row_labels()[0] == "0 [CLS]"
    assert view.column_labels() == [result.candidate_labels[c] for c in columns]


def test_switching_modes_with_the_combo_boxes(view, result):
    mode_box, value_box = view.findChildren(QComboBox)
    mode_box.setCurrentIndex(mode_box.findData("all"))
    assert view.image_array().shape[0] == result.num_tokens
    value_box.setCurrentIndex(value_box.findData("probabilities"))
    assert view.levels()[0] == 0.0
    assert float(view.image_array().max()) <= 1.0


def test_hover_reads_out_token_candidate_and_value(view, result):
    heatmap = view.heatmap()
    heatmap.hover_scene_position(heatmap.cell_center(1, 0))
    text = view.readout_text()
    label = view.column_labels()[0]
    assert text.startswith(f"4 won · {label} (id {int(view.column_ids()[0])}) · logit ")


def test_leaving_the_plot_ends_the_read_out(qtbot, view):
    heatmap = view.heatmap()
    heatmap.hover_scene_position(heatmap.cell_center(0, 0))
    assert view.readout_text().startswith("3 lincoln")
    with qtbot.waitSignal(heatmap.cell_hovered, check_params_cb=lambda r, c: (r, c) == (-1, -1)):
        QApplication.sendEvent(heatmap.graphics_view(), QEvent(QEvent.Type.Leave))
    assert view.readout_text().startswith("Point at a cell")


def test_colours_follow_the_set_levels(view):
    """The lowest value gets the colour map's first colour, the highest its last."""
    lut = pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=True)
    image, rgba = view.image_array(), view.heatmap().rgba_array()
    assert rgba.shape == image.shape + (4,) and rgba.dtype == np.uint8
    low = np.unravel_index(np.argmin(image), image.shape)
    high = np.unravel_index(np.argmax(image), image.shape)
    np.testing.assert_array_equal(rgba[low], lut[0])
    np.testing.assert_array_equal(rgba[high], lut[-1])
    levels = view.levels()
    view.set_value_kind("logits")  # a redraw with the same data keeps the same levels
    assert view.levels() == levels


def test_the_original_token_is_outlined_where_it_is_a_candidate(qtbot, view, result):
    assert view.original_token_cells() == []  # the tiny model never ranks it in its top-k
    view.set_result(with_original_at_rank(result, 4, 2))
    column = view.column_labels().index("won")
    assert view.original_token_cells() == [(1, column)]
    heatmap = view.heatmap()
    heatmap.hover_scene_position(heatmap.cell_center(1, column))
    assert view.readout_text().endswith("· the true token")


def test_without_masks_the_masked_mode_is_empty_and_all_mode_works(place, unmasked):
    view = place(LogitsHeatmap(), unmasked)
    assert view.image_array().size == 0
    view.set_mode("all")
    assert view.image_array().shape[0] > 0


def test_set_result_none_clears(view):
    view.set_result(None)
    assert view.image_array().size == 0
    assert view.row_labels() == [] and view.column_labels() == []


def test_the_message_covers_the_plot_instead_of_replacing_it(view, result):
    """Showing "no masks" and the next result's plot again keeps the plot shown under the
    message (hiding and showing the graphics view cost a millisecond per result)."""
    heatmap = view._heatmap
    graphics, message = heatmap._graphics, heatmap._placeholder
    assert not message.isVisible() and graphics.isVisible()
    view.set_result(None)
    assert message.isVisible() and message.text()
    assert graphics.isVisible()  # still shown: only covered
    assert message.geometry() == graphics.geometry()
    view.set_result(result)
    assert not message.isVisible() and graphics.isVisible()


def test_a_single_row_axis_has_no_unit_prefix(place, result):
    """One masked row: pyqtgraph would call the token axis 'token (x0.001)'."""
    import dataclasses

    from mlm_desktop.panels.logits_heatmap import LogitsHeatmap

    one = dataclasses.replace(result, mask_positions=result.mask_positions[:1])
    heatmap = place(LogitsHeatmap(), one, size=(700, 400))
    labels = [item.labelString() for item in _axes(heatmap)]  # the axes live in the plot's scene
    assert labels and not any("(x0.001)" in text or "x1e" in text for text in labels), labels


def _axes(widget):
    import pyqtgraph as pg

    views = widget.findChildren(pg.GraphicsView)
    return [item for view in views for item in view.scene().items() if isinstance(item, pg.AxisItem)]
