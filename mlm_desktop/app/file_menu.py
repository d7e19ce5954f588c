"""The File menu: open a text, recent files, save and open a session, export.

The menu speaks in intents (signals); :class:`~.file_actions.FileActions`
asks for file names and does the work. Export ▸ Plot and Export ▸ Table list
the panels in view that hold a plot or a table, the focused panel first;
each plot and table also has its own context menu with the same entries.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from .panel_exports import PLOT_FORMATS, plots_in, tables_in


def _numbered(title: str, index: int, count: int) -> str:
    if count == 1:
        return title
    return QCoreApplication.translate("FileMenu", "{title} ({index} of {count})").format(
        title=title, index=index + 1, count=count)


class FileMenu(QMenu):
    """File ▸ Open text, Recent files, Open/Save session, Export."""

    open_text_requested = Signal()
    recent_file_chosen = Signal(str)
    open_session_requested = Signal()
    save_session_requested = Signal()
    export_json_requested = Signal()
    export_npz_requested = Signal()
    #: panel id, which of its plots, "PNG" or "SVG"
    plot_export_requested = Signal(str, int, str)
    #: panel id, which of its tables
    table_export_requested = Signal(str, int)
    table_copy_requested = Signal(str, int)

    # Ctrl+O and Ctrl+Shift+O open a model (the Model menu)
    def __init__(self, panels, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&File"), parent)
        self.setObjectName("fileMenu")
        self._panels = panels
        self.open_text_action = self._add(self.tr("&Open text…"), "openTextAction", "Ctrl+Alt+O",
                                          self.open_text_requested)
        self.recent_menu = self.addMenu(self.tr("Recent &files"))
        self.recent_menu.setObjectName("recentFilesMenu")
        self.set_recent_files([])
        self.addSeparator()
        self.open_session_action = self._add(self.tr("Open &session…"), "openSessionAction",
                                             "Ctrl+Alt+Shift+O",
                                             self.open_session_requested)
        self.save_session_action = self._add(self.tr("Sa&ve session…"), "saveSessionAction",
                                             QKeySequence.StandardKey.Save, self.save_session_requested)
        self.addSeparator()
        self.export_menu = self.addMenu(self.tr("&Export"))
        self.export_menu.setObjectName("exportMenu")
        self.export_json_action = self._add(self.tr("Analysis as &JSON…"), "exportJsonAction", "Ctrl+Shift+E",
                                            self.export_json_requested, self.export_menu)
        self.export_npz_action = self._add(self.tr("Analysis as &NPZ arrays…"), "exportNpzAction", "",
                                           self.export_npz_requested, self.export_menu)
        self.export_menu.addSeparator()
        self.plot_menu = self.export_menu.addMenu(self.tr("&Plot"))
        self.table_menu = self.export_menu.addMenu(self.tr("&Table"))
        self.plot_menu.aboutToShow.connect(self._fill_plot_menu)
        self.table_menu.aboutToShow.connect(self._fill_table_menu)
        self.addSeparator()

    def _add(self, text, name, shortcut, signal, menu: QMenu | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(signal)
        (menu or self).addAction(action)
        return action

    # -- recent files ------------------------------------------------------------
    def set_recent_files(self, paths: Sequence[str]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.recent_file_chosen.emit(p))
        self.recent_menu.setEnabled(bool(paths))

    # -- panels with a plot or a table -----------------------------------------------
    def panels_in_view(self) -> list[str]:
        """Ids of the open panels, the one holding the keyboard focus first."""
        docks = self._panels.docks
        open_ids = [i for i, dock in docks.items() if not dock.isHidden()]
        focus = QApplication.focusWidget()
        for panel_id in open_ids:
            if focus is not None and docks[panel_id].isAncestorOf(focus):
                open_ids.remove(panel_id)
                return [panel_id, *open_ids]
        return open_ids

    def _title(self, panel_id: str) -> str:
        return self._panels.docks[panel_id].windowTitle()

    def _fill_plot_menu(self) -> None:
        self.plot_menu.clear()
        for panel_id in self.panels_in_view():
            views = plots_in(self._panels.panel(panel_id))
            for index in range(len(views)):
                sub = self.plot_menu.addMenu(_numbered(self._title(panel_id), index, len(views)))
                for fmt in PLOT_FORMATS:
                    action = sub.addAction(self.tr("{format}…").format(format=fmt))
                    action.triggered.connect(
                        lambda _=False, p=panel_id, i=index, f=fmt: self.plot_export_requested.emit(p, i, f))
        if self.plot_menu.isEmpty():
            self.plot_menu.addAction(self.tr("No plot in view")).setEnabled(False)

    def _fill_table_menu(self) -> None:
        self.table_menu.clear()
        for panel_id in self.panels_in_view():
            views = tables_in(self._panels.panel(panel_id))
            for index in range(len(views)):
                sub = self.table_menu.addMenu(_numbered(self._title(panel_id), index, len(views)))
                sub.addAction(self.tr("CSV…")).triggered.connect(
                    lambda _=False, p=panel_id, i=index: self.table_export_requested.emit(p, i))
                sub.addAction(self.tr("Copy to clipboard")).triggered.connect(
                    lambda _=False, p=panel_id, i=index: self.table_copy_requested.emit(p, i))
        if self.table_menu.isEmpty():
            self.table_menu.addAction(self.tr("No table in view")).setEnabled(False)
