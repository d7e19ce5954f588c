"""A layer selector: slider and spin box kept in step, and the layer's name.

Until the user picks a layer it shows the last one; a layer picked stays
chosen while results come and go (shown clamped to the model's layers).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QLabel, QSlider, QSpinBox, QWidget

from .flow_layout import FlowLayout


class LayerPicker(QWidget):
    """Picks one of ``count`` hidden states: 0 = embeddings, 1..count − 1 = layers."""

    layer_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chosen: int | None = None  # None: the last layer
        self._slider = QSlider(Qt.Orientation.Horizontal)
        self._slider.setPageStep(1)
        self._slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self._spin = QSpinBox()
        self._spin.setAccessibleName(self.tr("Layer number"))
        self._name = QLabel()
        self._name.setMinimumWidth(130)
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Layer:")))
        layout.addWidget(self._slider)
        layout.addWidget(self._spin)
        layout.addWidget(self._name)
        self._slider.valueChanged.connect(self._on_user_picked)
        self._spin.valueChanged.connect(self._on_user_picked)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        """Offer ``count`` hidden states (0: none); does not emit ``layer_changed``."""
        last = max(count - 1, 0)
        with QSignalBlocker(self._slider), QSignalBlocker(self._spin):
            for widget in (self._slider, self._spin):
                widget.setRange(0, last)
                widget.setEnabled(last > 0)
        self._show(last if self._chosen is None else min(self._chosen, last), count)

    def set_layer(self, layer: int) -> None:
        """Choose ``layer`` (clamped) and emit ``layer_changed``."""
        self._chosen = max(int(layer), 0)
        self._show(min(self._chosen, self._slider.maximum()), self._slider.maximum() + 1)
        self.layer_changed.emit(self.layer())

    def layer(self) -> int:
        return self._slider.value()

    def name(self) -> str:
        return self._name.text()

    def slider(self) -> QSlider:
        return self._slider

    def spin_box(self) -> QSpinBox:
        return self._spin

    def _show(self, layer: int, count: int) -> None:
        with QSignalBlocker(self._slider), QSignalBlocker(self._spin):
            self._slider.setValue(layer)
            self._spin.setValue(layer)
        last = count - 1
        if count == 0:
            self._name.setText("")
        elif layer == 0:
            self._name.setText(self.tr("embeddings"))
        else:
            name = (self.tr("layer {layer} of {last} (last)") if layer == last
                    else self.tr("layer {layer} of {last}"))
            self._name.setText(name.format(layer=layer, last=last))

    def _on_user_picked(self, layer: int) -> None:
        self.set_layer(layer)
