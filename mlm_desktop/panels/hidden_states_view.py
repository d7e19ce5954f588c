"""Hidden states layer by layer: tokens × dimensions, and each token's norm across layers."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.levels import LEVEL_PERCENTILE, symmetric_levels
from .heatmap import Heatmap
from .plot_axes import style_plot_item
from .style import (
    BAR,
    BAR_SPECIAL,
    CHIP_HOVER_BORDER,
    MASKED_FILL,
    MUTED_TEXT,
    PLOT_BACKGROUND,
    TYPED_FILL,
    format_number,
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


class HiddenStatesView(QWidget):
    """A layer selector, the chosen layer's hidden states and the per-layer norms.

    ``layer_changed(layer)`` when the user picks a layer (0 = embeddings);
    :meth:`set_layer` from code does not emit it.
    """

    layer_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._norms = np.zeros((0, 0), dtype=np.float64)  # (T, L + 1)
        self._levels = (-1.0, 1.0)
        self._highlighted = -1
        # the layer the user asked for: kept while results come and go, shown clamped
        self._chosen_layer = 0

        self._slider = QSlider(Qt.Orientation.Horizontal)
        self._slider.setPageStep(1)
        self._slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self._spin = QSpinBox()
        self._layer_name = QLabel()
        self._layer_name.setMinimumWidth(170)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Layer:"))
        controls.addWidget(self._slider, 1)
        controls.addWidget(self._spin)
        controls.addWidget(self._layer_name)

        self._heatmap = Heatmap("CET-D1")
        self._heatmap.set_axis_titles("token", "hidden dimension")
        self._heatmap.set_value_title("activation")
        self._heatmap.set_formatter(self._describe_cell)

        self._norm_chart = pg.PlotWidget()
        self._norm_chart.setBackground(PLOT_BACKGROUND)
        self._norm_plot: pg.PlotItem = self._norm_chart.getPlotItem()
        style_plot_item(self._norm_plot)
        self._norm_plot.setMenuEnabled(False)
        self._norm_plot.setLabel("bottom", "layer (0 = embeddings)")
        self._norm_plot.setLabel("left", "L2 norm of the token's vector")
        self._norm_plot.showGrid(x=True, y=True, alpha=0.2)
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
        self._layer_marker = pg.InfiniteLine(angle=90, movable=False,
                                             pen=pg.mkPen("#111827", width=1, style=Qt.PenStyle.DotLine))
        for item in (self._plain_lines, self._special_lines, self._typed_lines, self._masked_lines,
                     self._highlight_line, self._layer_marker):
            self._norm_plot.addItem(item)
        self._norm_chart.scene().sigMouseMoved.connect(self._on_norm_chart_mouse_moved)
        self._norm_readout = QLabel()
        self._norm_readout.setStyleSheet(f"color: {MUTED_TEXT};")
        self._norm_readout.setWordWrap(True)
        norms_panel = QWidget()
        norms_layout = QVBoxLayout(norms_panel)
        norms_layout.setContentsMargins(0, 0, 0, 0)
        norms_layout.addWidget(self._norm_chart, 1)
        norms_layout.addWidget(self._norm_readout)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._heatmap)
        splitter.addWidget(norms_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

        self._slider.valueChanged.connect(self._on_slider_value_changed)
        self._spin.valueChanged.connect(self._on_spin_value_changed)
        self._heatmap.cell_hovered.connect(self._on_heatmap_cell_hovered)
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        self._highlighted = -1
        hidden = None if result is None else result.hidden_states
        if hidden is None or hidden.size == 0:
            self._norms = np.zeros((0, 0), dtype=np.float64)
            self._set_range(0)
            self._heatmap.clear(
                "Run the model to see its hidden states" if result is None
                else "Hidden states were not requested for this run"
            )
            self._show_norms()
            return
        self._levels = symmetric_levels(hidden)
        self._norms = np.linalg.norm(hidden.astype(np.float64), axis=2).T  # (T, L + 1)
        self._set_range(hidden.shape[0] - 1)
        self._show_layer()
        self._show_norms()

    def set_layer(self, layer: int) -> None:
        """Show ``layer`` (clamped to 0..L) without emitting ``layer_changed``."""
        self._chosen_layer = max(int(layer), 0)
        self._set_value(int(layer))
        self._show_layer()

    def current_layer(self) -> int:
        return self._slider.value()

    def layer_count(self) -> int:
        """L + 1: the embeddings and every encoder layer."""
        return 0 if self._result is None or self._result.hidden_states is None else \
            int(self._result.hidden_states.shape[0])

    # -- accessors -----------------------------------------------------------------
    def image_array(self) -> np.ndarray:
        """(T, D) hidden states of the current layer, as displayed."""
        return self._heatmap.image_array()

    def levels(self) -> tuple[float, float]:
        return self._heatmap.levels()

    def row_labels(self) -> list[str]:
        return self._heatmap.row_labels()

    def norms(self) -> np.ndarray:
        """(T, L + 1) L2 norm of each token's vector at each layer."""
        return self._norms.copy()

    def highlighted_token(self) -> int:
        return self._highlighted

    def highlight_token(self, position: int) -> None:
        """Emphasise ``position``'s line in the norm plot (-1: none)."""
        self._highlight(position)

    def layer_name(self) -> str:
        return self._layer_name.text()

    def readout_text(self) -> str:
        return self._heatmap.readout_text()

    def heatmap(self) -> Heatmap:
        return self._heatmap

    def layer_slider(self) -> QSlider:
        return self._slider

    def layer_spin_box(self) -> QSpinBox:
        return self._spin

    # -- layer selection ---------------------------------------------------------
    def _set_range(self, last: int) -> None:
        keep = self._chosen_layer
        with QSignalBlocker(self._slider), QSignalBlocker(self._spin):
            self._slider.setRange(0, last)
            self._spin.setRange(0, last)
            self._slider.setEnabled(last > 0)
            self._spin.setEnabled(last > 0)
        self._set_value(min(keep, last))

    def _set_value(self, layer: int) -> None:
        layer = max(self._slider.minimum(), min(layer, self._slider.maximum()))
        with QSignalBlocker(self._slider), QSignalBlocker(self._spin):
            self._slider.setValue(layer)
            self._spin.setValue(layer)
        last = self._slider.maximum()
        if self.layer_count() == 0:
            self._layer_name.setText("")
        elif layer == 0:
            self._layer_name.setText("embeddings")
        else:
            self._layer_name.setText(f"layer {layer} of {last}" + (" (last)" if layer == last else ""))
        self._layer_marker.setValue(layer)

    def _on_slider_value_changed(self, layer: int) -> None:
        self._on_user_picked_layer(layer)

    def _on_spin_value_changed(self, layer: int) -> None:
        self._on_user_picked_layer(layer)

    def _on_user_picked_layer(self, layer: int) -> None:
        self._chosen_layer = layer
        self._set_value(layer)
        self._show_layer()
        self.layer_changed.emit(layer)

    # -- drawing -------------------------------------------------------------------
    def _show_layer(self) -> None:
        result = self._result
        if result is None or result.hidden_states is None:
            return
        layer = self.current_layer()
        labels = [f"{i} {label}" for i, label in enumerate(result.labels)]
        self._heatmap.set_data(
            result.hidden_states[layer], labels, None, self._levels,
            idle_text=f"Colour scale ±{format_number(self._levels[1], 3)} "
                      f"({LEVEL_PERCENTILE}th percentile of |h| over all layers)",
        )

    def _show_norms(self) -> None:
        result = self._result
        empty = (np.zeros(0), np.zeros(0))
        if result is None or self._norms.size == 0:
            for item in (self._plain_lines, self._special_lines, self._typed_lines,
                         self._masked_lines, self._highlight_line):
                item.setData(*empty)
            self._norm_readout.setText("")
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
        self._highlight_line.setData(*empty)
        view_box = self._norm_plot.getViewBox()
        view_box.setXRange(0, layers[-1], padding=0.03)
        # Norms that barely differ (LayerNorm outputs) are shown flat, not magnified into noise.
        low, high = float(self._norms.min()), float(self._norms.max())
        least = 0.05 * max(abs(high), 1e-6)
        if high - low < least:
            middle = (high + low) / 2
            low, high = middle - least / 2, middle + least / 2
        view_box.setYRange(low, high, padding=0.05)
        self._norm_plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(len(layers))]])
        self._norm_readout.setText(self._norm_idle_text())

    @staticmethod
    def _norm_idle_text() -> str:
        return (
            "One line per token (amber: masked). Point at a line, or at a row of the "
            "heatmap, to follow that token through the layers."
        )

    def _highlight(self, position: int) -> None:
        result = self._result
        if result is None or not 0 <= position < self._norms.shape[0]:
            position = -1
        if position == self._highlighted:
            return
        self._highlighted = position
        if position < 0:
            self._highlight_line.setData(np.zeros(0), np.zeros(0))
            self._norm_readout.setText(self._norm_idle_text() if result is not None else "")
            return
        norms = self._norms[position]
        self._highlight_line.setData(np.arange(norms.size, dtype=np.float64), norms)
        path = " → ".join(f"{v:.3g}" for v in norms)
        self._norm_readout.setText(f"{position} {result.labels[position]}: norm {path}")

    def _on_heatmap_cell_hovered(self, row: int, _column: int) -> None:
        self._highlight(row)

    def _on_norm_chart_mouse_moved(self, scene_pos: QPointF) -> None:
        if self._norms.size == 0:
            return
        view_box = self._norm_plot.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            return
        point = view_box.mapSceneToView(scene_pos)
        layer = int(np.clip(round(point.x()), 0, self._norms.shape[1] - 1))
        self._highlight(int(np.argmin(np.abs(self._norms[:, layer] - point.y()))))

    def _describe_cell(self, row: int, column: int, value: float) -> str:
        result = self._result
        label = result.labels[row] if result is not None else str(row)
        return f"{row} {label} · dimension {column} · {format_number(value)}"
