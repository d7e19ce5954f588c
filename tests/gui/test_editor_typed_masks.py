"""Masks typed in the editor ([MASK], <mask>, the model's own spelling) are shaded as masked
words are, as one types, before any analysis."""

from __future__ import annotations

from PySide6.QtGui import QColor

from mlm_desktop.app.text_editor import MASKED_COLOUR, TextEditor
from mlm_desktop.core.token_text import typed_mask_spans

FILL = QColor(MASKED_COLOUR).name()


def test_typed_mask_spans_finds_each_spelling():
    text = "a [MASK] b <mask> c [MASK]<mask> [mask] <MASK>"
    assert typed_mask_spans(text) == [(2, 8), (11, 17), (20, 26), (26, 32)]
    assert typed_mask_spans("x [unused0] y", "[unused0]") == [(2, 11)]
    assert typed_mask_spans("no mask here") == []


def test_the_editor_shades_typed_masks_as_masked_words(qtbot):
    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.set_text("🙂 The [MASK] sat on <mask>.")
    # code points: the emoji before them does not shift the shading
    assert editor.typed_mask_highlights() == [(6, 12, FILL), (20, 26, FILL)]
    editor.highlight_spans([(2, 5)], None)  # a masked word, shaded the same way
    assert editor.highlighted_spans() == [(2, 5)]
    assert editor.typed_mask_highlights() == [(6, 12, FILL), (20, 26, FILL)]


def test_typing_and_deleting_a_mask_updates_the_shading(qtbot):
    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.set_text("The cat sat.")
    assert editor.typed_mask_highlights() == []
    editor.highlight_spans([(4, 7)], None)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " [MASK]")
    assert editor.text() == "The cat sat. [MASK]"
    assert editor.typed_mask_highlights() == [(13, 19, FILL)]
    assert editor.highlighted_spans() == [(4, 7)]  # the masked word's shading is kept
    editor.textCursor().deletePreviousChar()
    assert editor.typed_mask_highlights() == []
    assert editor.highlighted_spans() == [(4, 7)]


def test_the_models_own_mask_spelling_is_shaded_too(qtbot):
    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.set_text("a <special-mask> b")
    assert editor.typed_mask_highlights() == []
    editor.set_mask_token("<special-mask>")
    assert editor.typed_mask_highlights() == [(2, 16, FILL)]
