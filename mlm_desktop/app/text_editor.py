"""The text editor: exactly the text analysed, with masked and hovered tokens shaded.

It may also colour each token's characters by a value (surprisal, say:
``set_overlay``), under the mask and hover shading. All of it is drawn as
extra selections, which leave the text, its formats and the undo history
alone; the colouring belongs to one text and goes at the first edit.

What the editor holds is what is analysed, character for character:

- Read with ``document().toRawText()``, not ``toPlainText()``: the latter turns a
  no-break space (U+00A0) into a space and a line separator (U+2028) into a
  newline. The raw text keeps both; it stores each line break as a paragraph
  separator (U+2029), which reads back as ``"\\n"``.
- Each line break set or pasted becomes one ``"\\n"``: ``"\\r\\n"``, a lone
  ``"\\r"``, U+2029 and Qt's internal separators U+FDD0 and U+FDD1 all start a
  new paragraph. Every other character, tabs, controls, NBSP, U+2028, emoji,
  combining marks and joiners included, reads back unchanged, except two that
  PySide drops on the way into Qt: a byte-order mark (U+FEFF) that starts the
  string, an encoding mark rather than text, and lone surrogates.
- Shift+Enter starts a new line like Enter, rather than Qt's default of a
  line separator, so a typed line break is always ``"\\n"``.

The editor holds at most :data:`MAX_CHARS` characters (a model reads a few
thousand at most, and Qt's editor slows to seconds per key press on texts of
millions): a longer text set or pasted is cut there, and ``text_cut`` says
how much was left out.

A text longer than the model reads is greyed from where the model stopped
(``show_truncation``; the theme's muted text on a faint fill, light or dark),
with a tooltip saying so. The grey is an extra
selection too: its cursor follows the edits made until the next result.

Spans count code points, as the core's token offsets do; Qt's cursor
positions count UTF-16 units. ``TextPositions`` converts between the two, so
an emoji before a token never shifts its highlight.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMimeData, QSignalBlocker, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ..core.text_positions import TextPositions
from ..core.token_text import MASK_SPELLINGS, typed_mask_spans
from ..panels.chip_overlay import text_colour
from ..panels.theme import follow_palette, theme_colours

MASKED_COLOUR = "#ffe082"
HOVERED_COLOUR = "#90caf9"
MARK_INK = "#111827"
PARAGRAPH_SEPARATOR = "\u2029"  # how a QTextDocument stores a line break
#: the longest text the editor holds (about 40,000 words)
MAX_CHARS = 200_000


class TextEditor(QPlainTextEdit):
    """Plain-text editor that reports its exact text and shades code-point spans."""

    text_edited = Signal(str)
    #: a text set or pasted was cut to fit: characters kept, characters left out
    text_cut = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textEditor")
        self.setAccessibleName(self.tr("Text"))
        self.set_mask_token(None)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        #: (span, fill, text colour or None, underline) of the colouring, then of the marks
        self._overlay: list[tuple[tuple[int, int], QColor, QColor | None, bool]] = []
        self._marks: list[tuple[tuple[int, int], QColor, QColor | None, bool]] = []
        self._overlay_drawn = 0  # the extra selections that colour, before the marks
        #: masks typed in the text ([MASK], <mask>), shaded as masked words are, as one types
        self._typed_drawn = 0
        #: the characters the model did not read (anchor: where it stopped), and why
        self._unread: QTextCursor | None = None
        self._unread_note = ""
        self._unread_drawn = 0
        self.textChanged.connect(self._on_text_changed)
        # the grey of the unread characters follows the theme, light or dark
        follow_palette(self, self._apply_selections)

    def set_mask_token(self, mask_token: str | None) -> None:
        """Say in the placeholder and tooltip which mask token the model uses (None: not known yet).

        Either spelling of :data:`~mlm_desktop.core.token_text.MASK_SPELLINGS`
        typed in the text is read as the model's own mask token.
        """
        self._mask_token = mask_token
        if hasattr(self, "_typed_drawn"):  # built: the model's own spelling is shaded too
            self._apply_selections()
        spellings = self.tr(" or ").join(MASK_SPELLINGS)
        own = self.tr(" (this model's mask token is {token})").format(token=mask_token) if mask_token else ""
        self.setPlaceholderText(
            self.tr("Type or paste text here; click tokens below to mask them, or type {spellings} "
                    "where the model should guess{own}.").format(spellings=spellings, own=own)
        )
        self.setToolTip(self.tr("The text analysed. {spellings} typed in it is a mask for any model"
                                "{own}.").format(spellings=spellings, own=own))

    def text(self) -> str:
        """The text exactly as shown (see the module's rules)."""
        return self.document().toRawText().replace(PARAGRAPH_SEPARATOR, "\n")

    def set_text(self, text: str) -> None:
        """Show ``text`` (cut to :data:`MAX_CHARS`) without emitting ``text_edited``."""
        if len(text) > MAX_CHARS:
            self.text_cut.emit(MAX_CHARS, len(text) - MAX_CHARS)
            text = text[:MAX_CHARS]
        with QSignalBlocker(self):
            self.setPlainText(text)
        if self._overlay or self._unread is not None:
            self._overlay = []
            self._unread = None
            self._apply_selections()
        else:
            self._refresh_typed_masks()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt API
        """Paste, cut to what still fits under :data:`MAX_CHARS`."""
        if not source.hasText():
            return super().insertFromMimeData(source)
        pasted = source.text()
        cursor = self.textCursor()
        room = MAX_CHARS - (len(self.text()) - len(cursor.selectedText()))
        if len(pasted) <= room:
            return super().insertFromMimeData(source)
        kept = pasted[:max(room, 0)]
        self.text_cut.emit(len(kept), len(pasted) - len(kept))
        cursor.insertText(kept)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.InsertLineSeparator):
            self.textCursor().insertText("\n")
            return
        super().keyPressEvent(event)

    def highlight_spans(self, masked: Sequence[tuple[int, int]], hovered: tuple[int, int] | None):
        """Shade the masked spans and outline the hovered one (code-point ``(start, end)``)."""
        # dark ink on the light marks, whatever the theme's text colour
        ink = QColor(MARK_INK)
        marks = [((s, e), QColor(MASKED_COLOUR), ink, False) for s, e in masked]
        if hovered is not None:
            marks.append((hovered, QColor(HOVERED_COLOUR), ink, True))
        self._marks = marks
        self._apply_selections()

    def set_overlay(self, text: str, spans: Sequence[tuple[int, int, QColor]]) -> None:
        """Colour each code-point span ``(start, end, fill)`` of ``text``, under the masks.

        Nothing is coloured unless ``text`` is the text shown; an empty ``spans``
        takes the colouring off. The first edit takes it off too.
        """
        self._overlay = [((s, e), fill, text_colour(fill), False) for s, e, fill in spans
                         ] if spans and text == self.text() else []
        self._apply_selections()

    def highlighted_spans(self) -> list[tuple[int, int]]:
        """The code-point spans shaded now: the masked ones, then the hovered one."""
        return [span for span, _colour in
                self._read_back()[self._overlay_drawn + self._typed_drawn:]]

    def typed_mask_highlights(self) -> list[tuple[int, int, str]]:
        """The masks typed in the text as shaded now: code-point spans and fills, in order."""
        drawn = self._read_back()[self._overlay_drawn:self._overlay_drawn + self._typed_drawn]
        return [(*span, colour) for span, colour in drawn]

    def overlay_spans(self) -> list[tuple[int, int, str]]:
        """The coloured code-point spans and their fills (``#rrggbb``), in order."""
        return [(*span, colour) for span, colour in self._read_back()[:self._overlay_drawn]]

    def show_truncation(self, text: str, analysed_chars: int, note: str) -> None:
        """Grey the characters of ``text`` from ``analysed_chars`` on, which the model did not read.

        ``note`` is the tooltip over them. Nothing is greyed unless ``text`` is
        the text shown and characters are left over; each call replaces the last.
        """
        self._unread = None
        shown = self.text()
        if text == shown and 0 <= analysed_chars < len(shown):
            start = TextPositions(shown).span_to_utf16(analysed_chars, analysed_chars)[0]
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            self._unread, self._unread_note = cursor, note
        self._apply_selections()

    def unread_span(self) -> tuple[int, int] | None:
        """The code-point span greyed as not read by the model (None: all of it was read)."""
        span = self._unread_utf16()
        return None if span is None else TextPositions(self.text()).span_to_code_points(*span)

    def unread_tooltip(self) -> str:
        """The tooltip over the greyed characters ("" when none are greyed)."""
        return self._unread_note if self._unread_utf16() is not None else ""

    def _unread_utf16(self) -> tuple[int, int] | None:
        if self._unread is None:
            return None
        start, end = self._unread.selectionStart(), self.document().characterCount() - 1
        return (start, end) if start < end else None

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        span = self._unread_utf16() if event.type() == QEvent.Type.ToolTip else None
        if span is not None:
            assert isinstance(event, QHelpEvent)
            where = self.cursorForPosition(event.pos()).position()
            if span[0] <= where <= span[1]:
                QToolTip.showText(event.globalPos(), self._unread_note, self.viewport())
                return True
        return super().viewportEvent(event)

    def _read_back(self) -> list[tuple[tuple[int, int], str]]:
        positions = TextPositions(self.text())
        unread = self._unread_drawn
        return [(positions.span_to_code_points(s.cursor.selectionStart(), s.cursor.selectionEnd()),
                 s.format.background().color().name()) for s in self.extraSelections()[unread:]]

    def _on_text_changed(self) -> None:
        if self._overlay:  # the colouring described the text before this edit
            self._overlay = []
            self._apply_selections()
        else:
            self._refresh_typed_masks()
        self.text_edited.emit(self.text())

    def _refresh_typed_masks(self) -> None:
        """Shade the masks typed in the text as it is now; the other marks follow the edit."""
        marks = self._typed_marks()
        if not marks and not self._typed_drawn:
            return
        selections = self.extraSelections()
        start = self._unread_drawn + self._overlay_drawn
        typed = self._selections(TextPositions(self.text()), marks)
        selections[start:start + self._typed_drawn] = typed
        self._typed_drawn = len(typed)
        self.setExtraSelections(selections)

    def _typed_marks(self) -> list[tuple[tuple[int, int], QColor, QColor | None, bool]]:
        ink, fill = QColor(MARK_INK), QColor(MASKED_COLOUR)
        return [(span, fill, ink, False) for span in typed_mask_spans(self.text(), self._mask_token)]

    def _selections(self, positions: TextPositions, marks) -> list[QTextEdit.ExtraSelection]:
        """One extra selection per ``(span, fill, ink, underline)`` of ``marks`` not empty."""
        selections = []
        for (start, end), fill, ink, underline in marks:
            start, end = positions.span_to_utf16(start, end)
            if end <= start:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format.setBackground(fill)
            if ink is not None:
                sel.format.setForeground(ink)
            sel.format.setFontUnderline(underline)
            selections.append(sel)
        return selections

    def _apply_selections(self) -> None:
        positions = TextPositions(self.text())
        selections = []
        if self._unread_utf16() is not None:  # first, under the colouring and the marks
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._unread
            colours = theme_colours(self.palette())  # muted text on a faint fill of the theme
            sel.format.setForeground(colours.muted)
            sel.format.setBackground(colours.chip_fill)
            selections.append(sel)
        self._unread_drawn = len(selections)  # the extra selections that grey, before the rest
        # the colouring, then the typed masks, then the marks (masked, hovered) over them
        groups = [self._selections(positions, marks)
                  for marks in (self._overlay, self._typed_marks(), self._marks)]
        self._overlay_drawn, self._typed_drawn = len(groups[0]), len(groups[1])
        for group in groups:
            selections += group
        self.setExtraSelections(selections)
