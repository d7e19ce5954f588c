"""How responsive the window stays while a bert-base-sized model runs.

Builds a BERT with ``BertConfig()`` defaults (12 layers, 768 wide, vocabulary
of 30522 from tests/data, random weights, nothing downloaded) in a temporary
folder, opens the real window on it with the Civil War text, and measures:

(a) the longest gap between ticks of a 10 ms GUI-thread timer while analyses
    run in the worker (how long the window cannot react);
(b) the time from a click on a token chip to the predictions panel showing
    the new mask (and to the window having painted it);
(c) the bare ``model(**inputs)`` forward of the same input, and the core's
    ``analyze()`` (which also returns hidden states and attentions), measured
    in the same run.

Medians over ``--repeats`` clicks. Run: ``python benchmarks/gui_latency.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
TEXT_FILE = ROOT / "resources" / "samples" / "civil_war.txt"
sys.path.insert(0, str(ROOT / "tests"))

from tiny_models import build_bert_base_sized  # noqa: E402


class BareModel:
    """The same checkpoint loaded a second time, run here while the worker is idle."""

    def __init__(self, folder: Path, text: str) -> None:
        import torch

        from mlm_desktop.core import AnalysisRequest, load_model

        self.torch = torch
        self.loaded = load_model(str(folder), device="cpu")
        self.inputs = self.loaded.tokenizer(text, return_tensors="pt")
        # as the window asks (no attention weights), with and without the head check
        self.request = AnalysisRequest(text, mask_positions=(3,), output_attentions=False)
        self.request_no_check = AnalysisRequest(
            text, mask_positions=(3,), output_attentions=False, head_check=False
        )
        self.forward()  # warm-up

    @property
    def tokens(self) -> int:
        return int(self.inputs["input_ids"].shape[1])

    def forward(self) -> float:
        """ms for the bare ``model(**inputs)``."""
        with self.torch.inference_mode():
            start = time.perf_counter()
            self.loaded.model(**self.inputs)
            return (time.perf_counter() - start) * 1000

    def analyze(self, head_check: bool = True) -> float:
        """ms for the core's analyze() (top-k, losses, hidden states, head check)."""
        from mlm_desktop.core import analyze

        start = time.perf_counter()
        analyze(self.loaded, self.request if head_check else self.request_no_check)
        return (time.perf_counter() - start) * 1000


class TickRecorder:
    """A 10 ms precise timer on the GUI thread; records when each tick ran."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def longest_gap_ms(self, start: float, end: float) -> float:
        """Longest stretch without a tick between ``start`` and ``end``."""
        inside = [start] + [t for t in self.ticks if start <= t <= end] + [end]
        return max((b - a) * 1000 for a, b in zip(inside, inside[1:], strict=False))


def wait_for(signal, timeout_ms: int = 600_000):
    """Run the event loop until ``signal`` fires; returns (time fired, args)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    box: dict = {}

    def fired(*args) -> None:
        box["time"] = time.perf_counter()
        box["args"] = args
        loop.quit()

    signal.connect(fired)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(timeout_ms)
    loop.exec()
    signal.disconnect(fired)
    if "time" not in box:
        raise SystemExit("timed out waiting for the window")
    return box["time"], box["args"]


def timed_views(window, store: dict[str, list[float]]) -> None:
    """Record how long each view's set_result takes on the GUI thread."""
    for view in window.panels.panels.values():
        original = view.set_result
        name = type(view).__name__

        def timed(result, _original=original, _name=name):
            start = time.perf_counter()
            _original(result)
            store.setdefault(_name, []).append((time.perf_counter() - start) * 1000)

        view.set_result = timed


def run_window(folder: Path, text: str, repeats: int, bare: BareModel) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from mlm_desktop.app.gui import build_window
    from mlm_desktop.app.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as settings_dir:
        settings = AppSettings(
            QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)
        )
        controller = build_window(
            model=str(folder), device="cpu", text=text, settings=settings, persist=False
        )
        window = controller.window
        view_times: dict[str, list[float]] = {}
        timed_views(window, view_times)
        window.show()
        wait_for(controller.result_applied)
        app.processEvents()

        strip = window.panel("tokens")
        result = controller.session.result
        maskable = [i for i in range(result.num_tokens) if not result.special_mask[i]]
        ticks = TickRecorder()
        ticks.timer.start()
        figures: dict[str, list[float]] = {
            "updated": [], "painted": [], "gap": [], "core": [], "bare": [], "bare_core": [],
            "no_check": [], "ratio": [], "overhead": [],
        }
        for i in range(repeats + 2):  # two warm-up clicks
            # (c) measured between clicks, so that both see the same machine load
            forward_ms = bare.forward()
            analyze_ms = bare.analyze()
            no_check_ms = bare.analyze(head_check=False)
            position = maskable[(5 * (i // 2)) % len(maskable)]  # mask, then unmask
            rect = strip.chip_rect(position)
            app.processEvents()
            start = time.perf_counter()
            QTest.mouseClick(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             rect.center())
            updated, (shown,) = wait_for(controller.result_applied)
            assert (position in window.panel("predictions").displayed_positions()) == (i % 2 == 0)
            app.processEvents()  # paint what the views changed
            painted = time.perf_counter()
            if i >= 2:
                figures["updated"].append((updated - start) * 1000)
                figures["painted"].append((painted - start) * 1000)
                figures["gap"].append(ticks.longest_gap_ms(start, painted))
                figures["core"].append(shown.timing_ms)
                figures["bare"].append(forward_ms)
                figures["bare_core"].append(analyze_ms)
                figures["ratio"].append((updated - start) * 1000 / forward_ms)
                figures["no_check"].append(no_check_ms)
                figures["overhead"].append((updated - start) * 1000 - shown.timing_ms)
        ticks.timer.stop()
        window.close()
    figures.update({f"set_result {name}": values[-repeats:] for name, values in view_times.items()})
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)

    import torch

    from mlm_desktop.core.loading import quiet_library_output

    quiet_library_output()
    text = TEXT_FILE.read_text(encoding="utf-8").strip()
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_bert_base_sized(Path(tmp) / "bert-base-random")
        bare = BareModel(folder, text)
        figures = run_window(folder, text, args.repeats, bare)

    def row(name: str, values: list[float]) -> str:
        return (f"{name:<48} {statistics.median(values):9.1f} {min(values):9.1f} "
                f"{max(values):9.1f}")

    print(f"MLM Desktop GUI latency: BertConfig() defaults (12 layers, 768 wide, vocab 30522), "
          f"random weights, CPU ({torch.get_num_threads()} torch threads), {bare.tokens} tokens, "
          f"{args.repeats} clicks (each paired with a bare forward)")
    print(f"{'':<48} {'median':>9} {'min':>9} {'max':>9}  (ms)")
    print(row("(c) bare model(**inputs) forward", figures["bare"]))
    print(row("    core analyze() on the main thread", figures["bare_core"]))
    print(row("    core analyze() without the head check", figures["no_check"]))
    print(row("    core analyze() in the worker (timing_ms)", figures["core"]))
    print(row("(b) click -> predictions panel updated", figures["updated"]))
    print(row("    click -> window painted", figures["painted"]))
    print(row("    click -> updated, minus the worker's analyze", figures["overhead"]))
    print(row("(a) longest GUI-thread gap (10 ms timer)", figures["gap"]))
    for key in sorted(k for k in figures if k.startswith("set_result")):
        print(row(f"    {key}", figures[key]))
    print(f"ratio (b) click->updated / (c) bare forward, median of pairs: "
          f"{statistics.median(figures['ratio']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
