"""A seeded random walk through the real window: what a restless user does, fast.

Each step is one thing a user can do: click a token chip (plain, Shift or
Ctrl), type, delete, paste odd text (emoji, accents, Chinese, no-break and
zero-width spaces, a typed mask), undo, switch between two models, draw or
re-roll a random mask, change top-k or whole words, close, reopen or raise a
dock, hover a token, run at once. Most steps do not wait for the result, so
that requests pile up and replace one another; now and then the walk lets
the window catch up. ``log`` keeps the steps taken, to read back a failure.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from timeouts import RESULT_TIMEOUT_MS
from walk_panel_steps import PanelSteps

from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM

#: pasted as a whole, through the clipboard, as a user would
ODD_TEXTS = (
    "👍 ", "🙂🙂", "👨‍👩‍👧 family", "café ", "naïve résumé", "Ünïcödé ",
    "東京は大きい", "中文文本", "e\u0301t\u00e9 ", "مرحبا ", " zero\u200bwidth ",
    "\t", "\n", "  ", "[MASK]", " <mask> ", "1860,", "—", "x" * 40, " Lincoln ",
    "déjà vu 🙂 ", "ﬁne ", "Ⅻ ", "\u00a0", "\u2028", "a\u0308\u0301 ",
)
#: typed key by key (QTest types ASCII only; other characters come by paste)
WORDS = ("the ", "war ", "Paris ", "cat ", "won ", "1861 ", "s", ". ", "a", " ")
SEED_TEXT = "After Abraham Lincoln won the November 1860 presidential election."


class RandomWalk(PanelSteps):
    """Drives ``controller``'s window at random; ``models`` are folders to switch between."""

    def __init__(self, qtbot, controller, models: list[str], seed: int,
                 broken: str | None = None) -> None:
        self.qtbot = qtbot
        self.controller = controller
        self.window = controller.window
        self.models = models
        self.rng = random.Random(seed)
        self.log: list[str] = []
        self.chosen_model = models[0]
        #: a folder that fails to load, chosen now and then
        self.broken = broken
        #: the random draw (probability, seed) asked for last, until a result
        #: shows one or a click or "Clear masks" replaces it
        self.draw: tuple[float, int] | None = None
        #: results shown and failures reported so far
        self.answers = 0
        controller.result_applied.connect(self._on_answer)
        controller.analysis_error.connect(self._on_answer)
        self.steps: list[tuple[int, Callable[[], None]]] = [
            (24, self.click_chip),
            (9, self.type_words),
            (7, self.delete_some),
            (6, self.paste_odd),
            (2, self.undo),
            (1, self.replace_all),
            (1, self.paste_long),
            (3, self.switch_model),
            (1, self.switch_device),
            (3, self.random_mask),
            (2, self.reroll),
            (1, self.clear_masks),
            (4, self.change_top_k),
            (3, self.toggle_whole_word),
            (1, self.change_probability),
            (5, self.toggle_dock),
            (2, self.raise_dock),
            (1, self.float_dock),
            (3, self.hover),
            (4, self.use_a_panel),
            (1, self.reset_layout),
            (2, self.run_at_once),
            (8, self.process_events),
            (4, self.wait_for_result),
        ]

    # -- the walk -------------------------------------------------------------
    def run(self, steps: int) -> None:
        weights = [w for w, _ in self.steps]
        actions = [a for _, a in self.steps]
        for _ in range(steps):
            action = self.rng.choices(actions, weights)[0]
            action()

    def note(self, text: str) -> None:
        self.log.append(text)

    # -- chips -----------------------------------------------------------------
    def click_chip(self) -> None:
        strip = self.window.panel("tokens")
        if not strip.isVisible() or strip.chip_count() == 0:
            return
        position = self.rng.randrange(strip.chip_count())
        modifier = self.rng.choices(
            [Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier,
             Qt.KeyboardModifier.ControlModifier], [8, 1, 1])[0]
        self.note(f"click {position} {modifier.name}")
        ledger = self.controller.analysis.ledger
        before = ledger.latest(MASKED_LM)
        rect = strip.chip_rect(position)
        self.qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, modifier, rect.center())
        if ledger.latest(MASKED_LM) != before:
            self.draw = None  # the click changed the masks on screen

    def hover(self) -> None:
        strip = self.window.panel("tokens")
        position = self.rng.randrange(-1, max(strip.chip_count(), 1))
        self.note(f"hover {position}")
        strip.token_hovered.emit(position)

    # -- text --------------------------------------------------------------------
    def _cursor_at_random(self, select: bool = False) -> QTextCursor:
        """A cursor on a character boundary a user can click (never inside an emoji)."""
        editor = self.window.editor
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        length = len(editor.toPlainText())
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter,
                            QTextCursor.MoveMode.MoveAnchor, self.rng.randint(0, length))
        if select:
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter,
                                QTextCursor.MoveMode.KeepAnchor, self.rng.randint(1, 12))
        editor.setTextCursor(cursor)
        return cursor

    def type_words(self) -> None:
        self._cursor_at_random()
        words = "".join(self.rng.choices(WORDS, k=self.rng.randint(1, 3)))
        self.note(f"type {words!r} at {self.window.editor.textCursor().position()}")
        self.qtbot.keyClicks(self.window.editor, words)

    def delete_some(self) -> None:
        cursor = self._cursor_at_random(select=self.rng.random() < 0.5)
        key = self.rng.choice([Qt.Key.Key_Backspace, Qt.Key.Key_Delete])
        self.note(f"delete {key.name} at {cursor.anchor()}..{cursor.position()}")
        for _ in range(self.rng.randint(1, 4)):
            self.qtbot.keyClick(self.window.editor, key)

    def paste_odd(self) -> None:
        self._cursor_at_random(select=self.rng.random() < 0.2)
        text = self.rng.choice(ODD_TEXTS)
        self.note(f"paste {text!r}")
        QApplication.clipboard().setText(text)
        self.window.editor.paste()

    def paste_long(self) -> None:
        """More text than the model takes: the analysis covers its first tokens."""
        self._cursor_at_random()
        self.note("paste a long text")
        QApplication.clipboard().setText((SEED_TEXT + " ") * 10)
        self.window.editor.paste()

    def undo(self) -> None:
        self.note("undo")
        self.qtbot.keyClick(self.window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    def replace_all(self) -> None:
        """Select all and type over it (sometimes with nothing: an empty text)."""
        editor = self.window.editor
        self.qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        text = self.rng.choice(["", " ", SEED_TEXT, "Paris is the capital of France."])
        self.note(f"replace all with {text!r}")
        if text:
            self.qtbot.keyClicks(editor, text)
        else:
            self.qtbot.keyClick(editor, Qt.Key.Key_Delete)

    def ensure_text(self) -> None:
        """End on a text worth analysing: a blank one gets a sentence typed."""
        if not self.window.editor.toPlainText().strip():
            editor = self.window.editor
            editor.moveCursor(QTextCursor.MoveOperation.End)
            self.qtbot.keyClicks(editor, "The cat sat on the mat.")
            self.note("type a sentence into the blank text")

    # -- model and options -----------------------------------------------------------
    def switch_model(self) -> None:
        """Choose the other model (now and then one that fails to load)."""
        choices = [*self.models, *([self.broken] if self.broken else [])]
        self.chosen_model = self.rng.choices(choices, [3] * len(self.models) + [1] * (
            len(choices) - len(self.models)))[0]
        self.note(f"model {self.chosen_model}")
        self.window.choose_model(self.chosen_model)

    def switch_device(self) -> None:
        """The Device menu: the model loads again on the device chosen."""
        actions = self.window.device_menu.actions_by_device
        choice = self.rng.choice(sorted(c for c, a in actions.items() if a.isEnabled()))
        self.note(f"device {choice}")
        actions[choice].trigger()

    def random_mask(self) -> None:
        bar = self.window.options_bar
        self.draw = (bar.probability_spin.value(), bar.seed_spin.value())
        self.note(f"random mask {self.draw}")
        self.window.random_mask_action.trigger()

    def reroll(self) -> None:
        self.window.reroll_action.trigger()
        bar = self.window.options_bar
        self.draw = (bar.probability_spin.value(), bar.seed_spin.value())
        self.note(f"re-roll {self.draw}")

    def clear_masks(self) -> None:
        self.note("clear masks")
        self.draw = None
        self.window.clear_masks_action.trigger()

    def change_top_k(self) -> None:
        value = self.rng.randint(1, 12)
        self.note(f"top-k {value}")
        self.window.options_bar.top_k_spin.setValue(value)

    def toggle_whole_word(self) -> None:
        self.note("whole words")
        self.window.options_bar.whole_word_check.toggle()

    def change_probability(self) -> None:
        value = self.rng.choice([0.0, 0.15, 0.5, 1.0])
        self.note(f"p {value}")
        self.window.options_bar.probability_spin.setValue(value)

    def run_at_once(self) -> None:
        self.note("Ctrl+Enter")
        self.qtbot.keyClick(self.window.editor, Qt.Key.Key_Return,
                            Qt.KeyboardModifier.ControlModifier)

    # -- letting the window catch up -------------------------------------------------
    def process_events(self) -> None:
        self.note("process events")
        QApplication.processEvents()

    def wait_for_result(self) -> None:
        """Wait until the next result or failure arrives, if one is on its way."""
        analysis = self.controller.analysis
        if not self.window.editor.toPlainText().strip():
            return  # nothing to analyse: nothing comes
        ledger = analysis.ledger
        on_its_way = ledger.latest(MASKED_LM) not in (None, ledger.shown(MASKED_LM))
        if not (on_its_way or analysis.debounce.isActive()):
            return
        self.note("wait for a result")
        before = self.answers
        self.qtbot.waitUntil(lambda: self.answers > before, timeout=RESULT_TIMEOUT_MS)

    def _on_answer(self, *args) -> None:
        self.answers += 1
        if args and getattr(args[0], "seed", None) is not None:
            self.draw = None  # a draw is shown: its masks are the masks now
