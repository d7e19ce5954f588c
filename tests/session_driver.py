"""A child process for the kill tests: the real window (``run_gui``), driven like a user.

``python tests/session_driver.py MODEL type``: once the first result shows,
types a new text into the editor, clicks the "lincoln" chip to mask it, waits
until the session file holds both, and prints ``DRIVER {"text": ..., "masked": [...]}`` (the masked words).
Then it waits, as a user reading would, until it is killed or told to close.

``python tests/session_driver.py MODEL report``: prints what the window
restored once its first result shows (the masked tokens), and closes.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mlm_desktop.app import gui
from mlm_desktop.app.main_window import MainWindow
from mlm_desktop.core.session_file import loads

TYPED = "Abraham Lincoln typed this before the kill."


def _say(text: str, masked: list[str]) -> None:
    print("DRIVER " + json.dumps({"text": text, "masked": masked}), flush=True)


def _controller():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return windows[0].controller


def _type(controller) -> None:
    window, done = controller.window, set()

    def on_result(result) -> None:
        if "typed" not in done:
            done.add("typed")
            window.editor.clear()
            QTest.keyClicks(window.editor, TYPED)
            QTest.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        elif result.text == TYPED and "masked" not in done:
            done.add("masked")
            strip = window.panel("tokens")
            rect = strip.chip_rect(result.tokens.index("lincoln"))
            QTest.mouseClick(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             rect.center())

    def on_saved(path: str) -> None:
        with open(path, encoding="utf-8") as file:
            state = loads(file.read()).state
        if state.text == TYPED and state.mask_spans:
            _say(state.text, [state.text[s:e] for s, e, _k in sorted(state.mask_spans)])

    controller.result_applied.connect(on_result)
    controller.store.saved.connect(on_saved)


def _report(controller) -> None:
    def on_result(result) -> None:
        _say(controller.window.text(), [result.tokens[p] for p in result.mask_positions.tolist()])
        controller.window.close()

    controller.result_applied.connect(on_result)


def main() -> int:
    model, mode = sys.argv[1], sys.argv[2]
    QApplication(sys.argv[:1])
    # runs once run_gui has built the window, before its first result
    QTimer.singleShot(0, lambda: (_type if mode == "type" else _report)(_controller()))
    return gui.run_gui(model=model, device="cpu")


if __name__ == "__main__":
    raise SystemExit(main())
