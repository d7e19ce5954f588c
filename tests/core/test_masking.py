"""Masking: explicit, random (reproducible, as the notebook draws it), whole-word."""

import numpy as np
import pytest
import torch

from mlm_desktop.core import InputError
from mlm_desktop.core.masking import random_positions, resolve_mask
from mlm_desktop.core.tokens import tokenize


@pytest.fixture
def tok(tiny_bert, notebook_text):
    return tokenize(tiny_bert.tokenizer, notebook_text, tiny_bert.max_length)


def test_random_mask_matches_the_notebooks_draw(tok):
    positions, seed = resolve_mask(tok, probability=0.15, seed=7)
    assert seed == 7
    torch.manual_seed(7)
    ids = torch.tensor(tok.input_ids)[None]
    mask_arr = (torch.rand(ids.shape) < 0.15) * (ids != 101) * (ids != 102)
    expected = torch.flatten(mask_arr[0].nonzero()).tolist()
    assert positions.tolist() == expected


def test_random_mask_is_reproducible_and_varies_with_seed(tok):
    a, _ = resolve_mask(tok, probability=0.15, seed=0)
    b, _ = resolve_mask(tok, probability=0.15, seed=0)
    c, _ = resolve_mask(tok, probability=0.15, seed=1)
    assert a.tolist() == b.tolist()
    assert a.tolist() != c.tolist()


def test_random_mask_never_touches_special_tokens():
    maskable = np.array([False] + [True] * 8 + [False])
    for seed in range(50):
        chosen = random_positions(maskable, 1.0 if seed % 2 else 0.5, seed)
        assert 0 not in chosen and 9 not in chosen
    assert random_positions(maskable, 1.0, 0).tolist() == list(range(1, 9))


def test_random_mask_without_seed_reports_the_seed_used(tok):
    positions, seed = resolve_mask(tok, probability=0.5)
    assert seed is not None
    again, _ = resolve_mask(tok, probability=0.5, seed=seed)
    assert positions.tolist() == again.tolist()


def test_explicit_positions_sorted_unique(tok):
    positions, seed = resolve_mask(tok, [8, 3, 4, 3])
    assert positions.tolist() == [3, 4, 8]
    assert seed is None


def test_masking_a_special_token_is_an_error(tok):
    with pytest.raises(InputError, match="special token"):
        resolve_mask(tok, [0])
    with pytest.raises(InputError, match="special token"):
        resolve_mask(tok, [len(tok) - 1])


def test_out_of_range_position_is_an_error(tok):
    with pytest.raises(InputError, match="outside the text, which has 62 tokens"):
        resolve_mask(tok, [62])
    with pytest.raises(InputError):
        resolve_mask(tok, [-1])


def test_whole_word_masks_every_piece(tok):
    # 45 = "sum", 46 = "##ter": one word
    positions, _ = resolve_mask(tok, [46], whole_words=True)
    assert positions.tolist() == [45, 46]


def test_random_whole_word_masks_complete_words(tok):
    for seed in range(10):
        positions, _ = resolve_mask(tok, probability=0.3, seed=seed, whole_words=True)
        chosen = set(positions.tolist())
        for p in chosen:
            same_word = np.flatnonzero(tok.word_ids == tok.word_ids[p])
            assert set(same_word.tolist()) <= chosen


def test_bad_probability_is_an_error(tok):
    with pytest.raises(InputError, match="between 0 and 1"):
        resolve_mask(tok, probability=1.5, seed=0)


def test_a_seed_without_a_probability_is_not_reported(tok):
    positions, seed = resolve_mask(tok, [3], seed=9)
    assert positions.tolist() == [3] and seed is None
