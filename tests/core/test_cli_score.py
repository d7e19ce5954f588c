"""``mlm-desktop score``: JSON Lines, one object per sentence, the window's PLL for each."""

from __future__ import annotations

import io
import json
import math

import pytest

from mlm_desktop.cli import main
from mlm_desktop.core.analyses import pll

SENTENCES = [
    "The cat sat on the mat.",
    "After Abraham Lincoln won the November 1860 presidential election.",
    "Unbelievable anticonstitutional words split into pieces.",
]
KEYS = {"line", "text", "tokens", "positions", "log_probs", "pll", "pseudo_perplexity",
        "truncated_tokens"}


@pytest.fixture
def sentences_file(tmp_path):
    path = tmp_path / "sentences.txt"
    path.write_text(f"{SENTENCES[0]}\n\n   \n{SENTENCES[1]}\r\n{SENTENCES[2]}", encoding="utf-8")
    return path


def _lines(capsys, *args) -> list[dict]:
    code = main(["score", *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return [json.loads(line) for line in captured.out.splitlines()]


@pytest.mark.parametrize("family", ["bert", "roberta"])
@pytest.mark.parametrize("whole_word", [False, True])
def test_each_line_scores_as_the_window_scores_that_text(
        capsys, sentences_file, family, whole_word, tiny_bert, tiny_roberta, tiny_bert_dir,
        tiny_roberta_dir):
    loaded, folder = {"bert": (tiny_bert, tiny_bert_dir),
                      "roberta": (tiny_roberta, tiny_roberta_dir)}[family]
    flags = ["--whole-word"] if whole_word else []
    rows = _lines(capsys, "--model", str(folder), str(sentences_file), "--batch-size", "5", *flags)
    assert [row["line"] for row in rows] == [1, 4, 5]
    assert [row["text"] for row in rows] == SENTENCES
    for row, text in zip(rows, SENTENCES, strict=True):
        assert set(row) == KEYS
        alone = pll.run(loaded, pll.request_for_text(loaded, text, whole_word=whole_word))
        assert row["positions"] == alone.positions.tolist()
        assert row["tokens"] == [alone.tokens[p] for p in row["positions"]]
        assert row["log_probs"] == pytest.approx(alone.log_probs.tolist(), abs=1e-4)
        assert row["pll"] == pytest.approx(sum(row["log_probs"]), abs=1e-6)
        assert row["pseudo_perplexity"] == pytest.approx(
            math.exp(-row["pll"] / len(row["log_probs"])))


def test_the_batch_size_does_not_change_the_scores(capsys, sentences_file, tiny_bert_dir):
    one = _lines(capsys, "--model", str(tiny_bert_dir), str(sentences_file), "--batch-size", "1")
    many = _lines(capsys, "--model", str(tiny_bert_dir), str(sentences_file))
    for a, b in zip(one, many, strict=True):
        assert a["log_probs"] == pytest.approx(b["log_probs"], abs=1e-4)


def test_a_line_with_nothing_to_score_has_no_pseudo_perplexity(capsys, tmp_path, tiny_bert_dir):
    path = tmp_path / "masks.txt"
    path.write_text("[MASK]\n", encoding="utf-8")
    (row,) = _lines(capsys, "--model", str(tiny_bert_dir), str(path))
    assert row["tokens"] == [] and row["pll"] == 0.0 and row["pseudo_perplexity"] is None


def test_standard_input_and_the_table(capsys, monkeypatch, tiny_bert_dir):
    monkeypatch.setattr("sys.stdin", io.StringIO("The cat sat on the mat.\n"))
    assert main(["score", "--model", str(tiny_bert_dir), "-"]) == 0
    pll_text, ppl, count, text = capsys.readouterr().out.strip().split("\t")
    assert text == SENTENCES[0] and count == "7"
    assert float(ppl) == pytest.approx(math.exp(-float(pll_text) / 7), rel=1e-3)


def test_a_long_line_is_scored_in_part_with_a_warning(capsys, tmp_path, tiny_bert_dir):
    path = tmp_path / "long.txt"
    path.write_text("word " * 300 + "\n", encoding="utf-8")
    (row,) = _lines(capsys, "--model", str(tiny_bert_dir), str(path), "--batch-size", "64")
    assert row["truncated_tokens"] > 0 and len(row["tokens"]) == 126


def test_the_long_line_warning_goes_to_stderr(capsys, tmp_path, tiny_bert_dir):
    path = tmp_path / "long.txt"
    path.write_text("word " * 300 + "\n", encoding="utf-8")
    assert main(["score", "--model", str(tiny_bert_dir), str(path), "--json"]) == 0
    assert "line 1 is longer than the model's maximum of 128 tokens" in capsys.readouterr().err


@pytest.mark.parametrize(("content", "message"), [
    (None, "does not exist"),
    ("", "holds no sentences"),
    ("\n  \n\n", "holds no sentences"),
    (b"\xff\xfe bad", "is not UTF-8 text"),
])
def test_a_file_that_cannot_be_scored_is_one_line(capsys, tmp_path, content, message):
    path = tmp_path / "in.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["score", "--model", str(tmp_path / "no-model"), str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_folder_is_not_a_file(capsys, tmp_path):
    assert main(["score", str(tmp_path)]) == 2
    assert "is a folder; give a text file" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-3", "many", "100000"])
def test_a_bad_batch_size_is_refused(capsys, tmp_path, value):
    assert main(["score", str(tmp_path / "x.txt"), "--batch-size", value]) == 2
    err = capsys.readouterr().err
    assert "the batch size must be a whole number from 1 to 65536" in err


def test_help_describes_the_json_lines(capsys):
    assert main(["score", "--help"]) == 0
    out = capsys.readouterr().out
    for key in KEYS - {"positions"}:
        assert f'"{key}"' in out
