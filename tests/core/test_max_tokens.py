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
    # the limit is named as the one chosen, not as the model's (which reads 128)
    assert any("longer than the maximum length chosen, 12 tokens (the model reads 128): the last "
               f"{cut.truncated_tokens} tokens were dropped" in w for w in cut.warnings)
    assert not any("model's maximum" in w for w in cut.warnings)


def test_a_maximum_above_the_models_reads_what_the_model_reads(tiny_bert):
    request = AnalysisRequest(TEXT * 20, max_tokens=100_000)
    result = analyze(tiny_bert, request)
    assert result.max_length == tiny_bert.max_length
    assert any(f"longer than the model's maximum of {tiny_bert.max_length} tokens" in w
               for w in result.warnings)


@pytest.mark.parametrize("bad", [0, MIN_TOKENS - 1, 100_001, 12.5, "12"])
def test_a_maximum_out_of_range_is_refused(bad):
    with pytest.raises(InputError):
        AnalysisRequest(TEXT, max_tokens=bad)
