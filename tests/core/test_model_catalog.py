"""Finding masked LMs in the local Hugging Face cache, and how a model is named."""

from __future__ import annotations

from mlm_desktop.core.model_catalog import (
    cached_masked_lms,
    display_name,
    is_masked_lm_config,
    model_label,
)
from mlm_desktop.core.resources import BUNDLED_MODEL


def test_masked_lm_configs_are_recognised():
    assert is_masked_lm_config({"architectures": ["BertForMaskedLM"], "model_type": "bert"})
    assert is_masked_lm_config({"model_type": "roberta"})
    assert not is_masked_lm_config({"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"})
    assert not is_masked_lm_config(
        {"architectures": ["BertForSequenceClassification"], "model_type": "bert"}
    )


def _cache_repo(cache, repo_id, config_text, weights=True):
    folder = cache / f"models--{repo_id.replace('/', '--')}"
    blobs = folder / "blobs"
    snapshot = folder / "snapshots" / ("a" * 40)
    blobs.mkdir(parents=True)
    snapshot.mkdir(parents=True)
    (folder / "refs").mkdir()
    (folder / "refs" / "main").write_text("a" * 40)
    files = {"config.json": config_text}
    if weights:
        files["model.safetensors"] = "weights"
    for i, (name, content) in enumerate(files.items()):
        blob = blobs / f"{i:040d}"
        blob.write_text(content)
        (snapshot / name).symlink_to(blob)


def test_cached_masked_lms_lists_only_masked_lms_with_weights(tmp_path):
    cache = tmp_path / "hub"
    _cache_repo(cache, "org/tiny-bert", '{"architectures": ["BertForMaskedLM"]}')
    _cache_repo(cache, "gpt2", '{"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"}')
    _cache_repo(cache, "roberta-base", '{"model_type": "roberta"}')
    _cache_repo(cache, "no-weights", '{"model_type": "bert"}', weights=False)
    _cache_repo(cache, "broken", "{ not json")
    (cache / "not-a-repo").mkdir()
    assert cached_masked_lms(cache) == ["org/tiny-bert", "roberta-base"]


def test_cached_masked_lms_tolerates_a_missing_cache(tmp_path):
    assert cached_masked_lms(tmp_path / "nowhere") == []


def test_model_label_is_the_hub_id_or_the_folder_with_its_parent(tmp_path):
    assert model_label("org/tiny-bert") == "org/tiny-bert"
    folder = tmp_path / "models" / "my-bert"
    assert model_label(str(folder)) == f"my-bert  ({tmp_path / 'models'})"


def test_display_name_calls_the_bundled_demo_so_and_labels_others(tmp_path):
    assert display_name(str(BUNDLED_MODEL)) == "minilm-l6-mlm-en (bundled demo)"
    assert display_name("bert-base-uncased") == "bert-base-uncased"
    # a folder of the same name elsewhere is not the demo
    elsewhere = tmp_path / "minilm-l6-mlm-en"
    assert display_name(str(elsewhere)) == f"minilm-l6-mlm-en  ({tmp_path})"
