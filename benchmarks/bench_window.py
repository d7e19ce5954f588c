"""The real window, offscreen, on a bert-base-sized model: a click until the predictions
are painted (beside a bare forward in the same run), a mask answered from the result
cache, GUI-thread gaps and resident memory over analyses run back to back, and a layer
switch of the hidden-state viewer at 512 tokens."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench_forward import LONG_TEXT
from bench_report import Row
from tiny_models import NOTEBOOK_TEXT


def rss_mb() -> float:
    """Resident memory of this process in MB (/proc/self/statm)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait_until(predicate, timeout_s: float = 600.0) -> None:
    """Run the GUI event loop until ``predicate()`` is true.

    It sleeps between events, as the window's own event loop does: polling
    ``processEvents`` with a time limit returns at once when nothing is pending,
    so such a loop keeps a core and Python's lock busy and slows the worker
    thread it waits for (about twice, on 2 cores).
    """
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    deadline = time.perf_counter() + timeout_s
    wake = QTimer()  # looks at the deadline while no event comes
    wake.start(100)
    try:
        while not predicate():
            if time.perf_counter() > deadline:
                raise SystemExit("timed out waiting for the window")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        wake.stop()


class Window:
    """The window on ``folder``, with the time of every result it applied and its ticks."""

    def __init__(self, folder: str, settings_dir: str) -> None:
        from PySide6.QtCore import QSettings, Qt, QTimer

        from mlm_desktop.app.gui import build_window
        from mlm_desktop.app.settings import AppSettings
        from mlm_desktop.app.worker import ModelWorker, WorkerThread

        settings = AppSettings(QSettings(str(Path(settings_dir) / "bench.ini"),
                                         QSettings.Format.IniFormat))
        self.thread = WorkerThread(ModelWorker())
        self.busy = False
        self.thread.worker.busy_changed.connect(lambda busy: setattr(self, "busy", busy),
                                                Qt.ConnectionType.DirectConnection)
        self.controller = build_window(model=folder, device="cpu", text=NOTEBOOK_TEXT,
                                       settings=settings, persist=False, worker=self.thread,
                                       data_dir=Path(settings_dir))
        self.window = self.controller.window
        self.applied: list[float] = []
        self.controller.result_applied.connect(lambda _r: self.applied.append(time.perf_counter()))
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.window.resize(1400, 900)
        self.window.show()
        wait_until(lambda: self.applied)
        self.idle()

    def idle(self) -> None:
        """Wait until the worker has nothing running or waiting (follow-ups included)."""
        worker = self.thread.worker
        wait_until(lambda: not self.busy and not any(worker.superseded(k) for k in worker.kinds))

    def longest_gap_ms(self, start: float, end: float) -> float:
        inside = [start] + [t for t in self.ticks if start <= t <= end] + [end]
        return max((b - a) * 1000 for a, b in zip(inside, inside[1:], strict=False))

    def click(self, position: int) -> float:
        """Click a token chip; returns the time of the click (results land in ``applied``)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        strip = self.window.panel("tokens")
        center = strip.chip_rect(position).center()
        start = time.perf_counter()
        QTest.mouseClick(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
        return start

    def close(self) -> None:
        self.timer.stop()
        self.window.close()
        self.controller.shutdown()


def _bare_forward(folder: str):
    """The baseline of the click rows: ``AutoModelForMaskedLM`` on the same 62 tokens."""
    import torch
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    model = AutoModelForMaskedLM.from_pretrained(folder).eval()
    inputs = AutoTokenizer.from_pretrained(folder)(NOTEBOOK_TEXT, return_tensors="pt")

    def forward() -> float:
        with torch.inference_mode():
            start = time.perf_counter()
            model(**inputs)
            return (time.perf_counter() - start) * 1000

    forward()
    return forward


def window_rows(folder: str, clicks: int, analyses: int, settled: int) -> list[Row]:
    """Click, cache, gap and memory rows; ``analyses`` back to back, memory counted from
    the ``settled``-th."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    forward = _bare_forward(folder)
    with tempfile.TemporaryDirectory() as settings_dir:
        win = Window(folder, settings_dir)
        shown = win.controller.session.result
        free = [i for i in range(shown.num_tokens)
                if not shown.special_mask[i] and i not in shown.prediction_positions]
        bare, painted, cached, worker_ms = [], [], [], []
        for i in range(clicks + 2):  # two warm-up rounds
            position = free[i % len(free)]
            win.idle()
            forward_ms = forward()
            app.processEvents()
            count = len(win.applied)
            start = win.click(position)  # masked: a new request, a forward pass
            wait_until(lambda c=count: len(win.applied) > c)
            app.processEvents()  # paint what the views changed
            done = time.perf_counter()
            pass_ms = win.controller.session.result.timing_ms
            win.idle()
            app.processEvents()
            count = len(win.applied)
            again = win.click(position)  # unmasked again: the request before, from the cache
            wait_until(lambda c=count: len(win.applied) > c)
            if i >= 2:
                bare.append(forward_ms)
                painted.append((done - start) * 1000)
                worker_ms.append(pass_ms)
                cached.append((win.applied[-1] - again) * 1000)
        gaps, memory = _back_to_back(win, free, analyses, settled)
        host = win.window.panels
        follow_ups = sorted(host.kinds_in_view() - {"masked_lm"}) or ["none"]
        outputs = sorted(host.needed_outputs()) or ["none"]
        win.close()
    in_view = (f"(default layout; optional outputs asked for: {', '.join(outputs)}; "
               f"follow-ups in view: {', '.join(follow_ups)})")
    return [
        Row(f"click → predictions updated and window painted, 62 tokens {in_view}", painted,
            baseline=bare,
            compare="plus", target=("plus", 50.0)),
        Row("  of which the worker's masked-LM pass (its `timing_ms`)", worker_ms, baseline=bare),
        Row("a mask toggled on and off again: second click → result applied, from the cache",
            cached,
            target=("median", 5.0)),
        Row(f"longest GUI-thread gap (10 ms timer) in each of {analyses} analyses run back "
            "to back", gaps, target=("max", 50.0)),
        Row(f"resident memory growth: after {analyses} analyses minus after {settled}",
            [memory], unit="MB", target=("max", 50.0)),
    ]


