"""What the File menu's intents do: texts opened, sessions saved and opened, exports written.

Every failure is one plain banner (key ``"file"``) and leaves the window as
it was: a text that cannot be opened keeps the text in the editor, a
session file that cannot be read keeps the session. Each dialog starts in
the folder used last.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from ..core.analysis_files import ExportError, write_json, write_npz
from ..core.errors import MLMDesktopError
from ..core.session_file import SessionFileError, SessionState, dumps, loads
from ..core.spans import remap_spans
from ..core.text_file import read_text_file
from .panel_exports import PLOT_FORMATS, export_plot, plots_in, table_text, tables_in

KEY = "file"
#: how long a passing note ("Saved …") stays in the status bar
PASSING_MS = 6000
TEXT_FILTER = "Text files (*.txt *.md *.text);;All files (*)"
SESSION_FILTER = "MLM Desktop sessions (*.mlm-session.json *.json);;All files (*)"


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
        menu.export_json_requested.connect(lambda: self._ask_export("JSON", self.export_json))
        menu.export_npz_requested.connect(lambda: self._ask_export("NPZ", self.export_npz))
        menu.plot_export_requested.connect(self.ask_export_plot)
        menu.table_export_requested.connect(self.ask_export_table)
        menu.table_copy_requested.connect(self.copy_table)
        self._refresh_recent()
        self._drop_filter = _DropFilter(self.open_text, self)
        window.editor.viewport().installEventFilter(self._drop_filter)
        self._add_context_menus()

    # -- messages ------------------------------------------------------------------
    def _failed(self, what: str, exc: Exception) -> None:
        self.window.show_message(KEY, f"{what}: {exc}", "error")

    def _done(self, text: str, path: Path | str) -> None:
        self.window.clear_message(KEY)
        self.last_folder = str(Path(path).parent)
        self.window.show_status(f"{text} {path}", PASSING_MS)

    def _ask_save(self, title: str, name: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(Path(self.last_folder) / name),
                                              filters)
        return path

    def _ask_open(self, title: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self.window, title, self.last_folder, filters)
        return path

    # -- texts ---------------------------------------------------------------------
    def ask_open_text(self) -> None:
        path = self._ask_open("Open a text file (UTF-8)", TEXT_FILTER)
        if path:
            self.open_text(path)

    def open_text(self, path: str) -> bool:
        """Put the file's text in the editor, masks cleared; False (and a banner) if it cannot be."""
        try:
            text = read_text_file(path)
        except MLMDesktopError as exc:
            self._failed("Could not open the text", exc)
            return False
        session = self.controller.session
        session.mask_spans = set()
        session.pending_positions = session.pending_draw = None
        self.window.set_text(text)  # cut to the editor's limit, which says so
        self.window.text_edited.emit(self.window.text())
        self._remember(path)
        self._done("Opened", path)
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
        path = self._ask_save("Save the session", "session.mlm-session.json", SESSION_FILTER)
        if path:
            self.save_session(path)

    def save_session(self, path: str) -> bool:
        self.controller.session.set_text(self.window.text())
        try:
            Path(path).write_text(dumps(self.controller.snapshot()), encoding="ascii")
        except OSError as exc:
            self._failed("Could not save the session", ExportError(
                f"{path} could not be written ({exc.strerror or exc})"))
            return False
        self._done("Session saved to", path)
        return True

    def ask_open_session(self) -> None:
        path = self._ask_open("Open a session", SESSION_FILTER)
        if path:
            self.open_session(path)

    def open_session(self, path: str) -> bool:
        """Restore text, masks, options, model, device and open panels from ``path``."""
        name = Path(path).name
        try:
            raw = Path(path).read_bytes().decode("utf-8")
            read = loads(raw, frozenset(self.window.panels.docks))
        except UnicodeDecodeError:
            self._failed(f"Could not open the session {name}", SessionFileError("it is not UTF-8 text"))
            return False
        except OSError as exc:
            self._failed(f"Could not open the session {name}",
                         SessionFileError(f"it could not be read ({exc.strerror or exc})"))
            return False
        except SessionFileError as exc:
            self._failed(f"Could not open the session {name}", exc)
            return False
        self.apply_session(read.state)
        self._done("Opened the session", path)
        if read.notes:
            self.window.show_message(KEY, f"The session {name} was opened; these could not be used: "
                                     + "; ".join(read.notes) + ".", "warning")
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

    # -- exports -------------------------------------------------------------------
    def _result(self):
        result = self.controller.session.result
        if result is None:
            self.window.show_message(KEY, "Nothing to export yet: the analysis has no result.", "info")
        return result

    def _ask_export(self, fmt: str, write) -> None:
        if self._result() is None:
            return
        suffix = fmt.lower()
        path = self._ask_save(f"Export the analysis as {fmt}", f"analysis.{suffix}",
                              f"{fmt} files (*.{suffix});;All files (*)")
        if path:
            write(path)

    def _export(self, write, path: str) -> bool:
        try:
            write(path)
        except MLMDesktopError as exc:
            self._failed("Could not export", exc)
            return False
        self._done("Exported to", path)
        return True

    def export_json(self, path: str) -> bool:
        result = self._result()
        return result is not None and self._export(lambda p: write_json(result, p), path)

    def export_npz(self, path: str) -> bool:
        """The result's arrays, the hidden states of the layer shown, the logits heatmap's cells."""
        result = self._result()
        if result is None:
            return False
        selection = {}
        layers = self.window.panels.panels.get("hiddenStates")
        if result.hidden_states is not None and hasattr(layers, "current_layer"):
            selection["layers"] = [min(layers.current_layer(), result.hidden_states.shape[0] - 1)]
        heatmap = self.window.panels.panels.get("logitsHeatmap")
        if heatmap is not None and len(heatmap.row_positions()):
            selection["logits_positions"] = heatmap.row_positions().tolist()
            selection["logits_ids"] = heatmap.column_ids().tolist()
        return self._export(lambda p: write_npz(result, p, **selection), path)

    def ask_export_plot(self, panel_id: str, index: int, fmt: str) -> None:
        suffix = fmt.lower()
        path = self._ask_save(f"Export the plot as {fmt}", f"{panel_id}.{suffix}",
                              f"{fmt} images (*.{suffix});;All files (*)")
        if path:
            self.export_plot(panel_id, index, fmt, path)

    def export_plot(self, panel_id: str, index: int, fmt: str, path: str) -> bool:
        view = plots_in(self.window.panel(panel_id))[index]
        return self._export(lambda p: export_plot(view, p, fmt), path)

    def ask_export_table(self, panel_id: str, index: int) -> None:
        path = self._ask_save("Export the table as CSV", f"{panel_id}.csv",
                              "CSV files (*.csv);;All files (*)")
        if path:
            self.export_table(panel_id, index, path)

    def export_table(self, panel_id: str, index: int, path: str) -> bool:
        text = table_text(tables_in(self.window.panel(panel_id))[index])

        def write(p: str) -> None:
            try:
                Path(p).write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise ExportError(f"{p} could not be written ({exc.strerror or exc})") from None

        return self._export(write, path)

    def copy_table(self, panel_id: str, index: int) -> None:
        QGuiApplication.clipboard().setText(table_text(tables_in(self.window.panel(panel_id))[index]))
        self.window.show_status("Table copied to the clipboard (CSV)", PASSING_MS)

    # -- context menus on each plot and table -----------------------------------------
    def _add_context_menus(self) -> None:
        for panel_id, panel in self.window.panels.panels.items():
            for index, view in enumerate(plots_in(panel)):
                self._context_menu(view, [(f"Export plot as {fmt}…", lambda p=panel_id, i=index, f=fmt:
                                           self.ask_export_plot(p, i, f)) for fmt in PLOT_FORMATS])
            for index, view in enumerate(tables_in(panel)):
                self._context_menu(view, [
                    ("Copy table", lambda p=panel_id, i=index: self.copy_table(p, i)),
                    ("Export table as CSV…", lambda p=panel_id, i=index: self.ask_export_table(p, i)),
                ])

    @staticmethod
    def _context_menu(widget: QWidget, entries) -> None:
        def show(at: QPoint) -> None:
            menu = QMenu(widget)
            for text, slot in entries:
                menu.addAction(text).triggered.connect(lambda _=False, s=slot: s())
            menu.popup(widget.mapToGlobal(at))

        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(show)
