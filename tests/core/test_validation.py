"""The core API refuses bad values with one plain InputError, never a bare exception.

``AnalysisRequest`` and ``AnalysisOptions`` check what they are given when they
are made; ``analyze`` checks the text when it runs (so that the window's worker
reports it like any other bad input).
"""

import dataclasses

import numpy as np
import pytest

from mlm_desktop.core import AnalysisRequest, InputError, analyze
from mlm_desktop.core.options import MAX_SEED, MAX_TOKENS, MAX_TOP_K, AnalysisOptions


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"text": b"hello world"}, "text must be a string \\(str\\), not bytes"),
        ({"text": None}, "text must be a string \\(str\\), not NoneType"),
        ({"text": 42}, "text must be a string"),
        ({"mask_positions": ("a",)}, "mask position must be a whole number.*got 'a'"),
        ({"mask_positions": (1.7,)}, "mask position must be a whole number.*got 1.7"),
        ({"mask_positions": (True,)}, "mask position must be a whole number.*got True"),
        ({"mask_positions": (-1,)}, "mask position must be a whole number from 0"),
        ({"mask_positions": (MAX_TOKENS,)}, f"from 0 to {MAX_TOKENS - 1}"),
        ({"mask_positions": "12"}, "mask positions must be a list of token positions"),
        ({"mask_positions": 3}, "mask positions must be a list of token positions"),
        ({"mask_positions": (float("nan"),)}, "mask position must be a whole number"),
        ({"seed": 2**64}, f"seed must be a whole number from 0 to {MAX_SEED}, got {2**64}"),
        ({"seed": -1}, f"seed must be a whole number from 0 to {MAX_SEED}"),
        ({"seed": 0.5}, "seed must be a whole number"),
        ({"seed": "7"}, "seed must be a whole number"),
        ({"top_k": 0}, f"top-k must be a whole number from 1 to {MAX_TOP_K}, got 0"),
        ({"top_k": 2.5}, "top-k must be a whole number"),
        ({"top_k": "5"}, "top-k must be a whole number"),
        ({"top_k": 3_000_000_000}, f"top-k must be a whole number from 1 to {MAX_TOP_K}"),
        ({"random_probability": 1.5}, "mask probability must be a number between 0 and 1, got 1.5"),
        ({"random_probability": -0.1}, "mask probability must be a number between 0 and 1"),
        ({"random_probability": float("nan")}, "mask probability must be a number between 0 and 1"),
        ({"random_probability": "0.5"}, "mask probability must be a number between 0 and 1"),
        ({"random_probability": True}, "mask probability must be a number between 0 and 1"),
        ({"mask_spans": {(1, 2)}}, "mask span must be three whole numbers"),
        ({"mask_spans": {(1, 2, "x")}}, "mask span must be three whole numbers"),
        ({"mask_spans": {(1.5, 2, 0)}}, "mask span must be three whole numbers"),
        ({"mask_spans": {None}}, "mask span must be three whole numbers"),
        ({"mask_spans": 7}, "mask spans must be a set of"),
        ({"whole_word": "yes"}, "whole_word must be True or False, got 'yes'"),
    ],
)
def test_bad_request_values_are_refused_plainly(changes, message):
    values = {"text": "hello world"} | changes
    with pytest.raises(InputError, match=message):
        AnalysisRequest(**values)


def test_whole_numbers_of_any_integer_type_are_taken_as_ints():
    request = AnalysisRequest(
        "hello world", mask_positions=(np.int64(2), 1.0), seed=np.int32(4), top_k=3.0,
        mask_spans=frozenset({(np.int64(0), 5, 0)}),
    )
    assert request.mask_positions == (2, 1)
    assert all(type(p) is int for p in request.mask_positions)
    assert request.seed == 4 and type(request.seed) is int
    assert request.top_k == 3 and type(request.top_k) is int
    assert request.mask_spans == frozenset({(0, 5, 0)})


def test_spans_that_fit_no_token_mask_nothing(tiny_bert):
    """Like spans left from an older text (the window keeps them): no error, no mask."""
    request = AnalysisRequest("hello world", mask_spans={(-1, 2, 0), (5, 2, 0), (0, 5, 0)})
    assert analyze(tiny_bert, request).mask_positions.tolist() == [1]


def test_requests_stay_frozen():
    request = AnalysisRequest("hello world")
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.top_k = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"seed": 99_999_999_999}, f"seed must be a whole number from 0 to {MAX_SEED}"),
        ({"seed": 2**64}, f"seed must be a whole number from 0 to {MAX_SEED}"),
        ({"top_k": 3_000_000_000}, f"top-k must be a whole number from 1 to {MAX_TOP_K}"),
        ({"top_k": True}, "top-k must be a whole number"),
        ({"mask_probability": "high"}, "mask probability must be a number between 0 and 1"),
        ({"whole_word": None}, "whole_word must be True or False"),
    ],
)
def test_bad_options_are_refused_plainly(changes, message):
    with pytest.raises(InputError, match=message):
        AnalysisOptions(**changes)
    with pytest.raises(InputError, match=message):
        AnalysisOptions().with_changes(**changes)


def test_lone_surrogate_is_refused_with_its_position(tiny_bert):
    with pytest.raises(InputError, match="lone surrogate \\(U\\+D800\\) at character 6"):
        analyze(tiny_bert, AnalysisRequest("hello \ud800 world"))


def test_a_seed_without_a_random_draw_is_not_reported(tiny_bert):
    result = analyze(tiny_bert, AnalysisRequest("hello world", mask_positions=(1,), seed=5))
    assert result.seed is None
    drawn = analyze(tiny_bert, AnalysisRequest("hello world", random_probability=0.5, seed=5))
    assert drawn.seed == 5

