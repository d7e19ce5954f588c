"""The model worker: one long-lived thread that owns the loaded model.

The GUI thread never touches torch. It hands requests to the worker through
:meth:`WorkerThread.submit`, which puts them in a lock-protected slot that
holds only the *latest pending* request of each kind, then pokes the worker
with a queued signal. When the worker gets to work it takes the newest
request out of the slot; a request that was replaced while the worker was
busy is never run, so work never queues up behind a slow forward pass.

Request kinds map to handlers (``_HANDLERS``). Slots are served in the
order they are listed (a model load before an analysis). A long handler can
call :meth:`ModelWorker.superseded` between chunks and stop early when a
newer request of its kind is waiting or the worker is shutting down.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ..core.analyses.masked_lm import analyze
from ..core.analyses.masked_lm_types import AnalysisRequest
from ..core.errors import MLMDesktopError
from ..core.loading import LoadedModel, load_model
from ..core.spans import Span, positions_for_spans
from ..core.tokens import tokenize

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadModelRequest:
    """Load ``source`` (hub id or folder) on ``device``."""

    source: str
    device: str = "auto"
    trust_remote_code: bool = False


@dataclass(frozen=True)
class AnalysisJob:
    """An analysis and, optionally, masks as character spans to resolve first.

    With ``mask_spans`` the worker tokenizes the text and masks the tokens
    whose spans are listed (see :mod:`mlm_desktop.session`), replacing the
    request's ``mask_positions``.
    """

    request: AnalysisRequest
    mask_spans: frozenset[Span] | None = None


@dataclass(frozen=True)
class ModelInfo:
    """What the window shows about the loaded model."""

    name: str
    source: str
    device: str
    model_type: str
    num_layers: int
    max_length: int
    mask_token: str
    vocab_size: int
    parameters: int
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def device_label(self) -> str:
        return {"cpu": "CPU", "cuda": "CUDA", "mps": "MPS"}.get(self.device, self.device)


def model_info(loaded: LoadedModel, source: str) -> ModelInfo:
    model = loaded.model
    return ModelInfo(
        name=loaded.name,
        source=source,
        device=loaded.device,
        model_type=loaded.model_type,
        num_layers=loaded.num_layers,
        max_length=loaded.max_length,
        mask_token=loaded.mask_token,
        vocab_size=int(getattr(model.config, "vocab_size", 0) or 0),
        parameters=int(sum(p.numel() for p in model.parameters())),
        warnings=tuple(loaded.warnings),
    )


def user_message(exc: BaseException) -> str:
    """A plain one-line message: ours are already worded for the user."""
    if isinstance(exc, MLMDesktopError):
        return str(exc)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0][:200] if lines else ""
    return f"unexpected error ({type(exc).__name__}{': ' + detail if detail else ''})"


class ModelWorker(QObject):
    """Lives in the worker thread; runs one request at a time, newest first."""

    model_loaded = Signal(object)  # ModelInfo
    model_failed = Signal(str)
    result_ready = Signal(object)  # AnalysisResult
    analysis_failed = Signal(int, str)  # request_id, message
    busy_changed = Signal(bool)
    #: bytes of a model download done and in all (0 when unknown); from the worker thread
    download_progressed = Signal(int, int)
    #: emitted from any thread to wake the worker (connected queued)
    poked = Signal()

    def __init__(
        self,
        loader: Callable[..., LoadedModel] = load_model,
        analyzer: Callable[[LoadedModel, AnalysisRequest], Any] = analyze,
    ) -> None:
        super().__init__()
        self._loader = loader
        self._analyzer = analyzer
        self._lock = threading.Lock()
        self._pending: dict[str, object] = {}
        self._stopping = threading.Event()
        self._loaded: LoadedModel | None = None
        self._handlers: dict[type, tuple[str, Callable[[Any], None]]] = {
            LoadModelRequest: ("load", self._handle_load),
            AnalysisJob: ("analysis", self._handle_analysis),
        }
        self._slot_order = ("load", "analysis")
        self.poked.connect(self._on_poked, Qt.ConnectionType.QueuedConnection)

    def add_request_kind(self, job_type: type, slot: str, handler: Callable[[Any], None]) -> None:
        """Serve ``job_type`` requests with ``handler`` (run in the worker thread).

        Requests of one slot replace each other while they wait; a new slot is
        served after the existing ones. Call before the first request of that kind.
        """
        self._handlers[job_type] = (slot, handler)
        if slot not in self._slot_order:
            self._slot_order = (*self._slot_order, slot)

    @property
    def loaded(self) -> LoadedModel | None:
        """The model, for handlers running in the worker thread only."""
        return self._loaded

    # -- any thread ------------------------------------------------------
    def put(self, job: object) -> None:
        """Replace the pending request of the job's kind with ``job``."""
        kind = self._handlers[type(job)][0]
        with self._lock:
            self._pending[kind] = job

    def superseded(self, kind: str) -> bool:
        """True when a newer ``kind`` request waits or the worker is stopping."""
        with self._lock:
            return self._stopping.is_set() or kind in self._pending

    def stop(self) -> None:
        """Drop pending work; a running handler finishes, nothing new starts."""
        self._stopping.set()
        with self._lock:
            self._pending.clear()

    def _take(self) -> object | None:
        with self._lock:
            for kind in self._slot_order:
                job = self._pending.pop(kind, None)
                if job is not None:
                    return job
        return None

    # -- worker thread ----------------------------------------------------
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
                handler = self._handlers[type(job)][1]
                handler(job)
                job = self._take()
        finally:
            self.busy_changed.emit(False)

    def _handle_load(self, job: LoadModelRequest) -> None:
        try:
            loaded = self._loader(
                job.source,
                device=job.device,
                trust_remote_code=job.trust_remote_code,
                progress=self.download_progressed.emit,
            )
            info = model_info(loaded, job.source)
        except Exception as exc:  # noqa: BLE001 - the previous model stays loaded
            if not isinstance(exc, MLMDesktopError):
                log.exception("loading %s failed", job.source)
            self.model_failed.emit(user_message(exc))
            return
        self._loaded = loaded
        self.model_loaded.emit(info)

    def _handle_analysis(self, job: AnalysisJob) -> None:
        request = job.request
        loaded = self._loaded
        if loaded is None:
            self.analysis_failed.emit(request.request_id, "no model is loaded yet")
            return
        try:
            if job.mask_spans is not None:
                tokenized = tokenize(loaded.tokenizer, request.text, loaded.max_length)
                positions = positions_for_spans(
                    tokenized.offsets, tokenized.maskable, job.mask_spans
                )
                request = replace(request, mask_positions=positions)
            result = self._analyzer(loaded, request)
        except Exception as exc:  # noqa: BLE001 - shown in the window, never a traceback
            if not isinstance(exc, MLMDesktopError):
                log.exception("analysis %s failed", request.request_id)
            self.analysis_failed.emit(request.request_id, user_message(exc))
            return
        self.result_ready.emit(result)

    def release_model(self) -> None:
        """Drop the model (call only once the thread has finished)."""
        self._loaded = None


