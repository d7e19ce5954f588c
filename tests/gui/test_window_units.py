"""A new analysis and its panel plug in with one registry line each.

The follow-up unit here (a token count of the result on screen) stands for
the layer views to come: it runs only while its panel is in view, carries
the id of the result it belongs to, and a follow-up of an older result is
never shown.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core.analyses import ANALYSES, AnalysisUnit, registry
from mlm_desktop.core.analyses.base import stop_if_cancelled
from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM
from mlm_desktop.panels.registry import PANELS, PanelSpec

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
COUNT = "token_count"


@dataclass(frozen=True)
class CountRequest:
    text: str
    masked: tuple[int, ...]
    special: bool = True


@dataclass(frozen=True)
class CountResult:
    text: str
    tokens: int
    masked: tuple[int, ...]


class Gate:
    """Holds follow-ups whose text contains a word until released."""

    def __init__(self) -> None:
        self.word = "HOLD"
        self.waiting = threading.Event()
        self.release = threading.Event()


def count_unit(gate: Gate) -> AnalysisUnit:
    def run(loaded, request, cancelled, progress):
        if gate.word in request.text:
            gate.waiting.set()
            gate.release.wait(30)
        stop_if_cancelled(cancelled)
        tokens = len(loaded.tokenizer(request.text, add_special_tokens=request.special)["input_ids"])
        progress(1, 1)
        return CountResult(request.text, tokens, request.masked)

    return AnalysisUnit(
        kind=COUNT,
        title="token count",
        request_type=CountRequest,
        result_type=CountResult,
        run=run,
        follows=MASKED_LM,
        # the panel's own setting (count special tokens or not) comes as ``settings``
        request_for=lambda result, _options, settings: CountRequest(
            result.text, tuple(result.mask_positions.tolist()), special=settings != "words only"
        ),
    )


class CountPanel(QLabel):
    """Draws a CountResult; points at token 1 on request, as a real panel would."""

    token_hovered = Signal(int)
    follow_up_settings_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[CountResult | None] = []
        self.highlighted = -2
        self.settings = "all tokens"

    def follow_up_settings(self) -> str:
        return self.settings

    def count_words_only(self) -> None:
        self.settings = "words only"
        self.follow_up_settings_changed.emit()

    def set_result(self, result: CountResult | None) -> None:
        self.drawn.append(result)
        self.setText("" if result is None else f"{result.tokens} tokens")

    def highlight_token(self, position: int) -> None:
        self.highlighted = position


@pytest.fixture
def gate():
    gate = Gate()
    yield gate
    gate.release.set()


@pytest.fixture
def open_counting_window(open_window, gate):
    def _open(in_view: bool = True):
        spec = PanelSpec(COUNT, "Token count", CountPanel, kind=COUNT, area="right", group="count")
        analyses = registry([*ANALYSES.values(), count_unit(gate)])
        controller = open_window(text=TEXT, panels=(*PANELS, spec), analyses=analyses, wait=False)
        if not in_view:
            controller.window.panels.docks[COUNT].close()
        return controller

    return _open


def _count(kind, _result) -> bool:
    """The plugged-in follow-up (the registry's own, such as the head check, also arrive)."""
    return kind == COUNT


def test_a_follow_up_runs_for_the_result_on_screen_and_reaches_its_panel(qtbot, open_counting_window):
    controller = open_counting_window()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=_count) as blocker:
        pass
    kind, count = blocker.args
    shown = controller.session.result
    assert kind == COUNT and count.text == shown.text == TEXT
    assert count.tokens == shown.num_tokens
    panel = controller.window.panel(COUNT)
    assert panel.drawn[-1] is count and panel.text() == f"{shown.num_tokens} tokens"
    ledger = controller.analysis.ledger
    assert ledger.parent_of(ledger.shown(COUNT)) == ledger.shown(MASKED_LM)


def test_a_panel_that_changes_its_settings_gets_a_follow_up_with_them(qtbot, open_counting_window):
    controller = open_counting_window()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=_count) as first:
        pass
    shown = controller.session.result
    assert first.args[1].tokens == shown.num_tokens
    panel = controller.window.panel(COUNT)
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=_count) as again:
        panel.count_words_only()
    assert again.args[1].tokens == shown.num_tokens - int(shown.special_mask.sum())
    assert controller.session.result is shown  # no new masked-LM pass for it


def test_a_follow_up_of_an_older_result_is_never_shown(qtbot, open_counting_window, gate):
    controller = open_counting_window()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=_count):
        pass
    panel = controller.window.panel(COUNT)
    # the follow-up of this text is held in the worker while the text changes again
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.editor.setPlainText(TEXT + " HOLD")
        controller.run_now()
    qtbot.waitUntil(gate.waiting.is_set, timeout=RESULT_TIMEOUT_MS)
    # a newer text while the worker still counts the held one
    controller.window.editor.setPlainText(TEXT + " Fresh.")
    controller.run_now()
    gate.release.set()
    with qtbot.waitSignal(
        controller.analysis.follow_up_applied,
        timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda k, r: k == COUNT and r.text.endswith("Fresh."),
    ):
        pass
    texts = [r.text for r in panel.drawn if r is not None]
    assert not any("HOLD" in t for t in texts)
    assert panel.drawn[-1].text == controller.session.result.text


def test_a_follow_up_waits_until_its_panel_comes_into_view(qtbot, open_counting_window):
    controller = open_counting_window(in_view=False)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        pass
    assert controller.analysis.ledger.latest(COUNT) is None, "asked for while out of view"
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=_count) as blocker:
        window.panels.docks[COUNT].show()
    assert blocker.args[1].text == controller.session.result.text


def test_token_pointed_at_in_one_panel_is_followed_by_the_others(qtbot, open_counting_window):
    controller = open_counting_window()
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        pass
    window = controller.window
    window.panel(COUNT).token_hovered.emit(3)
    assert window.panel("tokens").highlighted_token() == 3
    assert window.panel("loss").hovered_position() == 3
    start, end = (int(v) for v in controller.session.result.offsets[3])
    spans = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.editor.extraSelections()]
    assert (start, end) in spans
    window.panel("tokens").token_hovered.emit(5)
    assert window.panel(COUNT).highlighted == 5


def test_a_dock_reopened_from_the_view_menu_comes_to_the_front(qtbot, open_window):
    controller = open_window()
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    host = window.panels
    lens, attention = host.docks["logitLens"], host.docks["attention"]
    lens.raise_()
    qtbot.waitUntil(lambda: host.is_in_view("logitLens"), timeout=RESULT_TIMEOUT_MS)
    lens.toggleViewAction().trigger()  # closed
    assert lens.isHidden()
    attention.raise_()
    lens.toggleViewAction().trigger()  # reopened
    qtbot.waitUntil(lambda: host.is_in_view("logitLens"), timeout=RESULT_TIMEOUT_MS)
    assert not host.is_in_view("attention")
