"""The predictions' probability column: a bar as long as the probability, the figure beside it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .style import BAR, CORRECT
from .theme import theme_colours

PROBABILITY_ROLE = Qt.ItemDataRole.UserRole + 1  # float in [0, 1], drawn as a bar
CORRECT_ROLE = Qt.ItemDataRole.UserRole + 3  # the candidate is the original token


class ProbabilityBarDelegate(QStyledItemDelegate):
    """A horizontal bar as long as the probability (0 to 1), with the figure beside it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        probability = index.data(PROBABILITY_ROLE)
        if probability is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None and option.state & QStyle.StateFlag.State_Selected:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        metrics = option.fontMetrics
        text_width = metrics.horizontalAdvance("0.0000") + 8
        rect = QRectF(option.rect).adjusted(3, 4, -3, -4)
        track = QRectF(rect.left(), rect.top(), max(rect.width() - text_width, 10), rect.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme_colours().chip_fill)
        painter.drawRoundedRect(track, 2, 2)
        correct = index.data(CORRECT_ROLE)
        filled = QRectF(track)
        filled.setWidth(max(track.width() * min(max(float(probability), 0.0), 1.0), 1.0))
        painter.setBrush(QColor(CORRECT if correct else BAR))
        painter.drawRoundedRect(filled, 2, 2)
        painter.setPen(QColor(CORRECT) if correct else option.palette.text().color())
        text_rect = QRectF(track.right() + 6, option.rect.top(), text_width, option.rect.height())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()
