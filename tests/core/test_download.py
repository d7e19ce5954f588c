"""Hub downloads report their bytes; a failed fetch leaves loading to decide."""

import huggingface_hub

from mlm_desktop.core import download, load_model


def test_prefetch_reports_bytes_through_a_silent_bar(monkeypatch):
    calls = {}

    def fake_snapshot_download(repo_id, allow_patterns, tqdm_class):
        calls["repo"] = repo_id
        calls["patterns"] = allow_patterns
        files = tqdm_class(total=2, unit="it", desc="Fetching 2 files")
        files.update(1)
        data = tqdm_class(total=100, unit="B", initial=10)
        data.update(30)
        data.update(60)
        return "/cache/snapshot"

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    seen = []
    assert download.prefetch("some/model", lambda done, total: seen.append((done, total)))
    assert calls["repo"] == "some/model" and "*.safetensors" in calls["patterns"]
    assert seen == [(40, 100), (100, 100)]  # only the byte bar reports


def test_prefetch_failure_is_quiet(monkeypatch):
    def offline(*args, **kwargs):
        raise OSError("no network")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline)
    assert download.prefetch("some/model", lambda *a: None) is False


def test_local_folders_are_not_fetched(monkeypatch, tiny_bert_dir):
    def must_not_run(*args, **kwargs):
        raise AssertionError("a local folder was fetched from the hub")

    monkeypatch.setattr(download, "prefetch", must_not_run)
    lm = load_model(str(tiny_bert_dir), device="cpu", progress=lambda *a: None)
    assert lm.mask_token == "[MASK]"


def test_a_cancelled_download_stops_and_is_raised_on(monkeypatch):
    """The progress report may stop a download; loading must not go on from the cache."""
    import pytest

    from mlm_desktop.core.errors import LoadCancelled

    blocks = []

    def fake_snapshot_download(repo_id, allow_patterns, tqdm_class):
        data = tqdm_class(total=10_000, unit="B")
        for _ in range(10):
            blocks.append(1)
            data.update(1000)
        return "/cache/snapshot"

    def report(done, total):
        if done >= 3000:
            raise LoadCancelled

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    with pytest.raises(LoadCancelled):
        download.prefetch("some/model", report)
    assert len(blocks) == 3
