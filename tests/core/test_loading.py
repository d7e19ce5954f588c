"""Loading: any masked LM through the same code the app uses; clear errors otherwise."""

import shutil

import pytest
import torch

from mlm_desktop.core import ModelLoadError, load_model
from mlm_desktop.core.devices import available_devices, resolve_device
from mlm_desktop.core.errors import MLMDesktopError


def test_loaded_model_is_ready(tiny_bert, tiny_bert_dir):
    assert tiny_bert.device == "cpu"
    assert not tiny_bert.model.training
    assert tiny_bert.mask_token == "[MASK]" and tiny_bert.mask_token_id == 103
    assert tiny_bert.tokenizer.is_fast
    assert tiny_bert.max_length == 128
    assert tiny_bert.warnings == ()
    assert tiny_bert.model.config._attn_implementation == "eager"


def test_roberta_max_length_leaves_room_for_position_offset(tiny_roberta):
    assert tiny_roberta.mask_token == "<mask>"
    assert tiny_roberta.max_length == 126  # 128 positions minus padding offset


def test_half_precision_weights_load_as_float32_on_cpu(tiny_bert_dir, tmp_path):
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    model = AutoModelForMaskedLM.from_pretrained(tiny_bert_dir).half()
    model.save_pretrained(tmp_path)
    AutoTokenizer.from_pretrained(tiny_bert_dir).save_pretrained(tmp_path)
    lm = load_model(str(tmp_path), device="cpu")
    assert lm.dtype == torch.float32


def test_causal_lm_is_refused_with_a_plain_message(tmp_path):
    from transformers import GPT2Config, GPT2LMHeadModel

    GPT2LMHeadModel(GPT2Config(n_layer=1, n_embd=16, n_head=2, vocab_size=50)).save_pretrained(tmp_path)
    with pytest.raises(ModelLoadError, match="not a masked language model"):
        load_model(str(tmp_path), device="cpu")


def test_classifier_checkpoint_warns_that_the_head_is_new(tiny_bert_dir, tmp_path):
    from transformers import AutoTokenizer, BertForSequenceClassification

    clf = BertForSequenceClassification.from_pretrained(tiny_bert_dir)
    clf.save_pretrained(tmp_path)
    AutoTokenizer.from_pretrained(tiny_bert_dir).save_pretrained(tmp_path)
    lm = load_model(str(tmp_path), device="cpu")
    assert any("masked-LM head" in w and "newly initialised" in w for w in lm.warnings)


def test_broken_folder_is_a_plain_error(tiny_bert_dir, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_bert_dir, broken)
    (broken / "config.json").write_text("{ not json")
    with pytest.raises(ModelLoadError, match="config.json of .* is not valid JSON"):
        load_model(str(broken), device="cpu")


def test_empty_folder_and_missing_folder(tmp_path):
    with pytest.raises(ModelLoadError, match="has no config.json"):
        load_model(str(tmp_path), device="cpu")
    with pytest.raises(ModelLoadError, match="does not exist"):
        load_model(str(tmp_path / "nowhere"), device="cpu")


def test_unknown_hub_id_offline_is_a_plain_error():
    with pytest.raises(ModelLoadError, match="could not load"):
        load_model("no-such-org/no-such-model-xyz", device="cpu", local_files_only=True)


def test_devices():
    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") == available_devices()[0]
    assert available_devices()[-1] == "cpu"
    with pytest.raises(MLMDesktopError, match="unknown device"):
        resolve_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(MLMDesktopError, match="not available"):
            resolve_device("cuda")


def test_remote_code_is_off_by_default(tiny_bert_dir, tmp_path, monkeypatch):
    seen = {}
    import transformers

    real = transformers.AutoConfig.from_pretrained

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(transformers.AutoConfig, "from_pretrained", spy)
    load_model(str(tiny_bert_dir), device="cpu")
    assert seen["trust_remote_code"] is False


def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch):
    from mlm_desktop.core import devices

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(devices, "_mps_available", lambda: True)
    assert devices.available_devices() == ("cuda", "mps", "cpu")
    assert resolve_device("auto") == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == "mps"
    assert resolve_device("cpu") == "cpu"
    monkeypatch.setattr(devices, "_mps_available", lambda: False)
    assert resolve_device("auto") == "cpu"
