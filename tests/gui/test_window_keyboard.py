"""Everything from the keyboard: masks at the text cursor, mask to mask, layers, focus, candidates."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from timeouts import RESULT_TIMEOUT_MS

TEXT = "The cat sat on the mat."  # tokens: [CLS] the cat sat on the mat . [SEP]


def _shown(qtbot, controller):
    window = controller.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _press(qtbot, widget, sequence: str) -> None:
    """Type ``sequence`` (one key combination) at ``widget``, as the keyboard would."""
    combination = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def _put_cursor(window, position: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()


def test_ctrl_m_masks_and_unmasks_the_token_at_the_text_cursor(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = _shown(qtbot, controller)
    _put_cursor(window, TEXT.index("cat") + 1)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        _press(qtbot, window.editor, "Ctrl+M")
    assert controller.session.masked_positions() == (2,)
    assert window.editor.text() == TEXT  # the key typed nothing
    _put_cursor(window, TEXT.index("mat") + 3)  # just after the word: the token ending there
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        _press(qtbot, window.editor, "Ctrl+M")
    assert controller.session.masked_positions() == (2, 6)
    _put_cursor(window, TEXT.index("cat"))
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        _press(qtbot, window.editor, "Ctrl+M")
    assert controller.session.masked_positions() == (6,)


def test_f8_and_shift_f8_go_from_mask_to_mask_and_wrap_around(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[2, 5])
    window = _shown(qtbot, controller)
    strip = window.panel("tokens")
    _put_cursor(window, 0)
    seen = []
    for _ in range(3):
        _press(qtbot, window.editor, "F8")
        seen.append((window.editor.textCursor().selectedText(), strip.cursor_position()))
    assert seen == [("cat", 2), ("the", 5), ("cat", 2)]  # the second 'the', then around
    assert strip.highlighted_token() == 2  # pointed at in every panel
    _press(qtbot, window.editor, "Shift+F8")
    assert (window.editor.textCursor().selectedText(), strip.cursor_position()) == ("the", 5)
    assert window.editor.textCursor().selectionStart() == TEXT.index("the mat")
    _press(qtbot, window.editor, "Shift+F8")
    _press(qtbot, window.editor, "Shift+F8")  # before the first: around to the last
    assert strip.cursor_position() == 5


def test_ctrl_brackets_step_the_layer_of_the_panel_in_view(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = _shown(qtbot, controller)
    hidden = window.panel("hiddenStates")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        window.panels.docks["hiddenStates"].raise_()  # asks again with the hidden states
    qtbot.waitUntil(lambda: hidden.layer_count() > 2)
    assert hidden.current_layer() == 0
    with qtbot.waitSignal(hidden.layer_changed) as changed:
        _press(qtbot, window.editor, "Ctrl+]")
    assert changed.args == [1] and hidden.current_layer() == 1
    _press(qtbot, window.editor, "Ctrl+]")
    _press(qtbot, window.editor, "Ctrl+[")
    assert hidden.current_layer() == 1
    # a panel behind another tab is left alone
    geometry = window.panel("geometry")
    before = geometry.current_layer()
    _press(qtbot, window.editor, "Ctrl+]")
    assert geometry.current_layer() == before and hidden.current_layer() == 2


def test_nothing_to_step_says_so_in_the_status_bar(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = _shown(qtbot, controller)
    window.panels.docks["logitsHeatmap"].raise_()
    qtbot.waitUntil(lambda: not window.panels.is_in_view("hiddenStates"))
    _press(qtbot, window.editor, "Ctrl+]")
    assert "layer" in window.statusBar().currentMessage()


def test_the_chips_take_the_keyboard_and_space_masks(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = _shown(qtbot, controller)
    strip = window.panel("tokens")
    _put_cursor(window, 0)
    _press(qtbot, window.editor, "Ctrl+T")
    focus = QApplication.focusWidget()
    assert focus is not None and strip.isAncestorOf(focus)
    assert strip.cursor_position() == 1  # the first maskable chip, not [CLS]
    assert window.editor.highlighted_spans() == [(0, 3)]  # pointed at in the text
    _press(qtbot, focus, "Right")
    _press(qtbot, focus, "Right")
    assert strip.cursor_position() == 3
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        _press(qtbot, focus, "Space")
    assert controller.session.masked_positions() == (3,)
    menu = strip.context_menu(3)  # the chip's menu shows the keys
    assert [a.shortcut().toString() for a in menu.actions()] == ["Space", "Ctrl+Space"]
    _press(qtbot, focus, "Ctrl+E")
    assert QApplication.focusWidget() is window.editor
    assert window.editor.highlighted_spans() == [(8, 11)]  # the mask only: no token pointed at


def test_f6_visits_the_text_and_each_panel_in_view(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = _shown(qtbot, controller)
    window.editor.setFocus()
    visited = []
    stops = window.navigation.stops()
    for _ in range(len(stops)):
        _press(qtbot, QApplication.focusWidget(), "F6")
        focus = QApplication.focusWidget()
        visited.append(next(s for s in stops if s is focus or s.isAncestorOf(focus)))
        if visited[-1] is not window.editor:
            qtbot.waitUntil(lambda: not visited[-1].visibleRegion().isEmpty())  # in front
    assert visited[-1] is window.editor  # round to the text again
    docks = [s.objectName() for s in visited[:-1]]
    # every open panel, those behind a tab too (each comes to the front when reached)
    assert set(docks) == {d.objectName() for d in window.panels.docks.values()}
    assert len(docks) == len(set(docks)) == len(stops) - 1
    _press(qtbot, QApplication.focusWidget(), "Shift+F6")
    assert visited[-2].isAncestorOf(QApplication.focusWidget())


def test_enter_on_a_candidate_puts_it_in_the_text(qtbot, open_window):
    text = "After Abraham Lincoln won the November 1860 presidential election."
    controller = open_window(text=text, mask=[4])
    window = _shown(qtbot, controller)
    result = controller.session.result
    start, end = (int(v) for v in result.offsets[4])
    token = result.top_tokens[4][1]
    word = result.token_scheme.pieces([token])[0].lstrip(" ")
    tree = window.panel("predictions").tree()
    tree.setFocus()
    group = tree.topLevelItem(0)
    tree.setCurrentItem(group)
    _press(qtbot, tree, "Return")  # on the heading: nothing to put in
    assert window.editor.text() == text
    _press(qtbot, tree, "Down")
    _press(qtbot, tree, "Down")
    assert tree.currentItem() is group.child(1)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        _press(qtbot, tree, "Return")
    assert window.editor.text() == text[:start] + word + text[end:]
    assert "Return" in window.panel("predictions").insert_action.shortcut().toString()


def test_the_attention_layer_steps_too_and_stays_at_the_last(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[2])
    window = _shown(qtbot, controller)
    attention = window.panel("attention")
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS):
        window.panels.docks["attention"].raise_()
    last = attention.view()[1]
    assert last > 0  # the last layer is shown first
    _press(qtbot, window.editor, "Ctrl+[")
    assert attention.view()[1] == last - 1
    _press(qtbot, window.editor, "Ctrl+]")
    _press(qtbot, window.editor, "Ctrl+]")
    assert attention.view()[1] == last
    assert "No layers" not in window.statusBar().currentMessage()  # a panel with layers is in view
