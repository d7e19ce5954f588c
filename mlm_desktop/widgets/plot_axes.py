"""pyqtgraph helpers: light styling and category labels (tokens) on an axis.

A category axis labels integer positions 0..n-1 with strings. Only every
``stride``-th label is shown, the stride chosen from the pixels each category
gets, so labels never pile up, and recomputed when the view is zoomed or
resized.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

from .style import PLOT_FOREGROUND

_NICE_STRIDES = (1, 2, 5)
MAX_LABEL_CHARS = 14


def abbreviate(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def axis_font() -> QFont:
    font = QFont()
    font.setPointSizeF(max(font.pointSizeF(), 9.0))
    return font


def style_plot_item(plot: pg.PlotItem) -> None:
    """Dark axes and readable tick labels on a white background."""
    font = axis_font()
    for side in ("left", "bottom", "top", "right"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(PLOT_FOREGROUND))
        axis.setTextPen(pg.mkPen(PLOT_FOREGROUND))
        axis.setStyle(tickFont=font)
    plot.hideButtons()


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
    """Keeps ``axis`` labelled with ``labels`` at positions 0..n-1 of ``view_box``."""

    def __init__(self, axis: pg.AxisItem, view_box: pg.ViewBox, horizontal: bool) -> None:
        self._axis = axis
        self._view_box = view_box
        self._horizontal = horizontal
        self._labels: tuple[str, ...] = ()
        self._extent = 0.0
        self._stride = 0
        self._labels_were_set = False
        view_box.sigRangeChanged.connect(self._on_view_changed)
        view_box.sigResized.connect(self._on_view_changed)

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def stride(self) -> int:
        """Every how many categories a label is shown (after the last update)."""
        return self._stride

    def set_labels(self, labels: Sequence[str]) -> None:
        self._labels = tuple(abbreviate(str(label)) for label in labels)
        metrics = QFontMetricsF(axis_font())
        if not self._labels:
            self._extent = 0.0
        elif self._horizontal:
            self._extent = max(metrics.horizontalAdvance(s) for s in self._labels) + 8
        else:
            self._extent = metrics.height() * 0.9 + 1
            # A fixed width that fits the longest label: the axis otherwise widens
            # only after a first paint has clipped the labels.
            widest = max((metrics.horizontalAdvance(s) for s in self._labels), default=0.0)
            self._axis.setWidth(int(widest) + 16 if self._labels else None)
        self._stride = 0
        self.update()

    def update(self) -> None:
        n = len(self._labels)
        if n == 0:
            if self._stride != 0 or self._labels_were_set:
                self._axis.setTicks(None)  # back to pyqtgraph's numeric ticks
            self._stride = 0
            self._labels_were_set = False
            return
        self._labels_were_set = True
        lo, hi = self._view_box.viewRange()[0 if self._horizontal else 1]
        pixels = self._view_box.width() if self._horizontal else self._view_box.height()
        span = max(hi - lo, 1e-9)
        per_category = pixels / span if pixels > 0 else 0.0
        stride = n if per_category <= 0 else nice_stride(self._extent / per_category)
        stride = max(1, min(stride, n))
        if stride == self._stride:
            return
        self._stride = stride
        self._axis.setTicks([[(i, self._labels[i]) for i in range(0, n, stride)], []])

    def _on_view_changed(self, *_args) -> None:
        self.update()
