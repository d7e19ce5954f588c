"""The session file on disk: written shortly after each change, atomically, read at start.

The file is ``session.json`` in the user's data folder
(``QStandardPaths.AppDataLocation``, or ``$MLM_DESKTOP_DATA_DIR`` when set,
as tests and portable installs do). Each save writes a temporary file in the
same folder, flushes it to disk and renames it over the old one
(``QSaveFile``), so a kill or a power cut leaves either the old session or
the new one, never half of one.

A file that cannot be read (not JSON, not a session, a newer version, or a
field out of range) is never overwritten: it is moved aside to
``session.json.bad-<time>`` and the window says so and where it went; what
could be read from it is still restored.

Saves wait for a pause in the changes (:data:`SAVE_DELAY_MS`), but never
longer than :data:`MAX_SAVE_DELAY_MS` after the first unsaved change, so a
person typing without a pause loses at most that much to a kill.

One window owns the session file at a time (a ``QLockFile`` beside it; a
lock left by a killed window is taken over). A second window opened meanwhile
restores the same session but saves its own work to ``session-<pid>.json``,
and says so, rather than overwriting the first window's work.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QIODevice, QLockFile, QObject, QSaveFile, QStandardPaths, QTimer, Signal

from ..core.session_file import ReadSession, SessionFileError, SessionState, dumps, loads
from ..panels.core_text import shown, shown_error

DATA_DIR_VARIABLE = "MLM_DESKTOP_DATA_DIR"
FILE_NAME = "session.json"
LOCK_NAME = "session.lock"
#: a save waits this long after the last change
SAVE_DELAY_MS = 500
#: and no longer than this after the first change not yet saved
MAX_SAVE_DELAY_MS = 2000


def data_folder() -> Path:
    """Where the session lives: ``$MLM_DESKTOP_DATA_DIR``, else the platform's data folder."""
    chosen = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    location = QStandardPaths.AppDataLocation
    return Path(QStandardPaths.writableLocation(location))


@dataclass(frozen=True)
class StoredSession:
    """What :meth:`SessionStore.load` found: the session (or None) and what to tell the user."""

    read: ReadSession | None = None
    #: a plain message about a file that could not be used as it was, else None
    problem: str | None = None


class SessionStore(QObject):
    """Saves the session ``snapshot()`` gives, :data:`SAVE_DELAY_MS` after the last change."""

    #: the session was written: the file's path
    saved = Signal(str)
    #: a save failed after the last one succeeded: the plain message
    save_failed = Signal(str)

    def __init__(
        self,
        snapshot: Callable[[], SessionState],
        folder: Path | None = None,
        delay_ms: int = SAVE_DELAY_MS,
        parent: QObject | None = None,
        max_delay_ms: int = MAX_SAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder) if folder is not None else data_folder()
        self.path = self.folder / FILE_NAME
        self._snapshot = snapshot
        self._failing = False
        self._last_written: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(int(max_delay_ms))
        self._deadline.timeout.connect(self.save_now)
        self._lock: QLockFile | None = None

    # -- reading ------------------------------------------------------------
    def load(self, panel_ids: frozenset[str] | None = None) -> StoredSession:
        """The saved session; a file that cannot be used as it is is moved aside first."""
        shared_path = self.path
        shared = self._claim()
        stored = self._read(shared_path, panel_ids, set_aside=shared is None)
        if shared is None:
            return stored
        return StoredSession(stored.read, " ".join(m for m in (shared, stored.problem) if m))

    def _claim(self) -> str | None:
        """Take the session file for this window; a message when another window has it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # the first save will say what is wrong
        lock = QLockFile(str(self.folder / LOCK_NAME))
        lock.setStaleLockTime(0)  # stale only when its window is gone, however old
        if lock.tryLock(0):
            self._lock = lock
            return None
        if lock.error() != QLockFile.LockError.LockFailedError:
            return None  # no lock can be made here: as good as alone
        own = self.folder / f"session-{os.getpid()}.json"
        message = self.tr("Another MLM Desktop window is open and saves its work to {path}; "
                          "this window saves its own to {own}.").format(path=self.path, own=own)
        self.path = own
        return message

    def _read(self, path: Path, panel_ids: frozenset[str] | None, set_aside: bool) -> StoredSession:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return StoredSession()
        except OSError as exc:
            return StoredSession(problem=self.tr("The saved session {path} could not be read "
                                                 "({reason}); starting afresh.").format(
                path=self.path, reason=exc.strerror or exc))
        try:
            read = loads(raw.decode("utf-8"), panel_ids)
        except (UnicodeDecodeError, SessionFileError) as exc:
            reason = (self.tr("it is not UTF-8 text") if isinstance(exc, UnicodeDecodeError)
                      else shown_error(exc))
            if not set_aside:  # another window's file: left to that window
                return StoredSession()
            return StoredSession(problem=self._set_aside(reason, True))
        if read.notes and set_aside:
            notes = "; ".join(map(shown, read.notes))
            reason = self.tr("these could not be used: {notes}").format(notes=notes)
            return StoredSession(read, self._set_aside(reason, False))
        return StoredSession(read)

    def _set_aside(self, reason: str, nothing_used: bool) -> str:
        aside = self.path.with_name(f"{FILE_NAME}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        what = self.tr("nothing in it was used") if nothing_used else self.tr("the rest was restored")
        try:
            self.path.replace(aside)
        except OSError as exc:
            self._timer.stop()
            self.path = self.path.with_name(f"{FILE_NAME}.new")
            return self.tr("The saved session {path} could not be used: {reason}; {what}. It could not "
                           "be moved aside ({error}), so this session is saved to {new} instead.").format(
                path=self.path.with_name(FILE_NAME), reason=reason, what=what,
                error=exc.strerror or exc, new=self.path)
        return self.tr("The saved session could not be used as it was: {reason}; {what}. "
                       "The file was kept as {aside}.").format(reason=reason, what=what, aside=aside)

    # -- writing ------------------------------------------------------------
    def changed(self) -> None:
        """Something in the session changed: save once things have settled."""
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> bool:
        """Save now (closing, a signal); True when the file holds the session."""
        return self.save_now()

    def save_now(self) -> bool:
        self._timer.stop()
        self._deadline.stop()
        text = dumps(self._snapshot())
        if text == self._last_written:
            return True
        try:
            self._write(text.encode("ascii"))
        except OSError as exc:
            if not self._failing:
                self._failing = True
                self.save_failed.emit(
                    self.tr("Your work is not being saved: {path} could not be written ({error}).").format(
                        path=self.path, error=exc)
                )
            return False
        self._failing = False
        self._last_written = text
        self.saved.emit(str(self.path))
        return True

    def _write(self, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        file = QSaveFile(str(self.path))
        if not file.open(QIODevice.OpenModeFlag.WriteOnly):
            raise OSError(file.errorString())
        if file.write(data) != len(data):
            message = file.errorString()
            file.cancelWriting()
            raise OSError(message)
        if not file.commit():  # flushes to disk, then renames over the old file
            raise OSError(file.errorString())

    def release(self) -> None:
        """Let another window own the session file (this one is closing)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @property
    def failing(self) -> bool:
        return self._failing
