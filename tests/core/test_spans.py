"""Masks as character spans: numbering tokens, resolving spans and carrying them through edits."""

from __future__ import annotations

import numpy as np
import pytest

from mlm_desktop.core.spans import positions_for_spans, remap_spans, text_edit, token_spans


def test_token_spans_number_tokens_that_share_characters():
    offsets = np.array([[0, 0], [0, 5], [6, 8], [6, 8], [0, 0]])
    assert token_spans(offsets) == [(0, 0, 0), (0, 5, 0), (6, 8, 0), (6, 8, 1), (0, 0, 1)]
    maskable = np.array([False, True, True, True, False])
    assert positions_for_spans(offsets, maskable, {(6, 8, 1), (0, 0, 0), (9, 9, 0)}) == (3,)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("abc def", "abc xdef", (4, 4, 5)),
        ("abc def", "abc de", (6, 7, 6)),
        ("aa", "aaa", (2, 2, 3)),
        ("same", "same", (4, 4, 4)),
    ],
)
def test_text_edit_is_the_middle_between_common_prefix_and_suffix(old, new, expected):
    assert text_edit(old, new) == expected


def test_masks_before_and_after_an_edit_survive_and_touching_ones_drop():
    old = "Abraham Lincoln won the election"
    spans = {(0, 7, 0), (8, 15, 0), (16, 19, 0), (24, 32, 0)}  # abraham lincoln won election
    new = "Abraham Lincolns won the election"  # edit touches "Lincoln"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (17, 20, 0), (25, 33, 0)}
    new = "Abraham Lincoln easily won the election"  # insertion between words
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (23, 26, 0), (31, 39, 0)}
    new = "Abraham Lincoln won the 1860 election"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (16, 19, 0), (29, 37, 0)}
    new = "Abraham Lincoln wonthe election"  # "won" merges with "the"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (23, 31, 0)}
    new = "Abraham Lincoln won the election!"
    assert remap_spans(old, new, spans) == {(0, 7, 0), (8, 15, 0), (16, 19, 0)}
    assert remap_spans(old, "", spans) == set()


def test_a_space_typed_after_a_masked_word_keeps_its_mask():
    from mlm_desktop.core.spans import remap_spans

    assert remap_spans("the end", "the end ", {(4, 7, 0)}) == {(4, 7, 0)}  # at the text's end
    assert remap_spans("the end.", "the end .", {(4, 7, 0)}) == {(4, 7, 0)}  # before punctuation
    assert remap_spans("the end", "the ends", {(4, 7, 0)}) == set()  # the word changed
    assert remap_spans("end foo", "endfoo", {(0, 3, 0)}) == set()  # joined to the next word
    assert remap_spans("end", "so end", {(0, 3, 0)}) == {(3, 6, 0)}  # a word typed before it
