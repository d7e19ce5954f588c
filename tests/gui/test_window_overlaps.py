"""Work that overlaps: what the window shows when the user acts while the worker is busy.

Each test holds one job in the worker (an analysis, a follow-up or a model
load) until the user has acted, then lets it go; the window must end showing
what the user asked for last, and never an answer to an older question.
"""

from __future__ import annotations

import dataclasses
import threading

import pytest
from count_follow_up import COUNT, COUNT_SPEC, COUNT_UNIT
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.worker import ModelWorker, WorkerThread
from mlm_desktop.core.analyses import ANALYSES, masked_lm, registry
from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM
from mlm_desktop.core.loading import load_model
from mlm_desktop.panels.registry import PANELS

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


class Hold:
    """Holds the worker in a job whose text (or model folder) holds ``word``, until released."""

    def __init__(self, word: str = "HOLD") -> None:
        self.word = word
        self.waiting = threading.Event()
        self.release = threading.Event()

    def __call__(self, key: str) -> None:
        if self.word in key:
            self.waiting.set()
            self.release.wait(30)


@pytest.fixture
def hold():
    hold = Hold()
    yield hold
    hold.release.set()


def _held_worker(hold, analyses=ANALYSES, hold_loads=False):
    def run(loaded, request, cancelled, progress):
        hold(request.text)
        return masked_lm.run(loaded, request, cancelled, progress)

    def loader(source, **kwargs):
        if hold_loads:
            hold(str(source))
        return load_model(source, **kwargs)

    units = {**analyses, MASKED_LM: dataclasses.replace(masked_lm.UNIT, run=run)}
    return WorkerThread(ModelWorker(loader=loader, analyses=units))


def test_model_switched_while_an_analysis_runs_ends_on_the_new_model(
    qtbot, open_window, hold, tiny_roberta_dir, tiny_roberta
):
    controller = open_window(text=TEXT, worker=_held_worker(hold))
    shown = []
    controller.result_applied.connect(shown.append)
    controller.window.editor.setPlainText(TEXT + " HOLD")
    controller.run_now()
    qtbot.waitUntil(hold.waiting.is_set, timeout=RESULT_TIMEOUT_MS)
    controller.window.choose_model(str(tiny_roberta_dir))
    hold.release.set()
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda r: r.model_name == tiny_roberta.name):
        pass
    # the held analysis was on the model of its time; nothing of it comes after the new one
    names = [r.model_name for r in shown]
    assert names[-1] == tiny_roberta.name
    assert tiny_roberta.name not in names[:-1]
    assert controller.session.result.text == TEXT + " HOLD"
    assert controller.model.name == tiny_roberta.name


def test_text_edited_while_a_model_loads_is_analysed_by_that_model(
    qtbot, open_window, tmp_path, tiny_roberta_dir, tiny_roberta
):
    hold = Hold(word="HOLD-model")
    folder = tmp_path / "HOLD-model"
    folder.symlink_to(tiny_roberta_dir, target_is_directory=True)
    controller = open_window(text=TEXT, worker=_held_worker(hold, hold_loads=True))
    try:
        controller.window.choose_model(str(folder))
        qtbot.waitUntil(hold.waiting.is_set, timeout=RESULT_TIMEOUT_MS)
        shown = []
        controller.result_applied.connect(shown.append)
        edited = TEXT.replace("won", "lost")
        controller.window.editor.setPlainText(edited)
        controller.run_now()  # the worker is loading: this waits behind the load
        hold.release.set()
        with qtbot.waitSignal(controller.model_ready, timeout=RESULT_TIMEOUT_MS):
            pass
        qtbot.waitUntil(lambda: bool(shown) and shown[-1].model_name == controller.model.name,
                        timeout=RESULT_TIMEOUT_MS)
    finally:
        hold.release.set()
    assert all(r.text == edited for r in shown)
    assert shown[-1].tokens == tiny_roberta_tokens(tiny_roberta, edited)


