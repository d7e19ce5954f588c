"""The surprisal colouring in the editor: each scored token's characters shaded like its chip.

It follows the PLL panel's toggle, sits under the mask and hover shading,
never enters the undo history, and goes the moment the text changes, until
the scores of the new text come.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.text_editor import MASKED_COLOUR, TextEditor

TEXT = "the cat sat on the mat"
RED, PINK = QColor("#b91c1c"), QColor("#fca5a5")


def _editor(qtbot) -> TextEditor:
    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.set_text(TEXT)
    return editor


def test_the_overlay_shades_each_span_under_the_masks(qtbot):
    editor = _editor(qtbot)
    editor.highlight_spans([(4, 7)], None)
    editor.set_overlay(TEXT, [(0, 3, PINK), (4, 7, RED)])
    assert editor.overlay_spans() == [(0, 3, PINK.name()), (4, 7, RED.name())]
    assert editor.highlighted_spans() == [(4, 7)]  # the masks, as before
    # the mask's shade is drawn last, over the colouring
    last = editor.extraSelections()[-1]
    assert last.format.background().color().name() == QColor(MASKED_COLOUR).name()
    # dark fills get light letters
    assert editor.extraSelections()[1].format.foreground().color() == QColor("white")
    editor.highlight_spans([], (0, 3))  # hovering keeps the colouring
    assert editor.overlay_spans() == [(0, 3, PINK.name()), (4, 7, RED.name())]


def test_an_overlay_for_another_text_is_not_shown(qtbot):
    editor = _editor(qtbot)
    editor.set_overlay(TEXT + " again", [(0, 3, RED)])
    assert editor.overlay_spans() == []


def test_typing_takes_the_overlay_off_and_undo_is_untouched(qtbot):
    editor = _editor(qtbot)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "s")
    steps = editor.document().availableUndoSteps()
    editor.set_overlay(TEXT + "s", [(0, 3, RED), (19, 23, PINK)])
    assert editor.document().availableUndoSteps() == steps  # not an edit
    editor.undo()
    assert editor.text() == TEXT  # the typing undone, nothing else
    assert editor.overlay_spans() == []  # gone with the text it described
    editor.redo()
    editor.set_overlay(TEXT + "s", [(0, 3, RED)])
    qtbot.keyClicks(editor, "!")
    assert editor.text() == TEXT + "s!"
    assert editor.overlay_spans() == []  # gone at the first key, until new scores come


def test_the_window_colours_the_editor_text_by_surprisal(qtbot, open_window):
    controller = open_window(mask=())  # nothing masked (a first run masks 15%)
    window, host = controller.window, controller.window.panels
    host.docks["pll"].show()
    host.docks["pll"].raise_()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == "pll"):
        window.show()
    editor, strip, pll = window.editor, host.panels["tokens"], host.panels["pll"]
    qtbot.waitUntil(lambda: editor.overlay_spans() != [], timeout=RESULT_TIMEOUT_MS)
    result = controller.session.result
    scored = pll.result().positions.tolist()
    expected = [(*(int(v) for v in result.offsets[p]), strip.overlay_fill(p).name())
                for p in scored if result.offsets[p][1] > result.offsets[p][0]]
    assert editor.overlay_spans() == expected
    pll.colour_box().setChecked(False)  # the same toggle as the chips
    assert editor.overlay_spans() == []
    pll.colour_box().setChecked(True)
    assert editor.overlay_spans() == expected
    # an edit takes the colouring off at once; the new text's scores bring it back
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, r: kind == "pll" and r.text.endswith("x")):
        qtbot.keyClick(editor, Qt.Key.Key_X)
        assert editor.overlay_spans() == []
    qtbot.waitUntil(lambda: editor.overlay_spans() != [], timeout=RESULT_TIMEOUT_MS)
    assert editor.text().endswith("x")
