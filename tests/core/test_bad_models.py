"""Bad model folders: each is refused at load with one plain message that names the problem.

Every builder copies the tiny BERT (or writes a folder of its own) and breaks
one thing; the test loads it through the app's loader and checks the words of
the message, never only its type.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import torch
from tiny_models import BERT_VOCAB, build_bert_with_foreign_tokenizer

from mlm_desktop.core import ModelLoadError, load_model


def _copy(base: Path, work: Path, name: str) -> Path:
    return Path(shutil.copytree(base, work / name))


def _edit_json(path: Path, **changes) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def empty_folder(base, work):
    (work / "empty").mkdir()
    return work / "empty"


def config_only(base, work):
    (work / "config-only").mkdir()
    shutil.copy(base / "config.json", work / "config-only")
    return work / "config-only"


def config_not_json(base, work):
    folder = _copy(base, work, "bad-json")
    (folder / "config.json").write_text("{ not json")
    return folder


def config_without_model_type(base, work):
    folder = _copy(base, work, "list-config")
    (folder / "config.json").write_text("[1, 2]")
    return folder


def gpt2_causal_lm(base, work):
    from transformers import GPT2Config, GPT2LMHeadModel

    GPT2LMHeadModel(GPT2Config(n_layer=1, n_embd=16, n_head=2, vocab_size=50)).save_pretrained(
        work / "gpt2"
    )
    return work / "gpt2"


def weights_missing(base, work):
    folder = _copy(base, work, "no-weights")
    (folder / "model.safetensors").unlink()
    return folder


def weights_truncated(base, work):
    folder = _copy(base, work, "truncated")
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    return folder


def weights_garbage(base, work):
    folder = _copy(base, work, "garbage")
    (folder / "model.safetensors").write_bytes(b"\x00garbage" * 100)
    return folder


def weights_of_another_width(base, work):
    folder = _copy(base, work, "wider")
    _edit_json(folder / "config.json", hidden_size=64, intermediate_size=64)
    return folder


def config_vocab_size_changed(base, work):
    folder = _copy(base, work, "vocab-config")
    _edit_json(folder / "config.json", vocab_size=1000)
    return folder


def tokenizer_missing(base, work):
    folder = _copy(base, work, "no-tokenizer")
    (folder / "tokenizer.json").unlink()
    (folder / "tokenizer_config.json").unlink()
    return folder


def tokenizer_json_corrupt(base, work):
    folder = _copy(base, work, "bad-tokenizer")
    (folder / "tokenizer.json").write_text("{ nope")
    return folder


def no_mask_token(base, work):
    folder = _copy(base, work, "no-mask")
    _edit_json(folder / "tokenizer_config.json", mask_token=None)
    return folder


def mask_token_not_in_vocabulary(base, work):
    folder = _copy(base, work, "odd-mask")
    _edit_json(folder / "tokenizer_config.json", mask_token="<nothing>")
    return folder


def tokenizer_larger_than_embedding(base, work):
    """The model has 1000 embedding rows; the tokenizer has 30522 tokens."""
    return build_bert_with_foreign_tokenizer(work / "small-model", model_vocab_size=1000)


def a_file(base, work):
    return _copy(base, work, "a-file") / "config.json"


def folder_that_does_not_exist(base, work):
    return work / "nowhere"


def unknown_model_type(base, work):
    folder = _copy(base, work, "unknown-type")
    _edit_json(folder / "config.json", model_type="no-such-family")
    return folder


def needs_remote_code(base, work):
    folder = _copy(base, work, "remote")
    _edit_json(
        folder / "config.json",
        model_type="custom-mlm",
        auto_map={"AutoConfig": "custom.Config", "AutoModelForMaskedLM": "custom.Model"},
    )
    (folder / "custom.py").write_text("raise RuntimeError('remote code ran')\n")
    return folder


class _Payload:
    """Unpickling this would run a shell command."""

    def __reduce__(self):
        return (os.system, ("echo unsafe > unsafe-pickle-ran",))


def unsafe_pickle(base, work):
    folder = _copy(base, work, "pickle")
    (folder / "model.safetensors").unlink()
    torch.save({"weights": _Payload()}, folder / "pytorch_model.bin")
    return folder


def nan_weights(base, work):
    from transformers import BertForMaskedLM

    folder = _copy(base, work, "nan")
    model = BertForMaskedLM.from_pretrained(folder)
    with torch.no_grad():
        model.bert.embeddings.word_embeddings.weight.fill_(float("nan"))
    model.save_pretrained(folder)
    return folder


def unreadable_folder(base, work):
    folder = _copy(base, work, "locked")
    folder.chmod(0)
    return folder


BAD_MODELS = [
    (empty_folder, ["has no config.json", "save_pretrained"]),
    (config_only, ["tokenizer", "no vocabulary"]),
    (config_not_json, ["config.json", "not valid JSON"]),
    (config_without_model_type, ["config.json", "model type"]),
    (gpt2_causal_lm, ["not a masked language model", "GPT2LMHeadModel"]),
    (weights_missing, ["no weights file", "model.safetensors"]),
    (weights_truncated, ["weights file", "damaged or incomplete"]),
    (weights_garbage, ["weights file", "damaged or incomplete"]),
    (weights_of_another_width, ["weights", "do not match", "config.json"]),
    (config_vocab_size_changed, ["weights", "do not match", "config.json"]),
    (tokenizer_missing, ["tokenizer", "no vocabulary"]),
    (tokenizer_json_corrupt, ["tokenizer", "not valid JSON"]),
    (no_mask_token, ["no mask token"]),
    (mask_token_not_in_vocabulary, ["mask token <nothing>", "does not belong to this model"]),
    (tokenizer_larger_than_embedding, ["30522 tokens", "1000", "does not belong to this model"]),
    (a_file, ["is a file", "give a model folder or a hub id"]),
    (folder_that_does_not_exist, ["does not exist"]),
    (unknown_model_type, ["no-such-family", "transformers"]),
    (needs_remote_code, ["needs custom code", "trust remote code"]),
    (unsafe_pickle, ["could not be loaded safely", "safetensors"]),
    (nan_weights, ["NaN"]),
    (unreadable_folder, ["cannot read", "permission"]),
]


@pytest.mark.parametrize(
    ("build", "words"), BAD_MODELS, ids=[build.__name__ for build, _words in BAD_MODELS]
)
def test_bad_model_is_refused_with_a_plain_message(
    build, words, tiny_bert_dir, tmp_path, monkeypatch
):
    if build is unreadable_folder and os.geteuid() == 0:
        pytest.skip("permissions do not apply to root")
    monkeypatch.chdir(tmp_path)
    source = build(tiny_bert_dir, tmp_path)
    try:
        with pytest.raises(ModelLoadError) as caught:
            load_model(str(source), device="cpu")
    finally:
        if build is unreadable_folder:
            Path(source).chmod(0o755)
    message = str(caught.value)
    for word in words:
        assert word.lower() in message.lower(), message
    assert "Traceback" not in message and "\n" not in message
    assert "weights_only" not in message and "ignore_mismatched_sizes" not in message
    assert not (tmp_path / "unsafe-pickle-ran").exists()


def test_a_tokenizer_smaller_than_the_model_predicts_only_its_own_tokens(tiny_bert_dir, tmp_path):
    """Output rows past the tokenizer (padding, as in ModernBERT) are set aside, not shown."""
    from transformers import BertTokenizer

    from mlm_desktop.core import AnalysisRequest, analyze

    folder = _copy(tiny_bert_dir, tmp_path, "small-tokenizer")
    (folder / "tokenizer.json").unlink()
    (folder / "tokenizer_config.json").unlink()
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(BERT_VOCAB.read_text().splitlines()[:2000]) + "\n")
    BertTokenizer(vocab=str(vocab)).save_pretrained(folder)
    loaded = load_model(str(folder), device="cpu")
    assert loaded.model.get_output_embeddings().out_features == 2000
    assert any("2000 tokens" in w and "30522" in w for w in loaded.warnings)
    result = analyze(loaded, AnalysisRequest("the cat sat on the mat.", mask_positions=(2,)))
    assert int(result.top_ids.max()) < 2000
    assert all(isinstance(token, str) for token in result.predicted_tokens)
    assert result.predicted_text
