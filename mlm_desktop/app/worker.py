"""The model worker: one long-lived thread that owns the loaded model.

The GUI thread never touches torch. It hands requests to the worker with
:meth:`WorkerThread.submit` ``(kind, request) -> request_id``; the request goes
into a lock-protected slot that holds only the *latest pending* request of
its kind, and a queued signal wakes the worker. A request replaced while it
waited is never run, so work never queues up behind a slow forward pass; a
long analysis that is running stops at its next chunk boundary when a newer
request of its kind arrives (its ``cancelled()`` turns true), and a follow-up
also when a newer request of the kind it follows arrives (a new text).

Kinds: ``"load"`` (a model, :class:`LoadModelRequest` → :class:`~mlm_desktop.core.model_info.ModelInfo`)
and every analysis unit of the registry (:mod:`mlm_desktop.core.analyses`).
Slots are served in that order, so a model load goes before the analyses
that need it and a main analysis before its follow-ups.

Every outcome comes back through the same signals, tagged with the kind and
the request id: ``job_finished``, ``job_failed`` and, for long work,
``job_progressed`` (a model download reports bytes). Every request is
answered, even when an analysis or a load raises ``KeyboardInterrupt`` or
another ``BaseException`` (only ``SystemExit`` passes); the one exception is
work that stops because a newer request of its kind replaced it, or because
the worker shuts down: a running download then stops at its next block
of bytes.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QDeadlineTimer, QObject, Qt, QThread, Signal, Slot

from ..core.analyses import ANALYSES, AnalysisUnit
from ..core.devices import available_devices
from ..core.errors import AnalysisCancelled, LoadCancelled, MLMDesktopError, user_message
from ..core.loading import LoadedModel, load_model, quiet_library_output
from ..core.model_info import model_info

log = logging.getLogger(__name__)

LOAD = "load"
#: the longest the worker waits for the window's first paint before importing anyway
START_HOLD_LIMIT_S = 5.0


def worker_threads(environ: Mapping[str, str] | None = None) -> int | None:
    """torch's thread count for the window's model worker; None: torch's own (one per core).

    ``MLM_DESKTOP_TORCH_THREADS`` sets it. The count is the worker thread's own: torch keeps
    it per thread, so it is set in the worker. Measured on 2 cores with
    ``MLM_DESKTOP_TORCH_THREADS=N benchmarks/suite.py --window-only``, two runs each, medians
    of 15 clicks: a click was painted 52 ms after a bare two-thread forward's time with both
    cores, and 91 to 104 ms after it with one (the GUI thread's share of a click is small
    enough that leaving it a core costs more than it saves).
    """
    environ = os.environ if environ is None else environ
    asked = environ.get("MLM_DESKTOP_TORCH_THREADS", "").strip()
    if asked.isdigit() and int(asked) > 0:
        return int(asked)
    return None


@dataclass(frozen=True)
class LoadModelRequest:
    """Load ``source`` (hub id or folder) on ``device``."""

    source: str
    device: str = "auto"
    trust_remote_code: bool = False


@dataclass(frozen=True)
class _Job:
    kind: str
    request_id: int
    request: object


class ModelWorker(QObject):
    """Lives in the worker thread; runs one request at a time, newest of each kind."""

    #: kind, request id, result (ModelInfo for "load", the unit's result otherwise)
    job_finished = Signal(str, int, object)
    #: kind, request id, a plain one-line message
    job_failed = Signal(str, int, object)  # the message: a str (a core Message keeps its template)
    #: kind, request id, done, total (total 0 when unknown); 64-bit, as downloads pass 2 GiB
    job_progressed = Signal(str, int, "qint64", "qint64")
    busy_changed = Signal(bool)
    #: the devices this machine offers, once the worker has imported torch
    devices_found = Signal(object)
    #: emitted from any thread to wake the worker (connected queued)
    poked = Signal()

    def __init__(
        self,
        loader: Callable[..., LoadedModel] = load_model,
        analyses: Mapping[str, AnalysisUnit] = ANALYSES,
    ) -> None:
        super().__init__()
        self._loader = loader
        self._analyses = dict(analyses)
        self._slot_order = (LOAD, *self._analyses)
        self._lock = threading.Lock()
        self._pending: dict[str, _Job] = {}
        self._stopping = threading.Event()
        self._loaded: LoadedModel | None = None
        #: the devices this machine offers, once :meth:`warm_up` has run
        self.devices: tuple[str, ...] | None = None
        #: set when the worker may start importing (the window holds it until its first paint)
        self.may_start = threading.Event()
        self.may_start.set()
        self.poked.connect(self._on_poked, Qt.ConnectionType.QueuedConnection)

    @property
    def kinds(self) -> tuple[str, ...]:
        return self._slot_order

    # -- any thread ------------------------------------------------------
    def put(self, kind: str, request_id: int, request: object) -> None:
        """Replace the pending request of ``kind``."""
        if kind not in self._slot_order:
            raise KeyError(f"no analysis of kind {kind!r}")
        with self._lock:
            self._pending[kind] = _Job(kind, request_id, request)

    def superseded(self, kind: str) -> bool:
        """True when a newer ``kind`` request waits or the worker is stopping."""
        with self._lock:
            return self._stopping.is_set() or kind in self._pending

    def stop(self) -> None:
        """Drop pending work; a running job stops at its next chunk, nothing new starts."""
        self._stopping.set()
        with self._lock:
            self._pending.clear()

    def _take(self) -> _Job | None:
        with self._lock:
            for kind in self._slot_order:
                job = self._pending.pop(kind, None)
                if job is not None:
                    return job
        return None

    # -- worker thread ----------------------------------------------------
    @Slot()
    def warm_up(self) -> None:
        """Import torch, transformers and the analyses here, first thing in the thread.

        The window imports none of them, so it shows at once; the seconds of
        importing pass in this thread while the window is already up. Then
        tells which devices this machine has.
        """
        # importing holds Python's lock for seconds: the window paints first when it asks to
        self.may_start.wait(START_HOLD_LIMIT_S)
        try:
            import torch
            from transformers import AutoModelForMaskedLM, AutoTokenizer  # noqa: F401

            quiet_library_output()
            threads = worker_threads()
            if threads is not None:
                torch.set_num_threads(threads)

            for unit in self._analyses.values():
                resolve = getattr(unit.run, "resolve", None)
                if resolve is not None:
                    resolve()
            devices = available_devices()
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - the model load reports what is wrong
            log.error("importing the model libraries failed", exc_info=exc)
            devices = ("cpu",)
        self.devices = tuple(devices)
        self.devices_found.emit(self.devices)

    @Slot()
    def _on_poked(self) -> None:
        if self._stopping.is_set():
            return
        job = self._take()
        if job is None:
            return  # an earlier poke already served it
        self.busy_changed.emit(True)
        try:
            while job is not None and not self._stopping.is_set():
                if job.kind == LOAD:
                    self._run_load(job)
                else:
                    self._run_analysis(job)
                job = self._take()
        finally:
            self.busy_changed.emit(False)

    def _run_load(self, job: _Job) -> None:
        request: LoadModelRequest = job.request  # type: ignore[assignment]

        def progress(done: int, total: int) -> None:
            if self.superseded(LOAD):
                raise LoadCancelled  # stops the download; the newer load answers
            self.job_progressed.emit(LOAD, job.request_id, int(done), int(total))

        try:
            loaded = self._loader(
                request.source,
                device=request.device,
                trust_remote_code=request.trust_remote_code,
                progress=progress,
            )
            info = model_info(loaded, request.source)
        except LoadCancelled:
            return
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - the previous model stays loaded
            self._fail(job, exc)
            return
        self._loaded = loaded
        self.job_finished.emit(LOAD, job.request_id, info)

    def _run_analysis(self, job: _Job) -> None:
        loaded = self._loaded
        if loaded is None:
            self.job_failed.emit(job.kind, job.request_id, self.tr("no model is loaded yet"))
            return
        unit = self._analyses[job.kind]

        def cancelled() -> bool:
            # a follow-up also stops when a newer request of the kind it follows waits: the
            # result it belongs to is being replaced, so it would never be shown; one that
            # interleaves lets that request run now, between its chunks, and goes on
            if self.superseded(job.kind):
                return True
            if unit.follows is None or not self.superseded(unit.follows):
                return False
            if not unit.interleaves or self._stopping.is_set():
                return True
            return not self._run_between_chunks(unit.follows, job) or self.superseded(job.kind)

        def progress(done: int, total: int) -> None:
            self.job_progressed.emit(job.kind, job.request_id, int(done), int(total))

        try:
            result = unit.run(loaded, job.request, cancelled, progress)
        except AnalysisCancelled:
            return  # a newer request of this kind replaces it
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - shown in the window, never a traceback
            self._fail(job, exc)
            return
        self.job_finished.emit(job.kind, job.request_id, result)

    def _run_between_chunks(self, kind: str, running: _Job) -> bool:
        """Run the waiting request of ``kind`` now, inside ``running`` (a job that interleaves);
        False when that request is of another text, which makes ``running`` stale."""
        with self._lock:
            job = self._pending.get(kind)
            if job is None:
                return True
            if getattr(job.request, "text", None) != getattr(running.request, "text", None):
                return False
            del self._pending[kind]
        self._run_analysis(job)
        return True

    def _fail(self, job: _Job, exc: BaseException) -> None:
        if isinstance(exc, KeyboardInterrupt):
            what = self.tr("loading the model was interrupted") if job.kind == LOAD else self.tr(
                "the analysis was interrupted")
            self.job_failed.emit(job.kind, job.request_id, what)
            return
        if not isinstance(exc, MLMDesktopError):
            log.error("%s request %s failed", job.kind, job.request_id, exc_info=exc)
        self.job_failed.emit(job.kind, job.request_id, user_message(exc))

    def release_model(self) -> None:
        """Drop the model (call only once the thread has finished)."""
        self._loaded = None


class WorkerThread:
    """Owns the one worker thread and its :class:`ModelWorker`.

    Connect to ``worker``'s signals from GUI-thread QObjects (bound slots) so
    they arrive queued in the GUI thread.
    """

    def __init__(self, worker: ModelWorker | None = None, hold: bool = False) -> None:
        """``hold``: the worker waits for :meth:`release` (or a few seconds) before importing
        torch, so that the window's first paint does not wait for Python's lock."""
        self.worker = worker or ModelWorker()
        if hold:
            self.worker.may_start.clear()
        self._ids = itertools.count(1)
        self.thread = QThread()
        self.thread.setObjectName("mlm-desktop-model-worker")
        self.worker.moveToThread(self.thread)
        # runs in the worker thread before any request
        self.thread.started.connect(self.worker.warm_up, Qt.ConnectionType.DirectConnection)
        self.thread.start()

    def submit(self, kind: str, request: object) -> int:
        """Queue ``request`` as the latest of ``kind``, wake the worker; returns its id."""
        request_id = next(self._ids)
        self.worker.put(kind, request_id, request)
        self.worker.poked.emit()
        return request_id

    def release(self) -> None:
        """Let a held worker start importing (see ``hold``)."""
        self.worker.may_start.set()

    def next_id(self) -> int:
        """A fresh request id for an answer that needs no job (a result from a cache)."""
        return next(self._ids)

    def load_model(self, source: str, device: str = "auto", trust_remote_code: bool = False) -> int:
        return self.submit(LOAD, LoadModelRequest(source, device, trust_remote_code))

    @property
    def running(self) -> bool:
        return self.thread.isRunning()

    def shutdown(self, wait_ms: int | None = None) -> bool:
        """Drop pending work, cancel the running request, stop the thread; True once stopped.

        The running request sees ``cancelled()`` turn true (a long analysis
        stops at its next chunk, a download at its next block of bytes). Waits
        for the thread without limit, or at most ``wait_ms`` milliseconds; on
        False the thread is still busy in a step that cannot be interrupted (a
        forward pass, reading weights), and a caller about to exit the
        process may leave it behind.
        """
        if not self.thread.isRunning():
            self.worker.release_model()
            return True
        self.worker.stop()
        self.thread.quit()
        if wait_ms is None:
            stopped = self.thread.wait()
        else:
            stopped = self.thread.wait(QDeadlineTimer(max(0, int(wait_ms))))
        if stopped:
            self.worker.release_model()
        return bool(stopped)
