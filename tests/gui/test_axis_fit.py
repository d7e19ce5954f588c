"""Small charts keep their axes readable: tick labels spaced to fit, titles whole, and the
token paths' key beside the plot rather than over its points."""

from __future__ import annotations

import math

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFontMetricsF

from mlm_desktop.core.analyses.geometry import request_for, run
from mlm_desktop.panels.axis_fit import LINES_PER_LABEL, readable_ticks
from mlm_desktop.panels.geometry_paths import TokenPaths
from mlm_desktop.panels.lens_chart import LensChart
from mlm_desktop.panels.plot_axes import axis_font


def _labelled(axis: pg.AxisItem, low: float, high: float, size: float) -> list[float]:
    spacing, _offset = axis.tickSpacing(low, high, size)[0]
    first = math.ceil(low / spacing - 1e-9)
    return [k * spacing for k in range(first, math.floor(high / spacing + 1e-9) + 1)]


@pytest.mark.parametrize(("low", "high", "size"), [(0, 1, 50), (0, 0.87, 45), (-1, 1, 60),
                                                   (-0.02, 1.02, 70)])
def test_a_short_axis_writes_no_more_labels_than_fit(qapp, low, high, size):
    axis = pg.AxisItem("left")
    axis.setStyle(tickFont=axis_font())
    line = QFontMetricsF(axis_font()).height()
    assert len(_labelled(axis, low, high, size)) * line > size  # pyqtgraph's own: too many
    readable_ticks(axis)
    labels = _labelled(axis, low, high, size)
    # those written whole (half a line inside either end) fit, each with its room
    inset = (high - low) * line / 2 / size
    inner = [v for v in labels if low + inset <= v <= high - inset]
    assert 1 <= len(inner) <= size // (line * LINES_PER_LABEL)


def test_a_long_axis_keeps_pyqtgraphs_ticks(qapp):
    plain, fitted = pg.AxisItem("left"), pg.AxisItem("left")
    readable_ticks(fitted)
    assert fitted.tickSpacing(0, 1, 400) == plain.tickSpacing(0, 1, 400)
    fitted.setTickSpacing(0.1, 0.05)  # a spacing set by hand is kept
    assert fitted.tickSpacing(0, 1, 40) == [(0.1, 0), (0.05, 0)]


def test_the_lens_charts_are_never_shorter_than_their_axis_titles(qtbot):
    chart = LensChart()
    qtbot.addWidget(chart)
    for view in chart._views:
        left = view.getPlotItem().getAxis("left")
        title = left.label.boundingRect().width()
        assert title > 40  # "rank (log)", "probability"
        assert view.minimumHeight() >= title + QFontMetricsF(axis_font()).height()


@pytest.fixture(scope="module")
def geometry(tiny_bert, result):
    return run(tiny_bert, request_for(result))


def test_the_paths_key_is_beside_the_plot_and_covers_no_point(qtbot, place, geometry):
    paths = place(TokenPaths(), size=(460, 170))
    paths.set_result(geometry)
    paths.set_tokens((1, 2, 3, 4, 5), -1)
    legend, view_box = paths.legend(), paths.plot_item().getViewBox()
    assert len(legend.items) == 5
    # laid out in the plot's grid, right of the view box, once the layout has run
    qtbot.waitUntil(lambda: legend.sceneBoundingRect().left() > 0)
    assert legend.parentItem() is not view_box
    # no more than the half pixel where their edges meet
    assert legend.sceneBoundingRect().left() >= view_box.sceneBoundingRect().right() - 1
    assert paths.graphics_view().minimumHeight() > 8 * QFontMetricsF(axis_font()).height()
