"""The session and request flow: intents in, requests to the worker, results to the panels.

Only the latest request of each kind may update the panels, and a follow-up
analysis only while the result it follows is the one on screen
(:class:`~mlm_desktop.app.requests.RequestLedger`). Optional outputs are asked
for only while a panel that draws them is in view.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from ..core.analyses import ANALYSES, AnalysisUnit
from ..core.analyses.masked_lm_types import KIND as MASKED_LM
from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.options import MAX_SEED, AnalysisOptions
from ..panels.core_text import shown
from .candidate_insert import CandidateInserter
from .editor_overlay import EditorOverlay
from .main_window import MainWindow
from .paint_settle import settle_before_paint
from .requests import RequestLedger
from .result_cache import ResultCache
from .session import Session
from .single_masks import NOTE as SINGLE_MASK_NOTE
from .single_masks import SingleMaskAnswers
from .status import StatusPresenter
from .worker import WorkerThread

DEBOUNCE_MS = 250


class AnalysisController(QObject):
    """Keeps the session, the worker's analyses and the panels in step."""

    #: the masked-LM result drawn by the panels (only ever the latest request's)
    result_applied = Signal(object)
    #: a follow-up result drawn: kind, result
    follow_up_applied = Signal(str, object)
    #: a single mask answered at once from the scoring pass: the TokenPrediction shown
    single_mask_shown = Signal(object)
    #: the latest analysis failed: the plain message
    analysis_error = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        worker: WorkerThread,
        status: StatusPresenter,
        analyses: Mapping[str, AnalysisUnit] = ANALYSES,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.panels = window.panels
        self.worker = worker
        self.status = status
        self.analyses = dict(analyses)
        self.session = Session()
        self.ledger = RequestLedger()
        self.single_masks = SingleMaskAnswers()
        self.cache = ResultCache()
        #: follow-up results by request: one that does not change with the masks (the
        #: text's score) comes back at once after a click instead of being computed again
        self.follow_up_cache = ResultCache()
        #: the latest follow-up request of each kind: kind -> (request id, request)
        #: the request of each kind last sent to the worker: (request id, request), so that its
        #: result is cached under it
        self._asked: dict[str, tuple[int, object]] = {}
        self.editor_overlay = EditorOverlay(window.editor, window.panels.overlay_changed,
                                            lambda: self.session.result, self)
        #: a candidate picked in a panel goes into the text (the edit runs the analysis again)
        self.candidates = CandidateInserter(window.editor, lambda: self.session.result,
                                            window.panels.panels.values(), self)
        self.has_model = False
        self.closed = False
        self._positions_request: int | None = None
        self._hovered = -1
        self._focus = -1
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self.run_now)
        self._connect()

    def _connect(self) -> None:
        w, p, job = self.window, self.panels, self.worker.worker
        w.text_edited.connect(self._on_window_text_edited)
        w.run_requested.connect(self.run_now)
        w.random_mask_requested.connect(self._on_window_random_mask_requested)
        w.reroll_requested.connect(self._on_window_reroll_requested)
        w.clear_masks_requested.connect(self._on_window_clear_masks_requested)
        w.options_changed.connect(self._on_window_options_changed)
        p.mask_toggled.connect(self._on_panel_mask_toggled)
        p.mask_range_toggled.connect(self._on_panel_mask_range_toggled)
        p.word_mask_toggled.connect(self._on_panel_word_mask_toggled)
        p.token_hovered.connect(self._on_panel_token_hovered)
        p.visibility_changed.connect(self._on_panels_visibility_changed)
        p.follow_up_settings_changed.connect(self._on_panels_follow_up_settings_changed)
        job.job_finished.connect(self._on_worker_job_finished)
        job.job_failed.connect(self._on_worker_job_failed)
        job.job_progressed.connect(self._on_worker_job_progressed)
        job.busy_changed.connect(self._on_worker_busy_changed)

    # -- requests ---------------------------------------------------------------
    def run_now(self, random_mask: bool = False) -> None:
        """Send the current state as a new request (any debounce is cancelled)."""
        self.debounce.stop()
        if self.closed:
            return
        if random_mask:
            # asked for now, drawn once there is a model and a text
            self.session.ask_for_draw()
        self._take_text(self.window.text())
        if not self.has_model:
            return  # the load's completion runs it
        if not self.session.text.strip():
            self.ledger.invalidate(MASKED_LM)
            self.ledger.clear_shown(MASKED_LM)
            self.session.result = None
            self._show(MASKED_LM, None)
            self.status.no_text()
            return
        # positions given up front (a draw asked for replaces them)
        pending = self.session.pending_positions is not None
        request = self.session.next_request(outputs=self.panels.needed_outputs(MASKED_LM))
        if not pending:
            self.status.masks_kept()
        if self._answer_from_cache(MASKED_LM, request):  # no forward pass
            self._positions_request = None
            self.status.result_from_cache()
            return
        request_id = self._submit(MASKED_LM, request)
        self._positions_request = request_id if pending else None

    def _submit(self, kind: str, request: object, parent_id: int | None = None) -> int:
        request_id = self.worker.submit(kind, request)
        self.ledger.sent(kind, request_id, parent_id)
        self._asked[kind] = (request_id, request)
        return request_id

    def _cache_of(self, kind: str) -> ResultCache:
        return self.cache if kind == MASKED_LM else self.follow_up_cache

    def _answer_from_cache(self, kind: str, request: object, parent_id: int | None = None) -> bool:
        """Show the result ``request`` got before, at once; False when none is cached."""
        cached = self._cache_of(kind).get(request)
        if cached is None:
            return False
        self._asked.pop(kind, None)
        request_id = self.worker.next_id()
        self.ledger.sent(kind, request_id, parent_id)
        self._on_worker_job_finished(kind, request_id, cached)
        return True

    def model_changed(self) -> None:
        """A model is loaded: analyse again with it. The result on screen is the old model's,
        so no follow-up of it is asked for or shown any more (its ids may not fit the new one)."""
        self.has_model = True
        self.cache.clear()
        self.follow_up_cache.clear()
        self.ledger.clear_shown(MASKED_LM)
        for kind, unit in self.analyses.items():
            if unit.follows is not None:
                self.ledger.invalidate(kind)
        self.run_now()

    def _request_follow_ups(self, again: str | None = None) -> None:
        """Ask for each follow-up in view that is missing for the result on screen.

        ``again``: a kind whose panel changed its settings, asked for anew.
        """
        parent_id = self.ledger.shown(MASKED_LM)
        result = self.session.result
        if parent_id is None or result is None or self.closed:
            return
        # a worker made for fewer analyses (a test's, a plug-in's) is asked only for its own
        in_view = self.panels.kinds_in_view() & set(self.worker.worker.kinds)
        for kind, unit in self.analyses.items():
            if unit.follows != MASKED_LM or kind not in in_view:
                continue
            latest = self.ledger.latest(kind)
            if kind != again and latest is not None and self.ledger.parent_of(latest) == parent_id:
                continue  # already asked for, or shown
            settings = self.panels.follow_up_settings(kind)
            request = unit.request_for(result, self.session.options, settings)
            asked = self._asked.get(kind)
            if (unit.interleaves and kind != again and asked is not None and asked[1] == request
                    and latest == asked[0] and self.follow_up_cache.get(request) is None):
                # the same request is still running (a click's analysis ran between its
                # chunks): its result now belongs to the result on screen
                self.ledger.sent(kind, latest, parent_id)
                continue
            if not self._answer_from_cache(kind, request, parent_id):
                self._submit(kind, request, parent_id)

    @Slot(str)
    def _on_panels_follow_up_settings_changed(self, kind: str) -> None:
        self._request_follow_ups(again=kind)

    def _take_text(self, text: str) -> bool:
        changed = self.session.set_text(text)
        if changed:
            # whatever is on its way describes the old text
            for kind in self.analyses:
                self.ledger.invalidate(kind)
        return changed

    # -- results ------------------------------------------------------------------
    def _show(self, kind: str, result: object | None) -> None:
        self.panels.set_result(kind, result)
        if kind == MASKED_LM:
            # follow-ups of the old result no longer apply
            for other, unit in self.analyses.items():
                if unit.follows == MASKED_LM:
                    self.ledger.clear_shown(other)
                    self.panels.set_result(other, None)
            self._update_highlights()

    @Slot(str, int, object)
    def _on_worker_job_finished(self, kind: str, request_id: int, result: object) -> None:
        unit = self.analyses.get(kind)
        if unit is None or self.closed or not self.ledger.accept(kind, request_id, unit.follows):
            return
        asked = self._asked.get(kind)
        if asked is not None and asked[0] == request_id:
            self._cache_of(kind).put(asked[1], result)
        if kind != MASKED_LM:
            self.single_masks.offer(result)
            self.panels.set_result(kind, result)
            self.follow_up_applied.emit(kind, result)
            return
        assert isinstance(result, AnalysisResult)
        self.session.adopt(result)
        self._show(MASKED_LM, result)
        self.status.result_shown(result)
        if result.seed is not None:
            self.session.options = self.session.options.with_changes(seed=min(result.seed, MAX_SEED))
            self.window.show_options(self.session.options)
        # the predictions of a token just masked by a click come into view
        focus, self._focus = self._focus, -1
        if focus in result.prediction_positions.tolist():
            self.panels.show_token(focus)
        settle_before_paint(self.window)  # one paint of it all, not one and then another
        self._request_follow_ups()
        self.result_applied.emit(result)

    @Slot(str, int, object)
    def _on_worker_job_failed(self, kind: str, request_id: int, message: str) -> None:
        unit = self.analyses.get(kind)
        if unit is None or self.closed or not self.ledger.is_latest(kind, request_id):
            return
        if request_id == self._positions_request:
            # masks given up front that this text cannot take are dropped, then rerun
            self.session.forget_pending_positions()
            self.run_now()
            self.status.masks_dropped(shown(message))
            return
        self.status.analysis_failed(shown(unit.title), shown(message))
        self.analysis_error.emit(message)

    @Slot(str, int, int, int)
    def _on_worker_job_progressed(self, kind: str, request_id: int, done: int, total: int) -> None:
        if kind in self.analyses and not self.closed and self.ledger.is_latest(kind, request_id):
            self.status.progressed(done, total)

    @Slot(bool)
    def _on_worker_busy_changed(self, busy: bool) -> None:
        if not self.closed:
            self.status.busy(busy)

    @Slot()
    def _on_panels_visibility_changed(self) -> None:
        result = self.session.result
        if result is None or self.closed:
            return
        missing = [n for n in self.panels.needed_outputs(MASKED_LM) if getattr(result, n) is None]
        if missing and result.text == self.session.text:
            self.run_now()
        else:
            self._request_follow_ups()

    # -- intents --------------------------------------------------------------------
    @Slot(str)
    def _on_window_text_edited(self, text: str) -> None:
        if self._take_text(text):
            self._update_highlights()
            self.debounce.start()

    @Slot()
    def _on_window_random_mask_requested(self) -> None:
        self.run_now(random_mask=True)

    @Slot()
    def _on_window_reroll_requested(self) -> None:
        self.session.options = self.session.options.with_changes(seed=random.randrange(0, MAX_SEED))
        self.window.show_options(self.session.options)
        self.run_now(random_mask=True)

    @Slot()
    def _on_window_clear_masks_requested(self) -> None:
        self.session.clear_masks()
        self.run_now()

    @Slot(object)
    def _on_window_options_changed(self, options: AnalysisOptions) -> None:
        old, self.session.options = self.session.options, options
        # the random mask's p and seed apply at the next draw; the others at once
        if (old.top_k, old.whole_word, old.targets) != (options.top_k, options.whole_word, options.targets):
            self.run_now()

    def toggle_mask(self, position: int, word: bool = False) -> None:
        """Mask or unmask ``position`` (``word``: its whole word) as a click on its chip does."""
        (self._on_panel_word_mask_toggled if word else self._on_panel_mask_toggled)(position)

    @Slot(int)
    def _on_panel_mask_toggled(self, position: int) -> None:
        self._focus = int(position)
        s = self.session
        if s.toggle_word(position) if s.options.whole_word else s.toggle(position):
            self._masks_changed()

    @Slot(int, int)
    def _on_panel_mask_range_toggled(self, first: int, last: int) -> None:
        self._focus = int(first)
        if self.session.toggle_range(first, last):
            self._masks_changed()

    @Slot(int)
    def _on_panel_word_mask_toggled(self, position: int) -> None:
        self._focus = int(position)
        if self.session.toggle_word(position):
            self._masks_changed()

    def _masks_changed(self) -> None:
        """Analyse the new masks; when one token alone is masked now, answer it at once."""
        s = self.session
        quick = self.single_masks.answer(s.result, s.text, s.mask_spans, s.options.whole_word,
                                         s.options.targets)
        if quick is not None:
            self._focus = quick.position
            self.panels.show_provisional(
                s.result, quick, QCoreApplication.translate("SingleMaskAnswers", SINGLE_MASK_NOTE))
            self.single_mask_shown.emit(quick)
        self.run_now()

    @Slot(int)
    def _on_panel_token_hovered(self, position: int) -> None:
        self._hovered = int(position)
        self._update_highlights()

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
