"""A second model beside the first: its own worker thread, its own dock.

The second model lives in a second :class:`~.worker.WorkerThread` with its own
:class:`~.worker.ModelWorker`, so loading or running it never waits for the
first model and never blocks the window. Each masked-LM result the window
shows is analysed again by the second model, with the same text and the same
masked characters (as character spans: the second tokenizer resolves them
itself, masking every one of its tokens over those characters, see
:mod:`mlm_desktop.core.compare`). Only the second model's answer for the
result still on screen is drawn.

The comparison panel is docked on demand (Model ▸ Compare with model…), tabbed
with the Loss panel; it is not in the panel registry, which hosts panels of
analyses the first model runs. "Stop comparing" stops the second thread and
so frees the second model's memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDockWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.compare import SECOND_KIND, SECOND_UNIT, compare, second_request
from ..panels.compare_panel import ComparePanel
from ..panels.core_text import shown
from .analysis_controller import AnalysisController
from .main_window import MainWindow
from .worker import LOAD, ModelWorker, WorkerThread

log = logging.getLogger(__name__)

DOCK_NAME = "compareDock"
#: how long "Stop comparing" waits for the second thread before leaving it behind
STOP_WAIT_MS = 1000
#: second threads that would not stop in time (destroying a running QThread aborts)
_LEFT_BEHIND: list[WorkerThread] = []


def second_worker() -> WorkerThread:
    """A worker thread that runs only the second model's pass."""
    thread = WorkerThread(ModelWorker(analyses={SECOND_KIND: SECOND_UNIT}))
    thread.thread.setObjectName("mlm-desktop-compare-worker")
    return thread


class CompareController(QObject):
    """Loads the second model and compares it on every result the window shows."""

    #: a comparison was drawn: the Comparison
    compared = Signal(object)
    #: the second model loaded: its ModelInfo
    second_ready = Signal(object)
    #: loading or running the second model failed: the plain message
    second_failed = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        analysis: AnalysisController,
        device: Callable[[], str] = lambda: "auto",
        make_worker: Callable[[], WorkerThread] = second_worker,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.analysis = analysis
        self._device = device
        self.make_worker = make_worker
        self.worker: WorkerThread | None = None
        self.model = None  # the second model's ModelInfo, once loaded
        self.panel: ComparePanel | None = None
        self.dock: QDockWidget | None = None
        self.closed = False
        self._asked: str | None = None
        self._load_id: int | None = None
        self._request_id: int | None = None
        self._for: AnalysisResult | None = None
        analysis.result_applied.connect(self._on_analysis_result_applied)
        window.compare_model_chosen.connect(self.start)
        window.stop_comparing_requested.connect(self.stop)
        window.panels.token_hovered.connect(self._on_panels_token_hovered)

    @property
    def comparing(self) -> bool:
        return self.worker is not None

    # -- intents -----------------------------------------------------------------
    @Slot(str)
    def start(self, source: str) -> None:
        """Open ``source`` as the second model (the first one stays as it is)."""
        source = str(source).strip()
        if not source or self.closed:
            return
        if self.worker is None:
            self.worker = self.make_worker()
            job = self.worker.worker
            job.job_finished.connect(self._on_worker_job_finished)
            job.job_failed.connect(self._on_worker_job_failed)
        self._show_dock()
        self._asked = source
        self.panel.set_message(self.tr("Opening {model} to compare with…").format(model=source))
        self._load_id = self.worker.load_model(source, self._device())
        self.window.set_comparing(True)

    @Slot()
    def stop(self) -> bool:
        """Drop the second model and its thread; True when the thread stopped."""
        stopped = self._stop_worker()
        self.model = self._for = self._request_id = self._load_id = None
        if self.panel is not None:
            self.panel.set_result(None)
            self.panel.set_message(
                self.tr("Not comparing. Model ▸ Compare with model… opens a second model."))
        if self.dock is not None:
            self.dock.hide()
        if not self.closed:
            self.window.set_comparing(False)
        return stopped

    def shutdown(self) -> bool:
        """The window closes: stop the second thread; True when it stopped (or never ran)."""
        self.closed = True
        return self._stop_worker()

    def _stop_worker(self) -> bool:
        worker, self.worker = self.worker, None
        if worker is None:
            return True
        stopped = bool(worker.shutdown(wait_ms=STOP_WAIT_MS))
        if not stopped:
            _LEFT_BEHIND.append(worker)
        return stopped

    def _show_dock(self) -> None:
        if self.dock is None:
            self.panel = ComparePanel()
            self.dock = QDockWidget(self.tr("Compare models"), self.window)
            self.dock.setObjectName(DOCK_NAME)
            self.dock.setWidget(self.panel)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            beside = self.window.panels.docks.get("loss")
            if beside is not None and not beside.isHidden():
                self.window.tabifyDockWidget(beside, self.dock)
        self.dock.show()
        self.dock.raise_()

    # -- requests ------------------------------------------------------------------
    def _ask(self, result: AnalysisResult | None) -> None:
        if self.worker is None or self.model is None or result is None or self.closed:
            return
        self._for = result
        whole_word = self.analysis.session.options.whole_word
        self._request_id = self.worker.submit(SECOND_KIND, second_request(result, whole_word))

    @Slot(object)
    def _on_analysis_result_applied(self, result: AnalysisResult) -> None:
        self._ask(result)

    @Slot(int)
    def _on_panels_token_hovered(self, position: int) -> None:
        if self.panel is not None:
            self.panel.highlight_token(position)

    # -- worker ----------------------------------------------------------------------
    @Slot(str, int, object)
    def _on_worker_job_finished(self, kind: str, request_id: int, result: object) -> None:
        if self.closed or self.worker is None or self.panel is None:
            return
        if kind == LOAD:
            self.model = result
            if request_id == self._load_id:
                self.panel.set_message("")
            self.second_ready.emit(result)
            self._ask(self.analysis.session.result)
            return
        shown = self.analysis.session.result
        if request_id != self._request_id or self._for is None or self._for is not shown:
            return  # the first model's result changed meanwhile: a newer request is on its way
        comparison = compare(self._for, result)  # type: ignore[arg-type]
        self.panel.set_message("")
        self.panel.set_result(comparison)
        self.compared.emit(comparison)

    @Slot(str, int, object)
    def _on_worker_job_failed(self, kind: str, request_id: int, message: str) -> None:
        if self.closed or self.panel is None:
            return
        if kind == LOAD and request_id == self._load_id:
            kept = (self.tr(" (still comparing with {model})").format(model=self.model.name)
                    if self.model is not None else "")
            self.panel.set_message(self.tr("Could not open {model}: {message}{kept}").format(
                model=self._asked, message=shown(message), kept=kept), warning=True)
        elif kind == SECOND_KIND and request_id == self._request_id:
            self.panel.set_message(
                self.tr("The second model could not analyse this text: {message}").format(
                    message=shown(message)),
                warning=True)
        else:
            return
        self.second_failed.emit(message)
