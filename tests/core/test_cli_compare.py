"""``mlm-desktop compare``: each side's numbers are that model's own ``predict``; bad input, one line."""

from __future__ import annotations

import json

import pytest

from mlm_desktop.cli import main

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys, *args) -> dict:
    code, out, err = _run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_each_side_is_that_models_own_predict(capsys, tiny_bert_dir, tiny_roberta_dir):
    both = _json(capsys, "compare", "--model", str(tiny_bert_dir), "--model-b", str(tiny_roberta_dir),
                 "--text", TEXT, "--mask", "2,3", "--top-k", "3")
    alone_a = _json(capsys, "predict", "--model", str(tiny_bert_dir), "--text", TEXT,
                    "--mask", "2,3", "--top-k", "3")
    b_positions = both["b"]["masked_positions"]
    alone_b = _json(capsys, "predict", "--model", str(tiny_roberta_dir), "--text", TEXT,
                    "--mask", ",".join(map(str, b_positions)), "--top-k", "3")
    assert both["a"]["masked_positions"] == [2, 3]
    assert both["a"]["loss_masked"] == pytest.approx(alone_a["loss_masked"], rel=1e-5)
    assert both["b"]["loss_masked"] == pytest.approx(alone_b["loss_masked"], rel=1e-5)
    assert both["a"]["loss_all"] == pytest.approx(alone_a["loss_all"], rel=1e-5)
    assert both["b"]["loss_all"] == pytest.approx(alone_b["loss_all"], rel=1e-5)
    by_position = {side: {p["position"]: p for p in alone["predictions"]}
                   for side, alone in (("a", alone_a), ("b", alone_b))}
    masked = {w["text"]: w for w in both["masked_words"]}
    assert list(masked) == ["Abraham", "Lincoln"]
    assert masked["Abraham"]["same_split"] is False and masked["Lincoln"]["same_split"] is True
    seen_b = []
    for word in both["masked_words"]:
        for side in ("a", "b"):
            for prediction in word[side]["predictions"]:
                alone = by_position[side][prediction["position"]]
                assert [c["token"] for c in prediction["candidates"]] == [
                    c["token"] for c in alone["candidates"]]
                for mine, theirs in zip(prediction["candidates"], alone["candidates"], strict=True):
                    assert mine["probability"] == pytest.approx(theirs["probability"], rel=1e-5)
                if side == "b":
                    seen_b.append(prediction["position"])
    assert seen_b == b_positions
    assert "Abraham" in both["split_differently"] and "Lincoln" not in both["split_differently"]
    assert [w["text"] for w in both["words"]][:3] == ["After", "Abraham", "Lincoln"]
    assert both["words"][1]["a"]["tokens"] == ["abraham"]
    assert len(both["words"][1]["b"]["tokens"]) == 3


def test_the_report_names_both_models_and_the_split(capsys, tiny_bert_dir, tiny_roberta_dir):
    code, out, err = _run(capsys, "compare", "--model", str(tiny_bert_dir),
                          "--model-b", str(tiny_roberta_dir), "--text", TEXT, "--mask", "2")
    assert code == 0, err
    assert out.splitlines()[0].startswith("A: ") and out.splitlines()[1].startswith("B: ")
    assert "'Abraham': A" in out
    assert "(split differently)" in out
    assert "loss on masked tokens" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "--model-b"),
        (["--model-b", "  "], "--model-b is empty"),
        (["--model-b", "/no/such/folder/anywhere"], "/no/such/folder/anywhere"),
    ],
)
def test_a_missing_or_bad_second_model_is_one_line(capsys, tiny_bert_dir, extra, message):
    code, out, err = _run(capsys, "compare", "--model", str(tiny_bert_dir), "--text", TEXT, *extra)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and "unexpected error" not in err


def test_a_mask_past_the_first_models_tokens_is_one_line(capsys, tiny_bert_dir, tiny_roberta_dir):
    code, _out, err = _run(capsys, "compare", "--model", str(tiny_bert_dir),
                           "--model-b", str(tiny_roberta_dir), "--text", "Hello there.", "--mask", "40")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "unexpected error" not in err


def test_help_documents_the_json_form(capsys):
    code, out, _err = _run(capsys, "compare", "--help")
    assert code == 0
    for key in ('"masked_words"', '"split_differently"', '"same_split"', '"agree"'):
        assert key in out
