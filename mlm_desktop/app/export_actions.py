"""File ▸ Export: the analysis to JSON or NPZ, each plot to PNG or SVG, each table to CSV or the clipboard.

Each plot and table also gets a context menu with its own entries. A
failure is one plain banner (see :mod:`.file_actions`); nothing else changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from ..core.analysis_files import ExportError, write_json, write_npz
from ..core.errors import MLMDesktopError
from .panel_exports import PLOT_FORMATS, export_plot, plots_in, table_text, tables_in

#: the banner of every file action
KEY = "file"
#: how long a passing note ("Exported to …") stays in the status bar
PASSING_MS = 6000


class ExportActions(QObject):
    """Carries out File ▸ Export for the window of ``files`` (a FileActions)."""

    def __init__(self, files) -> None:
        super().__init__(files)
        self.files = files
        self.window = files.window
        menu = files.menu
        menu.export_json_requested.connect(lambda: self._ask_export("JSON", self.export_json))
        menu.export_npz_requested.connect(lambda: self._ask_export("NPZ", self.export_npz))
        menu.plot_export_requested.connect(self.ask_export_plot)
        menu.table_export_requested.connect(self.ask_export_table)
        menu.table_copy_requested.connect(self.copy_table)
        self._add_context_menus()

    # -- the analysis -------------------------------------------------------------------
    def _result(self):
        result = self.files.controller.session.result
        if result is None:
            self.window.show_message(
                KEY, self.tr("Nothing to export yet: the analysis has no result."), "info")
        return result

    def _ask_export(self, fmt: str, write) -> None:
        if self._result() is None:
            return
        suffix = fmt.lower()
        path = self.files.ask_save(self.tr("Export the analysis as {format}").format(format=fmt),
                                   f"analysis.{suffix}",
                                   self.tr("{format} files (*.{suffix});;All files (*)").format(
                                       format=fmt, suffix=suffix))
        if path:
            write(path)

    def _export(self, write, path: str) -> bool:
        try:
            write(path)
        except MLMDesktopError as exc:
            self.files.failed(self.tr("Could not export"), exc)
            return False
        self.files.done(self.tr("Exported to"), path)
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
        path = self.files.ask_save(self.tr("Export the plot as {format}").format(format=fmt),
                                   f"{panel_id}.{suffix}",
                                   self.tr("{format} images (*.{suffix});;All files (*)").format(
                                       format=fmt, suffix=suffix))
        if path:
            self.export_plot(panel_id, index, fmt, path)

    def export_plot(self, panel_id: str, index: int, fmt: str, path: str) -> bool:
        view = plots_in(self.window.panel(panel_id))[index]
        return self._export(lambda p: export_plot(view, p, fmt), path)

    def ask_export_table(self, panel_id: str, index: int) -> None:
        path = self.files.ask_save(self.tr("Export the table as CSV"), f"{panel_id}.csv",
                                   self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.export_table(panel_id, index, path)

    def export_table(self, panel_id: str, index: int, path: str) -> bool:
        text = table_text(tables_in(self.window.panel(panel_id))[index])

        def write(p: str) -> None:
            try:
                Path(p).write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise ExportError(self.tr("{path} could not be written ({reason})").format(
                    path=p, reason=exc.strerror or exc)) from None

        return self._export(write, path)

    def copy_table(self, panel_id: str, index: int) -> None:
        QGuiApplication.clipboard().setText(table_text(tables_in(self.window.panel(panel_id))[index]))
        self.window.show_status(self.tr("Table copied to the clipboard (CSV)"), PASSING_MS)

    # -- context menus on each plot and table -----------------------------------------
    def _add_context_menus(self) -> None:
        for panel_id, panel in self.window.panels.panels.items():
            for index, view in enumerate(plots_in(panel)):
                self._context_menu(view, [(self.tr("Export plot as {format}…").format(format=fmt),
                                           lambda p=panel_id, i=index, f=fmt:
                                           self.ask_export_plot(p, i, f))
                                          for fmt in PLOT_FORMATS])
            for index, view in enumerate(tables_in(panel)):
                self._context_menu(view, [
                    (self.tr("Copy table"), lambda p=panel_id, i=index: self.copy_table(p, i)),
                    (self.tr("Export table as CSV…"),
                     lambda p=panel_id, i=index: self.ask_export_table(p, i)),
                ])

    @staticmethod
    def _context_menu(widget: QWidget, entries) -> None:
        def show(at: QPoint) -> None:
            menu = QMenu(widget)
            own = [a for a in widget.actions() if a.isVisible()]  # the widget's own, first
            menu.addActions(own)
            if own:
                menu.addSeparator()
            for text, slot in entries:
                menu.addAction(text).triggered.connect(lambda _=False, s=slot: s())
            menu.popup(widget.mapToGlobal(at))

        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(show)
