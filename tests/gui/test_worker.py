"""The model worker: one thread, latest request only, plain error messages."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal, Slot

from mlm_desktop.app.worker import AnalysisJob, LoadModelRequest, ModelWorker, WorkerThread
from mlm_desktop.core import AnalysisRequest, ModelLoadError
from mlm_desktop.core.spans import token_spans

TIMEOUT_MS = 60_000


class Relay(QObject):
    """The worker's signals re-emitted in the GUI thread.

    Worker signals reach QObjects of the GUI thread queued; a plain callable
    (as pytest-qt's waitSignal connects) would run in the worker thread.
    """

    model_loaded = Signal(object)
    model_failed = Signal(str)
    result_ready = Signal(object)
    analysis_failed = Signal(int, str)
    busy_changed = Signal(bool)

    def __init__(self, worker: ModelWorker) -> None:
        super().__init__()
        worker.model_loaded.connect(self._on_model_loaded)
        worker.model_failed.connect(self._on_model_failed)
        worker.result_ready.connect(self._on_result_ready)
        worker.analysis_failed.connect(self._on_analysis_failed)
        worker.busy_changed.connect(self._on_busy_changed)

    @Slot(object)
    def _on_model_loaded(self, info) -> None:
        self.model_loaded.emit(info)

    @Slot(str)
    def _on_model_failed(self, message: str) -> None:
        self.model_failed.emit(message)

    @Slot(object)
    def _on_result_ready(self, result) -> None:
        self.result_ready.emit(result)

    @Slot(int, str)
    def _on_analysis_failed(self, request_id: int, message: str) -> None:
        self.analysis_failed.emit(request_id, message)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_changed.emit(busy)


@pytest.fixture
def make_worker():
    """WorkerThreads that are always shut down, even when a test fails."""
    started = []

    def _make(**kwargs) -> WorkerThread:
        host = WorkerThread(ModelWorker(**kwargs) if kwargs else None)
        host.relay = Relay(host.worker)
        started.append(host)
        return host

    yield _make
    for host in started:
        host.shutdown()
        assert not host.thread.isRunning()


def _load(qtbot, host, source):
    with qtbot.waitSignal(host.relay.model_loaded, timeout=TIMEOUT_MS) as blocker:
        host.load_model(source, device="cpu")
    return blocker.args[0]


def test_worker_loads_a_model_and_analyses_in_its_thread(qtbot, make_worker, tiny_bert_dir):
    host = make_worker()
    info = _load(qtbot, host, str(tiny_bert_dir))
    assert info.num_layers == 2 and info.device == "cpu" and info.mask_token == "[MASK]"
    request = AnalysisRequest("Paris is the capital of France.", mask_positions=(1,), request_id=7)
    with qtbot.waitSignal(host.relay.result_ready, timeout=TIMEOUT_MS) as blocker:
        host.analyze(request)
    result = blocker.args[0]
    assert result.request_id == 7
    assert result.mask_positions.tolist() == [1]
    assert result.hidden_states.shape[0] == 3


def test_worker_resolves_mask_spans_with_the_new_tokenization(qtbot, make_worker, tiny_bert_dir):
    host = make_worker()
    _load(qtbot, host, str(tiny_bert_dir))
    text = "Abraham Lincoln won the election."
    start = text.index("Lincoln")
    spans = frozenset({(start, start + len("Lincoln"), 0), (999, 1000, 0)})
    with qtbot.waitSignal(host.relay.result_ready, timeout=TIMEOUT_MS) as blocker:
        host.analyze(AnalysisRequest(text, request_id=1), spans)
    result = blocker.args[0]
    assert [result.tokens[p] for p in result.mask_positions] == ["lincoln"]
    assert token_spans(result.offsets)[int(result.mask_positions[0])][:2] == (start, start + 7)


def test_worker_runs_only_the_latest_of_the_requests_that_waited(qtbot, make_worker, tiny_bert):
    gate = threading.Event()
    running = threading.Event()
    analysed: list[int] = []

    def slow_analyzer(_loaded, request):
        analysed.append(request.request_id)
        running.set()
        gate.wait(30)
        return SimpleNamespace(request_id=request.request_id)

    host = make_worker(loader=lambda *a, **k: tiny_bert, analyzer=slow_analyzer)
    busy: list[bool] = []
    host.relay.busy_changed.connect(busy.append)
    _load(qtbot, host, "tiny")
    delivered: list[int] = []
    host.relay.result_ready.connect(lambda r: delivered.append(r.request_id))

    host.analyze(AnalysisRequest("first", request_id=1))
    qtbot.waitUntil(running.is_set, timeout=TIMEOUT_MS)
    for request_id in range(2, 11):
        host.analyze(AnalysisRequest(f"text {request_id}", request_id=request_id))
    gate.set()
    qtbot.waitUntil(lambda: delivered[-1:] == [10] and busy[-1:] == [False], timeout=TIMEOUT_MS)
    assert analysed == [1, 10]
    assert delivered == [1, 10]
    assert busy[0] is True


def test_worker_load_failures_are_plain_messages_and_keep_the_model(
    qtbot, make_worker, tiny_bert
):
    def loader(source, **_kwargs):
        if source == "good":
            return tiny_bert
        if source == "missing":
            raise ModelLoadError("could not load 'missing': check the name")
        raise RuntimeError("CUDA exploded\n  File 'x.py', line 3, in <module>")

    host = make_worker(loader=loader)
    _load(qtbot, host, "good")
    with qtbot.waitSignal(host.relay.model_failed, timeout=TIMEOUT_MS) as blocker:
        host.load_model("missing")
    assert blocker.args == ["could not load 'missing': check the name"]
    with qtbot.waitSignal(host.relay.model_failed, timeout=TIMEOUT_MS) as blocker:
        host.load_model("crash")
    message = blocker.args[0]
    assert message == "unexpected error (RuntimeError: CUDA exploded)"
    assert "Traceback" not in message and "File" not in message
    # the model loaded before still answers
    with qtbot.waitSignal(host.relay.result_ready, timeout=TIMEOUT_MS) as blocker:
        host.analyze(AnalysisRequest("Paris is nice.", request_id=3))
    assert blocker.args[0].model_name == tiny_bert.name


def test_worker_analysis_failures_name_the_request(qtbot, make_worker, tiny_bert_dir):
    host = make_worker()
    with qtbot.waitSignal(host.relay.analysis_failed, timeout=TIMEOUT_MS) as blocker:
        host.analyze(AnalysisRequest("no model yet", request_id=4))
    assert blocker.args == [4, "no model is loaded yet"]
    _load(qtbot, host, str(tiny_bert_dir))
    with qtbot.waitSignal(host.relay.analysis_failed, timeout=TIMEOUT_MS) as blocker:
        host.analyze(AnalysisRequest("   ", request_id=5))
    request_id, message = blocker.args
    assert request_id == 5 and message.startswith("the text is empty")
    with qtbot.waitSignal(host.relay.analysis_failed, timeout=TIMEOUT_MS) as blocker:
        host.analyze(AnalysisRequest("Paris.", mask_positions=(40,), request_id=6))
    assert blocker.args[0] == 6 and "outside the text" in blocker.args[1]


def test_worker_serves_a_model_load_before_a_waiting_analysis(qtbot, tiny_bert):
    order: list[str] = []

    def loader(source, **_kwargs):
        order.append(f"load {source}")
        return tiny_bert

    def analyzer(_loaded, request):
        order.append(f"analyse {request.request_id}")
        return SimpleNamespace(request_id=request.request_id)

    worker = ModelWorker(loader=loader, analyzer=analyzer)
    # both wait in their slots before the thread starts serving them
    worker.put(AnalysisJob(AnalysisRequest("x", request_id=1)))
    worker.put(LoadModelRequest("m"))
    host = WorkerThread(worker)
    relay = Relay(worker)
    try:
        with qtbot.waitSignal(relay.result_ready, timeout=TIMEOUT_MS):
            worker.poked.emit()
        assert order == ["load m", "analyse 1"]
    finally:
        host.shutdown()


def test_worker_stops_a_long_request_when_shut_down_while_busy(qtbot, make_worker, tiny_bert, qtlog):
    running = threading.Event()
    chunks: list[int] = []
    holder: dict = {}

    def chunked_analyzer(_loaded, request):
        # a long job split into chunks stops as soon as it is superseded
        running.set()
        while not holder["worker"].superseded("analysis") and len(chunks) < 100_000:
            chunks.append(1)
            threading.Event().wait(0.005)
        return SimpleNamespace(request_id=request.request_id)

    host = make_worker(loader=lambda *a, **k: tiny_bert, analyzer=chunked_analyzer)
    holder["worker"] = host.worker
    _load(qtbot, host, "tiny")
    host.analyze(AnalysisRequest("long", request_id=1))
    qtbot.waitUntil(running.is_set, timeout=TIMEOUT_MS)
    host.shutdown()
    assert not host.thread.isRunning()
    assert len(chunks) < 100_000
    assert not [r for r in qtlog.records if "QThread" in r.message]


def test_worker_takes_new_request_kinds_with_their_own_slot(qtbot, make_worker, tiny_bert):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class CountTokens:
        text: str

    host = make_worker(loader=lambda *a, **k: tiny_bert)
    counted: list[int] = []

    def count(job: CountTokens) -> None:
        tokenizer = host.worker.loaded.tokenizer
        counted.append(len(tokenizer(job.text)["input_ids"]))

    host.worker.add_request_kind(CountTokens, "count", count)
    _load(qtbot, host, "tiny")
    host.submit(CountTokens("Paris is nice."))
    qtbot.waitUntil(lambda: counted == [6], timeout=TIMEOUT_MS)
