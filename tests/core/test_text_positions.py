"""Code points and UTF-16 units: conversions checked against Python's own UTF-16 encoder."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mlm_desktop.core.text_positions import TextPositions

# astral (emoji, a ZWJ sequence, a flag, CJK extension B, a maths letter) among BMP characters
ALPHABET = st.one_of(
    st.sampled_from(["👍", "👩\u200d💻", "🇫🇷", "𠀀", "𝐀", "e\u0301", "東", "\u00a0", "\u2028", "a", " "]),
    st.characters(exclude_categories=("Cs",)),
)
texts = st.lists(ALPHABET, max_size=30).map("".join)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_emoji_moves_utf16_positions_one_further_each():
    positions = TextPositions("👍 hello world")
    assert positions.to_utf16(8) == 9  # "world" starts at code point 8, unit 9
    assert positions.span_to_utf16(8, 13) == (9, 14)
    assert positions.span_to_code_points(9, 14) == (8, 13)
    assert positions.length == 13
    assert positions.utf16_length == 14


def test_a_unit_inside_a_surrogate_pair_rounds_to_the_character():
    positions = TextPositions("a😀b")
    assert positions.to_code_point(2) == 1  # between the halves of 😀
    assert positions.to_code_point(2, round_up=True) == 2
    assert positions.span_to_code_points(2, 2) == (1, 2)


def test_positions_outside_the_text_are_clamped():
    positions = TextPositions("😀x")
    assert positions.to_utf16(-5) == 0
    assert positions.to_utf16(99) == 3
    assert positions.to_code_point(-1) == 0
    assert positions.to_code_point(99) == 2


def test_text_without_astral_characters_counts_the_same_both_ways():
    text = "naïve 東京 e\u0301\u00a0\u2028\t"
    positions = TextPositions(text)
    assert [positions.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_conversions_agree_with_the_utf16_encoder_and_invert_each_other(text):
    positions = TextPositions(text)
    assert positions.utf16_length == _units(text)
    for i in range(len(text) + 1):
        unit = positions.to_utf16(i)
        assert unit == _units(text[:i])
        assert positions.to_code_point(unit) == i
        assert positions.to_code_point(unit, round_up=True) == i
    for unit in range(positions.utf16_length + 1):
        down = positions.to_code_point(unit)
        up = positions.to_code_point(unit, round_up=True)
        assert positions.to_utf16(down) <= unit <= positions.to_utf16(up)
        assert up - down in (0, 1)
