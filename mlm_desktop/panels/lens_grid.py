"""The logit lens grid: layers down, looked-at tokens across, the top-1 guess in every cell.

Each cell shows the token the MLM head puts first at that layer, on the
colour of its probability in the sequential colour map (:mod:`.colour_maps`);
a cell whose guess is the original token is bold and ticked. Masked tokens'
columns are marked in the header. A cell's tooltip lists its top-k with
probabilities and the original token's rank.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ..core.analyses.logit_lens_types import LensResult
from .colour_maps import SEQUENTIAL, colour_maps
from .style import MASKED_FILL, TYPED_FILL, format_probability
from .theme import readable_text, theme_colours

PROBABILITY_ROLE = Qt.ItemDataRole.UserRole + 1  # the top-1 probability, float in [0, 1]
POSITION_ROLE = Qt.ItemDataRole.UserRole + 2  # the token position of a column
CORRECT_ROLE = Qt.ItemDataRole.UserRole + 3  # the top-1 guess is the original token
MASKED_ROLE = Qt.ItemDataRole.UserRole + 4  # header: the column's token is masked


def probability_colour(p: float) -> QColor:
    """The sequential map's colour at ``p``: its low end at 0, its high end at 1."""
    return colour_maps().colour(SEQUENTIAL, p)


def layer_name(layer: int, last: int) -> str:
    """How a hidden state is named on screen: 0 is the embeddings, ``last`` the model's output."""
    if layer == 0:
        return QCoreApplication.translate("LensGrid", "embeddings")
    if layer == last:
        return QCoreApplication.translate("LensGrid", "layer {layer} (output)").format(layer=layer)
    return QCoreApplication.translate("LensGrid", "layer {layer}").format(layer=layer)


def describe_cell(result: LensResult, layer: int, row: int, rich: bool = False) -> str:
    """The cell's top-k with probabilities and the original token's rank."""
    position = int(result.rows[row])
    original = int(result.original_ids[row])
    head = (f"{layer_name(layer, result.num_layers - 1)} · #{position} "
            f"'{result.labels[position]}'")
    picks = []
    for rank, (token_id, p) in enumerate(zip(result.top_ids[layer, row],
                                             result.top_probs[layer, row], strict=True), start=1):
        mark = " ✓" if int(token_id) == original else ""
        picks.append(f"{rank}. {result.label_of(int(token_id))} {format_probability(p)}{mark}")
    if original < 0:
        standing = QCoreApplication.translate("LensGrid", "typed mask: original unknown")
    else:
        standing = QCoreApplication.translate("LensGrid", "original '{token}': rank {rank}, p = {p}").format(
            token=result.labels[position], rank=int(result.original_rank[layer, row]),
            p=format_probability(float(result.original_probability()[layer, row])))
    if not rich:
        return f"{head}: " + " · ".join(picks) + f" ({standing})"
    lines = [f"<b>{html.escape(head)}</b>", *map(html.escape, picks), html.escape(standing)]
    return "<br>".join(lines)


class _FramedSelectionDelegate(QStyledItemDelegate):
    """A selected cell keeps its probability colour and gets a frame instead."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(theme_colours().hover, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class LensGridModel(QAbstractTableModel):
    """Rows: hidden states (0 = embeddings); columns: the result's looked-at tokens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: LensResult | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_result(self, result: LensResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self.endResetModel()

    def result(self) -> LensResult | None:
        return self._result

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008,N802 - Qt API
        return 0 if self._result is None or parent.isValid() else self._result.num_layers

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008,N802 - Qt API
        return 0 if self._result is None or parent.isValid() else self._result.num_rows

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        result = self._result
        if result is None or not index.isValid():
            return None
        layer, row = index.row(), index.column()
        top = int(result.top_ids[layer, row, 0])
        p = float(result.top_probs[layer, row, 0])
        correct = top == int(result.original_ids[row])
        if role == Qt.ItemDataRole.DisplayRole:
            return result.label_of(top) + (" ✓" if correct else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return probability_colour(p)
        if role == Qt.ItemDataRole.ForegroundRole:
            return readable_text(probability_colour(p))
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if correct else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_cell(result, layer, row, rich=True)
        if role == PROBABILITY_ROLE:
            return p
        if role == CORRECT_ROLE:
            return correct
        if role == POSITION_ROLE:
            return int(result.rows[row])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        result = self._result
        if result is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return "E" if section == 0 else str(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                return layer_name(section, result.num_layers - 1)
            return None
        position = int(result.rows[section])
        masked = result.is_masked(position)
        typed = position in result.typed_positions
        if role == Qt.ItemDataRole.DisplayRole:
            if masked:
                return self.tr("{token}\n#{position} masked").format(token=result.labels[position],
                                                                      position=position)
            return f"{result.labels[position]}\n#{position}"
        if role == Qt.ItemDataRole.ForegroundRole and masked:
            return QColor(TYPED_FILL if typed else MASKED_FILL)
        if role == Qt.ItemDataRole.FontRole and masked:
            return self._bold
        if role == MASKED_ROLE:
            return masked
        if role == POSITION_ROLE:
            return position
        return None


class LensGrid(QTableView):
    """The grid view: ``cell_hovered(layer, row)`` as the pointer moves, (-1, -1) when it leaves;
    ``cell_chosen(layer, row)`` when the user clicks a cell or moves to it with the keys."""

    cell_hovered = Signal(int, int)
    cell_chosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = LensGridModel(self)
        self.setModel(self._model)
        self.setItemDelegate(_FramedSelectionDelegate(self))
        self.setAccessibleName(self.tr("Logit lens: the top guess by layer and token"))
        self.setMouseTracking(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)  # a token
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.horizontalHeader().setDefaultSectionSize(96)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.entered.connect(lambda index: self.cell_hovered.emit(index.row(), index.column()))
        self.viewport().installEventFilter(self)
        self._showing = False  # a column selected from code is not the user's choice
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        colour_maps().changed.connect(self.viewport().update)

    def grid_model(self) -> LensGridModel:
        return self._model

    def set_result(self, result: LensResult | None) -> None:
        self._model.set_result(result)

    def show_column(self, column: int) -> None:
        """Select every layer's cell of ``column`` and scroll it into view."""
        self._showing = True
        try:
            if 0 <= column < self._model.columnCount():
                self.selectColumn(column)
                self.scrollTo(self._model.index(0, column))
            else:
                self.clearSelection()
        finally:
            self._showing = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._showing:
            self.cell_chosen.emit(current.row(), current.column())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.viewport() and event.type() == QEvent.Type.Leave:
            self.cell_hovered.emit(-1, -1)
        return super().eventFilter(watched, event)
