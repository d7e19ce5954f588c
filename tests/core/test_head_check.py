"""The head-check verdict: the same in the result, its JSON and its readable report."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.export import format_report, result_to_json

MASK = (3, 4, 8)

#: the JSON keys scripts rely on, as they were before the verdict was added
EARLIER_KEYS = [
    "model", "device", "text", "tokens", "input_ids", "masked_positions",
    "typed_mask_positions", "seed", "masked_text", "predicted_text", "true_text",
    "loss_masked", "loss_all", "perplexity_masked", "perplexity_all", "accuracy_masked",
    "per_token_loss", "predictions", "num_hidden_states", "head_check_max_abs_diff",
    "head_check_loss_masked", "head_check_positions", "truncated_tokens", "warnings",
    "timing_ms",
]
PASSED = "head check: passed (the MLM head on the last hidden state reproduces the logits)"
FAILED = "head check: FAILED (the MLM head on the last hidden state does not reproduce the logits)"


@pytest.fixture(scope="module")
def result(tiny_bert, notebook_text):
    return analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASK))


@pytest.fixture(scope="module")
def unchecked(tiny_bert, notebook_text):
    return analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASK, head_check=False))


def _with_top_logits(result, largest: float):
    """A copy whose top logits have ``largest`` as their greatest magnitude."""
    top = np.full(result.top_logits.shape, largest / 2, dtype=np.float32)
    top[0, 0] = -largest
    return dataclasses.replace(result, top_logits=top)


def test_a_real_head_check_passes(result):
    assert result.head_check_max_abs_diff is not None and result.head_check_max_abs_diff < 1e-5
    assert result.head_check_passed is True


def test_a_large_difference_fails(result):
    largest = float(np.abs(result.top_logits).max())
    assert result.head_check_passed is True
    failed = dataclasses.replace(result, head_check_max_abs_diff=largest)
    assert failed.head_check_passed is False


@pytest.mark.parametrize(
    ("largest", "diff", "passed"),
    [
        (50.0, 0.49, True),  # within 1% of the largest logit
        (50.0, 0.51, False),
        (0.3, 0.009, True),  # logits below 1: the tolerance is 1% of 1
        (0.3, 0.011, False),
    ],
)
def test_the_tolerance_is_a_hundredth_of_the_largest_logit_or_of_one(result, largest, diff, passed):
    changed = dataclasses.replace(_with_top_logits(result, largest), head_check_max_abs_diff=diff)
    assert changed.head_check_passed is passed


def test_no_verdict_when_the_check_did_not_run(unchecked):
    assert unchecked.head_check_max_abs_diff is None
    assert unchecked.head_check_passed is None


def test_json_states_the_verdict_and_keeps_every_earlier_key(result, unchecked):
    data = result_to_json(result)
    assert list(data) == EARLIER_KEYS[:22] + ["head_check_passed"] + EARLIER_KEYS[22:]
    assert data["head_check_passed"] is True
    large = dataclasses.replace(result, head_check_max_abs_diff=1e3)
    assert result_to_json(large)["head_check_passed"] is False
    assert result_to_json(unchecked)["head_check_passed"] is None


def test_report_states_the_verdict_in_words(result, unchecked):
    lines = format_report(result).splitlines()
    assert PASSED in lines and FAILED not in lines
    large = dataclasses.replace(result, head_check_max_abs_diff=1e3)
    assert FAILED in format_report(large).splitlines()
    assert "head check: not run" in format_report(unchecked).splitlines()
