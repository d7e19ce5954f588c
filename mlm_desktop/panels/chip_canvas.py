"""Token chips laid out in wrapping lines, painted, and hit-tested.

Painting one widget (rather than one child widget per token) keeps 512 tokens
cheap: layout is a single pass over cached widths, painting touches only the
chips in the exposed area, and a point finds its chip by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .chip_overlay import text_colour
from .style import MASKED_BORDER, MASKED_FILL, TYPED_BORDER, TYPED_FILL, WRONG
from .theme import theme_colours

# how a chip is drawn
PLAIN, SPECIAL, MASKED, TYPED = range(4)

_PAD_X = 7
_PAD_Y = 4
_WORD_GAP = 7  # between chips of different words
_PIECE_GAP = 2  # between pieces of one word, so words read as units
_LINE_GAP = 6
_MARGIN = 6
_MARKER = 7  # side of the mask marker triangle


class ChipCanvas(QWidget):
    """Lays out and paints the chips, and maps points to chip positions.

    It reports what happens to chips (``chip_pressed(position, modifiers)``,
    ``chip_hovered(position)``, ``chip_menu_requested(position, global_pos)``;
    position -1 off the chips); what that means is the token strip's business.
    """

    chip_pressed = Signal(int, object)  # position, Qt.KeyboardModifier
    chip_hovered = Signal(int)
    chip_menu_requested = Signal(int, QPoint)
    #: the keyboard focus arrived (not by a click)
    focus_entered = Signal()
    #: the keyboard focus went elsewhere (not to a popup or another window)
    focus_left = Signal()

    def __init__(self) -> None:
        super().__init__()
        # set by the owner: the tooltip of a chip, and keys the owner handles
        self.tooltip_provider: Callable[[int], str] = lambda _position: ""
        self.key_handler: Callable[[QKeyEvent], bool] = lambda _event: False
        self.placeholder = ""  # shown while there are no chips
        self._labels: tuple[str, ...] = ()
        self._kinds: np.ndarray = np.zeros(0, dtype=np.int8)
        self._joined: np.ndarray = np.zeros(0, dtype=bool)  # chip continues the previous word
        self._unknown: np.ndarray = np.zeros(0, dtype=bool)  # the vocabulary's unknown token
        self._widths: list[int] = []
        self._rects: list[QRect] = []
        self._line_tops: list[int] = []
        self._line_starts: list[int] = []
        self._laid_out_width = -1
        self._hovered = -1
        self._highlighted = -1  # shown like a hovered chip, set from outside
        self._cursor = -1  # the keyboard's chip
        self._overlay: list[QColor | None] | None = None  # fills of plain chips, set from outside
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1)
        self.setFont(font)
        self._bold = QFont(font)
        self._bold.setBold(True)
        self._chip_height = QFontMetrics(font).height() + 2 * _PAD_Y
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)  # white, or dark in a dark theme

    # -- content -------------------------------------------------------------
    def set_chips(self, labels: tuple[str, ...], kinds: np.ndarray, joined: np.ndarray,
                  unknown: np.ndarray | None = None) -> None:
        """Show chips; ``unknown`` (bool per chip) marks the vocabulary's unknown tokens.

        A chip that can be masked is as wide masked as unmasked (its text
        measured in bold, with room for the mask marker), so masking a chip
        never moves the chips after it.
        """
        self._labels = labels
        self._kinds = kinds
        self._joined = joined
        self._unknown = np.zeros(len(labels), dtype=bool) if unknown is None else unknown
        plain, bold = QFontMetrics(self.font()), QFontMetrics(self._bold)
        self._widths = [
            plain.horizontalAdvance(label) + 2 * _PAD_X if kind == SPECIAL
            else bold.horizontalAdvance(label) + 2 * _PAD_X + _MARKER
            for label, kind in zip(labels, kinds.tolist(), strict=True)
        ]
        self._hovered = -1
        self._highlighted = -1
        self._overlay = None  # an overlay belongs to the chips it was made for
        if self._cursor >= len(labels):
            self._cursor = -1
        self._laid_out_width = -1
        self._layout(self.width())
        self.updateGeometry()
        self.update()

    def set_overlay(self, fills: list[QColor | None] | None) -> None:
        """Fill each plain chip with its colour (None in the list: its usual fill; None: off)."""
        self._overlay = None if fills is None or len(fills) != len(self._labels) else list(fills)
        self.update()

    def label(self, position: int) -> str:
        """The text a chip shows."""
        return self._labels[position]

    def is_unknown(self, position: int) -> bool:
        """Whether a chip is marked as unknown to the vocabulary."""
        return bool(self._unknown[position])

    def overlay_fill(self, position: int) -> QColor | None:
        """The overlay colour a chip is painted with, or None."""
        if self._overlay is None or int(self._kinds[position]) != PLAIN:
            return None
        return self._overlay[position]

    # -- geometry ------------------------------------------------------------
    def _layout(self, width: int) -> int:
        """Place the chips in lines that fit ``width``; returns the height needed."""
        if width == self._laid_out_width and self._rects:
            return self._height()
        self._laid_out_width = width
        self._rects, self._line_tops, self._line_starts = [], [], []
        usable = max(width - 2 * _MARGIN, 40)
        x, y = _MARGIN, _MARGIN
        for i, chip_width in enumerate(self._widths):
            gap = 0 if i == 0 else (_PIECE_GAP if self._joined[i] else _WORD_GAP)
            if i == 0 or (x + gap + chip_width > _MARGIN + usable and x > _MARGIN):
                if i > 0:
                    y += self._chip_height + _LINE_GAP
                x = _MARGIN
                self._line_tops.append(y)
                self._line_starts.append(i)
            else:
                x += gap
            self._rects.append(QRect(x, y, chip_width, self._chip_height))
            x += chip_width
        return self._height()

    def _height(self) -> int:
        if not self._rects:
            return 2 * _MARGIN + self._chip_height
        return self._rects[-1].bottom() + 1 + _MARGIN

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._layout(width)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, self._layout(max(self.width(), 400)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(80, self._chip_height + 2 * _MARGIN)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._layout(event.size().width())
        super().resizeEvent(event)

    def chip_rect(self, position: int) -> QRect:
        self._layout(self.width())
        return QRect(self._rects[position])

    def position_at(self, point: QPoint) -> int:
        """The chip under ``point`` (canvas coordinates), or -1."""
        self._layout(self.width())
        if not self._rects:
            return -1
        line = bisect_right(self._line_tops, point.y()) - 1
        if line < 0:
            return -1
        start = self._line_starts[line]
        end = self._line_starts[line + 1] if line + 1 < len(self._line_starts) else len(self._rects)
        lefts = [r.left() for r in self._rects[start:end]]
        i = start + bisect_right(lefts, point.x()) - 1
        if start <= i < end and self._rects[i].contains(point):
            return i
        return -1

    # -- painting -------------------------------------------------------------
    def _update_chips(self, *positions: int) -> None:
        for p in positions:
            if 0 <= p < len(self._rects):
                self.update(self._rects[p].adjusted(-4, -4, 4, 4))

    def set_hovered(self, position: int) -> None:
        if position != self._hovered:
            old, self._hovered = self._hovered, position
            self._update_chips(old, position)

    @property
    def highlighted(self) -> int:
        return self._highlighted

    def set_highlighted(self, position: int) -> None:
        if position != self._highlighted:
            old, self._highlighted = self._highlighted, position
            self._update_chips(old, position)

    def set_cursor(self, position: int) -> None:
        if position != self._cursor:
            old, self._cursor = self._cursor, position
            self._update_chips(old, position)

    @property
    def cursor(self) -> int:
        return self._cursor

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._update_chips(self._cursor)
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.focus_entered.emit()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._update_chips(self._cursor)
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.PopupFocusReason,
                                  Qt.FocusReason.ActiveWindowFocusReason):
            self.focus_left.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.key_handler(event):
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._layout(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._rects and self.placeholder:
            painter.setPen(theme_colours().special_text)
            painter.drawText(self.rect().adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN),
                             Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
                             | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
            painter.end()
            return
        area = event.rect()
        first_line = max(bisect_left(self._line_tops, area.top() - self._chip_height) - 1, 0)
        start = self._line_starts[first_line] if self._line_starts else 0
        for i in range(start, len(self._rects)):
            rect = self._rects[i]
            if rect.top() > area.bottom():
                break
            if rect.intersects(area):
                self._paint_chip(painter, i, rect)
        painter.end()

    def _paint_chip(self, painter: QPainter, i: int, rect: QRect) -> None:
        kind = int(self._kinds[i])
        box = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        hovered = i in (self._hovered, self._highlighted) and kind != SPECIAL
        colours = theme_colours()
        if kind == MASKED:
            fill, border, text, font = MASKED_FILL, MASKED_BORDER, "white", self._bold
        elif kind == TYPED:
            fill, border, text, font = TYPED_FILL, TYPED_BORDER, "white", self._bold
        elif kind == SPECIAL:
            fill, border, text, font = None, colours.chip_border, colours.special_text, self.font()
        else:
            fill, border, text, font = colours.chip_fill, colours.chip_border, colours.text, self.font()
            overlay = self.overlay_fill(i)
            if overlay is not None:
                fill, text = overlay.name(), text_colour(overlay).name()
        unknown = bool(self._unknown[i])
        if unknown and kind == PLAIN:
            border = WRONG
        pen = QPen(QColor(colours.hover if hovered else border), 2.0 if hovered else 1.0)
        if kind == SPECIAL or unknown:
            pen.setStyle(Qt.PenStyle.DashLine)
        if kind == TYPED:
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(2.0)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(fill)) if fill else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 4, 4)
        text_rect = QRectF(rect).adjusted(_PAD_X, 0, -_PAD_X, 0)
        align = Qt.AlignmentFlag.AlignLeft
        if kind == PLAIN:  # centred in the room kept for the bold, marked look
            align = Qt.AlignmentFlag.AlignHCenter
        if kind in (MASKED, TYPED):
            # mask marker: a white corner triangle, top left
            path = QPainterPath()
            path.moveTo(box.left() + 2, box.top() + 2)
            path.lineTo(box.left() + 2 + _MARKER + 2, box.top() + 2)
            path.lineTo(box.left() + 2, box.top() + 2 + _MARKER + 2)
            path.closeSubpath()
            painter.fillPath(path, QColor("white"))
            text_rect.adjust(_MARKER, 0, 0, 0)
        if i == self._cursor and self.hasFocus():
            focus_pen = QPen(colours.hover, 1.0, Qt.PenStyle.DotLine)
            painter.setPen(focus_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-2.5, -2.5, 2.5, 2.5), 5, 5)
        painter.setFont(font)
        painter.setPen(QColor(text))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | align, self._labels[i])
        if unknown:  # a dotted line under the text: unknown to the vocabulary
            painter.setPen(QPen(QColor(WRONG if kind == PLAIN else "white"), 1.5,
                                Qt.PenStyle.DotLine))
            baseline = box.bottom() - _PAD_Y + 1
            painter.drawLine(QPointF(text_rect.left(), baseline),
                             QPointF(text_rect.right(), baseline))

    # -- events: reported as signals ------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        self.chip_pressed.emit(self.position_at(event.position().toPoint()), event.modifiers())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.chip_hovered.emit(self.position_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.chip_hovered.emit(-1)
        super().leaveEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.chip_menu_requested.emit(self.position_at(event.pos()), event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            position = self.position_at(help_event.pos())
            if position >= 0:
                QToolTip.showText(help_event.globalPos(), self.tooltip_provider(position), self,
                                  self._rects[position])
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
