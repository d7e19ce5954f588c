"""Start-up as a user meets it: each launch a whole new process, timed from its spawn.

The child runs the app's own command line (``mlm_desktop.cli.main``, what ``python -m
mlm_desktop`` runs) on the bundled model and the sample text, and prints ``time.time()``
at the first paint of the main window and at the first ``result_applied``, then exits.
Its settings and session file go to a temporary folder (XDG_CONFIG_HOME, XDG_DATA_HOME),
so every launch is a first run and the user's own settings are left alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from bench_report import ROOT, Row

DRIVER = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

app = QApplication(sys.argv[:1])


class FirstPaint(QObject):
    seen = False

    def eventFilter(self, obj, event):
        if (not self.seen and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                and isinstance(obj.window(), QMainWindow)):
            self.seen = True
            print("window", repr(time.time()), flush=True)
        return False


first_paint = FirstPaint()
app.installEventFilter(first_paint)

from mlm_desktop.app import gui

build_window = gui.build_window


def traced(*args, **kwargs):
    controller = build_window(*args, **kwargs)

    def applied(_result):
        print("predictions", repr(time.time()), flush=True)
        os._exit(0)

    controller.result_applied.connect(applied)
    return controller


gui.build_window = traced
from mlm_desktop.cli import main

main(sys.argv[1:])
"""


def launch_once(model: str, text_file: str, timeout_s: float = 180.0) -> tuple[float, float]:
    """Seconds from spawn to the window painted and to the first predictions."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   HF_HUB_OFFLINE="1", XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_DATA_HOME=os.path.join(home, "data"))
        command = [sys.executable, "-c", DRIVER, "--model", model, "--device", "cpu",
                   "--text-file", text_file]
        spawn = time.time()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=timeout_s, check=False)
    marks = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("window", "predictions"):
            marks[name] = float(value) - spawn
    if len(marks) != 2:
        raise SystemExit(f"the launched window gave no figures (exit {done.returncode}):\n"
                         f"{done.stdout}\n{done.stderr[-2000:]}")
    return marks["window"], marks["predictions"]


def launch_rows(model: str, text_file: str, launches: int, load: Row) -> list[Row]:
    """Launch → window and launch → first predictions, with the warm model load beside them.

    The second row's target is the first's figure plus the model load, with half a
    second for what both leave out (the worker's imports, the first analysis).
    """
    window, predictions = [], []
    for _ in range(launches):
        shown, answered = launch_once(model, text_file)
        window.append(shown)
        predictions.append(answered)
    load_median = sorted(load.values)[len(load.values) // 2]
    return [
        Row(f"launch → window painted (whole process, {launches} launches)", window, unit="s",
            target=("median", 1.5)),
        Row("launch → first predictions, bundled model (same launches)", predictions, unit="s",
            baseline=window, compare="plus", target=("plus", load_median + 0.5),
            note=f"≤ window + model load + 0.5 s = window + {load_median + 0.5:.2f} s"),
        load,
    ]
