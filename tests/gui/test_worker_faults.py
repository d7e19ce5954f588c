"""Faults in the worker: every request answered, a blocked job never holds up closing.

The worker thread runs fake loaders and analyses that block, raise
KeyboardInterrupt or download forever; each test checks what the window
would hear and that the thread ends.
"""

from __future__ import annotations

import threading
from pathlib import Path

import huggingface_hub
import pytest
from test_worker import Relay, unit
from timeouts import RESULT_TIMEOUT_MS
from tiny_models import build_bert_with_foreign_tokenizer

from mlm_desktop.app.worker import LOAD, ModelWorker, WorkerThread
from mlm_desktop.core import AnalysisRequest, download, load_model
from mlm_desktop.core.analyses import masked_lm

MASKED_LM = masked_lm.KIND


@pytest.fixture
def hosts():
    """WorkerThreads that are always joined at the end, even when a test fails."""
    started: list[WorkerThread] = []
    releases: list[threading.Event] = []

    def _make(release: threading.Event | None = None, **kwargs) -> WorkerThread:
        host = WorkerThread(ModelWorker(**kwargs))
        host.relay = Relay(host.worker)
        started.append(host)
        if release is not None:
            releases.append(release)
        return host

    yield _make
    for release in releases:
        release.set()
    for host in started:
        assert host.shutdown()
        assert not host.thread.isRunning()


def _load(qtbot, host, source="tiny"):
    with qtbot.waitSignal(host.relay.finished, timeout=RESULT_TIMEOUT_MS):
        host.load_model(source, device="cpu")


def test_shutdown_with_a_limit_returns_while_a_load_still_blocks(qtbot, hosts, tiny_bert):
    started, release = threading.Event(), threading.Event()

    def blocking_loader(source, **_kwargs):
        started.set()
        release.wait(RESULT_TIMEOUT_MS / 1000)
        return tiny_bert

    host = hosts(release, loader=blocking_loader)
    host.load_model("slow")
    qtbot.waitUntil(started.is_set, timeout=RESULT_TIMEOUT_MS)
    assert host.shutdown(wait_ms=100) is False
    assert host.thread.isRunning()
    release.set()
    assert host.shutdown() is True
    assert not host.thread.isRunning()


def test_shutdown_of_an_idle_worker_returns_true(hosts, tiny_bert):
    host = hosts(loader=lambda *a, **k: tiny_bert)
    assert host.shutdown(wait_ms=RESULT_TIMEOUT_MS) is True
    assert not host.thread.isRunning()
    assert host.shutdown(wait_ms=0) is True  # again: nothing left to stop


def _endless_download(block_done: threading.Event, partial: Path, seen: list[str]):
    """A snapshot_download that writes a partial file until its progress report raises."""

    def fake_snapshot_download(repo_id, allow_patterns, tqdm_class):
        seen.append(repo_id)
        bar = tqdm_class(total=10**12, unit="B")
        try:
            partial.write_bytes(b"")
            for _block in range(100_000):
                with partial.open("ab") as out:
                    out.write(b"x" * 1024)
                bar.update(1024)
                block_done.set()
                threading.Event().wait(0.002)
        except BaseException as exc:
            seen.append(type(exc).__name__)
            raise
        finally:
            partial.unlink(missing_ok=True)  # as huggingface_hub does with its temporary file
        return "/cache/snapshot"

    return fake_snapshot_download


def test_closing_cancels_a_running_download(qtbot, hosts, tmp_path, monkeypatch):
    block_done = threading.Event()
    partial = tmp_path / "model.safetensors.incomplete"
    seen: list[str] = []
    monkeypatch.setattr(download, "hub_reachable", lambda *a, **k: True)
    monkeypatch.setattr(
        huggingface_hub, "snapshot_download", _endless_download(block_done, partial, seen)
    )
    host = hosts(loader=load_model)
    progressed: list[tuple] = []
    host.relay.progressed.connect(lambda *args: progressed.append(args))
    answers: list[tuple] = []
    host.relay.finished.connect(lambda *args: answers.append(args))
    host.relay.failed.connect(lambda *args: answers.append(args))
    request_id = host.load_model("some-org/big-model")
    qtbot.waitUntil(block_done.is_set, timeout=RESULT_TIMEOUT_MS)
    assert host.shutdown() is True
    assert seen == ["some-org/big-model", "LoadCancelled"]
    assert not partial.exists()
    qtbot.waitUntil(lambda: bool(progressed), timeout=RESULT_TIMEOUT_MS)
    assert progressed[0][:2] == (LOAD, request_id)
    assert answers == []  # nobody is told: the window is closing


