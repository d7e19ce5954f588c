"""The controller: turns the window's intents into requests and results into views.

It owns the :class:`~mlm_desktop.session.Session` (what the user asked for),
the :class:`~mlm_desktop.worker.WorkerThread` (the model) and the settings.
Only the result of the latest request may update the views; any other is
dropped when it arrives.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSignalBlocker, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.loading import DEFAULT_HUB_MODEL
from ..core.model_resolution import BUNDLED_MODEL, bundled_model_available, is_bundled_demo
from .main_window import MainWindow, sample_text
from .model_menu import model_label
from .session import Session
from .settings import AppSettings
from .worker import ModelInfo, WorkerThread

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250


def _bundled_demo() -> str | None:
    return str(BUNDLED_MODEL) if bundled_model_available() else None


def _label(source: str) -> str:
    """How the window names a model: the demo as such, hub ids as they are."""
    if is_bundled_demo(source):
        return f"{Path(source).name} (bundled demo)"
    return model_label(source)


class Controller(QObject):
    """Keeps the session, the worker and the window in step."""

    #: a result was drawn by the views (only ever the latest request's)
    result_applied = Signal(object)
    #: a model finished loading
    model_ready = Signal(object)
    #: a model could not be loaded: the plain message
    model_load_failed = Signal(str)
    #: the latest analysis failed: the plain message
    analysis_error = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        settings: AppSettings,
        worker: WorkerThread | None = None,
        persist: bool = True,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.persist = persist
        self.session = Session()
        self.worker = worker or WorkerThread()
        self.model: ModelInfo | None = None
        self.device_choice = "auto"
        self.loading_source: str | None = None
        self._positions_request_id: int | None = None
        self._hovered: int = -1
        self._focus_position: int = -1
        self._shown: AnalysisResult | None = None
        self._stale_views: set = set()
        self._dock_shown: dict = {}
        self._closed = False

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self._on_debounce_timeout)

        self._connect_worker()
        self._connect_window()

    # -- wiring ---------------------------------------------------------------
    def _connect_worker(self) -> None:
        worker = self.worker.worker
        worker.model_loaded.connect(self._on_worker_model_loaded)
        worker.model_failed.connect(self._on_worker_model_failed)
        worker.result_ready.connect(self._on_worker_result_ready)
        worker.analysis_failed.connect(self._on_worker_analysis_failed)
        worker.busy_changed.connect(self._on_worker_busy_changed)
        worker.download_progressed.connect(self._on_worker_download_progressed)

    def _connect_window(self) -> None:
        w = self.window
        w.editor.textChanged.connect(self._on_editor_text_changed)
        w.run_action.triggered.connect(self._on_run_triggered)
        w.random_mask_action.triggered.connect(self._on_random_mask_triggered)
        w.reroll_action.triggered.connect(self._on_reroll_triggered)
        w.clear_masks_action.triggered.connect(self._on_clear_masks_triggered)
        w.top_k_spin.valueChanged.connect(self._on_top_k_changed)
        w.whole_word_check.toggled.connect(self._on_whole_word_toggled)
        w.probability_spin.valueChanged.connect(self._on_probability_changed)
        w.seed_spin.valueChanged.connect(self._on_seed_changed)
        w.token_strip.mask_toggled.connect(self._on_strip_mask_toggled)
        w.token_strip.mask_range_toggled.connect(self._on_strip_mask_range_toggled)
        w.token_strip.word_mask_toggled.connect(self._on_strip_word_mask_toggled)
        w.token_strip.token_hovered.connect(self._on_strip_token_hovered)
        w.predictions.position_selected.connect(self._on_predictions_position_selected)
        w.model_menu.hub_model_requested.connect(self._on_menu_hub_model_requested)
        w.model_menu.folder_requested.connect(self._on_menu_folder_requested)
        w.model_menu.model_chosen.connect(self._on_menu_model_chosen)
        w.device_menu.device_chosen.connect(self._on_menu_device_chosen)
        w.closing.connect(self._on_window_closing)
        for view, dock in w.view_docks():
            dock.visibilityChanged.connect(
                lambda visible, v=view: self._on_dock_visibility_changed(v, visible)
            )

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
        self.session.top_k = s.top_k if restore else 5
        self.session.whole_word = s.whole_word if restore else False
        self.session.mask_probability = s.mask_probability if restore else 0.15
        self.session.seed = s.seed if restore else 0
        self.session.text = text
        self.session.pending_positions = tuple(int(p) for p in mask) if mask else None
        self.session.mask_spans = spans
        w = self.window
        with QSignalBlocker(w.top_k_spin), QSignalBlocker(w.whole_word_check):
            w.top_k_spin.setValue(self.session.top_k)
            w.whole_word_check.setChecked(self.session.whole_word)
        with QSignalBlocker(w.probability_spin), QSignalBlocker(w.seed_spin):
            w.probability_spin.setValue(self.session.mask_probability)
            w.seed_spin.setValue(self.session.seed)
        with QSignalBlocker(w.editor):
            w.editor.setPlainText(text)
        w.model_menu.trust_remote_code_action.setChecked(trust_remote_code)
        self.load_model(model, device)

    # -- model loading ------------------------------------------------------------
    def load_model(self, source: str, device: str | None = None) -> None:
        """Load ``source`` in the worker; the window stays usable meanwhile."""
        source = str(source).strip()
        if not source:
            return
        if device is not None:
            self.device_choice = device
            self.window.device_menu.set_device(device)
        self.loading_source = source
        self.window.banner.clear_message("model")
        self.window.statusBar().showMessage(f"Loading {_label(source)}…")
        if self.model is None:
            self.window.model_label.setText(f"loading {_label(source)}…")
        self.worker.load_model(
            source,
            self.device_choice,
            self.window.model_menu.trust_remote_code_action.isChecked(),
        )

    @Slot(object)
    def _on_worker_model_loaded(self, info: ModelInfo) -> None:
        if self._closed:
            return
        self.model = info
        self.loading_source = None
        w = self.window
        w.statusBar().clearMessage()
        w.model_label.setText(_label(info.name))
        w.model_label.setToolTip(
            f"{info.name}\n{info.model_type}, {info.num_layers} layers, "
            f"{info.parameters / 1e6:.1f}M parameters, up to {info.max_length} tokens"
        )
        w.device_label.setText(info.device_label)
        w.setWindowTitle(f"MLM Desktop — {_label(info.name)}")
        w.banner.clear_message("model")
        if is_bundled_demo(info.name):
            w.banner.set_message(
                "demo",
                "Using the small bundled demo model: it runs anywhere but guesses far "
                f"worse than {DEFAULT_HUB_MODEL}. Open a hub model from the Model menu "
                "for better predictions.",
                "info",
                [
                    (f"Download {DEFAULT_HUB_MODEL}", lambda: self.load_model(DEFAULT_HUB_MODEL)),
                    ("Open hub model…", self._on_menu_hub_model_requested),
                ],
            )
        else:
            w.banner.clear_message("demo")
        if self.persist:
            self.settings.last_model = info.name
            self.settings.last_device = self.device_choice
            self.settings.add_recent_model(info.name)
        w.model_menu.refresh_recent()
        self.model_ready.emit(info)
        self.run_now()

    @Slot(str)
    def _on_worker_model_failed(self, message: str) -> None:
        if self._closed:
            return
        source = self.loading_source or "the model"
        self.loading_source = None
        w = self.window
        w.statusBar().showMessage(f"Could not open {_label(source)}", 10000)
        if self.model is not None:
            still = f" Still using {_label(self.model.name)}."
        else:
            still = ""
            w.model_label.setText("no model")
        actions = [
            ("Open hub model…", self._on_menu_hub_model_requested),
            ("Open folder…", self._on_menu_folder_requested),
        ]
        demo = _bundled_demo()
        if demo is not None and self.model is None:
            actions.append(("Use the demo model", lambda: self.load_model(demo)))
        what = "the model" if source in message else source
        w.banner.set_message(
            "model",
            f"Could not open {what}: {message.rstrip('.')}.{still} Choose another model: a hub id "
            f"such as {DEFAULT_HUB_MODEL}, a folder saved with save_pretrained, or one "
            "from Model ▸ Cached masked LMs.",
            "error",
            actions,
        )
        self.model_load_failed.emit(message)

    # -- running analyses --------------------------------------------------------
    def run_now(self, random_mask: bool = False) -> None:
        """Send the current state as a new request (any debounce is cancelled)."""
        self.debounce.stop()
        if self._closed:
            return
        self.session.set_text(self.window.editor.toPlainText())
        if self.model is None:
            return  # the load's completion runs it
        if not self.session.text.strip():
            self.session.latest_request_id += 1
            self.session.result = None
            self._apply_to_views(None)
            self.window.banner.clear_message("analysis")
            self.window.statusBar().showMessage("Type or paste some text to analyse")
            return
        request, spans = self.session.next_request(random_mask=random_mask)
        if spans is not None or random_mask:
            self.window.banner.clear_message("masks")
        self._positions_request_id = request.request_id if spans is None and not random_mask else None
        self.worker.analyze(request, spans)

    @Slot(object)
    def _on_worker_result_ready(self, result: AnalysisResult) -> None:
        # only the latest request may update the views
        if self._closed or not self.session.accept(result):
            return
        w = self.window
        self._apply_to_views(result)
        w.length_label.setText(f"{result.num_tokens} tokens")
        w.timing_label.setText(f"{result.timing_ms:.0f} ms")
        w.device_label.setText({"cpu": "CPU", "cuda": "CUDA", "mps": "MPS"}.get(result.device, result.device))
        w.banner.clear_message("analysis")
        if result.warnings:
            w.banner.set_message("warnings", "; ".join(result.warnings).capitalize() + ".", "warning")
        else:
            w.banner.clear_message("warnings")
        if result.seed is not None:
            with QSignalBlocker(w.seed_spin):
                w.seed_spin.setValue(int(result.seed))
        self._update_highlights()
        # the predictions of a token just masked by a click come into view
        focus, self._focus_position = self._focus_position, -1
        if focus in result.prediction_positions.tolist():
            w.predictions.show_position(focus)
        self.result_applied.emit(result)

    def _apply_to_views(self, result: AnalysisResult | None) -> None:
        """Give ``result`` to every view the user can see now.

        A view whose dock is hidden (closed, or a tab behind another) gets it
        when its dock shows again: drawing for nobody would only delay the
        visible views. The token strip is always kept current (it takes clicks).
        """
        self._shown = result
        window_visible = self.window.isVisible()
        for view, _dock in self.window.view_docks():
            hidden = not self._dock_shown.get(view, True)
            if window_visible and view is not self.window.token_strip and hidden:
                self._stale_views.add(view)
                continue
            self._stale_views.discard(view)
            self._set_view_result(view, result)

    def _set_view_result(self, view, result: AnalysisResult | None) -> None:
        try:
            view.set_result(result)
        except Exception:  # noqa: BLE001 - one broken view must not take the window down
            log.exception("%s could not show the result", type(view).__name__)

    def _on_dock_visibility_changed(self, view, visible: bool) -> None:
        # Qt's own notion: false for a closed dock and for a tab behind another
        self._dock_shown[view] = bool(visible)
        if visible and view in self._stale_views:
            self._stale_views.discard(view)
            self._set_view_result(view, self._shown)

    @Slot(int, str)
    def _on_worker_analysis_failed(self, request_id: int, message: str) -> None:
        if self._closed or not self.session.is_latest(request_id):
            return
        w = self.window
        if request_id == self._positions_request_id:
            # masks given up front that this text cannot take are dropped, then rerun
            self.session.forget_pending_positions()
            self.run_now()
            w.banner.set_message(
                "masks", f"The masks given for this text were dropped: {message}.", "warning"
            )
            return
        w.banner.set_message("analysis", f"The analysis failed: {message}.", "error")
        self.analysis_error.emit(message)

    @Slot(bool)
    def _on_worker_busy_changed(self, busy: bool) -> None:
        if not self._closed:
            self.window.busy_bar.setVisible(busy)
            if not busy:
                self.window.busy_bar.setRange(0, 0)  # back to "busy", no amount

    @Slot(int, int)
    def _on_worker_download_progressed(self, done: int, total: int) -> None:
        if self._closed:
            return
        bar = self.window.busy_bar
        source = self.loading_source or "the model"
        if total > 0:
            bar.setRange(0, 1000)
            bar.setValue(int(1000 * min(done, total) / total))
            amount = f"{done / 1e6:.0f} of {total / 1e6:.0f} MB"
        else:
            bar.setRange(0, 0)
            amount = f"{done / 1e6:.0f} MB"
        self.window.statusBar().showMessage(f"Downloading {_label(source)}: {amount}")

    # -- editor ------------------------------------------------------------------
    @Slot()
    def _on_editor_text_changed(self) -> None:
        if self.session.set_text(self.window.editor.toPlainText()):
            self._update_highlights()
            self.debounce.start()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        self.run_now()

    def _update_highlights(self) -> None:
        result = self.session.result
        if result is None or result.text != self.session.text:
            self.window.highlight_spans([], None)
            return
        masked = [(s, e) for s, e, _k in self.session.mask_spans]
        hovered = None
        if 0 <= self._hovered < result.num_tokens and not result.special_mask[self._hovered]:
            start, end = (int(v) for v in result.offsets[self._hovered])
            hovered = (start, end)
        self.window.highlight_spans(masked, hovered)

    # -- toolbar -----------------------------------------------------------------
    @Slot()
    def _on_run_triggered(self) -> None:
        self.run_now()

    @Slot()
    def _on_random_mask_triggered(self) -> None:
        self.session.mask_probability = self.window.probability_spin.value()
        self.session.seed = self.window.seed_spin.value()
        self.run_now(random_mask=True)

    @Slot()
    def _on_reroll_triggered(self) -> None:
        seed = random.randrange(0, 2**31 - 1)
        with QSignalBlocker(self.window.seed_spin):
            self.window.seed_spin.setValue(seed)
        self._on_random_mask_triggered()

    @Slot()
    def _on_clear_masks_triggered(self) -> None:
        self.session.clear_masks()
        self.run_now()

    @Slot(int)
    def _on_top_k_changed(self, value: int) -> None:
        self.session.top_k = int(value)
        self.run_now()

    @Slot(bool)
    def _on_whole_word_toggled(self, checked: bool) -> None:
        self.session.whole_word = bool(checked)
        self.run_now()

    @Slot(float)
    def _on_probability_changed(self, value: float) -> None:
        self.session.mask_probability = float(value)

    @Slot(int)
    def _on_seed_changed(self, value: int) -> None:
        self.session.seed = int(value)

    # -- token strip ---------------------------------------------------------------
    @Slot(int)
    def _on_strip_mask_toggled(self, position: int) -> None:
        self._focus_position = int(position)
        if self.session.whole_word:
            changed = self.session.toggle_word(position)
        else:
            changed = self.session.toggle(position)
        if changed:
            self.run_now()

    @Slot(int, int)
    def _on_strip_mask_range_toggled(self, first: int, last: int) -> None:
        self._focus_position = int(first)
        if self.session.toggle_range(first, last):
            self.run_now()

    @Slot(int)
    def _on_strip_word_mask_toggled(self, position: int) -> None:
        self._focus_position = int(position)
        if self.session.toggle_word(position):
            self.run_now()

    @Slot(int)
    def _on_strip_token_hovered(self, position: int) -> None:
        self._hovered = int(position)
        self._update_highlights()
        # follow the token in the views that can point at one
        self.window.hidden_states.highlight_token(self._hovered)
        if self._hovered >= 0:
            self.window.loss_panel.hover_position(self._hovered)

    @Slot(int)
    def _on_predictions_position_selected(self, position: int) -> None:
        self._hovered = int(position)
        self._update_highlights()
        self.window.token_strip.highlight_token(self._hovered)
        self.window.hidden_states.highlight_token(self._hovered)

    # -- menus ---------------------------------------------------------------------
    @Slot()
    def _on_menu_hub_model_requested(self) -> None:
        source, ok = QInputDialog.getText(
            self.window,
            "Open hub model",
            "Hugging Face model id (a masked LM, e.g. bert-base-uncased, roberta-base):",
            QLineEdit.EchoMode.Normal,
            DEFAULT_HUB_MODEL,
        )
        if ok and source.strip():
            self.load_model(source.strip())

    @Slot()
    def _on_menu_folder_requested(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Open a model folder (saved with save_pretrained)"
        )
        if folder:
            self.load_model(folder)

    @Slot(str)
    def _on_menu_model_chosen(self, source: str) -> None:
        self.load_model(source)

    @Slot(str)
    def _on_menu_device_chosen(self, device: str) -> None:
        if device == self.device_choice:
            return
        source = self.loading_source or (self.model.name if self.model else None)
        self.device_choice = device
        if self.persist:
            self.settings.last_device = device
        if source:
            self.load_model(source, device)

    # -- closing --------------------------------------------------------------------
    def save_settings(self) -> None:
        s = self.settings
        w = self.window
        s.geometry = w.saveGeometry()
        s.window_state = w.saveState()
        s.last_text = self.session.text
        s.last_mask_spans = self.session.mask_spans
        s.top_k = self.session.top_k
        s.whole_word = self.session.whole_word
        s.mask_probability = self.session.mask_probability
        s.seed = self.session.seed
        s.last_device = self.device_choice
        s.sync()

    @Slot()
    def _on_window_closing(self) -> None:
        self.shutdown()

    def shutdown(self) -> None:
        """Save settings and stop the worker; waits for a running request to finish."""
        if self._closed:
            return
        self.debounce.stop()
        self.session.set_text(self.window.editor.toPlainText())
        if self.persist:
            self.save_settings()
        self._closed = True
        # a running request (a model download, say) finishes before the thread
        # can stop: the window goes away at once meanwhile
        self.window.hide()
        self.worker.shutdown()
