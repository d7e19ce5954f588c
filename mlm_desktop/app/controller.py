"""The app controller: puts the window, the worker and the three controllers together.

Jobs are split: :class:`~.model_controller.ModelController` loads models,
:class:`~.analysis_controller.AnalysisController` runs the session and its
requests, :class:`~.status.StatusPresenter` words what the window says. This
class starts them in the state the user left, saves that state and shuts the
worker down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Slot

from ..core.analyses import ANALYSES, AnalysisUnit
from ..core.options import DEFAULT_OPTIONS
from ..core.resources import sample_text
from ..core.spans import remap_spans
from .analysis_controller import DEBOUNCE_MS, AnalysisController
from .main_window import MainWindow
from .model_controller import ModelController
from .settings import AppSettings
from .status import StatusPresenter
from .worker import WorkerThread


class Controller(QObject):
    """Owns the worker thread and the controllers of one window."""

    def __init__(
        self,
        window: MainWindow,
        settings: AppSettings,
        worker: WorkerThread | None = None,
        persist: bool = True,
        debounce_ms: int = DEBOUNCE_MS,
        analyses: Mapping[str, AnalysisUnit] = ANALYSES,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.persist = persist
        self.worker = worker or WorkerThread()
        self.status = StatusPresenter(window)
        self.models = ModelController(window, self.worker, self.status, settings, persist)
        self.analysis = AnalysisController(window, self.worker, self.status, analyses, debounce_ms)
        self.models.model_ready.connect(self._on_models_model_ready)
        window.closing.connect(self._on_window_closing)
        self._closed = False

    # -- what tests, the screenshot and scripts look at --------------------------
    @property
    def session(self):
        return self.analysis.session

    @property
    def model(self):
        return self.models.model

    @property
    def result_applied(self):
        return self.analysis.result_applied

    @property
    def analysis_error(self):
        return self.analysis.analysis_error

    @property
    def model_ready(self):
        return self.models.model_ready

    @property
    def model_load_failed(self):
        return self.models.model_load_failed

    def load_model(self, source: str, device: str | None = None) -> None:
        self.models.load(source, device)

    def run_now(self, random_mask: bool = False) -> None:
        self.analysis.run_now(random_mask)

    # -- start ------------------------------------------------------------------
    def start(
        self,
        model: str,
        device: str = "auto",
        text: str | None = None,
        mask: Sequence[int] | None = None,
        trust_remote_code: bool = False,
        restore: bool = True,
    ) -> None:
        """Show ``text`` (else the last text, else the sample) and load ``model``.

        ``mask`` positions apply to the first analysis; without ``text`` and
        ``mask`` the last session's masks come back with its text.
        """
        s = self.settings
        if restore:
            self.window.restore_layout(s.geometry, s.window_state)
        spans: set = set()
        if text is None:
            last = s.last_text if restore else None
            text = last if last and last.strip() else sample_text()
            if mask is None and restore and last and last.strip():
                spans = s.last_mask_spans
        session = self.session
        session.options = s.options if restore else DEFAULT_OPTIONS
        self.window.set_text(text)
        shown = self.window.text()  # the editor's rules: "\r\n" shows as "\n", say
        session.text = shown
        session.pending_positions = tuple(int(p) for p in mask) if mask else None
        session.mask_spans = remap_spans(text, shown, spans)
        self.window.show_options(session.options)
        self.window.set_trust_remote_code(trust_remote_code)
        self.models.load(model, device)

    @Slot(object)
    def _on_models_model_ready(self, _info) -> None:
        self.analysis.has_model = True
        self.analysis.run_now()

    # -- closing ------------------------------------------------------------------
    def save_settings(self) -> None:
        s = self.settings
        s.geometry = self.window.saveGeometry()
        s.window_state = self.window.saveState()
        s.last_text = self.session.text
        s.last_mask_spans = self.session.mask_spans
        s.options = self.session.options
        s.last_device = self.models.device_choice
        s.sync()

    @Slot()
    def _on_window_closing(self) -> None:
        self.shutdown()

    def shutdown(self) -> None:
        """Save settings and stop the worker; waits for a running request to finish."""
        if self._closed:
            return
        self.analysis.debounce.stop()
        self.session.set_text(self.window.text())
        if self.persist:
            self.save_settings()
        self._closed = self.analysis.closed = self.models.closed = True
        # a running request (a model download, say) finishes before the thread
        # can stop: the window goes away at once meanwhile
        self.window.hide()
        self.worker.shutdown()
