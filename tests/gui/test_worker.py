"""The model worker: one thread, latest request of each kind, plain error messages."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal, Slot

from mlm_desktop.app.worker import LOAD, LoadModelRequest, ModelWorker, WorkerThread
from mlm_desktop.core import AnalysisRequest, ModelLoadError
from mlm_desktop.core.analyses import ANALYSES, AnalysisUnit, masked_lm
from mlm_desktop.core.analyses.base import stop_if_cancelled
from mlm_desktop.core.spans import token_spans

TIMEOUT_MS = 60_000
MASKED_LM = masked_lm.KIND


class Relay(QObject):
    """The worker's signals re-emitted in the GUI thread.

    Worker signals reach QObjects of the GUI thread queued; a plain callable
    (as pytest-qt's waitSignal connects) would run in the worker thread.
    """

    finished = Signal(str, int, object)
    failed = Signal(str, int, str)
    progressed = Signal(str, int, "qint64", "qint64")
    busy_changed = Signal(bool)

    def __init__(self, worker: ModelWorker) -> None:
        super().__init__()
        worker.job_finished.connect(self._on_finished)
        worker.job_failed.connect(self._on_failed)
        worker.job_progressed.connect(self._on_progressed)
        worker.busy_changed.connect(self._on_busy_changed)

    @Slot(str, int, object)
    def _on_finished(self, kind, request_id, result) -> None:
        self.finished.emit(kind, request_id, result)

    @Slot(str, int, str)
    def _on_failed(self, kind, request_id, message) -> None:
        self.failed.emit(kind, request_id, message)

    @Slot(str, int, "qint64", "qint64")
    def _on_progressed(self, kind, request_id, done, total) -> None:
        self.progressed.emit(kind, request_id, done, total)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_changed.emit(busy)


def unit(run, kind=MASKED_LM) -> AnalysisUnit:
    """An analysis unit of ``kind`` that runs ``run(loaded, request, cancelled, progress)``."""
    return AnalysisUnit(kind=kind, title=kind, request_type=object, result_type=object, run=run)


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


def _of_kind(kind):
    return lambda k, *_args: k == kind


def _load(qtbot, host, source):
    with qtbot.waitSignal(host.relay.finished, timeout=TIMEOUT_MS,
                          check_params_cb=_of_kind(LOAD)) as blocker:
        host.load_model(source, device="cpu")
    return blocker.args[2]


def _analyse(qtbot, host, request, kind=MASKED_LM):
    with qtbot.waitSignal(host.relay.finished, timeout=TIMEOUT_MS,
                          check_params_cb=_of_kind(kind)) as blocker:
        request_id = host.submit(kind, request)
    assert blocker.args[1] == request_id
    return blocker.args[2]


def test_worker_loads_a_model_and_analyses_in_its_thread(qtbot, make_worker, tiny_bert_dir):
    host = make_worker()
    info = _load(qtbot, host, str(tiny_bert_dir))
    assert info.num_layers == 2 and info.device == "cpu" and info.mask_token == "[MASK]"
    request = AnalysisRequest("Paris is the capital of France.", mask_positions=(1,))
    result = _analyse(qtbot, host, request)
    assert result.mask_positions.tolist() == [1]
    assert result.hidden_states.shape[0] == 3


def test_worker_resolves_mask_spans_with_the_model_tokenization(qtbot, make_worker, tiny_bert_dir):
    host = make_worker()
    _load(qtbot, host, str(tiny_bert_dir))
    text = "Abraham Lincoln won the election."
    start = text.index("Lincoln")
    spans = frozenset({(start, start + len("Lincoln"), 0), (999, 1000, 0)})
    result = _analyse(qtbot, host, AnalysisRequest(text, mask_spans=spans))
    assert [result.tokens[p] for p in result.mask_positions] == ["lincoln"]
    assert token_spans(result.offsets)[int(result.mask_positions[0])][:2] == (start, start + 7)


def test_worker_runs_only_the_latest_of_the_requests_that_waited(qtbot, make_worker, tiny_bert):
    gate = threading.Event()
    running = threading.Event()
    analysed: list[int] = []

    def slow(_loaded, request, _cancelled, _progress):
        analysed.append(request)
        running.set()
        gate.wait(30)
        return SimpleNamespace(text=request)

    host = make_worker(loader=lambda *a, **k: tiny_bert, analyses={MASKED_LM: unit(slow)})
    busy: list[bool] = []
    host.relay.busy_changed.connect(busy.append)
    _load(qtbot, host, "tiny")
    delivered: list[tuple[int, str]] = []
    host.relay.finished.connect(lambda k, i, r: delivered.append((i, r.text)))

    first = host.submit(MASKED_LM, "first")
    qtbot.waitUntil(running.is_set, timeout=TIMEOUT_MS)
    ids = [host.submit(MASKED_LM, f"text {n}") for n in range(2, 11)]
    gate.set()
    qtbot.waitUntil(lambda: delivered[-1:] == [(ids[-1], "text 10")] and busy[-1:] == [False],
                    timeout=TIMEOUT_MS)
    assert analysed == ["first", "text 10"]
    assert delivered == [(first, "first"), (ids[-1], "text 10")]
    assert ids == sorted(ids) and first < ids[0]
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
    with qtbot.waitSignal(host.relay.failed, timeout=TIMEOUT_MS) as blocker:
        request_id = host.load_model("missing")
    assert blocker.args == [LOAD, request_id, "could not load 'missing': check the name"]
    with qtbot.waitSignal(host.relay.failed, timeout=TIMEOUT_MS) as blocker:
        host.load_model("crash")
    message = blocker.args[2]
    assert message == "unexpected error (RuntimeError: CUDA exploded)"
    assert "Traceback" not in message and "File" not in message
    # the model loaded before still answers
    assert _analyse(qtbot, host, AnalysisRequest("Paris is nice.")).model_name == tiny_bert.name


def test_worker_analysis_failures_name_the_request(qtbot, make_worker, tiny_bert_dir):
    host = make_worker()
    with qtbot.waitSignal(host.relay.failed, timeout=TIMEOUT_MS) as blocker:
        first = host.submit(MASKED_LM, AnalysisRequest("no model yet"))
    assert blocker.args == [MASKED_LM, first, "no model is loaded yet"]
    _load(qtbot, host, str(tiny_bert_dir))
    with qtbot.waitSignal(host.relay.failed, timeout=TIMEOUT_MS) as blocker:
        second = host.submit(MASKED_LM, AnalysisRequest("   "))
    kind, request_id, message = blocker.args
    assert (kind, request_id) == (MASKED_LM, second) and message.startswith("the text is empty")
    with qtbot.waitSignal(host.relay.failed, timeout=TIMEOUT_MS) as blocker:
        third = host.submit(MASKED_LM, AnalysisRequest("Paris.", mask_positions=(40,)))
    assert blocker.args[1] == third and "outside the text" in blocker.args[2]


def test_worker_serves_a_model_load_before_a_waiting_analysis(qtbot, tiny_bert):
    order: list[str] = []

    def loader(source, **_kwargs):
        order.append(f"load {source}")
        return tiny_bert

    def analyse(_loaded, request, _cancelled, _progress):
        order.append(f"analyse {request}")
        return request

    worker = ModelWorker(loader=loader, analyses={MASKED_LM: unit(analyse)})
    # both wait in their slots before the thread starts serving them
    worker.put(MASKED_LM, 1, "x")
    worker.put(LOAD, 2, LoadModelRequest("m"))
    host = WorkerThread(worker)
    relay = Relay(worker)
    try:
        with qtbot.waitSignal(relay.finished, timeout=TIMEOUT_MS,
                              check_params_cb=_of_kind(MASKED_LM)):
            worker.poked.emit()
        assert order == ["load m", "analyse x"]
    finally:
        host.shutdown()


def test_worker_stops_a_long_request_when_shut_down_while_busy(qtbot, make_worker, tiny_bert, qtlog):
    running = threading.Event()
    chunks: list[int] = []

    def chunked(_loaded, request, cancelled, _progress):
        # a long job split into chunks stops as soon as it is cancelled
        running.set()
        while len(chunks) < 100_000:
            stop_if_cancelled(cancelled)
            chunks.append(1)
            threading.Event().wait(0.005)
        return request

    host = make_worker(loader=lambda *a, **k: tiny_bert, analyses={MASKED_LM: unit(chunked)})
    _load(qtbot, host, "tiny")
    host.submit(MASKED_LM, "long")
    qtbot.waitUntil(running.is_set, timeout=TIMEOUT_MS)
    host.shutdown()
    assert not host.thread.isRunning()
    assert len(chunks) < 100_000
    assert not [r for r in qtlog.records if "QThread" in r.message]


def test_worker_cancels_a_running_analysis_when_a_newer_one_of_its_kind_comes(
    qtbot, make_worker, tiny_bert
):
    started = threading.Event()
    chunks_run: dict[str, int] = {}

    def chunked(_loaded, request, cancelled, progress):
        started.set()
        total = 200 if request == "long" else 3
        for done in range(total):
            stop_if_cancelled(cancelled)
            chunks_run[request] = done + 1
            progress(done + 1, total)
            threading.Event().wait(0.005)
        return request

    host = make_worker(loader=lambda *a, **k: tiny_bert, analyses={MASKED_LM: unit(chunked)})
    _load(qtbot, host, "tiny")
    finished: list[tuple[int, str]] = []
    progressed: list[tuple[int, int, int]] = []
    host.relay.finished.connect(lambda k, i, r: finished.append((i, r)))
    host.relay.progressed.connect(lambda k, i, d, t: progressed.append((i, d, t)))
    long_id = host.submit(MASKED_LM, "long")
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT_MS)
    short_id = host.submit(MASKED_LM, "short")
    qtbot.waitUntil(lambda: finished == [(short_id, "short")], timeout=TIMEOUT_MS)
    # the long one stopped at a chunk boundary and delivered nothing
    assert chunks_run["long"] < 200
    assert any(p[0] == long_id for p in progressed)
    assert all(request_id != long_id for request_id, _r in finished)
    assert [p for p in progressed if p[0] == short_id] == [(short_id, 1, 3), (short_id, 2, 3),
                                                          (short_id, 3, 3)]


def test_worker_keeps_one_slot_per_kind_and_serves_them_in_registry_order(
    qtbot, make_worker, tiny_bert
):
    @dataclass(frozen=True)
    class CountTokens:
        text: str

    order: list[str] = []

    def count(loaded, request, _cancelled, _progress):
        order.append(f"count {request.text}")
        return len(loaded.tokenizer(request.text)["input_ids"])

    def analyse(loaded, request, cancelled, progress):
        order.append(f"analyse {request.text}")
        return masked_lm.run(loaded, request, cancelled, progress)

    analyses = {MASKED_LM: unit(analyse), "count": unit(count, "count")}
    worker = ModelWorker(loader=lambda *a, **k: tiny_bert, analyses=analyses)
    # a later request of a kind replaces the waiting one; other kinds keep theirs
    worker.put("count", 1, CountTokens("Paris is nice."))
    worker.put(MASKED_LM, 2, AnalysisRequest("first"))
    worker.put(MASKED_LM, 3, AnalysisRequest("second"))
    worker.put(LOAD, 4, LoadModelRequest("tiny"))
    host = WorkerThread(worker)
    relay = Relay(worker)
    try:
        with qtbot.waitSignal(relay.finished, timeout=TIMEOUT_MS,
                              check_params_cb=_of_kind("count")) as blocker:
            worker.poked.emit()
        assert blocker.args[1:] == [1, 6]
        assert order == ["analyse second", "count Paris is nice."]
    finally:
        host.shutdown()


def test_worker_knows_every_registered_analysis():
    worker = ModelWorker()
    assert worker.kinds == (LOAD, *ANALYSES)
    with pytest.raises(KeyError):
        worker.put("no such kind", 1, None)


@pytest.mark.parametrize("interleaves", [True, False])
def test_a_follow_up_that_interleaves_lets_a_newer_main_request_run_between_its_chunks(
    qtbot, make_worker, tiny_bert, interleaves
):
    """The text's score does not change with the masks: a click's analysis runs at once,
    between the scoring's chunks, and the scoring goes on; any other follow-up stops."""
    import dataclasses

    gate, started = threading.Event(), threading.Event()

    def scoring(_loaded, request, cancelled, progress):
        for chunk in range(4):
            if chunk == 1:
                started.set()
                gate.wait(TIMEOUT_MS / 1000)
            stop_if_cancelled(cancelled)
        return f"scored {request}"

    follow = dataclasses.replace(unit(scoring, "scoring"), follows=MASKED_LM,
                                 request_for=lambda *_: None, interleaves=interleaves)
    main = unit(lambda _l, request, *_: f"analysed {request}")
    host = make_worker(loader=lambda *a, **k: tiny_bert,
                       analyses={MASKED_LM: main, "scoring": follow})
    _load(qtbot, host, "tiny")
    finished: list[tuple[str, object]] = []
    host.relay.finished.connect(lambda k, i, r: finished.append((k, r)))
    host.submit("scoring", "the text")
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT_MS)
    host.submit(MASKED_LM, "a click")
    gate.set()
    if interleaves:
        qtbot.waitUntil(lambda: len(finished) == 2, timeout=TIMEOUT_MS)
        assert finished == [(MASKED_LM, "analysed a click"), ("scoring", "scored the text")]
    else:
        qtbot.waitUntil(lambda: len(finished) == 1, timeout=TIMEOUT_MS)
        assert finished == [(MASKED_LM, "analysed a click")]


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, None),
    ({"MLM_DESKTOP_TORCH_THREADS": "2"}, 2),
    ({"MLM_DESKTOP_TORCH_THREADS": "1"}, 1),
    ({"MLM_DESKTOP_TORCH_THREADS": "x"}, None),
    ({"MLM_DESKTOP_TORCH_THREADS": "0"}, None),
])
def test_the_worker_uses_torchs_own_thread_count_unless_told(environ, expected):
    from mlm_desktop.app.worker import worker_threads

    assert worker_threads(environ) == expected


def test_the_worker_sets_torchs_thread_count_as_it_warms_up(qtbot, monkeypatch, make_worker):
    import torch

    from mlm_desktop.app import worker as worker_module

    asked = []
    monkeypatch.setattr(worker_module, "worker_threads", lambda: 3)
    monkeypatch.setattr(torch, "set_num_threads", asked.append)
    host = make_worker()
    qtbot.waitUntil(lambda: host.worker.devices is not None, timeout=TIMEOUT_MS)
    assert asked == [3]
