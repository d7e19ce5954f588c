"""What the keyboard's intents mean: masks at the text cursor, from mask to mask, layer by layer.

- A mask asked for at the text cursor goes to the token that ends at it (the
  cursor just after a word), else the one whose characters hold it;
  it is toggled as a click on its chip would (whole words when the options
  say so).
- The next and previous masked token are counted from the text cursor and
  wrap around; the one reached is selected in the text, is the chips'
  keyboard cursor and is pointed at in every panel. Masks typed in the text
  count too.
- A layer step goes to every panel in view that shows one layer at a time
  (``step_layer(step)`` on the panel), as if the user stepped its control.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QTextCursor

from ..core.text_positions import TextPositions
from .analysis_controller import AnalysisController
from .main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Navigator", text)


class Navigator(QObject):
    """Answers the Masks and Navigate menus' intents."""

    def __init__(self, window: MainWindow, analysis: AnalysisController) -> None:
        super().__init__(window)
        self.window = window
        self.analysis = analysis
        nav = window.navigation
        nav.mask_at_cursor_requested.connect(self._on_mask_at_cursor_requested)
        nav.word_mask_at_cursor_requested.connect(self._on_word_mask_at_cursor_requested)
        nav.mask_step_requested.connect(self.step_mask)
        nav.layer_step_requested.connect(self.step_layer)

    def _current_result(self):
        """The result on screen, if it describes the text shown (None while an edit waits)."""
        result = self.analysis.session.result
        return result if result is not None and result.text == self.window.text() else None

    def token_at(self, position: int) -> int:
        """The maskable token ending at code point ``position``, else the one holding it; -1."""
        result = self._current_result()
        if result is None:
            return -1
        maskable = ~result.special_mask.astype(bool) & ~result.typed_mask.astype(bool)
        holding = -1
        for index, (start, end) in enumerate(result.offsets.tolist()):
            if not maskable[index] or end <= start:
                continue
            if end == position:
                return index  # the cursor just after a word (before its full stop, say)
            if start <= position < end and holding < 0:
                holding = index
        return holding

    @Slot(int)
    def _on_mask_at_cursor_requested(self, position: int) -> None:
        self._toggle(self.token_at(position), word=False)

    @Slot(int)
    def _on_word_mask_at_cursor_requested(self, position: int) -> None:
        self._toggle(self.token_at(position), word=True)

    def _toggle(self, token: int, word: bool) -> None:
        if token < 0:
            self.window.show_status(_tr("No token to mask at the text cursor"), 3000)
            return
        self.analysis.toggle_mask(token, word=word)

    # -- from mask to mask ----------------------------------------------------------------
    def masks(self) -> list[tuple[int, int, int]]:
        """``(start, end, token position or -1)`` of every mask in the text, in order."""
        result = self._current_result()
        if result is None:  # an edit waits for its analysis: the masks as spans
            return sorted((s, e, -1) for s, e, _k in self.analysis.session.mask_spans)
        positions = set(self.analysis.session.masked_positions())
        positions |= set(result.typed_mask_positions.tolist())
        return sorted((int(result.offsets[p][0]), int(result.offsets[p][1]), int(p))
                      for p in positions)

    @Slot(int)
    def step_mask(self, step: int) -> int:
        """Select the next (``step`` 1) or previous (-1) mask after the text cursor; its token."""
        masks = self.masks()
        if not masks:
            self.window.show_status(_tr("Nothing is masked"), 3000)
            return -1
        here = self.window.navigation.cursor_position()
        if step > 0:
            later = [m for m in masks if m[0] > here]
            start, end, token = later[0] if later else masks[0]
        else:
            earlier = [m for m in masks if m[0] < here]
            start, end, token = earlier[-1] if earlier else masks[-1]
        editor = self.window.editor
        first, last = TextPositions(editor.text()).span_to_utf16(start, end)
        cursor = QTextCursor(editor.document())
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
        if token >= 0:
            panels = self.window.panels
            strip = panels.panel("tokens") if "tokens" in panels.panels else None
            if strip is not None and hasattr(strip, "set_cursor_position"):
                strip.set_cursor_position(token)
            panels.highlight_token(token)
            panels.show_token(token)
        return token

    # -- layer by layer ------------------------------------------------------------------
    @Slot(int)
    def step_layer(self, step: int) -> list[str]:
        """Step the layer of every panel in view that shows one; the ids of those stepped."""
        panels = self.window.panels
        stepped = [pid for pid, panel in panels.panels.items()
                   if hasattr(panel, "step_layer") and panels.is_in_view(pid)
                   and not panels.docks[pid].isHidden() and panel.step_layer(step)]
        if not stepped:
            self.window.show_status(_tr("No layers to step through in the panels in view"), 4000)
        return stepped
