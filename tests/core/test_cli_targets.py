"""`predict --targets`: candidates from a word list, on the command line and in its JSON."""

from __future__ import annotations

import json

from mlm_desktop.cli import main


def _predict(capsys, model_dir, *extra):
    code = main(["predict", "--model", str(model_dir), "--text", "The [MASK] sat on the [MASK].", *extra])
    return code, capsys.readouterr()


def test_predict_json_lists_only_the_target_words(capsys, tiny_bert_dir):
    code, out = _predict(capsys, tiny_bert_dir, "--targets", "cat, dog mat,unaffable", "--top-k", "3",
                         "--json")
    assert code == 0
    data = json.loads(out.out)
    words = {t["word"]: t for t in data["targets"]}
    assert list(words) == ["cat", "dog", "mat", "unaffable"]
    assert words["unaffable"]["pieces"] == ["una", "##ffa", "##ble"]
    assert words["unaffable"]["token"] == "una"
    allowed = {t["id"] for t in data["targets"]}
    assert len(data["predictions"]) == 2
    for prediction in data["predictions"]:
        candidates = prediction["candidates"]
        assert len(candidates) == 3
        assert {c["id"] for c in candidates} <= allowed
        probabilities = [c["probability"] for c in candidates]
        assert probabilities == sorted(probabilities, reverse=True)
    assert any("'unaffable' is 3 pieces" in note for note in data["target_notes"])


def test_predict_without_targets_has_empty_target_keys(capsys, tiny_bert_dir):
    code, out = _predict(capsys, tiny_bert_dir, "--json")
    data = json.loads(out.out)
    assert code == 0 and data["targets"] == [] and data["target_notes"] == []
    assert len(data["predictions"][0]["candidates"]) == 5


def test_predict_report_names_the_word_list(capsys, tiny_bert_dir):
    code, out = _predict(capsys, tiny_bert_dir, "--targets", "cat,dog,🙂")
    assert code == 0
    assert "candidates only among the target words: cat, dog" in out.out
    assert "note: target word '🙂' is not in the model's vocabulary: left out" in out.out


def test_predict_refuses_a_list_with_no_word_in_the_vocabulary(capsys, tiny_bert_dir):
    code, out = _predict(capsys, tiny_bert_dir, "--targets", "🙂")
    assert code == 2
    assert "none of the target words (🙂) is in the model's vocabulary" in out.err
    assert out.out == ""
