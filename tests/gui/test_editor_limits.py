"""The editor holds at most MAX_CHARS characters, and says what a huge text or paste lost."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor

from mlm_desktop.app.text_editor import TextEditor


def test_editor_cuts_a_huge_text_and_a_huge_paste_and_says_how_much(qtbot):
    from mlm_desktop.app.text_editor import MAX_CHARS

    editor = TextEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.text_cut) as cut:
        editor.set_text("a" * (MAX_CHARS + 5))
    assert cut.args == [MAX_CHARS, 5] and len(editor.text()) == MAX_CHARS
    editor.set_text("hello ")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    data = QMimeData()
    data.setText("b" * MAX_CHARS)
    with qtbot.waitSignal(editor.text_cut) as cut:
        editor.insertFromMimeData(data)
    assert cut.args == [MAX_CHARS - 6, 6]
    assert editor.text() == "hello " + "b" * (MAX_CHARS - 6)


def test_window_given_a_huge_text_holds_its_first_part_and_says_so(open_window):
    from mlm_desktop.app.text_editor import MAX_CHARS

    controller = open_window(text="word " * (MAX_CHARS // 5 + 100))
    assert len(controller.window.text()) == MAX_CHARS
    assert controller.session.text == controller.window.text()
    message = controller.window.banner.message("textCut")
    assert message is not None and "500 more were left out" in message
