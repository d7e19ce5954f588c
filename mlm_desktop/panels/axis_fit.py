"""Axes that fit a small chart: no more tick labels than the axis has room for, and a
chart never shorter than its left axis title, so that the title is not cut."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

#: a tick label's room along a vertical axis, in lines of its font
LINES_PER_LABEL = 1.3


def _nice_at_least(value: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten that is at least ``value``."""
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 5.0, 10.0):
        if step * power >= value * (1 - 1e-9):
            return step * power
    return 10.0 * power


def _labels(low: float, high: float, spacing: float) -> int:
    """How many multiples of ``spacing`` lie between ``low`` and ``high``."""
    low, high = min(low, high), max(low, high)
    return math.floor(high / spacing + 1e-9) - math.ceil(low / spacing - 1e-9) + 1


def readable_ticks(axis: pg.AxisItem) -> None:
    """Space a vertical axis's labelled ticks at least :data:`LINES_PER_LABEL` lines apart.

    pyqtgraph asks for about two intervals or more whatever the axis's length, so a short
    axis (0 to 1 in 50 pixels) writes 0, 0.2, …, 1 over one another. Spacing set with
    ``setTickSpacing`` is kept."""
    if getattr(axis, "_readable_ticks", False):
        return
    axis._readable_ticks = True
    chosen = axis.tickSpacing

    def spacing(low: float, high: float, size: float):
        levels = chosen(low, high, size)
        if axis._tickSpacing is not None or not levels or size <= 0:
            return levels
        font = axis.style.get("tickFont") or QFont()
        line = QFontMetricsF(font).height()
        fitting = max(int(size // (line * LINES_PER_LABEL)), 1)
        # the labels written whole inside the axis: half a line from either end
        inset = abs(high - low) * line / 2 / size
        inner = (min(low, high) + inset, max(low, high) - inset)
        major = wide = levels[0][0]
        while _labels(*inner, wide) > fitting:
            wide = _nice_at_least(wide * 1.01)
        if wide == major:
            return levels
        # the finer levels keep their marks (and grid lines) where they divide the new spacing
        return [(wide, 0.0)] + [(step, offset) for step, offset in levels[1:] if step < wide]

    axis.tickSpacing = spacing


def title_length(axis: pg.AxisItem) -> float:
    """The length of ``axis``'s title as written (along the axis), in pixels; 0 without one."""
    if not axis.label.isVisible() or not axis.labelText:
        return 0.0
    return axis.label.boundingRect().width()


def fit_to_left_title(view: pg.PlotWidget, lines: float = 2.0) -> None:
    """Make ``view`` at least as tall as its left axis title and ``lines`` of tick labels more,
    with the bottom axis below it."""
    plot = view.getPlotItem()
    left, bottom = plot.getAxis("left"), plot.getAxis("bottom")
    below = bottom.height() if bottom.isVisible() else 0.0
    line = QFontMetricsF(left.style.get("tickFont") or QFont()).height()
    needed = title_length(left) + below + lines * line
    view.setMinimumHeight(max(view.minimumHeight(), math.ceil(needed)))
