"""The text a chosen candidate puts in place of a masked token."""

from __future__ import annotations

from mlm_desktop.core.candidate_text import replacement_text
from mlm_desktop.core.token_text import TokenScheme

WORDPIECE = TokenScheme(continuation="##", tidy_spaces=True)
BYTE_BPE = TokenScheme(word_start="Ġ", byte_level=True)


def test_a_word_candidate_replaces_a_whole_word_without_its_space():
    text = "the cat sat"
    assert replacement_text(text, 4, 7, "dog", WORDPIECE) == "dog"
    assert replacement_text(text, 4, 7, "Ġdog", BYTE_BPE) == "dog"
    assert replacement_text(text, 0, 3, "Ġa", BYTE_BPE) == "a"


def test_a_word_piece_candidate_replaces_only_its_piece():
    text = "playing"  # "play" "##ing": the second piece masked
    assert replacement_text(text, 4, 7, "##ed", WORDPIECE) == "ed"
    assert replacement_text(text, 4, 7, "ers", BYTE_BPE) == "ers"


def test_a_word_start_in_place_of_a_later_piece_keeps_its_space():
    assert replacement_text("playing", 4, 7, "Ġgames", BYTE_BPE) == " games"


def test_decoded_bytes_and_punctuation():
    assert replacement_text("the cafe", 4, 8, "ĠcafÃ©", BYTE_BPE) == "café"
    assert replacement_text("hello.", 5, 6, "!", WORDPIECE) == "!"


def test_a_piece_of_a_character_cannot_be_written():
    assert replacement_text("the cafe", 4, 8, "Ã", BYTE_BPE) is None
