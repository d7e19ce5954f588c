"""Both models' loss per word in one bar chart, words aligned by characters."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from ..core.compare import Comparison
from .plot_axes import CategoryTicks, follow_theme, style_plot_item

A_BAR = "#4c78a8"  # blue: the first model
B_BAR = "#f58518"  # orange: the second model
WIDTH = 0.4


class CompareLossChart(pg.PlotWidget):
    """Two bars per word: the first model's summed token loss, then the second's (nats)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self.setAccessibleName(self.tr("Chart: both models' loss per word"))
        plot = self.getPlotItem()
        style_plot_item(plot)
        plot.setLabel("left", self.tr("loss (nats)"))
        plot.setMouseEnabled(x=True, y=False)
        # the legend in a row of its own under the plot, where it covers no bar
        self._legend = pg.LegendItem(offset=None, colCount=2, frame=False)
        plot.layout.addItem(self._legend, 4, 1)
        follow_theme(self, plot, legend=self._legend)
        self._ticks = CategoryTicks(plot.getAxis("bottom"), plot.getViewBox(), horizontal=True)
        self._bars: list[pg.BarGraphItem] = []
        self._heights: dict[str, np.ndarray] = {"a": np.zeros(0), "b": np.zeros(0)}

    def set_comparison(self, comparison: Comparison | None) -> None:
        plot = self.getPlotItem()
        for item in self._bars:
            plot.removeItem(item)
        self._bars = []
        self._legend.clear()
        words = comparison.words if comparison is not None else ()
        self._ticks.set_labels([w.text for w in words])
        x = np.arange(len(words), dtype=float)
        for side, colour, offset in (("a", A_BAR, -WIDTH / 2), ("b", B_BAR, WIDTH / 2)):
            heights = np.array([getattr(w, f"{side}_loss") for w in words], dtype=float)
            self._heights[side] = heights
            if comparison is None:
                continue
            shown = np.isfinite(heights)
            bars = pg.BarGraphItem(x=x[shown] + offset, height=heights[shown], width=WIDTH,
                                   brush=pg.mkBrush(colour), pen=pg.mkPen(colour))
            plot.addItem(bars)
            self._legend.addItem(bars, _short(getattr(comparison, side).model_name, side))
            self._bars.append(bars)
        self._legend.updateSize()  # its size for its row; the plot lays it out again
        plot.layout.invalidate()
        if len(words):
            plot.setXRange(-0.6, len(words) - 0.4, padding=0)
            top = np.nanmax(np.concatenate([self._heights["a"], self._heights["b"], [1.0]]))
            plot.setYRange(0, float(top) * 1.1 if math.isfinite(top) else 1.0, padding=0)

    # -- what tests read -------------------------------------------------------
    def heights(self, side: str) -> np.ndarray:
        """(words,) the bar heights of ``side`` (``"a"`` or ``"b"``), NaN where no bar is drawn."""
        return self._heights[side].copy()

    def legend(self) -> pg.LegendItem:
        return self._legend

    def bars(self) -> list[pg.BarGraphItem]:
        return list(self._bars)

    def tick_labels(self) -> tuple[str, ...]:
        return self._ticks.labels


def _short(name: str, side: str) -> str:
    tail = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return f"{side.upper()}: {tail}"