def tiny_roberta_tokens(loaded, text):
    from mlm_desktop.core import AnalysisRequest, analyze

    return analyze(loaded, AnalysisRequest(text=text)).tokens


def test_dock_closed_while_its_follow_up_runs_shows_it_when_reopened(qtbot, open_window, hold):
    def run(loaded, request, cancelled, progress):
        hold(request.text)
        return COUNT_UNIT.run(loaded, request, cancelled, progress)

    analyses = registry([*ANALYSES.values(), dataclasses.replace(COUNT_UNIT, run=run)])
    controller = open_window(text=TEXT + " HOLD", panels=(*PANELS, COUNT_SPEC), analyses=analyses,
                             worker=WorkerThread(ModelWorker(analyses=analyses)))
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(hold.waiting.is_set, timeout=RESULT_TIMEOUT_MS)
    dock, panel = window.panels.docks[COUNT], window.panel(COUNT)
    dock.close()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == COUNT):
        hold.release.set()
    assert panel.current is None, "drawn while its dock was closed"
    ledger = controller.analysis.ledger
    asked = ledger.latest(COUNT)
    dock.show()
    # drawn when it shows, without asking the worker again
    shown = controller.session.result
    assert panel.current is not None and panel.current.text == shown.text
    assert panel.current.tokens == shown.num_tokens
    assert ledger.latest(COUNT) == asked


@dataclasses.dataclass(frozen=True)
class _IdsRequest:
    """A follow-up built from the parent's token ids, as the layer views are."""

    text: str
    parent_model: str
    settings: object


@dataclasses.dataclass(frozen=True)
class _IdsResult:
    text: str
    parent_model: str
    ran_on: str


def test_a_follow_up_asked_of_the_old_model_is_never_shown_after_a_model_switch(
    qtbot, open_window, hold, tiny_roberta_dir, tiny_roberta
):
    """Asked before a model switch, run after it: its token ids belong to the old model."""
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QLabel

    from mlm_desktop.core.analyses.base import AnalysisUnit
    from mlm_desktop.panels.registry import PanelSpec

    def run(loaded, request, cancelled, progress):
        hold(request.text + str(request.settings))
        return _IdsResult(request.text, request.parent_model, loaded.name)

    unit = AnalysisUnit(
        kind="ids", title="ids", request_type=_IdsRequest, result_type=_IdsResult, run=run,
        follows=MASKED_LM,
        request_for=lambda r, _o, settings: _IdsRequest(r.text, r.model_name, settings),
    )

    class IdsPanel(QLabel):
        follow_up_settings_changed = Signal()

        def __init__(self):
            super().__init__()
            self.settings = "HOLD"

        def follow_up_settings(self):
            return self.settings

        def set_result(self, result):
            pass

    spec = PanelSpec("ids", "Ids", IdsPanel, kind="ids", area="right", group="ids")
    analyses = registry([*ANALYSES.values(), unit])
    controller = open_window(text=TEXT, worker=_held_worker(hold, analyses), panels=(*PANELS, spec),
                             analyses=analyses, wait=False)
    shown = []
    controller.analysis.follow_up_applied.connect(lambda kind, r: kind == "ids" and shown.append(r))
    qtbot.waitUntil(hold.waiting.is_set, timeout=RESULT_TIMEOUT_MS)  # the first follow-up is held
    panel = controller.window.panel("ids")
    panel.settings = "again"
    panel.follow_up_settings_changed.emit()  # asked of the BERT result, waits behind the held one
    controller.window.choose_model(str(tiny_roberta_dir))  # the load goes before it
    hold.release.set()
    qtbot.waitUntil(lambda: any(r.parent_model == tiny_roberta.name for r in shown),
                    timeout=RESULT_TIMEOUT_MS)
    assert all(r.ran_on == r.parent_model for r in shown), [(r.parent_model, r.ran_on) for r in shown]