def _back_to_back(win: Window, free: list[int], analyses: int, settled: int):
    """Each analysis starts when the one before is applied: one token unmasked, the next
    masked, so every request is new (the cache holds fewer than ``len(free)``)."""
    session, controller = win.controller.session, win.controller
    win.idle()
    win.timer.start()
    gaps, after_settled = [], 0.0
    previous = None
    for n in range(analyses):
        position = free[n % len(free)]
        if previous is not None:
            session.toggle(previous)
        session.toggle(position)
        previous = position
        count = len(win.applied)
        start = time.perf_counter()
        controller.run_now()
        wait_until(lambda c=count: len(win.applied) > c)
        gaps.append(win.longest_gap_ms(start, win.applied[-1]))
        if n + 1 == settled:
            after_settled = rss_mb()
    win.timer.stop()
    return gaps, rss_mb() - after_settled


def layer_switch_row(folder: str, switches: int) -> Row:
    """The hidden-state viewer on a 512-token result: pick a layer, until it is painted."""
    from PySide6.QtWidgets import QApplication

    from mlm_desktop.core import AnalysisRequest, load_model
    from mlm_desktop.core.analyses import masked_lm
    from mlm_desktop.panels.hidden_states_view import HiddenStatesView

    app = QApplication.instance() or QApplication([])
    loaded = load_model(folder, device="cpu")
    result = masked_lm.run(loaded, AnalysisRequest(LONG_TEXT, random_probability=0.15, seed=0))
    del loaded
    view = HiddenStatesView()
    view.resize(1400, 450)
    view.show()
    view.set_result(result)
    app.processEvents()
    layers = view.layer_count()
    times = []
    for i in range(switches + 2):
        layer = (view.current_layer() + 1 + (i % 3)) % layers
        start = time.perf_counter()
        view.layer_slider().setValue(layer)
        app.processEvents()
        if i >= 2:
            times.append((time.perf_counter() - start) * 1000)
    view.close()
    return Row(f"layer switch in the hidden-state viewer, {result.num_tokens} tokens: "
               "set the layer and paint", times, target=("median", 30.0))

