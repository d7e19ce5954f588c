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
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, QSaveFile, QStandardPaths, QTimer, Signal

from ..core.session_file import ReadSession, SessionFileError, SessionState, dumps, loads

DATA_DIR_VARIABLE = "MLM_DESKTOP_DATA_DIR"
FILE_NAME = "session.json"
#: a save waits this long after the last change
SAVE_DELAY_MS = 500


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

    # -- reading ------------------------------------------------------------
    def load(self, panel_ids: frozenset[str] | None = None) -> StoredSession:
        """The saved session; a file that cannot be used as it is is moved aside first."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return StoredSession()
        except OSError as exc:
            return StoredSession(problem=f"The saved session {self.path} could not be read "
                                        f"({exc.strerror or exc}); starting afresh.")
        try:
            read = loads(raw.decode("utf-8"), panel_ids)
        except UnicodeDecodeError:
            return StoredSession(problem=self._set_aside("it is not UTF-8 text", True))
        except SessionFileError as exc:
            return StoredSession(problem=self._set_aside(str(exc), True))
        if read.notes:
            reason = "these could not be used: " + "; ".join(read.notes)
            return StoredSession(read, self._set_aside(reason, False))
        return StoredSession(read)

    def _set_aside(self, reason: str, nothing_used: bool) -> str:
        aside = self.path.with_name(f"{FILE_NAME}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        what = "starting afresh" if nothing_used else "the rest was restored"
        try:
            self.path.replace(aside)
        except OSError as exc:
            self._timer.stop()
            self.path = self.path.with_name(f"{FILE_NAME}.new")
            return (f"The saved session {self.path.with_name(FILE_NAME)} could not be used: "
                    f"{reason}; {what}. It could not be moved aside ({exc.strerror or exc}), "
                    f"so this session is saved to {self.path} instead.")
        return (f"The saved session could not be used as it was: {reason}; {what}. "
                f"The file was kept as {aside}.")

    # -- writing ------------------------------------------------------------
    def changed(self) -> None:
        """Something in the session changed: save once things have settled."""
        self._timer.start()

    def flush(self) -> bool:
        """Save now (closing, a signal); True when the file holds the session."""
        return self.save_now()

    def save_now(self) -> bool:
        self._timer.stop()
        text = dumps(self._snapshot())
        if text == self._last_written:
            return True
        try:
            self._write(text.encode("ascii"))
        except OSError as exc:
            if not self._failing:
                self._failing = True
                self.save_failed.emit(
                    f"Your work is not being saved: {self.path} could not be written ({exc})."
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

    @property
    def failing(self) -> bool:
        return self._failing
