"""The hidden-state norm chart on its own: one line per token, the emphasised line, the read-out."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.panels.norm_chart import NormChart

IDLE = (
    "One line per token (amber: masked). Point at a line, or at a row of the "
    "heatmap, to follow that token through the layers."
)


@pytest.fixture
def chart(place, result):
    return place(NormChart(), result, size=(500, 300))


def expected_norms(result) -> np.ndarray:
    return np.linalg.norm(result.hidden_states.astype(np.float64), axis=2).T


def test_norms_are_each_tokens_vector_length_at_every_layer(chart, result):
    assert result.hidden_states.shape[0] == 3
    np.testing.assert_allclose(chart.norms(), expected_norms(result), rtol=1e-6)
    assert chart.norms().shape == (result.num_tokens, 3)
    assert chart.highlighted_token() == -1
    assert chart.highlighted_line()[0].size == 0
    assert chart.readout_text() == IDLE


def test_highlight_draws_the_tokens_line_and_reads_out_its_norms(chart, result):
    norms = expected_norms(result)[3]
    chart.highlight_token(3)
    assert chart.highlighted_token() == 3
    layers, drawn = chart.highlighted_line()
    np.testing.assert_array_equal(layers, [0.0, 1.0, 2.0])
    np.testing.assert_allclose(drawn, norms, rtol=1e-6)
    path = " → ".join(f"{v:.3g}" for v in norms)
    assert chart.readout_text() == f"3 {result.labels[3]}: norm {path}"
    chart.highlight_token(99)  # out of range: none
    assert chart.highlighted_token() == -1
    assert chart.highlighted_line()[0].size == 0
    assert chart.readout_text() == IDLE


def test_the_pointer_picks_the_nearest_line_at_that_layer(chart, result):
    norms = expected_norms(result)
    token = 5
    view_box = chart.plot_item().getViewBox()
    chart.plot_item().scene().sigMouseMoved.emit(
        view_box.mapViewToScene(QPointF(1.0, norms[token, 1]))
    )
    nearest = int(np.argmin(np.abs(norms[:, 1] - norms[token, 1])))
    assert chart.highlighted_token() == nearest
    assert chart.readout_text().startswith(f"{nearest} {result.labels[nearest]}: norm ")


def test_mark_layer_moves_the_layer_line(chart):
    chart.mark_layer(2)
    assert chart.marked_layer() == 2.0


def test_without_hidden_states_the_chart_is_empty(qtbot, tiny_bert, notebook_text, chart):
    chart.highlight_token(2)
    chart.set_result(analyze(tiny_bert, AnalysisRequest(notebook_text, output_hidden_states=False)))
    assert chart.norms().size == 0
    assert chart.highlighted_token() == -1 and chart.readout_text() == ""
    chart.highlight_token(2)
    assert chart.highlighted_token() == -1
    chart.set_result(None)
    assert chart.norms().size == 0 and chart.readout_text() == ""
