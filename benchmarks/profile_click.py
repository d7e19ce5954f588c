"""Where the window's own share of a click goes: cProfile of the GUI thread.

Opens the real window (offscreen, default layout) as the suite's click row does,
clicks token chips, and profiles on the GUI thread everything from the worker's
masked-LM result reaching it to the window painted: the handling (to
``result_applied``; its wall time is given apart) and the paint, wherever the event
loop runs it. The worker's pass is not profiled (cProfile follows one thread).
Prints the profile's top entries and the cumulative ms per result.

    python benchmarks/profile_click.py [--clicks 10] [--base-sized] [--top 25]

The window's work depends on the result's shape (62 tokens, the vocabulary of
30522, top-k), not on the model's depth, so a 2-layer BERT with bert-base's
vocabulary is the default; ``--base-sized`` uses the 12-layer one.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]


def profile_clicks(folder: str, clicks: int) -> tuple[pstats.Stats, list, list]:
    from bench_window import Window, wait_until
    from PySide6.QtCore import QObject, Slot
    from PySide6.QtWidgets import QApplication

    profile = cProfile.Profile()
    handle_ms: list[float] = []
    paint_ms: list[float] = []
    state = {"on": False}

    class Relay(QObject):
        """The worker's results to the controller, through a profile (on the GUI thread)."""

        def __init__(self, analysis) -> None:
            super().__init__()
            self.analysis = analysis

        @Slot(str, int, object)
        def on_finished(self, kind: str, request_id: int, result: object) -> None:
            if not (state["on"] and kind == "masked_lm"):
                self.analysis._on_worker_job_finished(kind, request_id, result)
                return
            state["start"] = start = time.perf_counter()
            profile.enable()  # until the paint: see below
            self.analysis._on_worker_job_finished(kind, request_id, result)
            handle_ms.append((time.perf_counter() - start) * 1000)

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as settings_dir:
        win = Window(folder, settings_dir)
        analysis = win.controller.analysis
        job = analysis.worker.worker
        relay = Relay(analysis)
        job.job_finished.disconnect(analysis._on_worker_job_finished)
        job.job_finished.connect(relay.on_finished)
        shown = win.controller.session.result
        free = [i for i in range(shown.num_tokens)
                if not shown.special_mask[i] and i not in shown.prediction_positions]
        for i in range(clicks + 2):  # two warm-up clicks
            win.idle()
            app.processEvents()
            count = len(win.applied)
            state["on"] = i >= 2
            win.click(free[i % len(free)])
            wait_until(lambda c=count: len(win.applied) > c)
            state["on"] = False
            app.processEvents()  # paint what the views changed, if not painted already
            if i >= 2:
                profile.disable()
                paint_ms.append((time.perf_counter() - state["start"]) * 1000)
        win.idle()
        win.close()
    return pstats.Stats(profile), handle_ms, paint_ms


def report(title: str, stats: pstats.Stats, clicks: int, top: int, wall: list[float]) -> str:
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats(top)
    per = stats.total_tt * 1000 / max(clicks, 1)  # every profiled call's own time, summed
    return (f"== {title}: {per:.1f} ms per result under cProfile (wall, profiled: "
            f"median {sorted(wall)[len(wall) // 2]:.1f} ms)\n{out.getvalue()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--base-sized", action="store_true")
    args = parser.parse_args(argv)

    from tiny_models import build_bert, build_bert_base_sized

    from mlm_desktop.core.loading import quiet_library_output

    quiet_library_output()
    with tempfile.TemporaryDirectory() as tmp:
        build = build_bert_base_sized if args.base_sized else build_bert
        folder = str(build(Path(tmp) / "bert"))
        stats, handle_ms, paint_ms = profile_clicks(folder, args.clicks)
    print(f"the result's handling (worker signal → result_applied), wall, profiled: median "
          f"{sorted(handle_ms)[len(handle_ms) // 2]:.1f} ms")
    print(report("the result reaching the GUI thread → the window painted", stats,
                 args.clicks, args.top, paint_ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
