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
    assert tiny_bert.attention_implementation == "sdpa"  # eager only for attention weights


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
    with pytest.raises(ModelLoadError, match="the folder .* holds a config.json that is not valid JSON"):
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


def _no_hub_access(monkeypatch):
    """Record any attempt to download or read a hub config; none should happen."""
    import huggingface_hub
    import transformers

    tried = []

    def refuse(*args, **kwargs):
        tried.append(args[:1])
        raise AssertionError("the hub was asked although it cannot be reached")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", refuse)
    monkeypatch.setattr(transformers.AutoConfig, "from_pretrained", refuse)
    return tried


def test_offline_mode_refuses_an_uncached_hub_id_at_once(monkeypatch):
    tried = _no_hub_access(monkeypatch)
    with pytest.raises(ModelLoadError) as caught:
        load_model("no-such-org/not-cached", device="cpu", progress=lambda *a: None)
    message = str(caught.value)
    assert "not in the local Hugging Face cache" in message
    assert "hub cannot be reached" in message
    assert tried == []


def test_an_unreachable_hub_is_asked_once_briefly_without_retries(monkeypatch):
    """HF_HUB_OFFLINE unset: one HEAD request with a short timeout decides."""
    from huggingface_hub import constants
    from huggingface_hub import utils as hub_utils

    tried = _no_hub_access(monkeypatch)
    asked = []

    class Unreachable:
        def head(self, url, timeout):
            asked.append((url, timeout))
            raise OSError("Network is unreachable")

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(hub_utils, "get_session", lambda: Unreachable())
    with pytest.raises(ModelLoadError, match="not in the local Hugging Face cache.*cannot be reached"):
        load_model("no-such-org/not-cached", device="cpu", progress=lambda *a: None)
    assert len(asked) == 1 and asked[0][0] == constants.ENDPOINT and asked[0][1] <= 5
    assert tried == []


def test_a_cached_hub_id_loads_from_the_cache_when_offline(monkeypatch):
    import transformers

    from mlm_desktop.core import model_resolution

    seen = {}

    def config_spy(source, **kwargs):
        seen.update(kwargs)
        raise OSError("stop here")

    monkeypatch.setattr(model_resolution, "in_hub_cache", lambda repo_id: True)
    monkeypatch.setattr(transformers.AutoConfig, "from_pretrained", config_spy)
    with pytest.raises(ModelLoadError):
        load_model("some-org/cached", device="cpu", progress=lambda *a: None)
    assert seen["local_files_only"] is True


def test_a_name_that_is_neither_folder_nor_hub_id_says_so():
    with pytest.raises(ModelLoadError, match="neither a model folder nor a hub id"):
        load_model("my model", device="cpu")


def test_head_warning_is_returned_once_not_also_logged(tiny_bert_dir, tmp_path, caplog, capsys):
    """The command line prints ``loaded.warnings``; a log record on top printed it twice."""
    from transformers import AutoTokenizer, BertForSequenceClassification

    from mlm_desktop import cli

    BertForSequenceClassification.from_pretrained(tiny_bert_dir).save_pretrained(tmp_path)
    AutoTokenizer.from_pretrained(tiny_bert_dir).save_pretrained(tmp_path)
    with caplog.at_level("WARNING", logger="mlm_desktop"):
        code = cli.main(["predict", "--model", str(tmp_path), "--device", "cpu",
                         "--text", "Paris is nice.", "--mask", "2"])
    assert code == 0
    assert capsys.readouterr().err.count("newly initialised") == 1
    assert not [r for r in caplog.records if "newly initialised" in r.getMessage()]
