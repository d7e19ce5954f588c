"""pyqtgraph helpers: styling that follows the theme, and category labels (tokens) on an axis.

A category axis labels integer positions 0..n-1 with strings. Only every
``stride``-th label is shown, the stride chosen from the pixels each category
gets, so labels never pile up, and recomputed when the view is zoomed or
resized.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

from .axis_fit import readable_ticks
from .theme import follow_palette, theme_colours

_NICE_STRIDES = (1, 2, 5)
MAX_LABEL_CHARS = 14


def abbreviate(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def axis_font() -> QFont:
    font = QFont()
    font.setPointSizeF(max(font.pointSizeF(), 9.0))
    return font


def style_plot_item(plot: pg.PlotItem) -> None:
    """Axes and tick labels in the theme's colours, numbers written in full.

    pyqtgraph would otherwise scale an axis by an SI prefix ("(x0.001)"), which
    reads wrong on token axes and on the ±0.5 of an empty plot.
    """
    font = axis_font()
    for side in ("left", "bottom", "top", "right"):
        axis = plot.getAxis(side)
        axis.enableAutoSIPrefix(False)
        axis.setStyle(tickFont=font)
        if side in ("left", "right"):
            readable_ticks(axis)
    colour_axes(plot)
    plot.hideButtons()


def colour_axes(plot: pg.PlotItem) -> None:
    """The axes' lines, tick labels and titles in the theme's plot foreground."""
    foreground = theme_colours().plot_foreground
    for side in ("left", "bottom", "top", "right"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(foreground))
        axis.setTextPen(pg.mkPen(foreground))


def follow_theme(view: pg.GraphicsView, *plots: pg.PlotItem, legend: pg.LegendItem | None = None,
                 also: Callable[[], None] | None = None) -> None:
    """Keep ``view``'s background, ``plots``' axes and ``legend``'s text in the theme's colours."""

    def apply() -> None:
        colours = theme_colours()
        view.setBackground(colours.plot_background)
        for plot in plots:
            colour_axes(plot)
        if legend is not None:
            legend.setLabelTextColor(colours.text)
            legend.setBrush(pg.mkBrush(colours.plot_background.red(), colours.plot_background.green(),
                                       colours.plot_background.blue(), 200))
            for _sample, label in legend.items:
                label.setText(label.text, color=colours.text)
        if also is not None:
            also()

    follow_palette(view, apply)


def nice_stride(minimum: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is at least ``minimum``."""
    if minimum <= 1:
        return 1
    exponent = 10 ** int(math.floor(math.log10(minimum)))
    for base in _NICE_STRIDES + (10,):
        if base * exponent >= minimum:
            return base * exponent
    return 10 * exponent  # pragma: no cover - the loop always returns


class CategoryTicks:
    """Keeps ``axis`` labelled with ``labels`` at positions 0..n-1 of ``view_box``.

    With a ``second_axis`` (the opposite side) labels alternate between the
    two, which doubles the room each label has: 0, 2s, 4s... on ``axis`` and
    s, 3s, 5s... on ``second_axis``.
    """

    def __init__(
        self,
        axis: pg.AxisItem,
        view_box: pg.ViewBox,
        horizontal: bool,
        second_axis: pg.AxisItem | None = None,
    ) -> None:
        self._axis = axis
        self._second_axis = second_axis
        self._view_box = view_box
        self._horizontal = horizontal
        self._labels: tuple[str, ...] = ()
        self._extent = 0.0
        self._stride = -1
        for each in (axis, second_axis):
            if each is not None:  # token positions, never "(x0.001)" of anything
                each.enableAutoSIPrefix(False)
        view_box.sigRangeChanged.connect(self._on_view_changed)
        view_box.sigResized.connect(self._on_view_changed)

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def stride(self) -> int:
        """Every how many categories a label is shown, both axes together."""
        return max(self._stride, 0)

    def shown_labels(self) -> list[tuple[int, str]]:
        """(position, label) of every label currently on the axes, by position."""
        n = len(self._labels)
        if self._stride <= 0:
            return []
        return [(i, self._labels[i]) for i in range(0, n, self._stride)]

    def set_labels(self, labels: Sequence[str]) -> None:
        shown = tuple(abbreviate(str(label)) for label in labels)
        if shown == self._labels and self._stride >= 0:
            return  # the same labels (another result of the same text): the axis stays drawn
        self._labels = shown
        metrics = QFontMetricsF(axis_font())
        if not self._labels:
            self._extent = 0.0
        elif self._horizontal:
            self._extent = max(metrics.horizontalAdvance(s) for s in self._labels) + 8
        else:
            self._extent = metrics.height() * 0.9 + 1
            # A fixed width that fits the longest label: the axis otherwise widens
            # only after a first paint has clipped the labels.
            widest = max(metrics.horizontalAdvance(s) for s in self._labels)
            # ... and the axis title beside them, which would otherwise cover them
            title = self._axis.label.boundingRect().height() if self._axis.label.isVisible() else 0
            self._axis.setWidth(int(widest + title) + 16)
        self._stride = -1
        self.update()

    def update(self) -> None:
        n = len(self._labels)
        if n == 0:
            if self._stride != 0:
                self._axis.setTicks(None)  # back to pyqtgraph's numeric ticks
                if self._second_axis is not None:
                    self._second_axis.setTicks([[]])
                if not self._horizontal:
                    self._axis.setWidth(None)
            self._stride = 0
            return
        lo, hi = self._view_box.viewRange()[0 if self._horizontal else 1]
        pixels = self._view_box.width() if self._horizontal else self._view_box.height()
        span = max(hi - lo, 1e-9)
        per_category = pixels / span if pixels > 0 else 0.0
        sides = 2 if self._second_axis is not None else 1
        if per_category <= 0:
            stride = n
        else:
            stride = nice_stride(self._extent / (sides * per_category))
        stride = max(1, min(stride, n))
        if stride == self._stride:
            return
        self._stride = stride
        if self._second_axis is None:
            self._axis.setTicks([[(i, self._labels[i]) for i in range(0, n, stride)], []])
            return
        self._axis.setTicks([[(i, self._labels[i]) for i in range(0, n, 2 * stride)], []])
        self._second_axis.setTicks(
            [[(i, self._labels[i]) for i in range(stride, n, 2 * stride)], []]
        )

    def _on_view_changed(self, *_args) -> None:
        self.update()
