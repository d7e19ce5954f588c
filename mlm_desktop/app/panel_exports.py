"""The plots and tables of a panel, found in its widgets, and written out.

A plot is any pyqtgraph view in the panel (``pg.GraphicsView``: a plot
widget or a layout of plots); it is exported with pyqtgraph's own exporters,
to PNG or SVG. A table is any item view (a table or a tree, such as the
predictions); it becomes CSV text: the header, then one line per row, the
rows of a tree under their group's line.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTableView, QTreeView, QWidget

from ..core.analysis_files import ExportError, table_csv

PLOT_FORMATS = ("PNG", "SVG")


def plots_in(widget: QWidget) -> list[pg.GraphicsView]:
    """The pyqtgraph views of ``widget``, in the order they were made."""
    found = widget.findChildren(pg.GraphicsView)
    if isinstance(widget, pg.GraphicsView):
        found.insert(0, widget)
    return found


def _in_combo_box(view: QWidget) -> bool:
    parent = view.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def tables_in(widget: QWidget) -> list[QAbstractItemView]:
    """The tables and trees of ``widget`` (not the lists inside its combo boxes)."""
    found = widget.findChildren(QAbstractItemView)
    if isinstance(widget, QAbstractItemView):
        found.insert(0, widget)
    return [view for view in found if isinstance(view, (QTableView, QTreeView))
            and view.model() is not None and not _in_combo_box(view)]


def export_plot(view: pg.GraphicsView, path: str | Path, fmt: str) -> Path:
    """Write the view's scene with pyqtgraph's PNG or SVG exporter."""
    from pyqtgraph.exporters import ImageExporter, SVGExporter

    path = Path(path)
    exporter = (ImageExporter if fmt.upper() == "PNG" else SVGExporter)(view.scene())
    if isinstance(exporter, ImageExporter):
        # at least the size shown (pyqtgraph may round the scene's size down to zero)
        exporter.parameters()["width"] = max(int(view.width()), 16)
    try:
        try:
            exporter.export(str(path))
        except ValueError:
            # pyqtgraph 0.14's SVG exporter cannot parse the closed paths ("... Z")
            # that Qt 6.10 writes (pyqtgraph issue #3495): Qt's own SVG generator draws it
            _svg_with_qt(view, path)
    except OSError as exc:
        raise ExportError(f"{path} could not be written ({exc.strerror or exc})") from None
    if not path.exists():
        raise ExportError(f"{path} could not be written")
    return path


def _svg_with_qt(view: pg.GraphicsView, path: Path) -> None:
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(view.size())
    generator.setViewBox(view.rect())
    generator.setTitle(view.window().windowTitle())
    painter = QPainter(generator)
    try:
        view.render(painter)
    finally:
        painter.end()


def _rows(model: QAbstractItemModel, parent: QModelIndex, columns: int, out: list) -> None:
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append([model.data(model.index(row, c, parent), Qt.ItemDataRole.DisplayRole)
                    for c in range(columns)])
        if model.hasChildren(index):
            _rows(model, index, columns, out)


def table_rows(view: QAbstractItemView) -> tuple[list[str], list[list]]:
    """The header and every row as the view shows them (hidden columns left out)."""
    model = view.model()
    columns = model.columnCount()
    header = [str(model.headerData(c, Qt.Orientation.Horizontal) or f"column {c + 1}")
              for c in range(columns)]
    rows: list[list] = []
    _rows(model, QModelIndex(), columns, rows)
    hidden = getattr(view, "isColumnHidden", lambda _c: False)
    shown = [c for c in range(columns) if not hidden(c)]
    return [header[c] for c in shown], [[row[c] for c in shown] for row in rows]


def table_text(view: QAbstractItemView) -> str:
    """The table as CSV text (what the clipboard and the CSV file get)."""
    header, rows = table_rows(view)
    return table_csv(header, rows)
