"""The PLL in the real window: a follow-up of the text on screen, with its whole-word setting."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core import pll_batch
from mlm_desktop.core.analyses import pll

KIND = "pll"
PANEL = "pll"
MASK = [3, 4]


def _pll_applied(qtbot, controller, check=lambda _result: True):
    return qtbot.waitSignal(
        controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda kind, result: kind == KIND and check(result),
    )


@pytest.fixture
def pll_window(qtbot, open_window, notebook_text):
    """A window with the PLL tab in front, and its first PLL result."""
    controller = open_window(text=notebook_text, mask=MASK)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    with _pll_applied(qtbot, controller) as blocker:
        window.panels.docks[PANEL].raise_()
    return controller, blocker.args[1]


def test_the_pll_of_the_text_on_screen_reaches_its_panel(pll_window, tiny_bert):
    controller, scores = pll_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    assert panel.result() is scores and scores.text == shown.text
    # the text as typed is scored, not the masked copy on screen
    assert scores.text_ids.tolist() == shown.input_ids.tolist()
    alone = pll.run(tiny_bert, pll.request_for_text(tiny_bert, shown.text))
    np.testing.assert_allclose(scores.log_probs, alone.log_probs, atol=1e-5)
    assert f"{scores.scored_count} tokens scored" in panel.summary()
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(KIND)) == ledger.shown("masked_lm")


def test_whole_words_asks_again_without_a_new_masked_lm_pass(qtbot, pll_window):
    controller, _scores = pll_window
    shown = controller.session.result
    panel = controller.window.panel(PANEL)
    with _pll_applied(qtbot, controller, lambda r: r.whole_word) as blocker:
        panel.whole_word_box().setChecked(True)
    assert blocker.args[1].whole_word and panel.result() is blocker.args[1]
    assert controller.session.result is shown


def test_a_new_text_brings_a_new_score(qtbot, pll_window):
    controller, _scores = pll_window
    panel = controller.window.panel(PANEL)
    with _pll_applied(qtbot, controller, lambda r: r.text.startswith("The cat")) as blocker:
        controller.window.editor.setPlainText("The cat sat on the mat.")
    assert panel.result() is blocker.args[1]
    assert panel.result().labels[1:4] == ("the", "cat", "sat")


class ChunkGate:
    """Holds the first chunk run after ``arm()`` until released; counts chunks run since."""

    def __init__(self, real) -> None:
        self.real = real
        self.armed = False
        self.waiting = threading.Event()
        self.release = threading.Event()
        self.after_release = 0

    def __call__(self, loaded, texts, *args) -> None:
        if self.armed:
            self.armed = False
            self.waiting.set()
            self.release.wait(30)
            self.held_text = texts
        elif self.release.is_set() and texts is getattr(self, "held_text", None):
            self.after_release += 1
        return self.real(loaded, texts, *args)


def test_a_cancelled_run_leaves_no_partial_result_on_screen(qtbot, monkeypatch, pll_window):
    """A new text cancels the PLL of the old one between chunks; the old one is never drawn."""
    controller, _scores = pll_window
    monkeypatch.setattr(pll_batch, "CPU_TOKEN_BUDGET", 8 * 70)  # several chunks per text
    gate = ChunkGate(pll_batch._run_chunk)
    monkeypatch.setattr(pll_batch, "_run_chunk", gate)
    panel = controller.window.panel(PANEL)
    drawn = []
    draw = panel.set_result
    monkeypatch.setattr(panel, "set_result", lambda r: (drawn.append(r), draw(r)))
    gate.armed = True
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.editor.setPlainText(controller.session.result.text + " HOLD")
        controller.run_now()
    qtbot.waitUntil(gate.waiting.is_set, timeout=RESULT_TIMEOUT_MS)
    with _pll_applied(qtbot, controller, lambda r: r.text.endswith("Fresh.")):
        controller.window.editor.setPlainText("The cat sat on the mat. Fresh.")
        controller.run_now()
        gate.release.set()
    assert gate.after_release == 0  # the held run stopped at its next chunk
    assert not any(r is not None and "HOLD" in r.text for r in drawn)
    assert panel.result().text == controller.session.result.text


def test_a_click_while_the_text_is_scored_is_answered_between_chunks(qtbot, monkeypatch, pll_window):
    """The score does not change with the masks: a click's analysis runs between the scoring's
    chunks and is shown at once, and the scoring goes on and is shown with the click's result."""
    controller, _scores = pll_window
    monkeypatch.setattr(pll_batch, "CPU_TOKEN_BUDGET", 8 * 70)  # several chunks per text
    gate = ChunkGate(pll_batch._run_chunk)
    monkeypatch.setattr(pll_batch, "_run_chunk", gate)
    gate.armed = True
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.editor.setPlainText(controller.session.result.text + " HOLD")
        controller.run_now()
    qtbot.waitUntil(gate.waiting.is_set, timeout=RESULT_TIMEOUT_MS)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda r: 6 in r.mask_positions.tolist()):
        controller.window.panel("tokens").mask_toggled.emit(6)
        gate.release.set()
    with _pll_applied(qtbot, controller, lambda r: r.text.endswith("HOLD")) as scored:
        pass
    assert gate.after_release > 0  # the held run went on: it was not started again
    panel = controller.window.panel(PANEL)
    assert panel.result() is scored.args[1]
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(KIND)) == ledger.shown("masked_lm")
    assert 6 in controller.session.result.mask_positions.tolist()


