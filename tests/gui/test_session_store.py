"""The session store: saves during continuous typing, and two windows never overwrite each other."""

from __future__ import annotations

import json

from PySide6.QtCore import QTimer

from mlm_desktop.app.session_store import FILE_NAME, SessionStore
from mlm_desktop.core.session_file import SessionState


class Typist:
    """A snapshot that grows by one character at each change."""

    def __init__(self, text: str = "typed ") -> None:
        self.text = text

    def snapshot(self) -> SessionState:
        return SessionState(text=self.text)

    def type_one(self, store: SessionStore) -> None:
        self.text += "x"
        store.changed()


def test_typing_without_a_pause_is_still_saved_within_the_longest_delay(qtbot, tmp_path):
    typist = Typist()
    # a pause of 10 s never comes: only the longest delay can save
    store = SessionStore(typist.snapshot, folder=tmp_path, delay_ms=10_000, max_delay_ms=150)
    store.load()
    keys = QTimer()
    keys.timeout.connect(lambda: typist.type_one(store))
    keys.start(20)
    try:
        qtbot.waitUntil(lambda: (tmp_path / FILE_NAME).exists(), timeout=3000)
    finally:
        keys.stop()
    saved = json.loads((tmp_path / FILE_NAME).read_text())
    assert saved["text"].startswith("typed x")


def test_a_second_window_saves_its_own_file_and_says_so(qtbot, tmp_path):
    first, second = Typist("first window"), Typist("second window")
    first_store = SessionStore(first.snapshot, folder=tmp_path)
    assert first_store.load().problem is None
    assert first_store.save_now()
    second_store = SessionStore(second.snapshot, folder=tmp_path)
    stored = second_store.load()
    assert stored.read is not None and stored.read.state.text == "first window"  # restored
    assert stored.problem.startswith("Another MLM Desktop window is open")
    assert str(second_store.path) in stored.problem and second_store.path.name != FILE_NAME
    assert second_store.save_now()
    first.text = "first window, later"
    assert first_store.save_now()
    assert json.loads((tmp_path / FILE_NAME).read_text())["text"] == "first window, later"
    assert json.loads(second_store.path.read_text())["text"] == "second window"


def test_a_window_that_is_gone_leaves_the_file_to_the_next(qtbot, tmp_path):
    first = SessionStore(Typist("first").snapshot, folder=tmp_path)
    first.load()
    first.save_now()
    first.release()
    later = SessionStore(Typist("later").snapshot, folder=tmp_path)
    assert later.load().problem is None and later.path.name == FILE_NAME
