"""The bundled English demo model loads offline and keeps its recorded accuracy.

Protocol (same as tools/evaluate_mlm.py): each line of tests/data/heldout_en.txt
is tokenised on its own (max_length 128); one random.Random(SEED) walks the
lines in order and masks k = max(1, floor(0.15 * n + 0.5)) of the n
non-special tokens of each line (rng.sample); top-1 / top-5 accuracy is
measured at the masked positions.  The recorded figures come from the model
card (resources/models/minilm-l6-mlm-en/README.md).
"""
from __future__ import annotations

import random
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
RECORDED_TOP1 = 0.3577
RECORDED_TOP5 = 0.5483
MARGIN = 0.03


@pytest.fixture(scope="module")
def bundled():
    """The bundled model through the app's own loading path, as a fresh offline start gets it."""
    from mlm_desktop.core import load_model
    from mlm_desktop.core.model_resolution import BUNDLED_MODEL

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


def _masked_examples(tokenizer):
    rng = random.Random(SEED)
    special = set(tokenizer.all_special_ids)
    examples = []
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        ids = tokenizer(line, truncation=True, max_length=MAX_LENGTH)["input_ids"]
        positions = [i for i, t in enumerate(ids) if t not in special]
        if not positions:
            continue
        k = max(1, int(P_MASK * len(positions) + 0.5))
        chosen = sorted(rng.sample(range(len(positions)), k))
        masked = list(ids)
        targets = []
        for c in chosen:
            pos = positions[c]
            targets.append((pos, ids[pos]))
            masked[pos] = tokenizer.mask_token_id
        examples.append((masked, targets))
    return examples


def test_heldout_accuracy(model, tokenizer):
    examples = _masked_examples(tokenizer)
    examples.sort(key=lambda e: len(e[0]))  # batch similar lengths: less padding
    n = hit1 = hit5 = 0
    with torch.no_grad():
        for start in range(0, len(examples), 32):
            batch = examples[start:start + 32]
            width = max(len(ids) for ids, _ in batch)
            input_ids = torch.full((len(batch), width), tokenizer.pad_token_id, dtype=torch.long)
            attention = torch.zeros((len(batch), width), dtype=torch.long)
            rows, cols, gold = [], [], []
            for i, (ids, targets) in enumerate(batch):
                input_ids[i, :len(ids)] = torch.tensor(ids)
                attention[i, :len(ids)] = 1
                for pos, tid in targets:
                    rows.append(i)
                    cols.append(pos)
                    gold.append(tid)
            # BertForMaskedLM: apply the prediction head only at the masked positions
            hidden = model.bert(input_ids=input_ids, attention_mask=attention).last_hidden_state
            logits = model.cls(hidden[torch.tensor(rows), torch.tensor(cols)])
            gold = torch.tensor(gold)
            top = logits.topk(5, dim=-1).indices
            hit1 += (top[:, 0] == gold).sum().item()
            hit5 += (top == gold[:, None]).any(-1).sum().item()
            n += len(gold)
    assert n >= 2000
    top1, top5 = hit1 / n, hit5 / n
    assert top1 >= RECORDED_TOP1 - MARGIN, f"top-1 {top1:.4f} < {RECORDED_TOP1} - {MARGIN}"
    assert top5 >= RECORDED_TOP5 - MARGIN, f"top-5 {top5:.4f} < {RECORDED_TOP5} - {MARGIN}"


def test_probe_paris(bundled):
    from mlm_desktop.core import AnalysisRequest, analyze

    result = analyze(bundled, AnalysisRequest("paris is the capital of [MASK].", top_k=5))
    (position,) = result.typed_mask_positions
    assert "france" in result.top_tokens[position]
