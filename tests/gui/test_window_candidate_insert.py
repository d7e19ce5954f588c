"""A candidate chosen in the Predictions panel goes into the text, as one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.panels.predictions_panel import CANDIDATE

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _candidate_row(panel, position, rank):
    tree = panel.tree()
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        if group.data(0, Qt.ItemDataRole.UserRole + 2) == position:
            return group.child(rank)
    raise AssertionError(f"no rows for position {position}")


def test_double_clicking_a_candidate_puts_it_in_the_text_and_analyses_again(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[4])
    window = controller.window
    result = controller.session.result
    start, end = (int(v) for v in result.offsets[4])
    assert TEXT[start:end] == "won"
    token = result.top_tokens[4][1]
    word = result.token_scheme.pieces([token])[0].lstrip(" ")
    panel = window.panel("predictions")
    row = _candidate_row(panel, 4, 1)
    tree = panel.tree()
    tree.scrollToItem(row)
    rect = tree.visualItemRect(row)
    rect.setLeft(tree.header().sectionPosition(CANDIDATE))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    expected = TEXT[:start] + word + TEXT[end:]
    assert window.editor.text() == expected
    assert blocker.args[0].text == expected  # analysed again, on the new text
    window.editor.undo()  # one Ctrl+Z takes the whole change back
    assert window.editor.text() == TEXT


def test_the_context_menu_inserts_the_candidate_under_the_pointer(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[3])
    result = controller.session.result
    panel = controller.window.panel("predictions")
    start, end = (int(v) for v in result.offsets[3])
    token = result.top_tokens[3][0]
    panel.point_at(_candidate_row(panel, 3, 0))
    assert panel.insert_action.isVisible()
    assert panel.insert_action in panel.tree().actions()  # the table's context menu shows it
    with qtbot.waitSignal(panel.candidate_chosen) as chosen:
        panel.insert_action.trigger()
    assert chosen.args == [3, token]
    qtbot.waitUntil(lambda: controller.window.editor.text() != TEXT)
    word = result.token_scheme.pieces([token])[0].lstrip(" ")
    assert controller.window.editor.text() == TEXT[:start] + word + TEXT[end:]


def test_a_heading_offers_nothing_to_insert(open_window):
    controller = open_window(text=TEXT, mask=[3])
    panel = controller.window.panel("predictions")
    panel.point_at(panel.tree().topLevelItem(0))
    assert not panel.insert_action.isVisible()


def test_a_candidate_of_an_older_text_is_not_inserted(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[3])
    panel = controller.window.panel("predictions")
    window = controller.window
    window.set_text("Something else entirely.")  # the rows still describe TEXT
    panel.candidate_chosen.emit(3, controller.session.result.top_tokens[3][0])
    assert window.editor.text() == "Something else entirely."
