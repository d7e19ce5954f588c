"""``mlm-desktop fill``: the documented JSON form, checked against predict and the model by hand."""

from __future__ import annotations

import json
import math

import pytest
import torch

from mlm_desktop.cli import main
from mlm_desktop.core import load_model

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
FILL_KEYS = {"model", "device", "text", "tokens", "masked_positions", "beam_width", "joint",
             "beam", "argmax", "differs", "notes", "warnings", "timing_ms"}
PATH_KEYS = {"text", "logprob", "tokens", "steps"}
STEP_KEYS = {"step", "position", "token", "id", "probability"}


def _json(capsys, *args) -> dict:
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


@pytest.fixture(params=["bert", "roberta"])
def model_dir(request, tiny_bert_dir, tiny_roberta_dir):
    return {"bert": tiny_bert_dir, "roberta": tiny_roberta_dir}[request.param]


def test_the_json_form_holds_the_joint_fill_next_to_predicts_argmax(capsys, model_dir):
    args = ["--model", str(model_dir), "--text", TEXT, "--mask", "3,4,6"]
    predicted = _json(capsys, "predict", *args, "--top-k", "1")
    filled = _json(capsys, "fill", *args)
    assert set(filled) == FILL_KEYS
    assert filled["masked_positions"] == predicted["masked_positions"] == [3, 4, 6]
    assert filled["tokens"] == predicted["tokens"] and filled["beam_width"] == 1
    for name in ("joint", "beam", "argmax"):
        assert set(filled[name]) == PATH_KEYS
        assert all(set(step) == STEP_KEYS for step in filled[name]["steps"])
        assert len(filled[name]["tokens"]) == len(predicted["tokens"])
    assert filled["beam"] == filled["joint"]
    # the argmax is predict's top-1 at every mask, in text order, each read alone
    argmax = filled["argmax"]["steps"]
    for step, prediction in zip(argmax, predicted["predictions"], strict=True):
        top = prediction["candidates"][0]
        assert (step["position"], step["id"], step["token"]) == \
            (prediction["position"], top["id"], top["token"])
        assert step["probability"] == pytest.approx(top["probability"], rel=1e-5)
    assert filled["argmax"]["logprob"] == pytest.approx(
        sum(math.log(s["probability"]) for s in argmax), rel=1e-5)
    # the joint fill starts with the argmax at its most confident mask
    first = filled["joint"]["steps"][0]
    best = max(argmax, key=lambda s: s["probability"])
    assert (first["position"], first["id"]) == (best["position"], best["id"])
    assert [s["step"] for s in filled["joint"]["steps"]] == [1, 2, 3]
    assert sorted(s["position"] for s in filled["joint"]["steps"]) == [3, 4, 6]
    differs = [s["position"] for s in filled["joint"]["steps"]
               if s["id"] != next(a["id"] for a in argmax if a["position"] == s["position"])]
    assert filled["differs"] == sorted(differs)


def test_the_joint_tokens_are_the_filled_ids_and_each_step_is_rerun(capsys, tiny_bert_dir):
    filled = _json(capsys, "fill", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3-5")
    lm = load_model(str(tiny_bert_dir))
    ids = lm.tokenizer(TEXT)["input_ids"]
    for position in (3, 4, 5):
        ids[position] = lm.tokenizer.mask_token_id
    for step in filled["joint"]["steps"]:
        with torch.no_grad():
            logp = lm.model(input_ids=torch.tensor(ids)[None]).logits[0].log_softmax(-1)
        assert step["probability"] == pytest.approx(
            math.exp(float(logp[step["position"], step["id"]])), rel=1e-4)
        ids[step["position"]] = step["id"]
    assert filled["joint"]["tokens"] == lm.tokenizer.convert_ids_to_tokens(ids)
    assert filled["joint"]["text"] == lm.tokenizer.decode(ids, skip_special_tokens=True).strip()


def test_a_beam_scores_at_least_the_greedy_fill(capsys, tiny_roberta_dir):
    filled = _json(capsys, "fill", "--model", str(tiny_roberta_dir), "--text", TEXT,
                   "--mask", "2,3,5", "--beam", "4")
    assert filled["beam_width"] == 4
    assert filled["beam"]["logprob"] >= filled["joint"]["logprob"] - 1e-6
    assert filled["beam"]["logprob"] == pytest.approx(
        sum(math.log(s["probability"]) for s in filled["beam"]["steps"]), abs=1e-4)


def test_a_typed_mask_is_filled_too(capsys, tiny_bert_dir):
    filled = _json(capsys, "fill", "--model", str(tiny_bert_dir), "--text", "the [MASK] sat down",
                   "--mask", "4")
    assert filled["masked_positions"] == [2, 4]
    steps = {s["position"]: s["token"] for s in filled["joint"]["steps"]}
    assert sorted(steps) == [2, 4]
    assert [filled["joint"]["tokens"][p] for p in (2, 4)] == [steps[2], steps[4]]


def test_the_plain_form_shows_both_sentences_and_the_order(capsys, tiny_bert_dir):
    code = main(["fill", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3,4",
                 "--beam", "3"])
    out = capsys.readouterr().out
    assert code == 0
    assert "joint  (log-prob" in out and "beam 3 (log-prob" in out and "argmax (log-prob" in out
    assert "order of filling (joint):" in out
    assert len([line for line in out.splitlines() if line.startswith("    ")]) >= 2


@pytest.mark.parametrize("json_form", [[], ["--json"]], ids=["plain", "json"])
def test_without_masks_it_says_what_to_do_and_exits_2(capsys, tiny_bert_dir, json_form):
    """Like saliency: nothing to fill is bad input (exit 2, one line), not an empty answer."""
    code = main(["fill", "--model", str(tiny_bert_dir), "--text", TEXT, *json_form])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "pass --mask or --mask-random" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["--text", TEXT, "--beam", "0"], "the beam width must be a whole number from 1 "
                     "to 5, got 0", id="beam 0"),
        pytest.param(["--text", TEXT, "--beam", "6"], "from 1 to 5, got 6", id="beam 6"),
        pytest.param(["--text", TEXT, "--beam", "wide"], "got 'wide'", id="beam word"),
        pytest.param(["--text", TEXT, "--seed", "3"], "--seed only applies to --mask-random",
                     id="seed alone"),
        pytest.param(["--text", TEXT, "--mask", "0"], "special token", id="mask 0"),
        pytest.param([], "no text given", id="no text"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, tiny_bert_dir, args, message):
    code = main(["fill", "--model", str(tiny_bert_dir), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
