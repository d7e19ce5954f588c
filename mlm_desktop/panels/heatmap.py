"""A labelled heatmap: rows × columns image, colour bar, category axes, hover read-out.

Shared by the logits heatmap and the hidden-state viewer. Cells are centred
on integer indices, row 0 is at the top, and the colour levels are whatever
the owner sets: the image never auto-levels.

Values are turned into RGBA colours here, with the owner's levels, rather
than handed to pyqtgraph as floats with a lookup table: pyqtgraph would
then draw a one-byte-per-cell indexed QImage whose rows are not 4-byte
aligned, and Qt reads past the end of such small buffers (a crash seen with
3 × 11 logits). Four bytes per cell keeps every row aligned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from .axis_fit import readable_ticks
from .colour_maps import SEQUENTIAL, colour_maps
from .label_style import PLACEHOLDER_STYLE
from .plot_axes import CategoryTicks, axis_font, follow_theme, style_plot_item
from .style import format_number
from .theme import theme_colours

# (row, column, value) -> the read-out line under the heatmap
Formatter = Callable[[int, int, float], str]


class Heatmap(QWidget):
    """``image`` (rows, columns) drawn with a colour map and explicit levels.

    ``colormap`` is a role of :mod:`.colour_maps` (``"sequential"``, ``"diverging"``),
    whose map the user chooses and the heatmap follows, or a map's own name.
    """

    cell_hovered = Signal(int, int)  # row, column; (-1, -1) when the pointer leaves

    def __init__(self, colormap: str = SEQUENTIAL, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image_data = np.zeros((0, 0), dtype=np.float32)
        self._row_labels: tuple[str, ...] = ()
        self._column_labels: tuple[str, ...] | None = ()
        self._levels = (0.0, 1.0)
        self._hovered = (-1, -1)
        self._formatter: Formatter = self._default_format
        self._idle_text = ""
        self._marked: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())
        self._role = colormap

        self._graphics = pg.GraphicsLayoutWidget()
        self._plot: pg.PlotItem = self._graphics.addPlot()
        style_plot_item(self._plot)
        self._plot.invertY(True)
        self._plot.setDefaultPadding(0.0)
        self._plot.showAxes(True, showValues=(True, True, False, True))
        self._plot.setMenuEnabled(False)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._plot.addItem(self._image)
        # cells to point out (e.g. the original token): hollow squares, white inside black,
        # visible on light and dark colours alike
        self._marker_items = [
            pg.ScatterPlotItem(symbol="s", brush=pg.mkBrush(None), pen=pg.mkPen(colour, width=width),
                               pxMode=False, size=size)
            for colour, width, size in (("#111827", 1.5, 0.9), ("#ffffff", 2.0, 0.78))
        ]
        for item in self._marker_items:
            item.setZValue(10)
            self._plot.addItem(item)
        self._color_bar = pg.ColorBarItem(
            values=self._levels, colorMap=colour_maps().colormap(colormap), interactive=False,
            width=14,
        )
        self._color_bar.setImageItem([], insert_in=self._plot)  # placed, not linked: see above
        self._lut = self._color_bar.colorMap().getLookupTable(nPts=256, alpha=True)
        bar_axis = self._color_bar.axis
        bar_axis.setStyle(tickFont=axis_font())
        bar_axis.enableAutoSIPrefix(False)  # "500 (x0.001)" reads worse than 0.5
        readable_ticks(bar_axis)  # a short heatmap's bar: fewer labels, none over another
        view_box = self._plot.getViewBox()
        self._row_ticks = CategoryTicks(self._plot.getAxis("left"), view_box, horizontal=False)
        self._column_ticks = CategoryTicks(
            self._plot.getAxis("bottom"), view_box, horizontal=True,
            second_axis=self._plot.getAxis("top"),
        )
        self._graphics.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self._graphics.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)
        self._graphics.installEventFilter(self)
        follow_theme(self._graphics, self._plot, also=self._colour_bar_axis)
        colour_maps().changed.connect(self._on_colour_maps_changed)

        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        # the message covers the plot rather than taking turns with it: hiding and showing the
        # graphics view (a stacked page switch) cost about a millisecond per result
        self._placeholder.setStyleSheet(
            PLACEHOLDER_STYLE + " font-size: 13pt; background-color: palette(window);")
        self._stack = QWidget()
        cell = QGridLayout(self._stack)
        cell.setContentsMargins(0, 0, 0, 0)
        cell.addWidget(self._graphics, 0, 0)
        cell.addWidget(self._placeholder, 0, 0)

        self._readout = QLabel()
        self._readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._readout.setMinimumHeight(self._readout.fontMetrics().height() + 6)
        # the hint lives on the read-out line, where its tooltip covers no cell
        self._readout.setToolTip(self.tr("Scroll to zoom, drag to pan, double-click to see it all"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._readout)
        self.clear()

    # -- what the owner calls ---------------------------------------------
    def set_data(
        self,
        image: np.ndarray,
        row_labels: Sequence[str],
        column_labels: Sequence[str] | None,
        levels: tuple[float, float],
        idle_text: str | None = None,
    ) -> None:
        """Show ``image`` (rows, columns); ``column_labels`` None keeps a numeric axis."""
        image = np.ascontiguousarray(image, dtype=np.float32)
        if image.ndim != 2 or 0 in image.shape:
            self.clear()
            return
        self.set_markers((), ())
        rows, columns = image.shape
        same_shape = image.shape == self._image_data.shape  # e.g. another layer: keep the zoom
        self._image_data = image
        self._row_labels = tuple(row_labels)
        self._column_labels = None if column_labels is None else tuple(column_labels)
        low, high = float(levels[0]), float(levels[1])
        if not high > low:
            high = low + 1.0
        self._levels = (low, high)
        self._image.setImage(self._colours(image), autoLevels=False)
        self._image.setRect(QRectF(-0.5, -0.5, columns, rows))
        self._color_bar.setLevels(self._levels)
        view_box = self._plot.getViewBox()
        view_box.setLimits(
            xMin=-0.5, xMax=columns - 0.5, yMin=-0.5, yMax=rows - 0.5,
            minXRange=min(columns, 1), minYRange=min(rows, 1),
        )
        if not same_shape:
            self.reset_view()
        self._row_ticks.set_labels(self._row_labels)
        self._column_ticks.set_labels(self._column_labels or ())
        self._idle_text = self.tr("Point at a cell to read its value") if idle_text is None else idle_text
        self._hovered = (-1, -1)
        self._readout.setText(idle_text)
        self._placeholder.hide()

    def set_markers(self, rows: Sequence[int], columns: Sequence[int]) -> None:
        """Outline the cells (rows[i], columns[i]); empty sequences remove the outlines."""
        marked = (tuple(int(r) for r in rows), tuple(int(c) for c in columns))
        if marked == self._marked:
            return  # the outlines drawn already (none, say, before and after new data)
        self._marked = marked
        for item in self._marker_items:
            item.setData(x=list(self._marked[1]), y=list(self._marked[0]))

    def marked_cells(self) -> list[tuple[int, int]]:
        """(row, column) of every outlined cell."""
        return list(zip(*self._marked, strict=True))

    def clear(self, message: str = "") -> None:
        """Empty the heatmap; ``message`` is shown in its place."""
        self.set_markers((), ())
        self._image_data = np.zeros((0, 0), dtype=np.float32)
        self._row_labels = ()
        self._column_labels = ()
        self._image.clear()
        self._row_ticks.set_labels(())
        self._column_ticks.set_labels(())
        self._hovered = (-1, -1)
        self._idle_text = ""
        self._readout.setText("")
        self._placeholder.setText(message)
        self._placeholder.show()
        self._placeholder.raise_()

    def reset_view(self) -> None:
        """Show every cell (undoes zooming and panning)."""
        rows, columns = self._image_data.shape
        if rows and columns:
            self._plot.getViewBox().setRange(
                xRange=(-0.5, columns - 0.5), yRange=(-0.5, rows - 0.5), padding=0
            )

    def set_formatter(self, formatter: Formatter) -> None:
        """How a hovered cell is described in the read-out line."""
        self._formatter = formatter

    def set_axis_titles(self, rows: str, columns: str) -> None:
        self._plot.setLabel("left", rows)
        self._plot.setLabel("bottom", columns)
        self._graphics.setAccessibleName(
            self.tr("Heatmap: {rows} by {columns}").format(rows=rows, columns=columns))

    def set_value_title(self, title: str) -> None:
        """What the colours stand for, written beside the colour bar."""
        self._color_bar.axis.setLabel(title)
        self._graphics.setAccessibleDescription(self.tr("Colour: {title}").format(title=title))

    def set_colormap(self, name: str) -> None:
        """Colour with ``name``: a role of :mod:`.colour_maps` (followed) or a map's own name."""
        self._role = name
        colormap = colour_maps().colormap(name)
        self._color_bar.setColorMap(colormap)
        self._lut = colormap.getLookupTable(nPts=256, alpha=True)
        if self._image_data.size:
            self._image.setImage(self._colours(self._image_data), autoLevels=False)

    def colormap_name(self) -> str:
        """The map the heatmap is drawn with now."""
        return colour_maps().name(self._role)

    def _on_colour_maps_changed(self) -> None:
        self.set_colormap(self._role)

    def _colour_bar_axis(self) -> None:
        self._color_bar.axis.setTextPen(pg.mkPen(theme_colours().plot_foreground))

    def _colours(self, image: np.ndarray) -> np.ndarray:
        """(rows, columns, 4) uint8 RGBA of ``image`` under the current levels; NaN clear."""
        low, high = self._levels
        top = len(self._lut) - 1
        scaled = (image.astype(np.float64) - low) * (top / (high - low))
        index = np.clip(np.rint(np.nan_to_num(scaled, nan=0.0, posinf=top, neginf=0)), 0, top)
        rgba = np.ascontiguousarray(self._lut[index.astype(np.intp)])
        rgba[np.isnan(image), 3] = 0
        return rgba

    def rgba_array(self) -> np.ndarray:
        """(rows, columns, 4) the colours drawn for :meth:`image_array`."""
        return self._image.image if self._image_data.size else np.zeros((0, 0, 4), np.uint8)

    # -- accessors -----------------------------------------------------------
    def image_array(self) -> np.ndarray:
        """The array displayed, (rows, columns)."""
        return self._image_data

    def row_labels(self) -> list[str]:
        return list(self._row_labels)

    def column_labels(self) -> list[str]:
        return list(self._column_labels or ())

    def levels(self) -> tuple[float, float]:
        return self._levels

    def readout_text(self) -> str:
        return self._readout.text()

    def shown_row_labels(self) -> list[tuple[int, str]]:
        """(row, label) of the row labels on the axis now (some are left out when crowded)."""
        return self._row_ticks.shown_labels()

    def shown_column_labels(self) -> list[tuple[int, str]]:
        """(column, label) of the column labels on the bottom and top axes now."""
        return self._column_ticks.shown_labels()

    def plot_item(self) -> pg.PlotItem:
        return self._plot

    def graphics_view(self) -> pg.GraphicsLayoutWidget:
        """The widget the heatmap is drawn in (it receives the pointer's events)."""
        return self._graphics

    def image_item(self) -> pg.ImageItem:
        return self._image

    def cell_center(self, row: int, column: int) -> QPointF:
        """Scene position of a cell's centre (for tests and pointing)."""
        return self._plot.getViewBox().mapViewToScene(QPointF(column, row))

    def hover_scene_position(self, scene_pos: QPointF) -> None:
        """Update the read-out as if the pointer were at ``scene_pos``."""
        self._on_scene_mouse_moved(scene_pos)

    # -- internals -------------------------------------------------------------
    def _default_format(self, row: int, column: int, value: float) -> str:
        row_label = self._row_labels[row] if row < len(self._row_labels) else str(row)
        labels = self._column_labels
        column_label = labels[column] if labels and column < len(labels) else str(column)
        return f"{row_label} · {column_label} · {format_number(value)}"

    def _cell_at(self, scene_pos: QPointF) -> tuple[int, int]:
        rows, columns = self._image_data.shape
        view_box = self._plot.getViewBox()
        if rows == 0 or not view_box.sceneBoundingRect().contains(scene_pos):
            return (-1, -1)
        point = view_box.mapSceneToView(scene_pos)
        row, column = int(np.floor(point.y() + 0.5)), int(np.floor(point.x() + 0.5))
        if 0 <= row < rows and 0 <= column < columns:
            return (row, column)
        return (-1, -1)

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        cell = self._cell_at(scene_pos)
        if cell == self._hovered:
            return
        self._hovered = cell
        row, column = cell
        if row < 0:
            self._readout.setText(self._idle_text)
        else:
            value = float(self._image_data[row, column])
            self._readout.setText(self._formatter(row, column, value))
        self.cell_hovered.emit(row, column)

    def _on_scene_mouse_clicked(self, event) -> None:
        if event.double():
            self.reset_view()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # the pointer leaving the plot (not only the whole widget) ends the hover
        if watched is self._graphics and event.type() == QEvent.Type.Leave:
            self._end_hover()
        return super().eventFilter(watched, event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._end_hover()
        super().leaveEvent(event)

    def _end_hover(self) -> None:
        if self._hovered != (-1, -1):
            self._hovered = (-1, -1)
            self._readout.setText(self._idle_text)
            self.cell_hovered.emit(-1, -1)
