"""The part of a long text the model did not read is greyed in the editor, with a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.theme import ThemeController
from mlm_desktop.panels.theme import theme_colours

LONG = " ".join(["Lincoln won the election."] * 40)  # over the tiny model's 128 tokens
SHORT = "Lincoln won the election."


def _tooltip_at(qtbot, editor, position: int) -> str:
    """The tooltip shown over the character at UTF-16 ``position``."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    point = editor.cursorRect(cursor).center() + QPoint(2, 0)
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_the_characters_after_what_the_model_read_are_greyed(qtbot, open_window):
    controller = open_window(text=LONG)
    window, result = controller.window, controller.session.result
    window.show()
    qtbot.waitExposed(window)
    editor = window.editor
    analysed = int(result.offsets[:, 1].max())
    assert result.truncated_tokens > 0 and analysed < len(LONG)
    assert editor.unread_span() == (analysed, len(LONG))
    grey = editor.extraSelections()[0]
    assert (grey.cursor.selectionStart(), grey.cursor.selectionEnd()) == (analysed, len(LONG))
    assert grey.format.foreground().color().name() == theme_colours().muted.name()
    note = editor.unread_tooltip()
    assert "Not analysed" in note and f"{result.max_length} tokens" in note
    # the tooltip over the greyed characters says so; over the read ones, the editor's own
    assert _tooltip_at(qtbot, editor, len(LONG) - 3) == note
    assert _tooltip_at(qtbot, editor, 3) != note


def test_typing_and_undo_are_untouched_by_the_grey(qtbot, open_window):
    controller = open_window(text=LONG)
    editor = controller.window.editor
    start, end = editor.unread_span()
    assert not editor.document().isUndoAvailable()  # the grey is no edit
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "So ")
    assert editor.text() == "So " + LONG
    assert editor.unread_span() == (start + 3, end + 3)  # until the next result, it follows
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == LONG
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        editor.setPlainText(SHORT)
    assert editor.unread_span() is None and editor.unread_tooltip() == ""
    assert editor.text() == SHORT


def test_the_grey_reads_as_muted_text_in_the_dark_theme_too(qtbot, open_window, qapp):
    controller = open_window(text=LONG)
    editor = controller.window.editor
    theme = ThemeController(qapp)
    try:
        theme.set_theme("dark")
        QApplication.processEvents()
        base = editor.palette().color(editor.palette().ColorRole.Base)
        grey = editor.extraSelections()[0]
        fill, ink = grey.format.background().color(), grey.format.foreground().color()
        # a faint fill near the dark ground, not a light block; its text lighter than the fill
        assert fill.lightnessF() < 0.3 and abs(fill.lightnessF() - base.lightnessF()) < 0.12
        assert ink.lightnessF() - fill.lightnessF() > 0.3
        theme.set_theme("light")
        QApplication.processEvents()
        grey = editor.extraSelections()[0]
        assert grey.format.background().color().lightnessF() > 0.85
    finally:
        theme.restore_start()
