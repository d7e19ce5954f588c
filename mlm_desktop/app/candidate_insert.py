"""A candidate the user picks in a panel goes into the text in place of its masked token.

The change is one edit of the editor's document (one Ctrl+Z takes it back);
the editor reports it like any typed edit, so the analysis runs again on the
new text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.candidate_text import replacement_text
from ..core.text_positions import TextPositions
from .text_editor import TextEditor


class CandidateInserter(QObject):
    """Listens to every panel's ``candidate_chosen(position, token)``."""

    def __init__(self, editor: TextEditor, result: Callable[[], AnalysisResult | None],
                 panels: Iterable[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._result = result
        for panel in panels:
            signal = getattr(panel, "candidate_chosen", None)
            if signal is not None:
                signal.connect(self.insert)

    @Slot(int, str)
    def insert(self, position: int, token: str) -> bool:
        """Put ``token`` in place of the token at ``position``; False when it cannot go in
        (the result on screen no longer describes the editor's text, say)."""
        result = self._result()
        text = self._editor.text()
        if result is None or result.text != text or not 0 <= position < result.num_tokens:
            return False
        start, end = (int(v) for v in result.offsets[position])
        new = replacement_text(text, start, end, token, result.token_scheme)
        if new is None or end <= start:
            return False
        first, last = TextPositions(text).span_to_utf16(start, end)
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)  # the caret after the word put in
        return True
