"""The attention panel's controls: view (a layer's heads, or the rollout), layer, head, hiding.

Layers and heads count from 1 on screen; the signals carry 0-based indices
(head -1: the mean of the layer's heads), as the result stores them.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox, QTabBar, QWidget

from .attention_grid import MEAN
from .flow_layout import FlowLayout

HEADS_VIEW, ROLLOUT_VIEW = 0, 1


class AttentionControls(QWidget):
    """``changed()`` whenever the user picks another view, layer, head or hiding."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabBar()
        self.tabs.addTab(self.tr("Layer and head"))
        self.tabs.addTab(self.tr("Rollout"))
        self.tabs.setTabToolTip(HEADS_VIEW,
                                self.tr("One layer's attention: a head, or the mean of its heads"))
        self.tabs.setTabToolTip(
            ROLLOUT_VIEW, self.tr("Attention rollout (Abnar and Zuidema, 2020): the layers' head means, "
                                  "with the residual connection, multiplied from layer 1 up to the "
                                  "chosen layer"))
        self.layer = QSpinBox()
        self.layer.setToolTip(self.tr("The layer, 1 is the first above the embeddings"))
        self.head = QComboBox()
        self.head.setToolTip(self.tr("One head of the layer, or the mean of its heads"))
        self.hide_special = QCheckBox(self.tr("Hide special tokens"))
        self.hide_special.setToolTip(
            self.tr("Leave out [CLS], [SEP] and the other special tokens, which often take most of "
                    "the attention, and rescale every row to sum to 1 again"))
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(QLabel(self.tr("Layer:")))
        layout.addWidget(self.layer)
        self._head_label = QLabel(self.tr("Head:"))
        layout.addWidget(self._head_label)
        layout.addWidget(self.head)
        layout.addWidget(self.hide_special)
        self.tabs.currentChanged.connect(self._on_user_changed)
        self.layer.valueChanged.connect(self._on_user_changed)
        self.head.currentIndexChanged.connect(self._on_user_changed)
        self.hide_special.toggled.connect(self._on_user_changed)
        self.set_shape(0, 0)

    # -- what the panel reads ---------------------------------------------------
    def rollout(self) -> bool:
        return self.tabs.currentIndex() == ROLLOUT_VIEW

    def layer_index(self) -> int:
        return self.layer.value() - 1

    def head_index(self) -> int:
        """The chosen head, -1 for the mean of the heads."""
        return self.head.currentIndex() - 1 if self.head.currentIndex() > 0 else MEAN

    def hiding(self) -> bool:
        return self.hide_special.isChecked()

    # -- what the panel sets (never emits) ------------------------------------------
    def set_shape(self, layers: int, heads: int) -> None:
        """Offer layers 1..``layers`` and heads 1..``heads``, keeping the choice where it fits."""
        layer, head = self.layer_index(), self.head_index()
        with QSignalBlocker(self.layer), QSignalBlocker(self.head):
            self.layer.setRange(1 if layers else 0, max(layers, 0))
            if self.head.count() != heads + 1:
                self.head.clear()
                self.head.addItems([self.tr("mean of heads"),
                                    *(self.tr("head {n}").format(n=i + 1) for i in range(heads))])
        self.layer.setEnabled(layers > 0)
        self.set_choice(layers - 1 if layer < 0 else layer, head)
        self._enable_head()

    def set_choice(self, layer: int, head: int, rollout: bool | None = None) -> None:
        with QSignalBlocker(self.layer), QSignalBlocker(self.head), QSignalBlocker(self.tabs):
            self.layer.setValue(layer + 1)
            self.head.setCurrentIndex(0 if head == MEAN or head + 1 >= self.head.count() else head + 1)
            if rollout is not None:
                self.tabs.setCurrentIndex(ROLLOUT_VIEW if rollout else HEADS_VIEW)
        self._enable_head()

    def set_hiding(self, hide: bool) -> None:
        with QSignalBlocker(self.hide_special):
            self.hide_special.setChecked(hide)

    # -- internals -----------------------------------------------------------------
    def _enable_head(self) -> None:
        usable = self.head.count() > 1 and not self.rollout()
        self.head.setEnabled(usable)
        self._head_label.setEnabled(usable)

    def _on_user_changed(self, *_args) -> None:
        self._enable_head()
        self.changed.emit()
