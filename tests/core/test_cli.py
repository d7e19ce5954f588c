"""The command line: predict prints a report or JSON; bad input is one line, exit 2."""

import json
import subprocess
import sys

import pytest

from mlm_desktop.cli import main

KEYS = {
    "model", "device", "tokens", "input_ids", "masked_positions", "masked_text",
    "predicted_text", "loss_masked", "loss_all", "per_token_loss", "predictions",
    "num_hidden_states", "head_check_max_abs_diff", "head_check_passed", "truncated_tokens",
    "timing_ms",
}


@pytest.fixture
def text_file(tmp_path, notebook_text):
    path = tmp_path / "text.txt"
    path.write_text(notebook_text, encoding="utf-8")
    return path


def test_predict_json_has_the_documented_keys(capsys, tiny_bert_dir, text_file):
    code = main([
        "predict", "--model", str(tiny_bert_dir), "--text-file", str(text_file),
        "--mask-random", "0.15", "--seed", "0", "--json",
    ])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert KEYS <= set(data)
    assert len(data["tokens"]) == 62 and data["tokens"][0] == "[CLS]"
    assert data["num_hidden_states"] == 3
    assert data["masked_positions"] == [p["position"] for p in data["predictions"]]
    assert data["masked_positions"]
    assert data["masked_text"].split()[data["masked_positions"][0]] == "[MASK]"
    assert data["head_check_max_abs_diff"] < 1e-5
    assert data["head_check_passed"] is True
    assert len(data["per_token_loss"]) == 62
    cand = data["predictions"][0]["candidates"]
    assert len(cand) == 5 and {"token", "id", "probability"} <= set(cand[0])
    for pred in data["predictions"]:
        probs = [c["probability"] for c in pred["candidates"]]
        assert probs == sorted(probs, reverse=True)
        # rank 1 is the top candidate, as in the report and the window
        true_id = data["input_ids"][pred["position"]]
        if pred["original_rank"] == 1:
            assert pred["candidates"][0]["id"] == true_id
        else:
            assert pred["original_probability"] <= probs[0]


def test_predict_report_shows_three_sentences_and_both_losses(capsys, tiny_bert_dir):
    code = main(["predict", "--model", str(tiny_bert_dir), "--text", "the cat sat on the mat.",
                 "--mask", "3,6", "--top-k", "3"])
    out = capsys.readouterr().out
    assert code == 0
    assert "masked:    [CLS] the cat [MASK] on the [MASK] . [SEP]" in out
    assert "predicted:" in out and "true:      [CLS] the cat sat on the mat . [SEP]" in out
    assert "loss on masked tokens" in out and "loss on all tokens" in out
    assert "head check: passed (the MLM head on the last hidden state reproduces the logits)" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--text", ""], "the text is empty"),
        (["--text", "hi there", "--mask", "0"], "special token"),
        (["--text", "hi there", "--mask", "40"], "outside the text"),
        (["--text", "hi there", "--mask", "x"], "invalid mask positions"),
        (["--text", "hi", "--mask-random", "2"], "between 0 and 1"),
        (["--text-file", "/nonexistent/file.txt"], "does not exist"),
        ([], "no text given"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, tiny_bert_dir, args, message):
    code = main(["predict", "--model", str(tiny_bert_dir), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_model_folder_is_one_line(capsys, tmp_path):
    code = main(["predict", "--model", str(tmp_path / "none"), "--text", "hi"])
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and len(err.strip().splitlines()) == 1


def test_python_dash_m_runs(tiny_bert_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "mlm_desktop", "predict", "--model", str(tiny_bert_dir),
         "--text", "hello [MASK] world", "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["masked_positions"] == [2] and data["loss_masked"] is None
