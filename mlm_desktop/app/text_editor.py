"""The text editor: the text the user types or pastes, with masked and hovered tokens shaded."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QColor, QFont, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

MASKED_COLOUR = "#ffe082"
HOVERED_COLOUR = "#90caf9"


class TextEditor(QPlainTextEdit):
    """Plain-text editor that reports its text and shades character spans."""

    text_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textEditor")
        self.setPlaceholderText("Type or paste text here; click tokens below to mask them.")
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.textChanged.connect(lambda: self.text_edited.emit(self.text()))

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Show ``text`` without emitting ``text_edited``."""
        with QSignalBlocker(self):
            self.setPlainText(text)

    def highlight_spans(self, masked: Sequence[tuple[int, int]], hovered: tuple[int, int] | None):
        """Shade masked characters and outline the hovered token's."""
        length = len(self.toPlainText())
        selections = []
        for (start, end), colour, underline in [((s, e), MASKED_COLOUR, False) for s, e in masked] + (
            [(hovered, HOVERED_COLOUR, True)] if hovered is not None else []
        ):
            start, end = max(0, min(start, length)), max(0, min(end, length))
            if end <= start:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format.setBackground(QColor(colour))
            sel.format.setFontUnderline(underline)
            selections.append(sel)
        self.setExtraSelections(selections)
