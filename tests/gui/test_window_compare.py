"""Two models in the real window: a second worker thread, comparisons of the result on screen, clean close."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.compare_controller import second_worker
from mlm_desktop.app.worker import ModelWorker, WorkerThread
from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses.base import AnalysisUnit
from mlm_desktop.core.compare import SECOND_KIND, SECOND_UNIT, run_second

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
MASK = [2, 3]


def _compared(qtbot, controller, check=lambda _c: True):
    return qtbot.waitSignal(controller.compare.compared, timeout=RESULT_TIMEOUT_MS,
                            check_params_cb=check)


@pytest.fixture
def comparing(qtbot, open_window, tiny_roberta_dir):
    """The window on the tiny BERT, compared with the tiny RoBERTa."""
    controller = open_window(text=TEXT, mask=MASK)
    with _compared(qtbot, controller) as blocker:
        controller.window.compare_model_chosen.emit(str(tiny_roberta_dir))
    return controller, blocker.args[0]


def test_the_comparison_of_the_result_on_screen_reaches_its_panel(comparing, tiny_bert, tiny_roberta):
    controller, comparison = comparing
    assert comparison.a is controller.session.result
    assert comparison.a.mask_positions.tolist() == MASK
    assert controller.compare.panel.comparison() is comparison
    assert controller.compare.dock.isVisibleTo(controller.window)
    # each side is that model's own independent analysis
    alone_a = analyze(tiny_bert, AnalysisRequest(TEXT, mask_positions=tuple(MASK)))
    alone_b = analyze(tiny_roberta, AnalysisRequest(TEXT, mask_positions=tuple(comparison.b.mask_positions)))
    for mine, alone in ((comparison.a, alone_a), (comparison.b, alone_b)):
        np.testing.assert_allclose(mine.per_token_loss, alone.per_token_loss, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(mine.top_ids[mine.mask_positions], alone.top_ids[alone.mask_positions])
        assert mine.loss_masked == pytest.approx(alone.loss_masked, rel=1e-5)
    assert [w.text for w in comparison.masked] == ["Abraham", "Lincoln"]
    assert not comparison.masked[0].same_split
    assert controller.window.model_menu.stop_comparing_action.isEnabled()


def test_the_second_model_has_its_own_thread(comparing):
    controller, _comparison = comparing
    second = controller.compare.worker
    assert second.thread is not controller.worker.thread
    assert second.running and controller.worker.running
    assert second.worker.thread() is second.thread
    assert second.thread.objectName() == "mlm-desktop-compare-worker"


def test_a_new_mask_brings_a_new_comparison(qtbot, comparing):
    controller, _comparison = comparing
    with _compared(qtbot, controller, lambda c: c.a.mask_positions.tolist() == [2, 3, 5]) as blocker:
        controller.window.panel("tokens").mask_toggled.emit(5)
    comparison = blocker.args[0]
    assert [w.text for w in comparison.masked] == ["Abraham", "Lincoln", "the"]
    assert comparison.a is controller.session.result


def test_a_busy_second_model_never_blocks_the_first_and_its_stale_answer_is_dropped(
        qtbot, open_window, tiny_roberta_dir):
    gate = threading.Event()
    seen_threads: list[threading.Thread] = []

    def held(loaded, request, cancelled, progress):
        seen_threads.append(threading.current_thread())
        gate.wait(RESULT_TIMEOUT_MS / 1000)
        return run_second(loaded, request, cancelled, progress)

    unit = AnalysisUnit(SECOND_KIND, "comparison", SECOND_UNIT.request_type, SECOND_UNIT.result_type, held)
    controller = open_window(text=TEXT, mask=MASK)
    controller.compare.make_worker = lambda: WorkerThread(ModelWorker(analyses={SECOND_KIND: unit}))
    try:
        with qtbot.waitSignal(controller.compare.second_ready, timeout=RESULT_TIMEOUT_MS):
            controller.window.compare_model_chosen.emit(str(tiny_roberta_dir))
        qtbot.waitUntil(lambda: len(seen_threads) == 1, timeout=RESULT_TIMEOUT_MS)
        # the second model is stuck; the first still answers a new mask
        with qtbot.waitSignal(controller.analysis.result_applied, timeout=RESULT_TIMEOUT_MS):
            controller.window.panel("tokens").mask_toggled.emit(5)
        assert controller.session.result.mask_positions.tolist() == [2, 3, 5]
        assert seen_threads[0] is not threading.main_thread()
        with _compared(qtbot, controller) as blocker:
            gate.set()
        # the answer for the older result was dropped: the one drawn is the newest result's
        assert blocker.args[0].a is controller.session.result
        assert controller.compare.panel.comparison().a.mask_positions.tolist() == [2, 3, 5]
    finally:
        gate.set()


def test_stop_comparing_stops_the_second_thread(qtbot, comparing):
    controller, _comparison = comparing
    thread = controller.compare.worker.thread
    controller.window.stop_comparing_requested.emit()
    assert not thread.isRunning()
    assert controller.compare.worker is None and controller.compare.model is None
    assert controller.compare.dock.isHidden()
    assert controller.compare.panel.comparison() is None
    assert not controller.window.model_menu.stop_comparing_action.isEnabled()
    # the first model goes on alone, and nothing is compared
    with qtbot.waitSignal(controller.analysis.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.panel("tokens").mask_toggled.emit(5)
    assert controller.compare.panel.comparison() is None


def test_a_second_model_that_cannot_load_says_so_and_the_first_goes_on(qtbot, open_window, tmp_path):
    controller = open_window(text=TEXT, mask=MASK)
    missing = tmp_path / "no-such-model"
    with qtbot.waitSignal(controller.compare.second_failed, timeout=RESULT_TIMEOUT_MS):
        controller.window.compare_model_chosen.emit(str(missing))
    assert f"Could not open {missing}" in controller.compare.panel.message_text()
    assert controller.session.result is not None
    with qtbot.waitSignal(controller.analysis.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.panel("tokens").mask_toggled.emit(5)


def test_the_window_closes_cleanly_with_both_models(comparing):
    controller, _comparison = comparing
    first, second = controller.worker.thread, controller.compare.worker.thread
    controller.window.close()
    assert controller.worker_stopped is True
    assert not first.isRunning() and not second.isRunning()
    assert controller.compare.worker is None


def test_the_default_second_worker_runs_only_the_comparison():
    thread = second_worker()
    try:
        assert thread.worker.kinds == ("load", SECOND_KIND)
    finally:
        assert thread.shutdown()
