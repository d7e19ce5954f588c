"""``mlm-desktop lens``: one entry per hidden state, the last one exactly predict's predictions."""

from __future__ import annotations

import json

import pytest

from mlm_desktop.cli import main

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
PREDICTION_KEYS = {"position", "original", "original_rank", "original_probability", "candidates"}


def _json(capsys, *args) -> dict:
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


@pytest.fixture(params=["bert", "roberta"])
def model_dir(request, tiny_bert_dir, tiny_roberta_dir):
    return {"bert": tiny_bert_dir, "roberta": tiny_roberta_dir}[request.param]


def test_the_last_layer_is_predict_for_the_same_input(capsys, model_dir):
    args = ["--model", str(model_dir), "--text", TEXT, "--mask", "3,4", "--top-k", "4"]
    predicted = _json(capsys, "predict", *args)
    lens = _json(capsys, "lens", *args, "--targets", "lincoln,president")
    assert [entry["layer"] for entry in lens["layers"]] == [0, 1, 2]
    assert lens["num_layers"] == predicted["num_hidden_states"] == 3
    assert lens["masked_positions"] == lens["positions"] == predicted["masked_positions"]
    for entry in lens["layers"]:
        assert [p["position"] for p in entry["predictions"]] == predicted["masked_positions"]
        for prediction in entry["predictions"]:
            assert set(prediction) == set(predicted["predictions"][0]) == PREDICTION_KEYS
            assert len(prediction["candidates"]) == 4
        assert list(entry["targets"]) == ["lincoln", "president"]
        for ranks in entry["targets"].values():
            assert [r["position"] for r in ranks] == predicted["masked_positions"]
            assert all(r["rank"] >= 1 and 0 < r["probability"] < 1 for r in ranks)
    assert lens["layers"][-1]["predictions"] == predicted["predictions"]


def test_all_positions_looks_at_every_token(capsys, tiny_bert_dir):
    args = ["--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3"]
    predicted = _json(capsys, "predict", *args)
    lens = _json(capsys, "lens", *args, "--all-positions")
    count = len(predicted["tokens"])
    assert lens["all_positions"] is True and lens["positions"] == list(range(count))
    last = lens["layers"][-1]["predictions"]
    assert len(last) == count and last[3] == predicted["predictions"][0]
    assert last[0]["original"] == "[CLS]" and last[0]["original_rank"] >= 1


def test_a_random_mask_is_drawn_as_predict_draws_it(capsys, tiny_bert_dir):
    args = ["--model", str(tiny_bert_dir), "--text", TEXT, "--mask-random", "0.3", "--seed", "4"]
    predicted = _json(capsys, "predict", *args)
    lens = _json(capsys, "lens", *args)
    assert lens["masked_positions"] == predicted["masked_positions"]
    assert lens["layers"][-1]["predictions"] == predicted["predictions"]


def test_a_typed_mask_has_no_original_at_any_layer(capsys, tiny_bert_dir):
    lens = _json(capsys, "lens", "--model", str(tiny_bert_dir), "--text", "the [MASK] sat down")
    assert lens["masked_positions"] == [2]
    for entry in lens["layers"]:
        (prediction,) = entry["predictions"]
        assert prediction["original"] is None and prediction["original_rank"] is None


def test_a_target_of_several_pieces_says_which_piece_is_followed(capsys, tiny_bert_dir):
    lens = _json(capsys, "lens", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3",
                 "--targets", "lincolnite")
    (target,) = lens["targets"]
    assert target["pieces"] == ["lincoln", "##ite"] and target["first_piece_only"] is True
    assert target["tracked_token"] == "lincoln"
    assert any("tracked by its first piece" in note for note in lens["notes"])


def test_the_plain_form_is_a_table_per_layer(capsys, tiny_bert_dir):
    code = main(["lens", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3,4",
                 "--targets", "lincoln"])
    out = capsys.readouterr().out
    assert code == 0
    assert "top-1 at each layer" in out and "rank of the original token" in out
    assert "rank of 'lincoln'" in out
    assert "*[  3] lincoln" in out and "*[  4] won" in out


def test_without_masks_the_plain_form_says_what_to_do(capsys, tiny_bert_dir):
    code = main(["lens", "--model", str(tiny_bert_dir), "--text", TEXT])
    assert code == 0
    assert "pass --mask or --mask-random, or --all-positions" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["--text", TEXT, "--targets", ",".join(f"w{i}" for i in range(21))],
                     "at most 20", id="21 targets"),
        pytest.param(["--text", TEXT, "--targets", "x" * 61], "longer than 60 characters",
                     id="61-character target"),
        pytest.param(["--text", TEXT, "--mask", "3", "--targets", "\u200b"], "gives no token",
                     id="zero-width target"),
        pytest.param(["--text", TEXT, "--seed", "3"], "--seed only applies to --mask-random",
                     id="seed alone"),
        pytest.param(["--text", TEXT, "--top-k", "0"], "top-k must be a whole number", id="top-k 0"),
        pytest.param(["--text", TEXT, "--mask", "0"], "special token", id="mask 0"),
        pytest.param([], "no text given", id="no text"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, tiny_bert_dir, args, message):
    code = main(["lens", "--model", str(tiny_bert_dir), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_the_help_documents_the_json_form(capsys):
    assert main(["lens", "--help"]) == 0
    out = capsys.readouterr().out
    assert '"layer": l, "predictions"' in out and "--all-positions" in out and "--targets" in out
