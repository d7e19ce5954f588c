"""``mlm-desktop saliency``: the --json form, its defaults, and bad input in one plain line."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mlm_desktop.cli import main

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
TOKEN_KEYS = {"position", "token", "label", "attribution", "special", "masked"}


def _json(capsys, *args) -> dict:
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def _error(capsys, *args) -> str:
    code = main(list(args))
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "unexpected error" not in err
    return err


@pytest.fixture(params=["bert", "roberta"])
def model_dir(request, tiny_bert_dir, tiny_roberta_dir):
    return {"bert": tiny_bert_dir, "roberta": tiny_roberta_dir}[request.param]


def test_the_default_explains_predicts_top_1_at_the_first_mask(capsys, model_dir):
    args = ["--model", str(model_dir), "--text", TEXT, "--mask", "3,4"]
    predicted = _json(capsys, "predict", *args)
    out = _json(capsys, "saliency", *args, "--steps", "20")
    top = predicted["predictions"][0]["candidates"][0]
    assert out["position"] == 3 and out["masked_positions"] == [3, 4]
    assert out["candidate"]["token"] == top["token"]
    assert out["method"] == "ig" and out["steps"] == 20
    assert out["log_probability"] == pytest.approx(np.log(top["probability"]), abs=1e-4)
    assert [t["token"] for t in out["tokens"]] == predicted["tokens"]
    assert all(set(t) == TOKEN_KEYS for t in out["tokens"])
    assert [t["position"] for t in out["tokens"] if t["masked"]] == [3, 4]
    assert out["tokens"][0]["special"] and out["tokens"][-1]["special"]
    total = sum(t["attribution"] for t in out["tokens"])
    difference = out["log_probability"] - out["baseline_log_probability"]
    assert total - difference == pytest.approx(out["convergence_delta"], abs=1e-4)


def test_a_chosen_position_candidate_and_method(capsys, tiny_bert_dir):
    args = ["--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3,4"]
    out = _json(capsys, "saliency", *args, "--position", "4", "--candidate", "Lincoln",
                "--method", "gxi")
    assert out["position"] == 4 and out["candidate"]["token"] == "lincoln"
    assert out["method"] == "gxi" and out["steps"] is None
    assert out["baseline_log_probability"] is None and out["convergence_delta"] is None
    assert any(t["attribution"] != 0 for t in out["tokens"])


def test_a_candidate_of_several_pieces_is_explained_by_its_first(capsys, tiny_bert_dir):
    out = _json(capsys, "saliency", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3",
                "--candidate", "lincolnite", "--method", "gxi")
    assert out["candidate"]["token"] == "lincoln"
    assert any("explained by its first piece" in note for note in out["notes"])


def test_the_table_form_lists_every_token(capsys, tiny_bert_dir):
    code = main(["saliency", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3",
                 "--steps", "4"])
    out = capsys.readouterr().out
    assert code == 0
    assert "integrated gradients, 4 steps" in out and "[CLS]" in out and "[SEP]" in out


@pytest.mark.parametrize("args, message", [
    (["--steps", "1"], "steps must be a whole number from 2 to 200, got 1"),
    (["--steps", "many"], "steps must be a whole number"),
    (["--position", "-1"], "the position must be a whole number"),
    (["--method", "shap"], "invalid choice: 'shap'"),
])
def test_bad_options_are_refused_before_loading(capsys, args, message):
    err = _error(capsys, "saliency", "--model", "/nonexistent/model", "--text", TEXT, "--mask", "3",
                 *args)
    assert message in err


@pytest.mark.parametrize("args, message", [
    ([], "saliency explains a masked token: mask one with --mask P"),
    (["--mask", "3", "--position", "5"], "position 5 is not masked: choose one of 3"),
    (["--mask", "3", "--candidate", "🙂"], "the candidate '🙂' is not in this model's vocabulary"),
    (["--mask", "3", "--candidate", "  "], "gives no token of this model's vocabulary"),
])
def test_what_cannot_be_explained_is_said_plainly(capsys, tiny_bert_dir, args, message):
    err = _error(capsys, "saliency", "--model", str(tiny_bert_dir), "--text", TEXT, *args)
    assert message in err
