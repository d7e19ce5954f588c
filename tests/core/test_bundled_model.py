"""The bundled English demo model loads offline and keeps its recorded accuracy.

Protocol: tools/evaluate_mlm.py's own functions, so the test measures exactly
what the model card records. Each line of tests/data/heldout_en.txt
is tokenised on its own (max_length 128); one random.Random(SEED) walks the
lines in order and masks k = max(1, floor(0.15 * n + 0.5)) of the n
non-special tokens of each line (rng.sample); top-1 / top-5 accuracy is
measured at the masked positions.  The recorded figures come from the model
card (resources/models/minilm-l6-mlm-en/README.md).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "resources" / "models" / "minilm-l6-mlm-en"
HELDOUT = ROOT / "tests" / "data" / "heldout_en.txt"

SEED = 1234
P_MASK = 0.15
MAX_LENGTH = 128
# Recorded by `python tools/evaluate_mlm.py resources/models/minilm-l6-mlm-en tests/data/heldout_en.txt`
RECORDED_TOP1 = 0.5096
RECORDED_TOP5 = 0.7263
MARGIN = 0.03


@pytest.fixture(scope="module")
def bundled():
    """The bundled model through the app's own loading path, as a fresh offline start gets it."""
    from mlm_desktop.core import load_model
    from mlm_desktop.core.resources import BUNDLED_MODEL

    assert BUNDLED_MODEL == MODEL_DIR
    return load_model(str(BUNDLED_MODEL), device="cpu")


@pytest.fixture(scope="module")
def tokenizer(bundled):
    return bundled.tokenizer


@pytest.fixture(scope="module")
def model(bundled):
    return bundled.model


def test_bundle_files_present():
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "vocab.txt", "special_tokens_map.json", "README.md"):
        assert (MODEL_DIR / name).is_file(), name
    assert (MODEL_DIR / "model.safetensors").stat().st_size < 50 * 1024 * 1024


def test_tokenizer_settings(tokenizer):
    assert tokenizer.is_fast
    assert tokenizer.model_max_length == 512
    assert tokenizer.mask_token == "[MASK]"
    # uncased: upper-case input gives the same ids
    assert tokenizer("Paris")["input_ids"] == tokenizer("paris")["input_ids"]


def test_loads_without_new_weights(bundled):
    from transformers import AutoModelForMaskedLM

    assert bundled.warnings == ()  # the app found no newly initialised weights
    _, info = AutoModelForMaskedLM.from_pretrained(MODEL_DIR, dtype=torch.float32, output_loading_info=True)
    assert not info["missing_keys"], info["missing_keys"]
    assert not info["unexpected_keys"], info["unexpected_keys"]
    m = bundled.model
    assert next(m.parameters()).dtype == torch.float32  # fp16 on disk, float32 on the CPU
    # the decoder is tied to the word embeddings
    assert m.get_output_embeddings().weight.data_ptr() == m.get_input_embeddings().weight.data_ptr()


def test_fresh_offline_start_chooses_the_bundled_model(monkeypatch):
    from mlm_desktop.core import model_resolution

    monkeypatch.setattr(model_resolution, "in_hub_cache", lambda repo_id: False)
    choice = model_resolution.default_model()
    assert choice.is_demo and choice.reason == "bundled demo"
    monkeypatch.setattr(model_resolution, "in_hub_cache", lambda repo_id: True)
    assert model_resolution.default_model().source == "bert-base-uncased"
    assert model_resolution.default_model("x/y", last_used="z").source == "x/y"
    assert model_resolution.default_model(None, last_used="z").source == "z"


def _evaluator():
    """tools/evaluate_mlm.py, the script that measured the model card's figures."""
    spec = importlib.util.spec_from_file_location("evaluate_mlm", ROOT / "tools" / "evaluate_mlm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heldout_accuracy(model, tokenizer):
    evaluate = _evaluator()
    lines = evaluate.read_lines(HELDOUT)
    examples = evaluate.build_masked_examples(
        tokenizer, lines, seed=SEED, p=P_MASK, max_length=MAX_LENGTH
    )
    scores = evaluate.masked_accuracy(model, tokenizer, examples, topk=5)
    assert scores["masked_tokens"] >= 2000
    top1, top5 = scores["top1"], scores["top5"]
    assert top1 >= RECORDED_TOP1 - MARGIN, f"top-1 {top1:.4f} < {RECORDED_TOP1} - {MARGIN}"
    assert top5 >= RECORDED_TOP5 - MARGIN, f"top-5 {top5:.4f} < {RECORDED_TOP5} - {MARGIN}"


def test_probe_paris(bundled):
    from mlm_desktop.core import AnalysisRequest, analyze

    result = analyze(bundled, AnalysisRequest("paris is the capital of [MASK].", top_k=5))
    (position,) = result.typed_mask_positions
    assert "france" in result.top_tokens[position]
