"""Temporary stand-ins with the interface of mlm_desktop.widgets (removed once those land)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget


class _Text(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.label)
        self.result = None

    def set_result(self, result):
        self.result = result
        self.label.setText("" if result is None else self.describe(result))

    def describe(self, result):
        return type(self).__name__


class TokenStrip(QWidget):
    mask_toggled = Signal(int)
    mask_range_toggled = Signal(int, int)
    word_mask_toggled = Signal(int)
    token_hovered = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._chips: list[QPushButton] = []

    def set_result(self, result):
        for chip in self._chips:
            chip.deleteLater()
        self._chips = []
        if result is None:
            return
        masked = set(result.prediction_positions.tolist())
        for i, label in enumerate(result.labels):
            chip = QPushButton(("▣ " if i in masked else "") + label, self)
            chip.clicked.connect(lambda _=False, i=i: self.mask_toggled.emit(i))
            self._layout.addWidget(chip)
            self._chips.append(chip)

    def chip_rect(self, position):
        return self._chips[position].geometry() if position < len(self._chips) else QRect()

    def chip_count(self):
        return len(self._chips)


class PredictionsPanel(_Text):
    def displayed_positions(self):
        return [] if self.result is None else self.result.prediction_positions.tolist()

    def describe(self, result):
        return "\n".join(
            f"{p.position}: " + ", ".join(c.label for c in p.candidates)
            for p in result.predictions()
        )


class SentencesPanel(_Text):
    def describe(self, result):
        return f"{result.masked_text}\n{result.predicted_text}\n{result.true_text}"


class LossPanel(_Text):
    def describe(self, result):
        return f"loss_all {result.loss_all:.3f}  loss_masked {result.loss_masked}"


class LogitsHeatmap(_Text):
    pass


class HiddenStatesView(QWidget):
    layer_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.spin = QSpinBox(self)
        QVBoxLayout(self).addWidget(self.spin)
        self.spin.valueChanged.connect(self.layer_changed)
        self.result = None

    def set_result(self, result):
        self.result = result
        if result is not None and result.hidden_states is not None:
            self.spin.setMaximum(result.num_hidden_states - 1)

    def current_layer(self):
        return self.spin.value()

    def set_layer(self, layer):
        self.spin.setValue(layer)

    def image_array(self):
        if self.result is None or self.result.hidden_states is None:
            return np.zeros((0, 0), np.float32)
        return self.result.hidden_states[self.current_layer()]
