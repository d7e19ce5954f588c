"""The tokenized text as wrapping token chips: click a chip to mask or unmask it."""

from __future__ import annotations

import html
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QMenu, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from ..core.results import AnalysisResult
from .style import (
    CHIP_BORDER,
    CHIP_FILL,
    CHIP_HOVER_BORDER,
    EMPTY,
    MASKED_BORDER,
    MASKED_FILL,
    SPECIAL_TEXT,
    TEXT,
    TYPED_BORDER,
    TYPED_FILL,
    format_number,
)

PLAIN, SPECIAL, MASKED, TYPED = range(4)

_PAD_X = 7
_PAD_Y = 4
_WORD_GAP = 7  # between chips of different words
_PIECE_GAP = 2  # between pieces of one word, so words read as units
_LINE_GAP = 6
_MARGIN = 6
_MARKER = 7  # side of the mask marker triangle


@dataclass(frozen=True)
class _Chip:
    label: str
    kind: int
    rect: QRect


class _ChipCanvas(QWidget):
    """Paints the chips and maps points to chip positions; TokenStrip does the rest."""

    def __init__(self, strip: TokenStrip) -> None:
        super().__init__()
        self._strip = strip
        self._labels: tuple[str, ...] = ()
        self._kinds: np.ndarray = np.zeros(0, dtype=np.int8)
        self._joined: np.ndarray = np.zeros(0, dtype=bool)  # chip continues the previous word
        self._widths: list[int] = []
        self._rects: list[QRect] = []
        self._line_tops: list[int] = []
        self._line_starts: list[int] = []
        self._laid_out_width = -1
        self._hovered = -1
        self._highlighted = -1  # shown like a hovered chip, set from outside
        self._cursor = -1  # the keyboard's chip
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
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(palette)

    # -- content -------------------------------------------------------------
    def set_chips(self, labels: tuple[str, ...], kinds: np.ndarray, joined: np.ndarray) -> None:
        self._labels = labels
        self._kinds = kinds
        self._joined = joined
        plain, bold = QFontMetrics(self.font()), QFontMetrics(self._bold)
        self._widths = [
            (bold if kind in (MASKED, TYPED) else plain).horizontalAdvance(label)
            + 2 * _PAD_X
            + (_MARKER if kind in (MASKED, TYPED) else 0)
            for label, kind in zip(labels, kinds.tolist(), strict=True)
        ]
        self._hovered = -1
        self._highlighted = -1
        if self._cursor >= len(labels):
            self._cursor = -1
        self._laid_out_width = -1
        self._layout(self.width())
        self.updateGeometry()
        self.update()

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

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._update_chips(self._cursor)
        super().focusOutEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._strip._on_key_pressed(event):
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._layout(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
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
        if kind == MASKED:
            fill, border, text, font = MASKED_FILL, MASKED_BORDER, "white", self._bold
        elif kind == TYPED:
            fill, border, text, font = TYPED_FILL, TYPED_BORDER, "white", self._bold
        elif kind == SPECIAL:
            fill, border, text, font = None, CHIP_BORDER, SPECIAL_TEXT, self.font()
        else:
            fill, border, text, font = CHIP_FILL, CHIP_BORDER, TEXT, self.font()
        pen = QPen(QColor(CHIP_HOVER_BORDER if hovered else border), 2.0 if hovered else 1.0)
        if kind == SPECIAL:
            pen.setStyle(Qt.PenStyle.DashLine)
        if kind == TYPED:
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(2.0)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(fill)) if fill else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 4, 4)
        text_rect = QRectF(rect).adjusted(_PAD_X, 0, -_PAD_X, 0)
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
            focus_pen = QPen(QColor(CHIP_HOVER_BORDER), 1.0, Qt.PenStyle.DotLine)
            painter.setPen(focus_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-2.5, -2.5, 2.5, 2.5), 5, 5)
        painter.setFont(font)
        painter.setPen(QColor(text))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         self._labels[i])

    # -- events: all routed to the strip, which owns the meaning -------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._strip._on_canvas_pressed(event.position().toPoint(), event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._strip._on_canvas_hovered(self.position_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._strip._on_canvas_hovered(-1)
        super().leaveEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._strip._on_canvas_context_menu(event.pos(), event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            position = self.position_at(help_event.pos())
            if position >= 0:
                QToolTip.showText(help_event.globalPos(), self._strip.tooltip_text(position), self,
                                  self._rects[position])
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class TokenStrip(QWidget):
    """Token chips in the tokenizer's own pieces, wrapped to the width.

    Intents (the strip never changes the mask itself):
    ``mask_toggled(position)`` on a click; ``mask_range_toggled(first, last)``
    on Shift+click, from the last clicked chip to this one, inclusive, with
    first <= last; ``word_mask_toggled(position)`` on Ctrl+click;
    ``token_hovered(position)``, -1 when the pointer leaves the chips.
    Special tokens and masks typed into the text emit nothing when clicked.
    """

    mask_toggled = Signal(int)
    mask_range_toggled = Signal(int, int)
    word_mask_toggled = Signal(int)
    token_hovered = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._kinds = np.zeros(0, dtype=np.int8)
        self._anchor = -1  # last clicked position: the start of a Shift+click range
        self._hovered = -1
        self._canvas = _ChipCanvas(self)
        self._scroll = QScrollArea()
        self._scroll.setWidget(self._canvas)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self.setFocusProxy(self._canvas)
        self.setMinimumHeight(self._canvas.minimumSizeHint().height() + 4)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        if result is None:
            self._kinds = np.zeros(0, dtype=np.int8)
            self._anchor = -1
            self._canvas.set_chips((), self._kinds, np.zeros(0, dtype=bool))
            return
        kinds = np.full(result.num_tokens, PLAIN, dtype=np.int8)
        kinds[np.asarray(result.special_mask, dtype=bool)] = SPECIAL
        kinds[result.mask_positions] = MASKED
        kinds[np.asarray(result.typed_mask, dtype=bool)] = TYPED
        word_ids = np.asarray(result.word_ids)
        joined = np.zeros(result.num_tokens, dtype=bool)
        if result.num_tokens > 1:
            joined[1:] = (word_ids[1:] == word_ids[:-1]) & (word_ids[1:] >= 0)
        self._kinds = kinds
        if self._anchor >= result.num_tokens:
            self._anchor = -1
        self._canvas.set_chips(tuple(result.labels), kinds, joined)

    def highlight_token(self, position: int) -> None:
        """Outline ``position``'s chip as if hovered (-1: none); emits nothing."""
        self._canvas.set_highlighted(int(position))

    def cursor_position(self) -> int:
        """The chip the keyboard acts on (-1: none)."""
        return self._canvas.cursor

    def chip_count(self) -> int:
        return int(self._kinds.size)

    def chip_rect(self, position: int) -> QRect:
        """The chip's rectangle in this widget's coordinates, scrolled into view first."""
        rect = self._canvas.chip_rect(position)
        self._scroll.ensureVisible(rect.center().x(), rect.center().y(),
                                   rect.width() // 2 + 2, rect.height() // 2 + 2)
        top_left = self._canvas.mapTo(self, rect.topLeft())
        return QRect(top_left, rect.size())

    def chip_kind(self, position: int) -> str:
        """``"plain"``, ``"special"``, ``"masked"`` or ``"typed"``: how the chip is drawn."""
        return ("plain", "special", "masked", "typed")[int(self._kinds[position])]

    def position_at(self, point: QPoint) -> int:
        """The chip under ``point`` in this widget's coordinates, or -1."""
        return self._canvas.position_at(self._canvas.mapFrom(self, point))

    def tooltip_text(self, position: int) -> str:
        result = self._result
        if result is None:
            return ""
        start, end = (int(v) for v in result.offsets[position])
        token = html.escape(result.tokens[position])
        lines = [f"<b>{token}</b> &nbsp; id {int(result.input_ids[position])} · position {position}"]
        if end > start:
            chars = html.escape(result.text[start:end])
            lines.append(f"characters {start}–{end}: “{chars}”")
        else:
            lines.append("no characters in the text (added by the tokenizer)")
        kind = int(self._kinds[position])
        if kind == SPECIAL:
            lines.append("special token: not maskable")
        elif kind == TYPED:
            lines.append("mask typed in the text: its true token is unknown")
        else:
            loss = float(result.per_token_loss[position])
            loss_text = EMPTY if math.isnan(loss) else f"{format_number(loss)} nats"
            lines.append(f"loss on the true token: {loss_text}")
            rank = int(result.true_rank[position])
            lines.append(f"rank of the true token: {rank + 1} (1 = model's top guess)")
            if kind == MASKED:
                lines.append("<i>masked — click to unmask</i>")
            else:
                lines.append("<i>click to mask · Shift+click: range · Ctrl+click: whole word</i>")
        return "<br>".join(lines)

    # -- events ------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # Events sent to the strip itself (tests, accessibility) land here.
        point = self._canvas.mapFrom(self, event.position().toPoint())
        self._on_canvas_pressed(point, event)

    def _clickable(self, position: int) -> bool:
        return 0 <= position < self._kinds.size and int(self._kinds[position]) in (PLAIN, MASKED)

    def _on_canvas_pressed(self, point: QPoint, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        self._activate(self._canvas.position_at(point), event.modifiers())

    def _activate(self, position: int, modifiers: Qt.KeyboardModifier) -> None:
        """A click (or Space) on ``position``: emit the intent its modifiers ask for."""
        if not self._clickable(position):
            return
        self._canvas.set_cursor(position)
        if modifiers & Qt.KeyboardModifier.ShiftModifier and self._anchor >= 0:
            first, last = sorted((self._anchor, position))
            self._anchor = position
            self.mask_range_toggled.emit(first, last)
        elif modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier):
            self._anchor = position
            self.word_mask_toggled.emit(position)
        else:
            self._anchor = position
            self.mask_toggled.emit(position)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._on_key_pressed(event):
            super().keyPressEvent(event)

    def _on_key_pressed(self, event) -> bool:
        """Left/Right/Home/End move between maskable chips; Space or Enter clicks one."""
        clickable = [p for p in range(self._kinds.size) if self._clickable(p)]
        if not clickable:
            return False
        key = event.key()
        cursor = self._canvas.cursor
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(cursor if cursor >= 0 else clickable[0], event.modifiers())
            return True
        if key == Qt.Key.Key_Home:
            target = clickable[0]
        elif key == Qt.Key.Key_End:
            target = clickable[-1]
        elif key == Qt.Key.Key_Right:
            later = [p for p in clickable if p > cursor]
            target = later[0] if later else clickable[-1]
        elif key == Qt.Key.Key_Left:
            earlier = [p for p in clickable if p < cursor]
            target = earlier[-1] if earlier else clickable[0]
        else:
            return False
        self._canvas.set_cursor(target)
        self.chip_rect(target)  # scrolls it into view
        return True

    def _on_canvas_hovered(self, position: int) -> None:
        self._canvas.set_hovered(position if self._clickable(position) else -1)
        if position != self._hovered:
            self._hovered = position
            self.token_hovered.emit(position)

    def _on_canvas_context_menu(self, point: QPoint, global_pos: QPoint) -> None:
        menu = self.context_menu(self._canvas.position_at(point))
        if menu is not None:
            menu.exec(global_pos)

    def context_menu(self, position: int) -> QMenu | None:
        """The menu for a chip (None for chips that cannot be masked)."""
        if not self._clickable(position):
            return None
        menu = QMenu(self)
        masked = int(self._kinds[position]) == MASKED
        toggle = QAction("Unmask token" if masked else "Mask token", menu)
        toggle.triggered.connect(lambda: self._emit_from_menu(self.mask_toggled, position))
        word = QAction("Mask whole word", menu)
        word.triggered.connect(lambda: self._emit_from_menu(self.word_mask_toggled, position))
        menu.addAction(toggle)
        menu.addAction(word)
        return menu

    def _emit_from_menu(self, signal, position: int) -> None:
        self._anchor = position
        signal.emit(position)
