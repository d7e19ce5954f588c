"""Joint fill from a word list: every fill is a listed word, scored over the whole vocabulary."""

from __future__ import annotations

import json

import numpy as np
import torch

from mlm_desktop.cli import main
from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import joint_fill
from mlm_desktop.core.analyses.joint_fill_types import FillSettings

TEXT = "The cat sat on the mat in the house."
WORDS = ("dog", "mat", "house", "war")


def _parent(tiny_bert, targets=WORDS):
    return analyze(tiny_bert, AnalysisRequest(TEXT, mask_positions=(2, 6, 9), targets=targets))


def test_fills_come_from_the_word_list(tiny_bert):
    parent = _parent(tiny_bert)
    allowed = {t.id for t in parent.targets}
    request = joint_fill.request_for(parent, None, FillSettings(3))
    assert set(request.allowed_ids) == allowed
    result = joint_fill.run(tiny_bert, request)
    for path in (result.greedy, result.beam, result.argmax):
        assert set(path.ids.tolist()) <= allowed
    # the argmax is the masked-LM result's own (restricted) top-1
    assert result.argmax.ids.tolist() == [parent.prediction_at(p).candidates[0].id for p in (2, 6, 9)]
    # the first greedy step: the most probable (position, listed word), over the whole vocabulary
    ids = torch.tensor(parent.masked_input_ids.tolist())[None]
    with torch.inference_mode():
        logp = torch.log_softmax(tiny_bert.model(input_ids=ids).logits[0].float(), dim=-1)
    listed = sorted(allowed)
    rows = logp[[2, 6, 9]][:, listed]
    best = int(rows.max(dim=-1).values.argmax())
    assert int(result.greedy.order[0]) == (2, 6, 9)[best]
    assert int(result.greedy.ids[0]) == listed[int(rows[best].argmax())]
    np.testing.assert_allclose(result.greedy.probabilities[0], float(rows.max().exp()), rtol=1e-5)


def test_without_a_word_list_any_token_fills(tiny_bert):
    request = joint_fill.request_for(_parent(tiny_bert, ()), None, FillSettings(1))
    assert request.allowed_ids == ()


def test_fill_command_takes_targets(capsys, tiny_bert_dir):
    code = main(["fill", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "2,6",
                 "--targets", "dog,mat", "--beam", "2", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    for key in ("joint", "beam", "argmax"):
        assert {step["token"] for step in data[key]["steps"]} <= {"dog", "mat"}


def test_a_special_token_in_the_word_list_is_never_filled(tiny_bert):
    parent = _parent(tiny_bert, targets=("[MASK]", "[SEP]", "mat"))
    mat = tiny_bert.tokenizer.convert_tokens_to_ids("mat")
    result = joint_fill.run(tiny_bert, joint_fill.request_for(parent, None, FillSettings(2)))
    for path in (result.greedy, result.beam, result.argmax):
        assert path.ids.tolist() == [mat, mat, mat]
