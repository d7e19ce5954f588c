"""Hidden states layer by layer: tokens × dimensions, and each token's norm across layers."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.levels import LEVEL_PERCENTILE, symmetric_levels
from .colour_maps import DIVERGING
from .flow_layout import FlowLayout
from .heatmap import Heatmap
from .norm_chart import NormChart
from .style import format_number

ALL_LAYERS = "all layers"
LAYER = "layer"
DIMENSION = "dimension"
#: colour scales: key (the item's data, as settings store it), combo box text, tooltip
_SCALES = (
    (ALL_LAYERS, QT_TRANSLATE_NOOP("HiddenStatesView", "Same for all layers"),
     QT_TRANSLATE_NOOP("HiddenStatesView", "One symmetric scale for every layer: layers compare, "
                       "a layer of small values looks pale")),
    (LAYER, QT_TRANSLATE_NOOP("HiddenStatesView", "Per layer"),
     QT_TRANSLATE_NOOP("HiddenStatesView", "A symmetric scale fitted to the layer shown")),
    (DIMENSION, QT_TRANSLATE_NOOP("HiddenStatesView", "Per dimension"),
     QT_TRANSLATE_NOOP("HiddenStatesView", "Each hidden dimension divided by its own scale in the layer "
                       "shown: shows which tokens stand out in a dimension, even a quiet one")),
)
#: the colour scales' keys, the first the default
SCALE_MODES = tuple(key for key, _text, _tip in _SCALES)


def dimension_scales(layer: np.ndarray, percentile: float = LEVEL_PERCENTILE) -> np.ndarray:
    """(D,) the ``percentile`` of |h| over the tokens of each dimension (zero gives 1)."""
    bound = np.percentile(np.abs(layer.astype(np.float64)), percentile, axis=0)
    return np.where(np.isfinite(bound) & (bound > 0), bound, 1.0)


class HiddenStatesView(QWidget):
    """A layer selector, the chosen layer's hidden states and the per-layer norms.

    ``layer_changed(layer)`` when the user picks a layer (0 = embeddings);
    :meth:`set_layer` from code does not emit it. ``scale_mode_changed(mode)``
    when the user picks a colour scale; :meth:`set_scale_mode` does not emit it.
    """

    layer_changed = Signal(int)
    scale_mode_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._levels = (-1.0, 1.0)
        # the layer the user asked for: kept while results come and go, shown clamped
        self._chosen_layer = 0

        self._slider = QSlider(Qt.Orientation.Horizontal)
        self._slider.setPageStep(1)
        self._slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self._spin = QSpinBox()
        self._spin.setAccessibleName(self.tr("Layer number"))
        self._layer_name = QLabel()
        self._layer_name.setMinimumWidth(170)
        controls = FlowLayout()
        controls.addWidget(QLabel(self.tr("Layer:")))
        controls.addWidget(self._slider)
        controls.addWidget(self._spin)
        controls.addWidget(self._layer_name)
        self._scale_box = QComboBox()
        for index, (key, text, tip) in enumerate(_SCALES):
            self._scale_box.addItem(self.tr(text), key)
            self._scale_box.setItemData(index, self.tr(tip), Qt.ItemDataRole.ToolTipRole)
        self._scale_box.setToolTip(self.tr("How values map to colours"))
        controls.addWidget(QLabel(self.tr("Scale:")))
        controls.addWidget(self._scale_box)

        self._heatmap = Heatmap(DIVERGING)
        self._heatmap.set_axis_titles(self.tr("token"), self.tr("hidden dimension"))
        self._heatmap.set_value_title(self.tr("activation"))
        self._heatmap.set_formatter(self._describe_cell)

        self._norm_chart = NormChart()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._heatmap)
        splitter.addWidget(self._norm_chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

        self._slider.valueChanged.connect(self._on_slider_value_changed)
        self._spin.valueChanged.connect(self._on_spin_value_changed)
        self._scale_box.currentIndexChanged.connect(self._on_scale_box_changed)
        self._heatmap.cell_hovered.connect(self._on_heatmap_cell_hovered)
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        hidden = None if result is None else result.hidden_states
        if hidden is None or hidden.size == 0:
            self._set_range(0)
            self._heatmap.clear(
                self.tr("Run the model to see its hidden states") if result is None
                else self.tr("Hidden states were not requested for this run")
            )
        else:
            self._levels = symmetric_levels(hidden)
            self._set_range(hidden.shape[0] - 1)
            self._show_layer()
        self._norm_chart.set_result(result)

    def set_layer(self, layer: int) -> None:
        """Show ``layer`` (clamped to 0..L) without emitting ``layer_changed``."""
        self._chosen_layer = max(int(layer), 0)
        self._set_value(int(layer))
        self._show_layer()

    def set_scale_mode(self, mode: str) -> None:
        """``"all layers"`` (the default), ``"layer"`` or ``"dimension"``."""
        index = self._scale_box.findData(mode)
        if index < 0:
            raise ValueError(f"unknown colour scale {mode!r}")
        with QSignalBlocker(self._scale_box):
            self._scale_box.setCurrentIndex(index)
        self._show_layer()

    def scale_mode(self) -> str:
        return str(self._scale_box.currentData())

    def current_layer(self) -> int:
        return self._slider.value()

    def step_layer(self, step: int) -> bool:
        """Show the next (``step`` 1) or previous (-1) layer, as if the user picked it;
        False when no layers are shown."""
        if self._spin.isEnabled():  # at the first or last layer it stays there
            self._spin.stepBy(int(step))
        return self._spin.isEnabled()

    def chosen_layer(self) -> int:
        """The layer last picked or set, kept while a model with fewer layers shows less."""
        return self._chosen_layer

    def layer_count(self) -> int:
        """L + 1: the embeddings and every encoder layer."""
        return 0 if self._result is None or self._result.hidden_states is None else \
            int(self._result.hidden_states.shape[0])

    # -- accessors -----------------------------------------------------------------
    def image_array(self) -> np.ndarray:
        """(T, D) hidden states of the current layer, as coloured (per dimension: scaled)."""
        return self._heatmap.image_array()

    def levels(self) -> tuple[float, float]:
        return self._heatmap.levels()

    def row_labels(self) -> list[str]:
        return self._heatmap.row_labels()

    def norms(self) -> np.ndarray:
        """(T, L + 1) L2 norm of each token's vector at each layer."""
        return self._norm_chart.norms()

    def highlighted_token(self) -> int:
        return self._norm_chart.highlighted_token()

    def highlight_token(self, position: int) -> None:
        """Emphasise ``position``'s line in the norm plot (-1: none)."""
        self._norm_chart.highlight_token(position)

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

    def scale_box(self) -> QComboBox:
        return self._scale_box

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
            self._layer_name.setText(self.tr("embeddings"))
        else:
            name = (self.tr("layer {layer} of {last} (last)") if layer == last
                    else self.tr("layer {layer} of {last}"))
            self._layer_name.setText(name.format(layer=layer, last=last))
        self._norm_chart.mark_layer(layer)

    def _on_slider_value_changed(self, layer: int) -> None:
        self._on_user_picked_layer(layer)

    def _on_spin_value_changed(self, layer: int) -> None:
        self._on_user_picked_layer(layer)

    def _on_scale_box_changed(self, _index: int) -> None:
        self._show_layer()
        self.scale_mode_changed.emit(self.scale_mode())

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
        states = result.hidden_states[self.current_layer()]
        labels = [f"{i} {label}" for i, label in enumerate(result.labels)]
        mode = self.scale_mode()
        if mode == DIMENSION:
            image, levels = states / dimension_scales(states), (-1.0, 1.0)
            idle = self.tr("Each dimension divided by its {p}th percentile of |h| over the tokens of "
                           "this layer").format(p=LEVEL_PERCENTILE)
            title = self.tr("scaled activation")
        else:
            levels = symmetric_levels(states) if mode == LAYER else self._levels
            image = states
            idle = (self.tr("Colour scale ±{bound} ({p}th percentile of |h| over this layer)")
                    if mode == LAYER else
                    self.tr("Colour scale ±{bound} ({p}th percentile of |h| over all layers)")
                    ).format(bound=format_number(levels[1], 3), p=LEVEL_PERCENTILE)
            title = self.tr("activation")
        self._heatmap.set_value_title(title)
        self._heatmap.set_data(image, labels, None, levels, idle_text=idle)

    def _on_heatmap_cell_hovered(self, row: int, _column: int) -> None:
        self._norm_chart.highlight_token(row)

    def _describe_cell(self, row: int, column: int, value: float) -> str:
        result = self._result
        if result is None or result.hidden_states is None:
            return self.tr("{row} · dimension {column} · {value}").format(
                row=row, column=column, value=format_number(value))
        label = result.labels[row]
        actual = float(result.hidden_states[self.current_layer()][row, column])
        text = self.tr("{row} {token} · dimension {column} · {value}").format(
            row=row, token=label, column=column, value=format_number(actual))
        if self.scale_mode() == DIMENSION:
            text += self.tr(" ({value} of the dimension's scale)").format(value=format_number(value, 2))
        return text
