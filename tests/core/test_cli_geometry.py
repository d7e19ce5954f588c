"""``mlm-desktop geometry``: the documented JSON form, the plain report, and bad input in one line."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mlm_desktop.cli import main
from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses.geometry import request_for, run

KEYS = {
    "model", "device", "tokens", "labels", "special_positions", "masked_positions",
    "num_hidden_states", "anisotropy", "layer", "similarity", "pca", "change", "warnings",
    "timing_ms",
}
ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France. <mask> café"


def geometry_json(capsys, *args: str) -> dict:
    code = main(["geometry", *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_the_json_form_has_the_documented_keys_and_the_unit_s_numbers(
    capsys, tmp_path, tiny_bert_dir, tiny_bert, notebook_text
):
    path = tmp_path / "text.txt"
    path.write_text(notebook_text, encoding="utf-8")
    data = geometry_json(capsys, "--model", str(tiny_bert_dir), "--text-file", str(path),
                         "--mask", "3,4,8")
    assert set(data) == KEYS
    expected = run(tiny_bert, request_for(
        analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3, 4, 8)))))
    tokens = expected.num_tokens
    assert data["tokens"] == list(expected.tokens) and len(data["tokens"]) == tokens == 62
    assert data["labels"][3] == "lincoln" and data["masked_positions"] == [3, 4, 8]
    assert data["special_positions"] == [0, tokens - 1]
    assert data["num_hidden_states"] == 3 and data["layer"] == 2
    np.testing.assert_allclose(data["similarity"], expected.similarity[2], atol=1e-6)
    assert [a["layer"] for a in data["anisotropy"]] == [0, 1, 2]
    np.testing.assert_allclose([a["all_tokens"] for a in data["anisotropy"]],
                               expected.anisotropy, atol=1e-6)
    np.testing.assert_allclose([a["without_special"] for a in data["anisotropy"]],
                               expected.anisotropy_without_special, atol=1e-6)
    pca = data["pca"]
    np.testing.assert_allclose(pca["explained_variance"], expected.explained_variance, atol=1e-6)
    assert [entry["layer"] for entry in pca["layers"]] == [0, 1, 2]
    np.testing.assert_allclose([entry["coordinates"] for entry in pca["layers"]], expected.pca,
                               atol=1e-5)
    assert [entry["layer"] for entry in data["change"]] == [1, 2]
    np.testing.assert_allclose([entry["values"] for entry in data["change"]], expected.change,
                               atol=1e-6)


def test_layer_zero_gives_the_embeddings_similarity_matrix(capsys, tiny_bert_dir):
    data = geometry_json(capsys, "--model", str(tiny_bert_dir), "--text", "the cat sat.",
                         "--layer", "0")
    matrix = np.array(data["similarity"])
    assert data["layer"] == 0 and matrix.shape == (len(data["tokens"]),) * 2
    np.testing.assert_allclose(np.diag(matrix), 1.0, atol=1e-5)
    np.testing.assert_allclose(matrix, matrix.T, atol=1e-6)


def test_roberta_names_its_special_tokens_and_a_typed_mask(capsys, tiny_roberta_dir):
    data = geometry_json(capsys, "--model", str(tiny_roberta_dir), "--text", ROBERTA_TEXT,
                         "--mask", "2")
    tokens = data["tokens"]
    assert tokens[0] == "<s>" and tokens[-1] == "</s>"
    assert data["special_positions"] == [0, len(tokens) - 1]
    # the tokens are what the model saw: the clicked mask and the typed one both read <mask>
    shown_masks = [i for i, token in enumerate(tokens) if token == "<mask>"]
    assert len(shown_masks) == 2 and shown_masks[0] == 2
    assert data["masked_positions"] == shown_masks


def test_random_masks_with_a_seed_are_the_same_run_after_run(capsys, tiny_bert_dir, notebook_text):
    args = ("--model", str(tiny_bert_dir), "--text", notebook_text, "--mask-random", "0.3",
            "--seed", "7")
    first, second = geometry_json(capsys, *args), geometry_json(capsys, *args)
    assert first["masked_positions"] and first["masked_positions"] == second["masked_positions"]
    assert first["similarity"] == second["similarity"]


def test_the_plain_report_tabulates_every_layer(capsys, tiny_bert_dir):
    code = main(["geometry", "--model", str(tiny_bert_dir), "--text", "the cat sat on the mat."])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("9 tokens, 3 hidden states")
    assert [line.split()[0] for line in lines[2:5]] == ["0", "1", "2"]
    assert "PC1" in out and "most similar pairs at layer 2" in out


def test_help_documents_the_json_form(capsys):
    assert main(["geometry", "--help"]) == 0
    out = capsys.readouterr().out
    for key in ("anisotropy", "without_special", "explained_variance", "change", "--layer"):
        assert key in out


@pytest.mark.parametrize(("args", "words"), [
    (["--layer", "7"], "--layer 7 is past this model's last layer: choose 0 (the embeddings) to 2"),
    (["--layer", "-1"], "the layer must be a whole number of 0 or more, got -1"),
    (["--layer", "two"], "the layer must be a whole number of 0 or more, got 'two'"),
    (["--seed", "3"], "--seed only applies to --mask-random"),
    (["--top-k", "3"], "unrecognized arguments: --top-k 3"),
])
def test_bad_geometry_options_are_one_line_and_exit_2(capsys, tiny_bert_dir, args, words):
    code = main(["geometry", "--model", str(tiny_bert_dir), "--text", "the cat sat.", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_no_text_is_one_line_before_any_model_is_loaded(capsys):
    code = main(["geometry", "--model", "/no/such/model", "--json"])
    err = capsys.readouterr().err
    assert code == 2 and "no text given" in err and len(err.strip().splitlines()) == 1
