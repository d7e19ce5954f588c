"""The app controller: puts the window, the worker and the three controllers together.

Jobs are split: :class:`~.model_controller.ModelController` loads models,
:class:`~.analysis_controller.AnalysisController` runs the session and its
requests, :class:`~.status.StatusPresenter` words what the window says. This
class starts them in the state the user left (the session file, else the
settings), keeps the session file current, saves the settings and shuts the
worker down.

Start-up never leaves the user without a window: a stored value that cannot
be used gives its default and a note, and an exception while restoring starts
the window again with defaults and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Slot

from ..core.analyses import ANALYSES, AnalysisUnit
from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.model_resolution import default_model
from ..core.options import DEFAULT_OPTIONS
from ..core.resources import sample_text
from ..core.session_file import SessionState
from ..core.spans import remap_spans
from ..panels.core_text import shown_error
from .analysis_controller import DEBOUNCE_MS, AnalysisController
from .compare_controller import CompareController
from .file_actions import FileActions
from .main_window import MainWindow
from .model_controller import ModelController
from .navigation import Navigator
from .panel_choices import PanelChoices
from .preferences import Preferences
from .session_store import SessionStore, StoredSession
from .settings import AppSettings
from .status import StatusPresenter
from .worker import WorkerThread

log = logging.getLogger(__name__)

#: how long closing waits for a running job to stop before leaving it behind
SHUTDOWN_WAIT_MS = 1000
#: worker threads that would not stop: kept referenced, as destroying a running
#: QThread aborts the process (``run_gui`` exits without destroying them)
_UNSTOPPED: list[WorkerThread] = []


def stop_worker(worker: WorkerThread, wait_ms: int) -> bool:
    """Stop ``worker``, waiting at most ``wait_ms``; True when its thread stopped."""
    stopped = worker.shutdown(wait_ms=wait_ms)
    if not stopped:
        _UNSTOPPED.append(worker)
    return bool(stopped)


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
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.persist = persist
        self.worker = worker or WorkerThread()
        self.status = StatusPresenter(window)
        window.editor.text_cut.connect(self.status.text_cut)
        self.models = ModelController(window, self.worker, self.status, settings, persist)
        self.analysis = AnalysisController(window, self.worker, self.status, analyses, debounce_ms)
        self.models.model_ready.connect(self._on_models_model_ready)
        self.navigator = Navigator(window, self.analysis)
        self.compare = CompareController(window, self.analysis, lambda: self.models.device_choice)
        window.closing.connect(self._on_window_closing)
        self._closed = False
        #: False once closing left a job running (``run_gui`` then ends the process)
        self.worker_stopped = True
        self.store: SessionStore | None = None
        if persist:
            self.store = SessionStore(self.snapshot, data_dir, parent=self)
            self.store.save_failed.connect(self.status.session_unsaved)
            self.store.saved.connect(lambda _path: self.status.session_saved())
            for signal in (window.text_edited, window.options_changed, window.device_chosen,
                           window.panels.visibility_changed, self.analysis.result_applied,
                           self.models.model_ready):
                signal.connect(self._on_session_changed)
        self.files = FileActions(self)
        self.analysis.result_applied.connect(self._on_analysis_result_applied)
        self.panel_choices = PanelChoices(window.panels.panels, settings, parent=self)
        self.preferences = Preferences(self)
        if persist:
            self.panel_choices.remember()
            window.model_folder_chosen.connect(self._on_window_model_folder_chosen)

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
        model: str | None,
        device: str = "auto",
        text: str | None = None,
        mask: Sequence[int] | None = None,
        trust_remote_code: bool = False,
        restore: bool = True,
    ) -> None:
        """Show ``text`` (else the last text, else the sample) and load ``model``.

        ``model=None`` opens the last model (else the core's default order) on
        the last device. ``mask`` positions apply to the first analysis;
        without ``text`` and ``mask`` the last session's masks come back with
        its text.
        """
        try:
            self._start(model, device, text, mask, trust_remote_code, restore)
        except Exception as exc:  # noqa: BLE001 - the window must open whatever was stored
            log.error("restoring the last session failed", exc_info=exc)
            self._start(model, device, text, mask, trust_remote_code, restore=False)
            self.status.startup_failed(shown_error(exc))

    def _start(self, model, device, text, mask, trust_remote_code, restore) -> None:
        s = self.settings
        stored = StoredSession()
        if restore and self.store is not None:
            stored = self.store.load(frozenset(self.window.panels.docks))
        if restore:
            self.window.restore_layout(s.geometry, s.window_state)
            self.panel_choices.restore()
            self.preferences.restore()
            self.window.last_model_folder = s.last_model_folder
        state = stored.read.state if stored.read else self._state_from_settings(restore)
        if state.open_panels is not None:
            self.open_panels(state.open_panels)
        spans: set = set()
        # a first run: the notebook's own state (its paragraph, 15% masked with the
        # default seed), so that a newcomer sees every panel at work
        first_run = restore and text is None and mask is None and not state.text.strip()
        if text is None:
            text = state.text if state.text.strip() else sample_text()
            if mask is None and state.text.strip():
                spans = set(state.mask_spans)
        session = self.session
        session.options = state.options
        self.window.set_text(text)
        shown = self.window.text()  # the editor's rules: "\r\n" shows as "\n", say
        session.text = shown
        session.pending_positions = tuple(int(p) for p in mask) if mask else None
        session.mask_spans = remap_spans(text, shown, spans)
        if first_run:
            session.pending_draw = (DEFAULT_OPTIONS.mask_probability, DEFAULT_OPTIONS.seed)
        self.window.show_options(session.options)
        if model is None:
            model = default_model(None, last_used=state.model or s.last_model).source
            device = state.device if device == "auto" else device
        if restore:
            self.status.settings_ignored(list(s.ignored.values()))
        if stored.problem:
            self.status.session_problem(stored.problem)
        if trust_remote_code:
            self.models.trust_for_now(model)
        self.models.load(model, device)

    def _state_from_settings(self, restore: bool) -> SessionState:
        """The session as the settings hold it (a first run of this version), or defaults."""
        if not restore:
            return SessionState()
        s = self.settings
        return SessionState(
            text=s.last_text or "",
            mask_spans=frozenset(s.last_mask_spans),
            options=s.options,
            model=s.last_model,
            device=s.last_device,
        )

    def open_panels(self, open_ids: Sequence[str]) -> None:
        for panel_id, dock in self.window.panels.docks.items():
            wanted = panel_id in open_ids
            if dock.isHidden() == wanted:  # hidden only when closed, not when behind a tab
                dock.setVisible(wanted)

    @Slot(object)
    def _on_analysis_result_applied(self, result: AnalysisResult) -> None:
        """Grey the part of a long text the model did not read."""
        if not result.truncated_tokens:
            self.window.editor.show_truncation(result.text, len(result.text), "")
            return
        analysed = int(result.offsets[:, 1].max()) if len(result.offsets) else 0
        self.window.editor.show_truncation(result.text, analysed, (
            self.tr("Not analysed: the model reads at most {tokens} tokens, which end at "
                    "character {analysed:,}; the {left:,} characters after it were left out").format(
                tokens=result.max_length, analysed=analysed, left=len(result.text) - analysed)))

    @Slot(str)
    def _on_window_model_folder_chosen(self, folder: str) -> None:
        self.settings.last_model_folder = folder

    @Slot(object)
    def _on_models_model_ready(self, _info) -> None:
        self.analysis.model_changed()

    # -- the session file ---------------------------------------------------------
    def snapshot(self) -> SessionState:
        session, docks = self.session, self.window.panels.docks
        return SessionState(
            text=session.text,
            mask_spans=frozenset(session.mask_spans),
            options=session.options,
            model=self.models.model.name if self.models.model else None,
            device=self.models.device_choice,
            open_panels=tuple(i for i, d in docks.items() if not d.isHidden()),
        )

    def session_changed(self) -> None:
        """The session changed outside the window's signals (a session file opened)."""
        self._on_session_changed()

    def _on_session_changed(self, *_args) -> None:
        if self.store is not None and not self._closed:
            self.store.changed()

    # -- closing ------------------------------------------------------------------
    def save_settings(self) -> None:
        """Write the settings and the session file now."""
        s = self.settings
        s.geometry = self.window.saveGeometry()
        s.window_state = self.window.saveState()
        s.last_text = self.session.text
        s.last_mask_spans = self.session.mask_spans
        s.options = self.session.options
        s.last_device = self.models.device_choice
        s.sync()
        if self.store is not None:
            self.store.flush()

    @Slot()
    def _on_window_closing(self) -> None:
        self.shutdown()

    def shutdown(self) -> bool:
        """Save, then stop the worker and the second model's; True when both threads stopped.

        A running job is cancelled and given :data:`SHUTDOWN_WAIT_MS`; one that
        does not stop by then (a download, say) is left behind, and
        ``run_gui`` ends the process once the event loop is over.
        """
        if self._closed:
            return self.worker_stopped
        self.analysis.debounce.stop()
        self.session.set_text(self.window.text())
        if self.persist:
            self.save_settings()
        if self.store is not None:
            self.store.release()  # the next window may own the session file
        self._closed = self.analysis.closed = self.models.closed = True
        self.window.hide()
        main_stopped = stop_worker(self.worker, SHUTDOWN_WAIT_MS)
        self.worker_stopped = self.compare.shutdown() and main_stopped
        return self.worker_stopped
