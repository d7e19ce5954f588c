"""The token strip: chips in the tokenizer's pieces, click intents, looks, tooltips."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from widget_fixtures import colour_at, grab, original_rank_by_hand, unmasked_result

from mlm_desktop.panels import TokenStrip
from mlm_desktop.panels.style import MASKED_FILL, TYPED_FILL
from mlm_desktop.panels.theme import theme_colours

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def strip(place, result):
    return place(TokenStrip(), result, size=(600, 260))


def click(qtbot, strip, position, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(strip, LEFT, modifier, strip.chip_rect(position).center())


def click_as_user(qtbot, strip, position):
    """Click the innermost widget under the chip, as a real pointer would."""
    point = strip.chip_rect(position).center()
    target = strip.childAt(point)
    assert target is not None
    qtbot.mouseClick(target, LEFT, pos=target.mapFrom(strip, point))


def test_one_chip_per_token_in_the_tokenizers_pieces(strip, result):
    assert strip.chip_count() == result.num_tokens
    assert "##ter" in result.labels
    sumter = result.labels.index("##ter")
    assert strip.chip_kind(sumter) == "plain"
    assert strip.chip_kind(0) == strip.chip_kind(result.num_tokens - 1) == "special"
    assert [strip.chip_kind(p) for p in (3, 4, 8)] == ["masked"] * 3


def test_click_emits_mask_toggled_for_that_position(qtbot, strip):
    with qtbot.waitSignal(strip.mask_toggled, check_params_cb=lambda p: p == 3):
        click(qtbot, strip, 3)
    with qtbot.waitSignal(strip.mask_toggled, check_params_cb=lambda p: p == 10):
        click_as_user(qtbot, strip, 10)


def test_shift_click_emits_the_range_from_the_last_click(qtbot, strip):
    click(qtbot, strip, 5)
    with qtbot.waitSignal(strip.mask_range_toggled, check_params_cb=lambda a, b: (a, b) == (5, 9)):
        click(qtbot, strip, 9, SHIFT)
    with qtbot.waitSignal(strip.mask_range_toggled, check_params_cb=lambda a, b: (a, b) == (2, 9)):
        click(qtbot, strip, 2, SHIFT)


def test_ctrl_click_and_context_menu_mask_the_whole_word(qtbot, strip, result):
    sumter = result.labels.index("##ter")
    with qtbot.waitSignal(strip.word_mask_toggled, check_params_cb=lambda p: p == sumter):
        click(qtbot, strip, sumter, CTRL)
    menu = strip.context_menu(sumter)
    texts = [action.text() for action in menu.actions()]
    assert texts == ["Mask token", "Mask whole word"]
    with qtbot.waitSignal(strip.word_mask_toggled, check_params_cb=lambda p: p == sumter):
        menu.actions()[1].trigger()
    masked_menu = strip.context_menu(3)
    assert masked_menu.actions()[0].text() == "Unmask token"
    with qtbot.waitSignal(strip.mask_toggled, check_params_cb=lambda p: p == 3):
        masked_menu.actions()[0].trigger()


def test_special_tokens_emit_nothing(qtbot, strip, result):
    assert strip.context_menu(0) is None
    for position in (0, result.num_tokens - 1):
        with (
            qtbot.assertNotEmitted(strip.mask_toggled),
            qtbot.assertNotEmitted(strip.mask_range_toggled),
            qtbot.assertNotEmitted(strip.word_mask_toggled),
        ):
            click(qtbot, strip, position)
            click(qtbot, strip, position, SHIFT)
            click(qtbot, strip, position, CTRL)


def test_masked_chips_are_filled_amber_and_plain_chips_are_not(strip):
    image = grab(strip)
    chip_fill = theme_colours().chip_fill.name()
    for position, colour in ((3, MASKED_FILL), (8, MASKED_FILL), (1, chip_fill), (5, chip_fill)):
        rect = strip.chip_rect(position)
        assert colour_at(image, rect.center().x(), rect.top() + 2) == colour


def test_typed_masks_look_masked_but_distinct_and_are_not_clickable(qtbot, place, typed):
    strip = place(TokenStrip(), typed, size=(600, 120))
    assert strip.chip_kind(6) == "typed"
    assert strip.chip_kind(2) == "masked"
    image = grab(strip)
    typed = strip.chip_rect(6)
    assert colour_at(image, typed.center().x(), typed.top() + 3) == TYPED_FILL
    with qtbot.assertNotEmitted(strip.mask_toggled):
        click(qtbot, strip, 6)
    tip = strip.tooltip_text(6)
    assert "[MASK]" in tip and "true token is unknown" in tip


def test_tooltip_gives_token_id_characters_loss_and_rank(strip, result, tiny_bert):
    tip = strip.tooltip_text(3)
    start, end = result.offsets[3]
    assert "lincoln" in tip
    assert f"id {int(result.input_ids[3])}" in tip
    assert f"characters {start}–{end}" in tip and "“Lincoln”" in tip
    assert f"{float(result.per_token_loss[3]):.4f}"[:5] in tip
    assert f"rank of the true token: {original_rank_by_hand(tiny_bert, result, 3)} (1 = " in tip
    assert "not maskable" in strip.tooltip_text(0)


def test_hovering_a_chip_reports_its_position_and_leaving_reports_minus_one(qtbot, strip):
    point = strip.chip_rect(7).center()
    target = strip.childAt(point)
    with qtbot.waitSignal(strip.token_hovered, check_params_cb=lambda p: p == 7):
        qtbot.mouseMove(target, target.mapFrom(strip, point))
    gap = QPoint(2, 2)  # the margin above the first line holds no chip
    with qtbot.waitSignal(strip.token_hovered, check_params_cb=lambda p: p == -1):
        qtbot.mouseMove(target, target.mapFrom(strip, gap))


def test_chips_wrap_to_the_width_and_scroll_when_long(qtbot, strip, result):
    last = result.num_tokens - 1
    wide_bottom = strip.chip_rect(last).bottom() - strip.chip_rect(0).top()
    strip.resize(300, 260)
    qtbot.waitUntil(lambda: strip.width() == 300)
    narrow_bottom = strip.chip_rect(last).bottom() - strip.chip_rect(0).top()
    assert narrow_bottom > wide_bottom
    for position in range(result.num_tokens):
        assert strip.chip_rect(position).right() <= strip.width()
    assert strip.position_at(strip.chip_rect(last).center()) == last


def test_a_text_of_512_tokens_lays_out_and_scrolls(qtbot, place, tmp_path, notebook_text):
    from tiny_models import build_bert

    from mlm_desktop.core import load_model

    lm = load_model(str(build_bert(tmp_path / "bert512", max_position_embeddings=512)), "cpu")
    result = unmasked_result(lm, " ".join([notebook_text] * 9))
    assert result.num_tokens == 512
    strip = place(TokenStrip(), result, size=(500, 150))
    assert strip.chip_count() == result.num_tokens
    last = result.num_tokens - 1
    assert strip.position_at(strip.chip_rect(last).center()) == last
    with qtbot.waitSignal(strip.mask_toggled, check_params_cb=lambda p: p == last - 1):
        click(qtbot, strip, last - 1)


def test_set_result_none_clears(strip):
    strip.set_result(None)
    assert strip.chip_count() == 0
    assert strip.position_at(QPoint(20, 10)) == -1


def test_keyboard_moves_between_maskable_chips_and_space_toggles(qtbot, strip, result):
    qtbot.keyClick(strip, Qt.Key.Key_Home)
    assert strip.cursor_position() == 1  # the first chip after [CLS]
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    assert strip.cursor_position() == 3
    with qtbot.waitSignal(strip.mask_toggled, check_params_cb=lambda p: p == 3):
        qtbot.keyClick(strip, Qt.Key.Key_Space)
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    with qtbot.waitSignal(strip.mask_range_toggled, check_params_cb=lambda a, b: (a, b) == (3, 4)):
        qtbot.keyClick(strip, Qt.Key.Key_Space, SHIFT)
    qtbot.keyClick(strip, Qt.Key.Key_End)
    assert strip.cursor_position() == result.num_tokens - 2  # the last chip before [SEP]
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    assert strip.cursor_position() == result.num_tokens - 2


def test_highlight_from_outside_outlines_a_chip_and_emits_nothing(qtbot, strip):
    from mlm_desktop.panels.style import CHIP_HOVER_BORDER

    rect = strip.chip_rect(5)
    with qtbot.assertNotEmitted(strip.token_hovered):
        strip.highlight_token(5)
    image = grab(strip)
    assert colour_at(image, rect.center().x(), rect.top()) == CHIP_HOVER_BORDER
    strip.highlight_token(-1)
    assert colour_at(grab(strip), rect.center().x(), rect.top()) != CHIP_HOVER_BORDER
