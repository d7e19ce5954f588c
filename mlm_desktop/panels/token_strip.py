"""The tokenized text as wrapping token chips: click a chip to mask or unmask it."""

from __future__ import annotations

import html
import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLabel, QMenu, QScrollArea, QVBoxLayout, QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.token_text import MASK_SPELLINGS, chip_texts
from .chip_canvas import MASKED, PLAIN, SPECIAL, TYPED, ChipCanvas
from .chip_overlay import legend_html, overlay_colours
from .colour_maps import colour_maps
from .label_style import CAPTION_STYLE
from .style import EMPTY, format_number

PLACEHOLDER = QT_TRANSLATE_NOOP(
    "TokenStrip", "Tokens appear here. Click: mask or unmask · Shift+click: a range · Ctrl+click: a word"
)


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
        self._canvas = ChipCanvas()
        self._canvas.tooltip_provider = self.tooltip_text
        self._canvas.key_handler = self._on_key_pressed
        self._canvas.placeholder = self.tr(PLACEHOLDER)
        self._canvas.chip_pressed.connect(self._on_canvas_chip_pressed)
        self._canvas.chip_hovered.connect(self._on_canvas_chip_hovered)
        self._canvas.chip_menu_requested.connect(self._on_canvas_chip_menu_requested)
        self._canvas.focus_entered.connect(self._on_canvas_focused)
        # the keyboard's chip is pointed at while the chips have the keyboard
        self._canvas.focus_left.connect(
            lambda: self._canvas.underMouse() or self._on_canvas_chip_hovered(-1))
        self._scroll = QScrollArea()
        self._scroll.setWidget(self._canvas)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chips take the keyboard
        self._canvas.setAccessibleName(self.tr("Token chips"))
        self._canvas.setAccessibleDescription(self.tr(
            "Left and Right move between tokens; Space masks or unmasks one, Ctrl+Space its word"))
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._legend = QLabel()
        self._legend.setStyleSheet(CAPTION_STYLE)
        self._legend.setWordWrap(True)  # a long scale wraps rather than widening the dock
        self._legend.hide()
        self._overlay: tuple[str, np.ndarray, str] | None = None  # (text, values, legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        layout.addWidget(self._legend)
        self.setFocusProxy(self._canvas)
        self.setMinimumHeight(self._canvas.minimumSizeHint().height() + 4)
        colour_maps().changed.connect(self._apply_overlay)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        if result is None:
            self._kinds = np.zeros(0, dtype=np.int8)
            self._anchor = -1
            self._canvas.set_chips((), self._kinds, np.zeros(0, dtype=bool))
            self._apply_overlay()
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
        special = np.asarray(result.special_mask, dtype=bool)
        self._canvas.set_chips(chip_texts(result.text, result.tokens, result.offsets, special),
                               kinds, joined, _unknown(result))
        self._apply_overlay()

    def set_overlay(self, values: np.ndarray | None, legend: str = "") -> None:
        """Colour the plain chips by one value per token (NaN: no colour), with a legend;
        None takes the colour off. It stays while the strip shows the same text."""
        result = self._result
        if values is None or result is None or len(values) != result.num_tokens:
            self._overlay = None
        else:
            self._overlay = (result.text, np.asarray(values, float), legend)
        self._apply_overlay()

    def overlay_legend(self) -> str:
        """The legend shown under the chips ('' without an overlay)."""
        return self._legend.text() if self._legend.isVisibleTo(self) else ""

    def overlay_fill(self, position: int):
        """The overlay colour of a chip (a QColor), or None."""
        return self._canvas.overlay_fill(position)

    def _apply_overlay(self) -> None:
        result, overlay = self._result, self._overlay
        if overlay is not None and (result is None or result.text != overlay[0]
                                    or result.num_tokens != len(overlay[1])):
            self._overlay = overlay = None
        self._canvas.set_overlay(None if overlay is None else overlay_colours(overlay[1]))
        self._legend.setText("" if overlay is None else legend_html(overlay[1], overlay[2]))
        self._legend.setVisible(overlay is not None)

    def highlight_token(self, position: int) -> None:
        """Outline ``position``'s chip as if hovered (-1: none); emits nothing."""
        self._canvas.set_highlighted(int(position))

    def highlighted_token(self) -> int:
        """The chip outlined for another panel's token (-1: none)."""
        return self._canvas.highlighted

    def cursor_position(self) -> int:
        """The chip the keyboard acts on (-1: none)."""
        return self._canvas.cursor

    def set_cursor_position(self, position: int) -> None:
        """Make ``position`` the chip the keyboard acts on, scrolled into view; emits nothing."""
        if 0 <= position < self._kinds.size:
            self._canvas.set_cursor(int(position))
            self._anchor = int(position)
            self.chip_rect(int(position))

    def chip_count(self) -> int:
        return int(self._kinds.size)

    def chip_rect(self, position: int) -> QRect:
        """The chip's rectangle in this widget's coordinates, scrolled into view first."""
        rect = self._canvas.chip_rect(position)
        self._scroll.ensureVisible(rect.center().x(), rect.center().y(),
                                   rect.width() // 2 + 2, rect.height() // 2 + 2)
        top_left = self._canvas.mapTo(self, rect.topLeft())
        return QRect(top_left, rect.size())

    def chip_text(self, position: int) -> str:
        """What a chip shows: the characters of the text its token covers."""
        return self._canvas.label(position)

    def chip_unknown(self, position: int) -> bool:
        """Whether a chip is marked as unknown to the model's vocabulary."""
        return self._canvas.is_unknown(position)

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
        lines = [self.tr("<b>{token}</b> &nbsp; id {id} · position {position}").format(
            token=token, id=int(result.input_ids[position]), position=position)]
        if end > start:
            chars = html.escape(result.text[start:end])
            lines.append(self.tr("characters {start}–{end}: “{chars}”").format(start=start, end=end,
                                                                               chars=chars))
        else:
            lines.append(self.tr("no characters in the text (added by the tokenizer)"))
        kind = int(self._kinds[position])
        if kind == SPECIAL:
            lines.append(self.tr("special token: not maskable"))
        elif kind == TYPED:
            lines.append(self.tr("mask typed in the text: its true token is unknown"))
            spellings = self.tr(" or ").join(html.escape(m) for m in MASK_SPELLINGS)
            lines.append(self.tr("this model's mask token is {mask}; type {spellings} for any model").format(
                mask=html.escape(result.mask_token), spellings=spellings))
        else:
            if _unknown(result)[position]:
                lines.append(
                    self.tr("<b>unknown to the vocabulary</b>: the model reads {token} here, not these "
                            "characters; masked, its guesses are scored against {token}").format(token=token))
            loss = float(result.per_token_loss[position])
            loss_text = EMPTY if math.isnan(loss) else self.tr("{loss} nats").format(loss=format_number(loss))
            lines.append((self.tr("loss on the true token: {loss}") if kind == MASKED else
                          self.tr("loss on the true token (visible to the model: not masked): {loss}"))
                         .format(loss=loss_text))
            rank = int(result.original_rank[position])
            lines.append(self.tr("rank of the true token: {rank} (1 = model's top guess)").format(rank=rank))
            if kind == MASKED:
                lines.append(self.tr("<i>masked — click to unmask</i>"))
            else:
                lines.append(self.tr("<i>click to mask · Shift+click: range · Ctrl+click: whole word</i>"))
        return "<br>".join(lines)

    # -- events ------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # Presses sent to the strip itself (tests, accessibility tools) land here.
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        point = self._canvas.mapFrom(self, event.position().toPoint())
        self._activate(self._canvas.position_at(point), event.modifiers())

    def _clickable(self, position: int) -> bool:
        return 0 <= position < self._kinds.size and int(self._kinds[position]) in (PLAIN, MASKED)

    def _on_canvas_chip_pressed(self, position: int, modifiers: Qt.KeyboardModifier) -> None:
        self._activate(position, modifiers)

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
        self._on_canvas_chip_hovered(target)  # the other panels and the text point at it too
        return True

    def _on_canvas_focused(self) -> None:
        """The keyboard arrives at the chips: it starts on a maskable chip, pointed at."""
        cursor = self._canvas.cursor
        if not self._clickable(cursor):
            cursor = next((p for p in range(self._kinds.size) if self._clickable(p)), -1)
            self._canvas.set_cursor(cursor)
        if cursor >= 0:
            self._on_canvas_chip_hovered(cursor)

    def _on_canvas_chip_hovered(self, position: int) -> None:
        self._canvas.set_hovered(position if self._clickable(position) else -1)
        if position != self._hovered:
            self._hovered = position
            self.token_hovered.emit(position)

    def _on_canvas_chip_menu_requested(self, position: int, global_pos: QPoint) -> None:
        menu = self.context_menu(position)
        if menu is not None:
            menu.exec(global_pos)

    def context_menu(self, position: int) -> QMenu | None:
        """The menu for a chip (None for chips that cannot be masked)."""
        if not self._clickable(position):
            return None
        menu = QMenu(self)
        masked = int(self._kinds[position]) == MASKED
        toggle = QAction(self.tr("Unmask token") if masked else self.tr("Mask token"), menu)
        toggle.triggered.connect(lambda: self._emit_from_menu(self.mask_toggled, position))
        word = QAction(self.tr("Mask whole word"), menu)
        word.triggered.connect(lambda: self._emit_from_menu(self.word_mask_toggled, position))
        # the keys that do the same on the chip the keyboard is on
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        word.setShortcut(QKeySequence("Ctrl+Space"))
        for action in (toggle, word):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        menu.addAction(toggle)
        menu.addAction(word)
        return menu

    def _emit_from_menu(self, signal, position: int) -> None:
        self._anchor = position
        signal.emit(position)


def _unknown(result: AnalysisResult) -> np.ndarray:
    """(T,) bool: the tokens the vocabulary does not know (none for results that do not say)."""
    if result.unknown_mask is None:
        return np.zeros(result.num_tokens, dtype=bool)
    return np.asarray(result.unknown_mask, dtype=bool)