def test_the_surprisal_colouring_reaches_the_token_strip(qtbot, open_window):
    controller = open_window()
    host = controller.window.panels
    pll_dock, strip = host.docks["pll"], host.panels["tokens"]
    pll_dock.show()
    pll_dock.raise_()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == "pll"):
        controller.window.show()
    qtbot.waitUntil(lambda: strip.overlay_legend() != "", timeout=RESULT_TIMEOUT_MS)


def _scored_window(qtbot, open_window):
    """A window with no masks whose pseudo-likelihood pass has come."""
    controller = open_window(mask=())  # a first run would mask 15%
    host = controller.window.panels
    host.docks["pll"].show()
    host.docks["pll"].raise_()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == "pll"):
        controller.window.show()
    return controller


def test_a_single_mask_is_answered_at_once_from_the_scoring_pass(qtbot, open_window, tiny_bert):
    from mlm_desktop.core import AnalysisRequest, analyze

    controller = _scored_window(qtbot, open_window)
    text = controller.session.text
    position = 3
    panel = controller.window.panel("predictions")
    with qtbot.waitSignal(controller.analysis.single_mask_shown, timeout=RESULT_TIMEOUT_MS) as quick:
        controller.window.panel("tokens").mask_toggled.emit(position)
    shown = quick.args[0]
    fresh = analyze(tiny_bert, AnalysisRequest(text, mask_positions=(position,))).prediction_at(position)
    assert [c.id for c in shown.candidates] == [c.id for c in fresh.candidates]
    np.testing.assert_allclose([c.probability for c in shown.candidates],
                               [c.probability for c in fresh.candidates], rtol=1e-4, atol=1e-6)
    assert shown.original_rank == fresh.original_rank
    assert any("pseudo-likelihood pass" in line for line in panel.row_texts())
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        pass
    # the full analysis replaces the quick answer, and still says one came at once
    assert any("Also answered at once" in line for line in panel.row_texts())
    tokens = controller.window.panel("tokens")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        tokens.mask_toggled.emit(5)  # a second mask: no quick answer, no such line
    assert not any("pseudo-likelihood pass" in line for line in panel.row_texts())


def test_no_quick_answer_for_a_second_mask_or_whole_words(qtbot, open_window):
    controller = _scored_window(qtbot, open_window)
    tokens = controller.window.panel("tokens")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        tokens.mask_toggled.emit(3)
    with qtbot.assertNotEmitted(controller.analysis.single_mask_shown):
        tokens.mask_toggled.emit(5)  # two masks: the scoring pass does not know this case
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        pass


def test_unmasking_down_to_one_mask_is_answered_at_once(qtbot, open_window, tiny_bert):
    from mlm_desktop.core import AnalysisRequest, analyze

    controller = _scored_window(qtbot, open_window)
    tokens = controller.window.panel("tokens")
    panel = controller.window.panel("predictions")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        tokens.mask_toggled.emit(3)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        tokens.mask_toggled.emit(5)
    assert panel.displayed_positions() == [3, 5]
    # the scoring pass of this text (it does not change with the masks) has come
    qtbot.waitUntil(lambda: controller.window.panel("pll").result() is not None,
                    timeout=RESULT_TIMEOUT_MS)
    with qtbot.waitSignal(controller.analysis.single_mask_shown, timeout=RESULT_TIMEOUT_MS) as quick:
        # unmasked: token 5 is the only mask left (a state not analysed before, so not in the
        # cache of recent results, which would show the full analysis at once)
        tokens.mask_toggled.emit(3)
    shown = quick.args[0]
    assert shown.position == 5
    assert panel.displayed_positions() == [5]
    assert any("pseudo-likelihood pass" in line for line in panel.row_texts())
    text = controller.session.text
    fresh = analyze(tiny_bert, AnalysisRequest(text, mask_positions=(5,))).prediction_at(5)
    assert [c.id for c in shown.candidates] == [c.id for c in fresh.candidates]
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        pass
    assert panel.displayed_positions() == [5]


def test_a_mask_click_keeps_the_score_of_the_same_text_without_scoring_again(qtbot, pll_window):
    """The score does not change with the masks: a click shows the same score at once
    (no new scoring pass, so the colouring does not vanish and come back)."""
    controller, scores = pll_window
    asked = []
    submit = controller.analysis.worker.submit

    def spy(kind, request):
        asked.append(kind)
        return submit(kind, request)

    controller.analysis.worker.submit = spy
    with _pll_applied(qtbot, controller) as blocker:
        controller.window.panel("tokens").mask_toggled.emit(6)
    assert blocker.args[1] is scores
    assert controller.window.panel(PANEL).result() is scores
    assert KIND not in asked and "masked_lm" in asked
