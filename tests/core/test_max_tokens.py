"""A request's maximum length: the pass reads at most that many tokens, never more than the model."""

from __future__ import annotations

import pytest

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses.masked_lm_types import MIN_TOKENS
from mlm_desktop.core.errors import InputError

TEXT = " ".join(["the quick brown fox jumps over the lazy dog"] * 3)


def test_a_maximum_length_cuts_the_text_to_that_many_tokens(tiny_bert):
    whole = analyze(tiny_bert, AnalysisRequest(TEXT))
    assert whole.truncated_tokens == 0 and whole.num_tokens > 12
    cut = analyze(tiny_bert, AnalysisRequest(TEXT, max_tokens=12))
    assert cut.num_tokens == 12 and cut.max_length == 12
    assert cut.truncated_tokens == whole.num_tokens - 12
    assert cut.input_ids[:11].tolist() == whole.input_ids[:11].tolist()  # the same first tokens
    assert any("maximum of 12 tokens" in w for w in cut.warnings)


def test_a_maximum_above_the_models_reads_what_the_model_reads(tiny_bert):
    request = AnalysisRequest(TEXT * 20, max_tokens=100_000)
    assert analyze(tiny_bert, request).max_length == tiny_bert.max_length


@pytest.mark.parametrize("bad", [0, MIN_TOKENS - 1, 100_001, 12.5, "12"])
def test_a_maximum_out_of_range_is_refused(bad):
    with pytest.raises(InputError):
        AnalysisRequest(TEXT, max_tokens=bad)
