"""The MLM-head check as a follow-up gives the figures of the check run inside the pass."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mlm_desktop.core import AnalysisRequest, InputError
from mlm_desktop.core.analyses import ANALYSES
from mlm_desktop.core.analyses.head_check_types import HeadCheckResult
from mlm_desktop.core.options import DEFAULT_OPTIONS

MASKS = (3, 4, 8, 12)


def _both(lm, text):
    inline = ANALYSES["masked_lm"].run(lm, AnalysisRequest(text, mask_positions=MASKS))
    later = ANALYSES["masked_lm"].run(
        lm, AnalysisRequest(text, mask_positions=MASKS, head_check_later=True)
    )
    unit = ANALYSES["head_check"]
    check = unit.run(lm, unit.request_for(later, DEFAULT_OPTIONS, None))
    return inline, later, check


@pytest.mark.parametrize("model", ["tiny_bert", "tiny_roberta"])
def test_the_follow_up_gives_the_figures_of_the_check_in_the_pass(request, model, notebook_text):
    lm = request.getfixturevalue(model)
    inline, later, check = _both(lm, notebook_text)
    assert isinstance(check, HeadCheckResult)
    assert later.head_check_max_abs_diff is None and later.head_check_loss_masked is None
    assert check.row_count == inline.head_check_row_count == len(MASKS) + 2
    assert check.max_abs_diff == pytest.approx(inline.head_check_max_abs_diff, abs=1e-6)
    assert check.loss_masked == pytest.approx(inline.head_check_loss_masked, abs=1e-5)
    assert check.passed is inline.head_check_passed is True
    # the rest of the pass is the same
    np.testing.assert_array_equal(later.top_ids, inline.top_ids)
    assert later.loss_masked == inline.loss_masked


def test_the_checked_loss_is_transformers_own_loss_on_the_masked_tokens(tiny_bert, notebook_text):
    _inline, later, check = _both(tiny_bert, notebook_text)
    ids = torch.as_tensor(later.masked_input_ids)[None]
    with torch.no_grad():
        logits = tiny_bert.model(input_ids=ids).logits[0]
    masked = torch.as_tensor(MASKS)
    expected = F.cross_entropy(logits[masked], torch.as_tensor(later.input_ids)[masked])
    assert check.loss_masked == pytest.approx(float(expected), abs=1e-5)


def test_the_kept_inputs_are_the_checked_rows_only(tiny_bert, notebook_text):
    _inline, later, _check = _both(tiny_bert, notebook_text)
    inputs = later.head_check_inputs
    last = later.num_tokens - 1
    assert inputs.rows.tolist() == [0, *MASKS, last]
    assert inputs.masked.tolist() == [False, True, True, True, True, False]
    assert inputs.logits.shape == (6, tiny_bert.model.config.vocab_size)
    assert inputs.hidden.shape == (6, tiny_bert.model.config.hidden_size)
    assert inputs.labels.tolist() == later.input_ids[inputs.rows].tolist()
    assert not inputs.logits.flags.writeable


def test_a_result_that_kept_nothing_cannot_be_checked_later(tiny_bert, notebook_text):
    result = ANALYSES["masked_lm"].run(tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASKS))
    with pytest.raises(InputError, match="kept nothing"):
        ANALYSES["head_check"].request_for(result, DEFAULT_OPTIONS, None)


def test_a_wrong_head_fails_the_check(tiny_bert, notebook_text):
    unit = ANALYSES["head_check"]
    later = ANALYSES["masked_lm"].run(
        tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASKS, head_check_later=True)
    )
    decoder = tiny_bert.model.get_output_embeddings()
    saved = decoder.bias.detach().clone()
    try:
        with torch.no_grad():
            decoder.bias.add_(5.0)
        check = unit.run(tiny_bert, unit.request_for(later, DEFAULT_OPTIONS, None))
    finally:
        with torch.no_grad():
            decoder.bias.copy_(saved)
    assert check.max_abs_diff == pytest.approx(5.0, abs=1e-3) and check.passed is False


def test_the_check_of_another_models_pass_is_dropped(tiny_bert, tiny_roberta, notebook_text):
    """A model loaded meanwhile makes the kept rows stale: the check stops, no error."""
    from mlm_desktop.core.errors import AnalysisCancelled

    later = ANALYSES["masked_lm"].run(
        tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASKS, head_check_later=True)
    )
    unit = ANALYSES["head_check"]
    with pytest.raises(AnalysisCancelled):
        unit.run(tiny_roberta, unit.request_for(later, DEFAULT_OPTIONS, None))
