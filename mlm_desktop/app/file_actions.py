"""What the File menu's intents do: texts opened, sessions saved and opened (exports: export_actions).

Every failure is one plain banner (key ``"file"``) and leaves the window as
it was: a text that cannot be opened keeps the text in the editor, a
session file that cannot be read keeps the session. Each dialog starts in
the folder used last.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject
from PySide6.QtWidgets import QFileDialog

from ..core.analysis_files import ExportError
from ..core.errors import MLMDesktopError
from ..core.session_file import SessionFileError, SessionState, dumps, loads
from ..core.spans import remap_spans
from ..core.text_file import read_text_file
from ..panels.core_text import shown, shown_error
from .export_actions import KEY, PASSING_MS, ExportActions

TEXT_FILTER = QT_TRANSLATE_NOOP("FileActions", "Text files (*.txt *.md *.text);;All files (*)")
SESSION_FILTER = QT_TRANSLATE_NOOP(
    "FileActions", "MLM Desktop sessions (*.mlm-session.json *.json);;All files (*)")


class _DropFilter(QObject):
    """A text file dropped on the editor is opened in it (rather than its address pasted)."""

    def __init__(self, open_path, parent: QObject) -> None:
        super().__init__(parent)
        self._open = open_path

    @staticmethod
    def _paths(event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and self._paths(event):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop and self._paths(event):
            event.acceptProposedAction()
            self._open(self._paths(event)[0])
            return True
        return False


class FileActions(QObject):
    """Carries out the File menu for one window and its controller."""

    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = window = controller.window
        self.last_folder = str(Path.home())
        menu = self.menu = window.file_menu
        menu.open_text_requested.connect(self.ask_open_text)
        menu.recent_file_chosen.connect(self.open_text)
        menu.open_session_requested.connect(self.ask_open_session)
        menu.save_session_requested.connect(self.ask_save_session)
        self._refresh_recent()
        self._drop_filter = _DropFilter(self.open_text, self)
        window.editor.viewport().installEventFilter(self._drop_filter)
        #: File ▸ Export, and the context menus of plots and tables
        self.exports = ExportActions(self)

    # -- messages ------------------------------------------------------------------
    def failed(self, what: str, exc: Exception) -> None:
        self.window.show_message(
            KEY, self.tr("{what}: {error}").format(what=what, error=shown_error(exc)), "error")

    def done(self, text: str, path: Path | str) -> None:
        self.window.clear_message(KEY)
        self.last_folder = str(Path(path).parent)
        self.window.show_status(self.tr("{what} {path}").format(what=text, path=path), PASSING_MS)

    def ask_save(self, title: str, name: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(Path(self.last_folder) / name),
                                              filters)
        return path

    def _ask_open(self, title: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self.window, title, self.last_folder, filters)
        return path

    # -- texts ---------------------------------------------------------------------
    def ask_open_text(self) -> None:
        path = self._ask_open(self.tr("Open a text file (UTF-8)"), self.tr(TEXT_FILTER))
        if path:
            self.open_text(path)

    def open_text(self, path: str) -> bool:
        """Put the file's text in the editor, masks cleared; False (and a banner) if it cannot be."""
        try:
            text = read_text_file(path)
        except MLMDesktopError as exc:
            self.failed(self.tr("Could not open the text"), exc)
            return False
        session = self.controller.session
        session.mask_spans = set()
        session.pending_positions = session.pending_draw = None
        self.window.set_text(text)  # cut to the editor's limit, which says so
        self.window.text_edited.emit(self.window.text())
        self._remember(path)
        self.done(self.tr("Opened"), path)
        return True

    def _remember(self, path: str) -> None:
        settings = self.controller.settings
        if self.controller.persist:
            settings.add_recent_file(str(Path(path).resolve()))
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.menu.set_recent_files(self.controller.settings.recent_files if self.controller.persist else [])

    # -- sessions ------------------------------------------------------------------
    def ask_save_session(self) -> None:
        path = self.ask_save(self.tr("Save the session"), "session.mlm-session.json", self.tr(SESSION_FILTER))
        if path:
            self.save_session(path)

    def save_session(self, path: str) -> bool:
        self.controller.session.set_text(self.window.text())
        try:
            Path(path).write_text(dumps(self.controller.snapshot()), encoding="ascii")
        except OSError as exc:
            self.failed(self.tr("Could not save the session"), ExportError(
                self.tr("{path} could not be written ({reason})").format(
                    path=path, reason=exc.strerror or exc)))
            return False
        self.done(self.tr("Session saved to"), path)
        return True

    def ask_open_session(self) -> None:
        path = self._ask_open(self.tr("Open a session"), self.tr(SESSION_FILTER))
        if path:
            self.open_session(path)

    def open_session(self, path: str) -> bool:
        """Restore text, masks, options, model, device and open panels from ``path``."""
        name = Path(path).name
        could_not = self.tr("Could not open the session {name}").format(name=name)
        try:
            raw = Path(path).read_bytes().decode("utf-8")
            read = loads(raw, frozenset(self.window.panels.docks))
        except UnicodeDecodeError:
            self.failed(could_not, SessionFileError(self.tr("it is not UTF-8 text")))
            return False
        except OSError as exc:
            self.failed(could_not, SessionFileError(
                self.tr("it could not be read ({reason})").format(reason=exc.strerror or exc)))
            return False
        except SessionFileError as exc:
            self.failed(could_not, exc)
            return False
        self.apply_session(read.state)
        self.done(self.tr("Opened the session"), path)
        if read.notes:
            notes = "; ".join(map(shown, read.notes))
            self.window.show_message(KEY, self.tr("The session {name} was opened; these could not be used: "
                                                  "{notes}.").format(name=name, notes=notes), "warning")
        return True

    def apply_session(self, state: SessionState) -> None:
        c, w = self.controller, self.window
        if state.open_panels is not None:
            c.open_panels(state.open_panels)
        session = c.session
        session.options = state.options
        w.show_options(state.options)
        w.set_text(state.text)
        shown = w.text()
        w.text_edited.emit(shown)  # as an edit: what is on its way for the old text is stale
        session.mask_spans = remap_spans(state.text, shown, set(state.mask_spans))
        session.pending_positions = session.pending_draw = None
        current = c.models.model.name if c.models.model else None
        if state.model and (state.model != current or state.device != c.models.device_choice):
            c.analysis.debounce.stop()
            c.models.load(state.model, state.device)  # the analysis runs once it is loaded
        else:
            c.analysis.run_now()
        c.session_changed()