class WorkerThread:
    """Owns the one worker thread and its :class:`ModelWorker`.

    Connect to ``worker``'s signals from GUI-thread QObjects (bound slots) so
    they arrive queued in the GUI thread.
    """

    def __init__(self, worker: ModelWorker | None = None) -> None:
        self.worker = worker or ModelWorker()
        self.thread = QThread()
        self.thread.setObjectName("mlm-desktop-model-worker")
        self.worker.moveToThread(self.thread)
        self.thread.start()

    def submit(self, job: object) -> None:
        """Queue ``job`` as the latest of its kind and wake the worker."""
        self.worker.put(job)
        self.worker.poked.emit()

    def load_model(self, source: str, device: str = "auto", trust_remote_code: bool = False):
        self.submit(LoadModelRequest(source, device, trust_remote_code))

    def analyze(self, request: AnalysisRequest, mask_spans: frozenset[Span] | None = None):
        self.submit(AnalysisJob(request, mask_spans))

    @property
    def running(self) -> bool:
        return self.thread.isRunning()

    def shutdown(self) -> None:
        """Drop pending work, let a running request finish, stop and join the thread."""
        if not self.thread.isRunning():
            return
        self.worker.stop()
        self.thread.quit()
        self.thread.wait()
        self.worker.release_model()
