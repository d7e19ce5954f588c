"""The per-token loss chart on its own: bars, outline, read-out, ticks and zoom reset."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from mlm_desktop.panels.style import BAR, BAR_SPECIAL, MASKED_FILL, format_number
from mlm_desktop.panels.token_loss_chart import TokenLossChart

MASKED = (3, 4, 8)


@pytest.fixture
def chart(place, result):
    return place(TokenLossChart(), result, size=(700, 300))


def test_one_bar_per_token_its_loss_coloured_by_kind(chart, result):
    np.testing.assert_array_equal(chart.bar_positions(), np.arange(result.num_tokens))
    np.testing.assert_allclose(chart.bar_heights(), result.per_token_loss, rtol=1e-6)
    colours = chart.bar_colors()
    assert [colours[p] for p in MASKED] == [MASKED_FILL] * 3
    assert colours[0] == colours[-1] == BAR_SPECIAL
    assert colours[1] == BAR
    assert chart.tick_labels() == list(result.labels)
    assert chart.readout_text() == "Point at a bar to read its token and loss"
    assert chart.outlined_bar() is None


def test_highlight_outlines_the_bar_and_reads_it_out(chart, result):
    loss = float(result.per_token_loss[4])
    chart.highlight_token(4)
    assert chart.hovered_position() == 4
    assert chart.outlined_bar() == pytest.approx((4.0, loss))
    assert chart.readout_text() == (
        f"position 4 · {result.labels[4]} (masked) · loss {format_number(loss)} nats · "
        f"rank of true token {int(result.original_rank[4])}"
    )
    chart.highlight_token(1)
    assert chart.readout_text().startswith(f"position 1 · {result.labels[1]} · loss ")
    chart.highlight_token(-1)
    assert chart.outlined_bar() is None
    assert chart.readout_text() == "Point at a bar to read its token and loss"


def test_the_pointer_over_a_bar_outlines_it(chart, result):
    view_box = chart.plot_item().getViewBox()
    chart.plot_item().scene().sigMouseMoved.emit(view_box.mapViewToScene(QPointF(8.2, 1.0)))
    assert chart.hovered_position() == 8
    assert chart.outlined_bar() == pytest.approx((8.0, float(result.per_token_loss[8])))
    assert chart.readout_text().startswith(f"position 8 · {result.labels[8]} (masked)")


def test_reset_view_shows_every_bar_again(chart, result):
    view_box = chart.plot_item().getViewBox()
    view_box.setRange(xRange=(2, 5), padding=0)
    chart.reset_view()
    (x0, x1), (y0, y1) = view_box.viewRange()
    assert (x0, x1) == pytest.approx((-0.6, result.num_tokens - 0.4))
    assert y0 == pytest.approx(0.0) and y1 == pytest.approx(1.05 * result.per_token_loss.max())


def test_a_typed_mask_has_a_marker_and_no_bar(place, typed):
    result = typed
    typed = int(result.typed_mask_positions[0])
    chart = place(TokenLossChart(), result)
    assert typed not in chart.bar_positions().tolist()
    assert chart.bar_positions().size == result.num_tokens - 1
    np.testing.assert_array_equal(chart.typed_marker_positions(), [typed])
    assert chart.readout_text().endswith("1 typed mask(s) have no true token and no bar")
    chart.highlight_token(typed)
    assert chart.outlined_bar() == (float(typed), 0.0)
    assert chart.readout_text() == (
        f"position {typed} · {result.labels[typed]} (typed mask) · "
        "no loss: the true token is unknown"
    )


def test_set_result_none_clears(chart):
    chart.highlight_token(3)
    chart.set_result(None)
    assert chart.bar_heights().size == 0 and chart.bar_colors() == []
    assert chart.tick_labels() == [] and chart.readout_text() == ""
    assert chart.outlined_bar() is None and chart.hovered_position() == -1
    chart.highlight_token(3)  # nothing to outline
    assert chart.hovered_position() == -1
