"""Each token's hidden-state norm across the layers, one line per token, with a read-out."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from .label_style import PLACEHOLDER_STYLE
from .plot_axes import follow_theme, style_plot_item
from .style import (
    BAR,
    BAR_SPECIAL,
    CHIP_HOVER_BORDER,
    MASKED_FILL,
    TYPED_FILL,
)
from .theme import theme_colours

_IDLE_TEXT = QT_TRANSLATE_NOOP(
    "NormChart",
    "One line per token (amber: masked). Point at a line, or at a row of the "
    "heatmap, to follow that token through the layers."
)


def _joined_lines(x: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Several polylines as one x/y pair, separated by NaN (drawn with connect='finite')."""
    if rows.size == 0:
        return np.zeros(0), np.zeros(0)
    n, m = rows.shape
    xs = np.empty((n, m + 1))
    ys = np.empty((n, m + 1))
    xs[:, :m] = x
    ys[:, :m] = rows
    xs[:, m] = np.nan
    ys[:, m] = np.nan
    return xs.reshape(-1), ys.reshape(-1)


class NormChart(QWidget):
    """The L2 norm of each token's vector at every layer (0 = embeddings).

    Masked tokens are amber, typed masks violet, special tokens dashed grey.
    One token's line can be emphasised, by pointing at it or from code
    (:meth:`highlight_token`), and its norms are read out below the chart.
    A dotted vertical line marks the layer the owner shows (:meth:`mark_layer`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: tuple[str, ...] = ()
        self._norms = np.zeros((0, 0), dtype=np.float64)  # (T, L + 1)
        self._highlighted = -1

        self._chart = pg.PlotWidget()
        self._chart.setAccessibleName(self.tr("Chart: each token's hidden-state norm by layer"))
        self._plot: pg.PlotItem = self._chart.getPlotItem()
        style_plot_item(self._plot)
        self._plot.setMenuEnabled(False)
        self._plot.setLabel("bottom", self.tr("layer (0 = embeddings)"))
        self._plot.setLabel("left", self.tr("L2 norm of the token's vector"))
        self._plot.showGrid(x=True, y=True, alpha=0.2)
        self._plain_lines = pg.PlotDataItem(connect="finite", pen=pg.mkPen(BAR + "60", width=1))
        self._special_lines = pg.PlotDataItem(
            connect="finite", pen=pg.mkPen(BAR_SPECIAL, width=1, style=Qt.PenStyle.DashLine)
        )
        self._typed_lines = pg.PlotDataItem(connect="finite", pen=pg.mkPen(TYPED_FILL, width=2.5))
        self._masked_lines = pg.PlotDataItem(connect="finite", pen=pg.mkPen(MASKED_FILL, width=2.5))
        self._highlight_line = pg.PlotDataItem(
            pen=pg.mkPen(CHIP_HOVER_BORDER, width=3), symbol="o", symbolSize=6,
            symbolBrush=CHIP_HOVER_BORDER, symbolPen=None,
        )
        self._layer_marker = pg.InfiniteLine(angle=90, movable=False)
        for item in (self._plain_lines, self._special_lines, self._typed_lines, self._masked_lines,
                     self._highlight_line, self._layer_marker):
            self._plot.addItem(item)
        self._chart.scene().sigMouseMoved.connect(self._on_chart_mouse_moved)
        follow_theme(self._chart, self._plot, also=self._colour_marker)
        self._readout = QLabel()
        self._readout.setStyleSheet(PLACEHOLDER_STYLE)
        self._readout.setWordWrap(True)
        # without norms, words in place of an empty plot's meaningless ±0.5 axes
        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setStyleSheet(PLACEHOLDER_STYLE + " font-size: 12pt;")
        self._stack = QStackedWidget()
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self._chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._readout)
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        """Draw ``result``'s hidden-state norms; none without hidden states."""
        hidden = None if result is None else result.hidden_states
        self._highlighted = -1
        if result is None or hidden is None or hidden.size == 0:
            self._labels = ()
            self._norms = np.zeros((0, 0), dtype=np.float64)
            self._show_lines(None)
            self._placeholder.setText(
                self.tr("Run the model to see each token's norm across the layers") if result is None
                else self.tr("Hidden states were not requested for this run")
            )
            self._stack.setCurrentWidget(self._placeholder)
            return
        self._stack.setCurrentWidget(self._chart)
        self._labels = tuple(result.labels)
        self._norms = np.linalg.norm(hidden.astype(np.float64), axis=2).T  # (T, L + 1)
        self._show_lines(result)

    def highlight_token(self, position: int) -> None:
        """Emphasise ``position``'s line and read out its norms (-1: none)."""
        if not 0 <= position < self._norms.shape[0]:
            position = -1
        if position == self._highlighted:
            return
        self._highlighted = position
        if position < 0:
            self._highlight_line.setData(np.zeros(0), np.zeros(0))
            self._readout.setText(self.tr(_IDLE_TEXT) if self._norms.size else "")
            return
        norms = self._norms[position]
        self._highlight_line.setData(np.arange(norms.size, dtype=np.float64), norms)
        path = " → ".join(f"{v:.3g}" for v in norms)
        self._readout.setText(self.tr("{position} {token}: norm {path}").format(
            position=position, token=self._labels[position], path=path))

    def mark_layer(self, layer: int) -> None:
        """Draw the dotted vertical line at ``layer``."""
        self._layer_marker.setValue(layer)

    def _colour_marker(self) -> None:
        self._layer_marker.setPen(pg.mkPen(theme_colours().plot_foreground, width=1,
                                           style=Qt.PenStyle.DotLine))

    # -- accessors ---------------------------------------------------------------
    def norms(self) -> np.ndarray:
        """(T, L + 1) L2 norm of each token's vector at each layer."""
        return self._norms.copy()

    def highlighted_token(self) -> int:
        return self._highlighted

    def highlighted_line(self) -> tuple[np.ndarray, np.ndarray]:
        """(layers, norms) of the emphasised line, as drawn; empty when none is."""
        x, y = self._highlight_line.getData()
        if x is None or y is None:
            return np.zeros(0), np.zeros(0)
        return np.array(x, dtype=np.float64), np.array(y, dtype=np.float64)

    def marked_layer(self) -> float:
        return float(self._layer_marker.value())

    def readout_text(self) -> str:
        return self._readout.text()

    def placeholder_text(self) -> str:
        """What is shown instead of the plot while there are no norms ("" while there are)."""
        return self._placeholder.text() if self._stack.currentWidget() is self._placeholder else ""

    def plot_item(self) -> pg.PlotItem:
        return self._plot

    # -- drawing -------------------------------------------------------------------
    def _show_lines(self, result: AnalysisResult | None) -> None:
        empty = (np.zeros(0), np.zeros(0))
        self._highlight_line.setData(*empty)
        if result is None:
            for item in (self._plain_lines, self._special_lines, self._typed_lines,
                         self._masked_lines):
                item.setData(*empty)
            self._readout.setText("")
            return
        layers = np.arange(self._norms.shape[1], dtype=np.float64)
        masked = np.zeros(result.num_tokens, dtype=bool)
        masked[result.mask_positions] = True
        typed = np.asarray(result.typed_mask, dtype=bool)
        special = np.asarray(result.special_mask, dtype=bool)
        plain = ~(masked | typed | special)
        for item, rows in (
            (self._plain_lines, plain),
            (self._special_lines, special),
            (self._typed_lines, typed),
            (self._masked_lines, masked),
        ):
            item.setData(*_joined_lines(layers, self._norms[rows]))
        view_box = self._plot.getViewBox()
        view_box.setXRange(0, layers[-1], padding=0.03)
        # Norms that barely differ (LayerNorm outputs) are shown flat, not magnified into noise.
        low, high = float(self._norms.min()), float(self._norms.max())
        least = 0.05 * max(abs(high), 1e-6)
        if high - low < least:
            middle = (high + low) / 2
            low, high = middle - least / 2, middle + least / 2
        view_box.setYRange(low, high, padding=0.05)
        self._plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(len(layers))]])
        self._readout.setText(self.tr(_IDLE_TEXT))

    # -- pointer -------------------------------------------------------------------
    def _on_chart_mouse_moved(self, scene_pos: QPointF) -> None:
        if self._norms.size == 0:
            return
        view_box = self._plot.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            return
        point = view_box.mapSceneToView(scene_pos)
        layer = int(np.clip(round(point.x()), 0, self._norms.shape[1] - 1))
        self.highlight_token(int(np.argmin(np.abs(self._norms[:, layer] - point.y()))))
