"""The editor holds exactly the text analysed, and highlights land on exactly a span's characters.

Token offsets count code points; Qt's text positions count UTF-16 units. The
editor converts both ways, so characters outside the Basic Multilingual Plane
(emoji, rare CJK) before a token never shift its highlight. Each highlight is
read back from the editor's extra selections: the characters Qt selected.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.text_editor import TextEditor

PARAGRAPH = "\u2029"  # how Qt's selections report a line break

# Characters that make UTF-16 and code points disagree, or that Qt's plain-text
# conversions alter: emoji and ZWJ sequences (astral), combining marks, CJK
# (BMP and astral), the special spaces, tabs, right-to-left letters and marks.
SPECIAL = [
    "👍", "😀", "🙂", "👩\u200d💻", "🇫🇷", "𝐀", "𠀀",
    "e\u0301", "\u0308", "\u20dd",
    "東京", "한국어", "ｶﾀｶﾅ",
    "\u00a0", "\u2028", "\u202f", "\u3000", "\u200b", "\u200d", "\ufeff",
    "\t", "\n", "\x0b", "\x0c",
    "שלום", "مرحبا", "\u200f", "\u202e",
    " ", "a", "word", "Z",
]
# Qt stores every line break as one paragraph separator, so these read back as "\n"
LINE_BREAKS = re.compile(r"\r\n?|[\u2029\ufdd0\ufdd1]")
_KEPT = st.characters(exclude_categories=("Cs",), exclude_characters="\r\u2029\ufdd0\ufdd1")

# a byte-order mark that starts the text is an encoding mark, dropped (tested on its own)
texts = st.lists(st.one_of(st.sampled_from(SPECIAL), _KEPT), max_size=24).map(
    lambda parts: "".join(parts).lstrip("\ufeff"))


def _selected(editor: TextEditor) -> list[str]:
    """The characters each highlight covers, as Qt selected them."""
    return [s.cursor.selectedText().replace(PARAGRAPH, "\n") for s in editor.extraSelections()]


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _units(editor: TextEditor) -> list[tuple[int, int]]:
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.extraSelections()]


def _editor(qtbot) -> TextEditor:
    editor = TextEditor()
    qtbot.addWidget(editor)
    return editor


# -- the editor on its own ------------------------------------------------------------
def test_editor_highlights_a_word_after_an_emoji_exactly(qtbot):
    editor = _editor(qtbot)
    text = "👍 hello world"
    editor.set_text(text)
    start = text.index("world")
    editor.highlight_spans([(start, start + 5)], (text.index("hello"), text.index("hello") + 5))
    assert _selected(editor) == ["world", "hello"]
    assert editor.highlighted_spans() == [(8, 13), (2, 7)]


def test_editor_text_keeps_no_break_spaces_and_line_separators(qtbot):
    editor = _editor(qtbot)
    text = "10\u00a0kg\u2028next\u202fline\ttab"
    editor.set_text(text)
    assert editor.text() == text


def test_editor_reports_pasted_text_exactly(qtbot):
    editor = _editor(qtbot)
    pasted = "caf\u00e9\u00a0au lait\u2028👍\u200d🔥 e\u0301"
    mime = QMimeData()
    mime.setText(pasted)
    with qtbot.waitSignal(editor.text_edited) as blocker:
        editor.insertFromMimeData(mime)
    assert blocker.args == [pasted]
    assert editor.text() == pasted


def test_editor_turns_each_line_break_into_one_newline(qtbot):
    editor = _editor(qtbot)
    editor.set_text("one\r\ntwo\rthree\u2029four\r\r\nfive\n")
    assert editor.text() == "one\ntwo\nthree\nfour\n\nfive\n"


def test_editor_drops_a_byte_order_mark_only_at_the_start(qtbot):
    editor = _editor(qtbot)
    editor.set_text("\ufeffone\ufefftwo")
    assert editor.text() == "one\ufefftwo"


def test_editor_shift_enter_starts_a_new_line_like_enter(qtbot):
    editor = _editor(qtbot)
    editor.set_text("ab")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.text() == "ab\n\n"


def test_editor_clamps_spans_past_the_end_and_skips_empty_ones(qtbot):
    editor = _editor(qtbot)
    editor.set_text("😀😀 ab")
    editor.highlight_spans([(3, 99), (2, 2), (5, 3), (-4, 1)], None)
    assert _selected(editor) == ["ab", "😀"]


@settings(max_examples=50, deadline=None)
@given(text=texts, data=st.data())
def test_editor_round_trips_any_text_and_highlights_exactly_the_span(qapp, text, data):
    editor = TextEditor()  # one per example (qtbot's fixture is per test)
    editor.set_text(text)
    assert editor.text() == text
    spans = data.draw(st.lists(
        st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))
        .map(sorted).filter(lambda s: s[0] < s[1]),
        max_size=4,
    ))
    hovered = spans.pop() if spans else None
    editor.highlight_spans(spans, hovered)
    expected = spans + ([hovered] if hovered else [])
    assert _selected(editor) == [text[s:e] for s, e in expected]
    assert _units(editor) == [(_utf16(text[:s]), _utf16(text[:e])) for s, e in expected]


@settings(max_examples=50, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(["\r\n", "\r", "\n", "\u2029", "\ufdd0"]),
                               st.sampled_from(SPECIAL)), max_size=16).map("".join))
def test_editor_round_trip_changes_only_line_breaks(qapp, text):
    editor = TextEditor()
    editor.set_text(text)
    assert editor.text() == LINE_BREAKS.sub("\n", text.removeprefix("\ufeff"))


# -- the window on the tiny BERT ----------------------------------------------------
def _selections_by_kind(window):
    """``(masked, hovered)``: the texts the masked and the hovered highlights cover."""
    masked, hovered = [], []
    for sel in window.editor.extraSelections():
        covered = sel.cursor.selectedText().replace(PARAGRAPH, "\n")
        (hovered if sel.format.fontUnderline() else masked).append(covered)
    return masked, hovered


def test_window_masked_word_after_an_emoji_is_highlighted_exactly(open_window):
    controller = open_window(text="👍 hello world", mask=[3])
    result = controller.session.result
    assert result.tokens[3] == "world"
    assert _selections_by_kind(controller.window) == (["world"], [])


def test_window_hover_after_an_emoji_highlights_exactly_the_token(open_window):
    controller = open_window(text="👍👍 hello world")
    window = controller.window
    position = controller.session.result.tokens.index("hello")
    window.panel("tokens").token_hovered.emit(position)
    assert _selections_by_kind(window) == ([], ["hello"])


def test_window_analyses_pasted_no_break_spaces_and_line_separators_as_pasted(qtbot, open_window):
    controller = open_window(text="placeholder")
    editor = controller.window.editor
    pasted = "10\u00a0kg of\u2028flour"
    mime = QMimeData()
    mime.setText(pasted)
    editor.selectAll()
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        editor.insertFromMimeData(mime)
    assert controller.session.text == pasted
    assert controller.session.result.text == pasted


def test_window_given_crlf_text_analyses_and_highlights_one_newline_per_break(open_window):
    controller = open_window(text="hello\r\nworld", mask=[2])
    result = controller.session.result
    assert controller.window.text() == controller.session.text == result.text == "hello\nworld"
    assert result.tokens[2] == "world"
    assert _selections_by_kind(controller.window) == (["world"], [])


# Text before "hello world" that each once shifted, dropped or changed characters
BEFORE = {
    "emoji": "👍",
    "emoji-skin-tone": "👍🏽",
    "zwj-sequence": "👩\u200d💻 👨\u200d👩\u200d👧",
    "flag": "🇫🇷",
    "combining-marks": "cafe\u0301 Z\u0351\u0358",
    "cjk": "東京",
    "cjk-beyond-bmp": "𠀀𠀁",
    "maths-letters": "𝐀𝐁𝐂",
    "rtl": "שלום مرحبا \u200f",
    "rtl-override": "\u202eabc\u202c",
    "no-break-space": "10\u00a0kg",
    "line-separator": "one\u2028two",
    "tab": "a\tb",
    "crlf": "one\r\ntwo\r\n",
    "zero-width-space": "a\u200bb",
    "vertical-tab-form-feed": "a\x0bb\x0c",
}


@pytest.mark.parametrize("before", list(BEFORE.values()), ids=list(BEFORE))
def test_window_hover_and_mask_highlight_exactly_the_word_after(qtbot, open_window, before):
    text = f"{before} hello world"
    controller = open_window(text=text)
    window = controller.window
    assert window.text() == controller.session.result.text == LINE_BREAKS.sub("\n", text)
    tokens = controller.session.result.tokens
    strip = window.panel("tokens")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        strip.mask_toggled.emit(tokens.index("world"))
    strip.token_hovered.emit(tokens.index("hello"))
    assert _selections_by_kind(window) == (["world"], ["hello"])


# -- token chips to editor, end to end ------------------------------------------------
CHIP_TEXT = "👩\u200d💻 東京 cafe\u0301\u00a0au 👍 hello world"


def test_window_chip_click_and_hover_after_emoji_and_cjk_highlight_the_tokens_characters(
    qtbot, open_window
):
    controller = open_window(text=CHIP_TEXT)
    window = controller.window
    window.show()  # the mouse reaches only a shown widget
    qtbot.waitExposed(window)
    strip = window.panel("tokens")
    tokens = controller.session.result.tokens
    world = tokens.index("world")
    rect = strip.chip_rect(world)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=rect.center())
    assert _selections_by_kind(window) == (["world"], [])
    for token, characters in (("hello", "hello"), ("京", "京"), ("au", "au")):
        position = tokens.index(token)
        point = strip.chip_rect(position).center()
        chip = strip.childAt(point)
        with qtbot.waitSignal(strip.token_hovered, check_params_cb=lambda p, at=position: p == at):
            qtbot.mouseMove(chip, chip.mapFrom(strip, point))
        assert _selections_by_kind(window) == (["world"], [characters])

