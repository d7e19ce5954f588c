"""The loss of each token as a bar, with a hover read-out, token ticks and zoom reset."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from .label_style import DETAIL_STYLE, caption
from .plot_axes import CategoryTicks, follow_theme, style_plot_item
from .style import (
    BAR,
    BAR_SPECIAL,
    CHIP_HOVER_BORDER,
    EMPTY,
    MASKED_FILL,
    TYPED_FILL,
    format_number,
)


class _Chart(pg.PlotWidget):
    """A plot that asks for a modest height, so the figures above keep theirs."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, 200)


class TokenLossChart(QWidget):
    """A title, one bar per token (the loss of its true token) and a read-out line.

    Masked tokens are amber, special tokens grey; a typed mask has no true
    token, hence no bar, and a violet marker holds its place. Pointing at a
    bar (or :meth:`highlight_token`) outlines it and reads it out.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._bar_x = np.zeros(0, dtype=np.int64)
        self._bar_heights = np.zeros(0, dtype=np.float64)
        self._hovered = -1
        self._full_range: tuple[tuple[float, float], tuple[float, float]] | None = None

        self._chart = _Chart()
        self._chart.setAccessibleName(self.tr("Chart: loss per token"))
        self._plot: pg.PlotItem = self._chart.getPlotItem()
        style_plot_item(self._plot)
        self._plot.setMenuEnabled(False)
        self._plot.setLabel("left", self.tr("loss (nats)"))
        self._plot.showGrid(y=True, alpha=0.25)
        self._plot.getViewBox().setMouseEnabled(x=True, y=False)
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        #: the bars' fills (masked, special, other) and their pen, made once
        self._brushes = (pg.mkBrush(MASKED_FILL), pg.mkBrush(BAR_SPECIAL), pg.mkBrush(BAR))
        self._no_pen = pg.mkPen(None)
        self._plot.addItem(self._bars)
        self._typed_markers = pg.ScatterPlotItem(
            symbol="t1", size=12, brush=pg.mkBrush(TYPED_FILL), pen=pg.mkPen(None)
        )
        self._plot.addItem(self._typed_markers)
        self._ticks = CategoryTicks(self._plot.getAxis("bottom"), self._plot.getViewBox(),
                                    horizontal=True)
        self._chart.scene().sigMouseMoved.connect(self._on_chart_mouse_moved)
        follow_theme(self._chart, self._plot)
        self._chart.scene().sigMouseClicked.connect(self._on_chart_mouse_clicked)
        self._chart.setMinimumHeight(150)
        # the hovered position's bar, outlined
        self._hover_outline = pg.BarGraphItem(
            x=[], height=[], width=0.95, brush=pg.mkBrush(None),
            pen=pg.mkPen(CHIP_HOVER_BORDER, width=2),
        )
        self._plot.addItem(self._hover_outline)

        title = caption(
            self.tr("Loss of the true token at each position, in nats (amber: masked, grey: special "
                    "tokens, violet ▲: typed mask, no true token)")
        )
        self._readout = QLabel()
        self._readout.setStyleSheet(DETAIL_STYLE)
        # A long read-out wraps in a narrow dock, rather than widening the panel past its
        # edge (which clipped every line of it on the right); two lines are kept for it so
        # that the chart does not jump as the pointer moves.
        self._readout.setWordWrap(True)
        self._readout.ensurePolished()  # the style sheet's font size, for the height below
        self._readout.setMinimumHeight(2 * self._readout.fontMetrics().lineSpacing() + 2)
        # the hint lives on the read-out line, where its tooltip covers no bar
        self._readout.setToolTip(self.tr("Scroll to zoom along the tokens, double-click to see them all"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self._chart, 1)
        layout.addWidget(self._readout)
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        self._hovered = -1
        self._show_bars(result)

    def highlight_token(self, position: int) -> None:
        """Outline ``position``'s bar and read it out, as if the pointer were over it (-1: none)."""
        self._show_hovered(position)

    def reset_view(self) -> None:
        """Show every token's bar (undoes zooming and panning)."""
        if self._full_range is not None:
            x_range, y_range = self._full_range
            self._plot.getViewBox().setRange(xRange=x_range, yRange=y_range, padding=0)

    # -- accessors ---------------------------------------------------------------
    def bar_positions(self) -> np.ndarray:
        """(n,) token positions that have a bar (NaN losses are skipped)."""
        return self._bar_x.copy()

    def bar_heights(self) -> np.ndarray:
        """(n,) bar heights drawn, in nats, one per position in :meth:`bar_positions`."""
        return self._bar_heights.copy()

    def bar_colors(self) -> list[str]:
        """(n,) the fill colour of each bar, as ``#rrggbb``."""
        brushes = self._bars.opts.get("brushes") or []
        return [pg.mkBrush(b).color().name() for b in brushes]

    def outlined_bar(self) -> tuple[float, float] | None:
        """(position, height) of the outlined bar; None when none is."""
        x, height = self._hover_outline.opts.get("x"), self._hover_outline.opts.get("height")
        if x is None or len(x) == 0:
            return None
        return float(x[0]), float(height[0])

    def typed_marker_positions(self) -> np.ndarray:
        """(k,) positions of the markers standing in for typed masks."""
        x, _y = self._typed_markers.getData()
        return np.asarray(x, dtype=np.float64).copy()

    def readout_text(self) -> str:
        return self._readout.text()

    def tick_labels(self) -> list[str]:
        return list(self._ticks.labels)

    def hovered_position(self) -> int:
        return self._hovered

    def plot_item(self) -> pg.PlotItem:
        return self._plot

    # -- drawing -------------------------------------------------------------------
    def _show_bars(self, result: AnalysisResult | None) -> None:
        self._hover_outline.setOpts(x=[], height=[])
        if result is None:
            self._bar_x = np.zeros(0, dtype=np.int64)
            self._bar_heights = np.zeros(0, dtype=np.float64)
            self._bars.setOpts(x=[], height=[], brushes=[])
            self._typed_markers.setData([], [])
            self._full_range = None
            self._ticks.set_labels(())
            self._readout.setText("")
            return
        loss = np.asarray(result.per_token_loss, dtype=np.float64)
        shown = np.flatnonzero(~np.isnan(loss))
        masked = np.zeros(result.num_tokens, dtype=bool)
        masked[result.mask_positions] = True
        special = np.asarray(result.special_mask, dtype=bool)
        masked_brush, special_brush, bar_brush = self._brushes
        self._bar_x = shown.astype(np.int64)
        self._bar_heights = loss[shown]
        self._bars.setOpts(
            x=self._bar_x.astype(float),
            height=self._bar_heights,
            width=0.8,
            # one brush per colour, shared by its bars
            brushes=[masked_brush if masked[i] else special_brush if special[i] else bar_brush
                     for i in shown.tolist()],
            pens=[self._no_pen] * len(shown),
        )
        n = result.num_tokens
        top = float(self._bar_heights.max()) if self._bar_heights.size else 1.0
        typed = result.typed_mask_positions.astype(float)
        self._typed_markers.setData(typed, np.full_like(typed, 0.04 * top))
        view_box = self._plot.getViewBox()
        view_box.setLimits(xMin=-1, xMax=n, yMin=0, yMax=max(top * 1.1, 1e-6))
        self._full_range = ((-0.6, n - 0.4), (0.0, max(top * 1.05, 1e-6)))
        self.reset_view()
        self._ticks.set_labels(result.labels)
        self._readout.setText(self._idle_text(result))

    def _idle_text(self, result: AnalysisResult) -> str:
        typed = int(result.typed_mask.sum())
        note = self.tr(" · {n} typed mask(s) have no true token and no bar").format(n=typed) if typed else ""
        return self.tr("Point at a bar to read its token and loss") + note

    def _show_hovered(self, position: int) -> None:
        result = self._result
        if result is None or not 0 <= position < result.num_tokens:
            position = -1
        if position == self._hovered:
            return
        self._hovered = position
        if position < 0 or result is None:
            self._hover_outline.setOpts(x=[], height=[])
            if result is not None:
                self._readout.setText(self._idle_text(result))
            return
        loss = float(result.per_token_loss[position])
        self._hover_outline.setOpts(x=[float(position)], height=[0.0 if math.isnan(loss) else loss])
        self._readout.setText(self._describe(result, position, loss))

    def _describe(self, result: AnalysisResult, position: int, loss: float) -> str:
        typed = bool(result.typed_mask[position])
        state = (
            self.tr(" (masked)") if position in set(result.mask_positions.tolist())
            else self.tr(" (typed mask)") if typed
            else self.tr(" (special)") if bool(result.special_mask[position])
            else ""
        )
        if typed:
            return self.tr("position {position} · {token}{state} · no loss: the true token is "
                           "unknown").format(
                position=position, token=result.labels[position], state=state)
        loss_text = EMPTY if math.isnan(loss) else self.tr("{loss} nats").format(loss=format_number(loss))
        return self.tr("position {position} · {token}{state} · loss {loss} · rank of true token "
                       "{rank}").format(
            position=position, token=result.labels[position], state=state, loss=loss_text,
            rank=int(result.original_rank[position]))

    # -- pointer -------------------------------------------------------------------
    def _on_chart_mouse_clicked(self, event) -> None:
        if event.double():
            self.reset_view()

    def _on_chart_mouse_moved(self, scene_pos: QPointF) -> None:
        result = self._result
        if result is None:
            return
        view_box = self._plot.getViewBox()
        position = -1
        if view_box.sceneBoundingRect().contains(scene_pos):
            x = view_box.mapSceneToView(scene_pos).x()
            candidate = int(math.floor(x + 0.5))
            if 0 <= candidate < result.num_tokens:
                position = candidate
        self._show_hovered(position)