def test_choosing_another_model_cancels_the_download_and_loads_it(
    qtbot, hosts, tmp_path, monkeypatch, tiny_bert_dir
):
    block_done = threading.Event()
    partial = tmp_path / "model.safetensors.incomplete"
    seen: list[str] = []
    monkeypatch.setattr(download, "hub_reachable", lambda *a, **k: True)
    monkeypatch.setattr(
        huggingface_hub, "snapshot_download", _endless_download(block_done, partial, seen)
    )
    host = hosts(loader=load_model)
    answers: list[tuple] = []
    host.relay.finished.connect(lambda k, i, r: answers.append((k, i, r.source)))
    host.relay.failed.connect(lambda *args: answers.append(args))
    host.load_model("some-org/big-model")
    qtbot.waitUntil(block_done.is_set, timeout=RESULT_TIMEOUT_MS)
    with qtbot.waitSignal(host.relay.finished, timeout=RESULT_TIMEOUT_MS):
        second = host.load_model(str(tiny_bert_dir), device="cpu")
    assert answers == [(LOAD, second, str(tiny_bert_dir))]
    assert seen == ["some-org/big-model", "LoadCancelled"] and not partial.exists()


def test_a_keyboard_interrupt_in_an_analysis_is_answered_and_the_worker_lives_on(
    qtbot, hosts, tiny_bert
):
    def interrupted(_loaded, request, _cancelled, _progress):
        if request == "interrupt":
            raise KeyboardInterrupt
        return request

    host = hosts(loader=lambda *a, **k: tiny_bert, analyses={MASKED_LM: unit(interrupted)})
    _load(qtbot, host)
    with qtbot.waitSignal(host.relay.failed, timeout=RESULT_TIMEOUT_MS) as blocker:
        request_id = host.submit(MASKED_LM, "interrupt")
    assert blocker.args == [MASKED_LM, request_id, "the analysis was interrupted"]
    with qtbot.waitSignal(host.relay.finished, timeout=RESULT_TIMEOUT_MS) as blocker:
        after = host.submit(MASKED_LM, "fine")
    assert blocker.args == [MASKED_LM, after, "fine"]


class _Unusual(BaseException):
    """Neither an Exception nor KeyboardInterrupt, as some C extensions raise."""


def test_a_keyboard_interrupt_or_base_exception_in_a_load_keeps_the_model(
    qtbot, hosts, tiny_bert
):
    def loader(source, **_kwargs):
        if source == "interrupt":
            raise KeyboardInterrupt
        if source == "unusual":
            raise _Unusual("deep trouble")
        return tiny_bert

    host = hosts(loader=loader)
    _load(qtbot, host, "good")
    with qtbot.waitSignal(host.relay.failed, timeout=RESULT_TIMEOUT_MS) as blocker:
        first = host.load_model("interrupt")
    assert blocker.args == [LOAD, first, "loading the model was interrupted"]
    with qtbot.waitSignal(host.relay.failed, timeout=RESULT_TIMEOUT_MS) as blocker:
        second = host.load_model("unusual")
    assert blocker.args == [LOAD, second, "unexpected error (_Unusual: deep trouble)"]
    with qtbot.waitSignal(host.relay.finished, timeout=RESULT_TIMEOUT_MS) as blocker:
        host.submit(MASKED_LM, AnalysisRequest("Paris is nice."))
    assert blocker.args[2].model_name == tiny_bert.name


def test_a_model_that_cannot_analyse_is_refused_and_the_previous_one_answers(
    qtbot, hosts, tiny_bert_dir, tmp_path
):
    foreign = build_bert_with_foreign_tokenizer(tmp_path / "foreign")
    host = hosts(loader=load_model)
    _load(qtbot, host, str(tiny_bert_dir))
    with qtbot.waitSignal(host.relay.failed, timeout=RESULT_TIMEOUT_MS) as blocker:
        request_id = host.load_model(str(foreign), device="cpu")
    kind, failed_id, message = blocker.args
    assert (kind, failed_id) == (LOAD, request_id)
    assert "does not belong to this model" in message and "30522 tokens" in message
    with qtbot.waitSignal(host.relay.finished, timeout=RESULT_TIMEOUT_MS) as blocker:
        host.submit(MASKED_LM, AnalysisRequest("Paris is nice.", mask_positions=(1,)))
    assert blocker.args[2].model_name == str(tiny_bert_dir)
