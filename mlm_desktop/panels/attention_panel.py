"""Attention: a tokens × tokens heatmap of one layer's head (or heads' mean), or the rollout.

Row ``i`` of the heatmap is how token ``i`` spreads its attention over the
tokens ``j`` (the row sums to 1). Beside it, every layer's heads as
thumbnails: a click shows that head. Special tokens can be hidden, each row
rescaled to sum to 1 among the remaining tokens. A token pointed at in any
panel is outlined here as a row and a column; pointing at a cell points at
its row's token.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsRectItem, QSplitter, QVBoxLayout, QWidget

from ..core.analyses.attention_types import AttentionResult
from ..core.attention_math import hide_special
from .attention_controls import AttentionControls
from .attention_grid import MEAN, AttentionGrid
from .colour_maps import SEQUENTIAL
from .heatmap import Heatmap
from .label_style import caption
from .style import format_number

HEADS_CAPTION = QT_TRANSLATE_NOOP(
    "AttentionPanel",
    "Row: the token attending; column: the token it attends to; each row sums to 1. "
    "Masked tokens are marked *."
)
ROLLOUT_CAPTION = QT_TRANSLATE_NOOP(
    "AttentionPanel",
    "Rollout through layer {layer}: how much each token at that layer draws on each input token, "
    "the heads' means multiplied layer by layer with the residual connection "
    "(Abnar and Zuidema, 2020)."
)


class AttentionPanel(QWidget):
    """Draws an :class:`AttentionResult`; follows and points at tokens like the other panels."""

    token_hovered = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AttentionResult | None = None
        self._positions = np.zeros(0, dtype=np.int64)  # token position of each row and column
        self._highlighted = -1
        self._controls = AttentionControls()
        self._caption = caption(self.tr(HEADS_CAPTION))
        self._heatmap = Heatmap(SEQUENTIAL)
        self._heatmap.set_axis_titles(self.tr("attending token"), self.tr("attended token"))
        self._heatmap.set_value_title(self.tr("attention weight"))
        self._heatmap.set_formatter(self._describe_cell)
        self._grid = AttentionGrid()
        self._bands = [QGraphicsRectItem() for _ in range(2)]  # the pointed token's row, column
        for band in self._bands:
            band.setPen(pg.mkPen("#dc2626", width=2, cosmetic=True))
            band.setZValue(20)
            band.setVisible(False)
            self._heatmap.plot_item().addItem(band)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._heatmap)
        splitter.addWidget(self._grid)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._controls)
        layout.addWidget(self._caption)
        layout.addWidget(splitter, 1)
        self._controls.changed.connect(self._show)
        self._grid.picked.connect(self._on_grid_picked)
        self._heatmap.cell_hovered.connect(self._on_cell_hovered)
        self.set_result(None)

    # -- the panel protocol ----------------------------------------------------------
    def set_result(self, result: AttentionResult | None) -> None:
        self._result = result
        self._controls.setEnabled(result is not None)  # the choice stays for the next result
        if result is None:
            self._grid.set_thumbnails(None)
            self._positions = np.zeros(0, dtype=np.int64)
            self._heatmap.clear(self.tr("Attention appears here once the text has been analysed"))
            self._place_bands()
            return
        self._controls.set_shape(result.num_layers, result.num_heads)
        self._show()

    def highlight_token(self, position: int) -> None:
        """Outline ``position``'s row and column (-1: none)."""
        self._highlighted = int(position)
        self._place_bands()

    # -- what tests and the lead's tour may set -------------------------------------------
    def set_view(self, layer: int, head: int = MEAN, rollout: bool = False) -> None:
        """Show layer index ``layer`` (0-based), head ``head`` (-1: mean), or the rollout."""
        self._controls.set_choice(layer, head, rollout)
        self._show()

    def step_layer(self, step: int) -> bool:
        """Show the next (``step`` 1) or previous (-1) layer, as if the user picked it;
        False when no layers are shown."""
        spin = self._controls.layer
        if spin.isEnabled():  # at the first or last layer it stays there
            spin.stepBy(int(step))
        return spin.isEnabled()

    def set_hide_special(self, hide: bool) -> None:
        self._controls.set_hiding(hide)
        self._show()

    # -- accessors -------------------------------------------------------------------------
    def view(self) -> tuple[str, int, int]:
        """(``"heads"`` or ``"rollout"``, layer index, head index or -1 for the mean)."""
        mode = "rollout" if self._controls.rollout() else "heads"
        return mode, self._controls.layer_index(), self._controls.head_index()

    def image_array(self) -> np.ndarray:
        return self._heatmap.image_array()

    def shown_positions(self) -> list[int]:
        """The token position each row (and column) of the heatmap stands for."""
        return self._positions.tolist()

    def row_labels(self) -> list[str]:
        return self._heatmap.row_labels()

    def highlighted_token(self) -> int:
        return self._highlighted

    def highlight_bands(self) -> list[QRectF | None]:
        """The outlined row and column, in cells (None where nothing is outlined)."""
        return [band.rect() if band.isVisible() else None for band in self._bands]

    def caption_text(self) -> str:
        return self._caption.text()

    def heatmap(self) -> Heatmap:
        return self._heatmap

    def grid(self) -> AttentionGrid:
        return self._grid

    def controls(self) -> AttentionControls:
        return self._controls

    # -- drawing ---------------------------------------------------------------------------
    def _matrix(self) -> np.ndarray:
        result, controls = self._result, self._controls
        layer = controls.layer_index()
        if controls.rollout():
            return result.rollout[layer]
        head = controls.head_index()
        return result.matrix(layer, None if head == MEAN else head)

    def _show(self) -> None:
        result, controls = self._result, self._controls
        if result is None:
            return
        layer, hiding = controls.layer_index(), controls.hiding()
        self._grid.set_thumbnails(result.thumbnails_without_special if hiding else result.thumbnails)
        self._grid.select(layer, controls.head_index())
        self._caption.setText(self.tr(ROLLOUT_CAPTION).format(layer=layer + 1) if controls.rollout()
                              else self.tr(HEADS_CAPTION))
        matrix = self._matrix()
        positions = np.arange(result.num_tokens)
        if hiding:
            matrix, positions = hide_special(matrix, result.special_mask)
        self._positions = positions
        if positions.size == 0:
            self._heatmap.clear(self.tr("Every token of this text is a special token: show them to "
                                        "see its attention"))
        else:
            masked = set(result.mask_positions.tolist())
            labels = [f"{p} {result.labels[p]}" + ("*" if p in masked else "") for p in positions]
            top = float(matrix.max())
            self._heatmap.set_data(matrix, labels, labels, (0.0, top if top > 0 else 1.0),
                                   idle_text=self.tr("{view}: point at a cell to read its weight")
                                   .format(view=self._view_name()))
        self._place_bands()

    def _view_name(self) -> str:
        mode, layer, head = self.view()
        if mode == "rollout":
            return self.tr("rollout through layer {layer}").format(layer=layer + 1)
        if head == MEAN:
            return self.tr("layer {layer}, mean of heads").format(layer=layer + 1)
        return self.tr("layer {layer}, head {head}").format(layer=layer + 1, head=head + 1)

    def _place_bands(self) -> None:
        index = np.flatnonzero(self._positions == self._highlighted)
        count = self._positions.size
        if self._highlighted < 0 or index.size == 0:
            for band in self._bands:
                band.setVisible(False)
            return
        i = float(index[0])
        self._bands[0].setRect(QRectF(-0.5, i - 0.5, count, 1))
        self._bands[1].setRect(QRectF(i - 0.5, -0.5, 1, count))
        for band in self._bands:
            band.setVisible(True)

    # -- pointing ------------------------------------------------------------------------
    def _on_grid_picked(self, layer: int, head: int) -> None:
        self.set_view(layer, head, rollout=False)

    def _on_cell_hovered(self, row: int, _column: int) -> None:
        self.token_hovered.emit(int(self._positions[row]) if row >= 0 else -1)

    def _describe_cell(self, row: int, column: int, value: float) -> str:
        labels = self._heatmap.row_labels()
        return f"{labels[row]} → {labels[column]} · {format_number(value)} ({self._view_name()})"
