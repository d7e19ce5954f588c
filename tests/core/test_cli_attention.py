"""``mlm-desktop attention``: the documented JSON, checked against transformers' own weights."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from transformers import AutoModelForMaskedLM

from mlm_desktop.cli import main
from mlm_desktop.commands import COMMANDS, command

KEYS = {
    "model", "device", "implementation", "num_layers", "num_heads", "tokens", "masked_positions",
    "special_positions", "hide_special", "positions", "attention",
}
TEXT = "the cat sat on the mat."


def attention_json(capsys, folder, *args) -> dict:
    code = main(["attention", "--model", str(folder), *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def reference(folder, tokens_json) -> np.ndarray:
    """(L, H, T, T) from transformers' eager forward of the ids the command's model saw."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    ids = tokenizer.convert_tokens_to_ids(tokens_json["tokens"])
    for position in tokens_json["masked_positions"]:
        ids[position] = tokenizer.mask_token_id
    model = AutoModelForMaskedLM.from_pretrained(folder, attn_implementation="eager").eval()
    with torch.no_grad():
        out = model(input_ids=torch.tensor(ids)[None], output_attentions=True)
    return torch.stack([a[0] for a in out.attentions]).double().numpy()


def test_the_command_is_registered_and_documents_its_json(capsys):
    assert COMMANDS["attention"] == "mlm_desktop.commands.attention"
    help_text = command("attention").parser().format_help()
    for key in (*KEYS, "rollout", "through_layer", "matrix"):
        assert key in help_text
    assert "--top-k" not in help_text  # the masked-LM's candidates mean nothing here


def test_json_gives_the_last_layers_mean_by_default(capsys, tiny_bert_dir):
    data = attention_json(capsys, tiny_bert_dir, "--text", TEXT, "--mask", "3")
    assert KEYS <= set(data) and "rollout" not in data
    assert data["tokens"][:3] == ["[CLS]", "the", "cat"] and len(data["tokens"]) == 9
    assert data["masked_positions"] == [3] and data["special_positions"] == [0, 8]
    assert data["implementation"] == "eager"
    assert (data["num_layers"], data["num_heads"]) == (2, 2)
    assert data["positions"] == list(range(9))
    assert data["attention"]["layer"] == 2 and data["attention"]["head"] == "mean"
    matrix = np.array(data["attention"]["matrix"])
    assert matrix.shape == (9, 9)
    np.testing.assert_allclose(matrix.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(matrix, reference(tiny_bert_dir, data)[1].mean(axis=0), atol=2e-6)


def test_a_chosen_layer_and_head_on_roberta(capsys, tiny_roberta_dir):
    data = attention_json(capsys, tiny_roberta_dir, "--text", TEXT, "--layer", "1", "--head", "2")
    assert data["tokens"][0] == "<s>" and data["attention"] == {
        "layer": 1, "head": 2, "matrix": data["attention"]["matrix"]}
    expected = reference(tiny_roberta_dir, data)[0, 1]
    np.testing.assert_allclose(data["attention"]["matrix"], expected, atol=1e-3)  # float16


def test_rollout_with_special_tokens_hidden(capsys, tiny_bert_dir):
    data = attention_json(capsys, tiny_bert_dir, "--text", TEXT, "--layer", "1", "--rollout",
                          "--hide-special")
    assert data["hide_special"] is True
    keep = data["positions"]
    assert keep == list(range(1, 8))
    assert data["rollout"]["through_layer"] == 1
    expected = reference(tiny_bert_dir, data)[0].mean(axis=0) + np.eye(9)
    expected /= expected.sum(axis=1, keepdims=True)  # rollout of layer 1 alone
    expected = expected[np.ix_(keep, keep)]
    expected /= expected.sum(axis=1, keepdims=True)
    rollout = np.array(data["rollout"]["matrix"])
    np.testing.assert_allclose(rollout, expected, atol=2e-6)
    for view in ("attention", "rollout"):
        rows = np.array(data[view]["matrix"])
        assert rows.shape == (7, 7)
        np.testing.assert_allclose(rows.sum(axis=1), 1.0, atol=1e-5)


def test_without_json_each_tokens_strongest_links_are_listed(capsys, tiny_bert_dir):
    code = main(["attention", "--model", str(tiny_bert_dir), "--text", TEXT, "--mask", "3",
                 "--rollout"])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "masked positions: 3"
    assert lines[1] == "layer 2, head mean" and "rollout through layer 2" in lines
    assert lines[2].split()[:3] == ["0", "[CLS]", "->"]
    assert len(lines) == 1 + 2 * (1 + 9)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--layer", "0"], "--layer must be a layer number of 1 or more, got '0'"),
        (["--layer", "last"], "--layer must be a layer number of 1 or more, got 'last'"),
        (["--head", "0"], "--head must be a head number of 1 or more, or 'mean'"),
        (["--head", "all"], "--head must be a head number of 1 or more, or 'mean', got 'all'"),
        (["--layer", "3"], "--layer 3 does not exist: "),
        (["--head", "3"], "--head 3 does not exist: each layer has heads 1 to 2"),
        (["--seed", "3"], "--seed only applies to --mask-random"),
        (["--mask", "0"], "special token"),
        (["--mask", "40"], "outside the text"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, tiny_bert_dir, args, message):
    code = main(["attention", "--model", str(tiny_bert_dir), "--text", TEXT, *args, "--json"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err


def test_no_text_or_a_missing_file_is_one_line(capsys, tiny_bert_dir, tmp_path):
    for args, message in (([], "no text given"),
                          (["--text-file", str(tmp_path / "none.txt")], "does not exist")):
        code = main(["attention", "--model", str(tiny_bert_dir), *args, "--json"])
        err = capsys.readouterr().err
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1
