"""Tokens' paths through the layers on the PCA plane of all layers together.

The chosen layer's tokens are a faint cloud; each selected token is a line
through its point at every layer, each point labelled by its layer number
(0 = embeddings) and the line's end by the token. The token pointed at is
drawn in the hover colour over the pinned ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..core.analyses.geometry_types import GeometryResult
from .plot_axes import abbreviate, axis_font, follow_theme, style_plot_item
from .style import BAR, BAR_SPECIAL, CHIP_HOVER_BORDER, MASKED_FILL

#: colours of pinned paths, in pinning order (blue is the hover colour)
PATH_COLOURS = ("#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
                "#ff7f0e")
#: how near the pointer must be to a point to point at its token, in pixels
PICK_PIXELS = 10.0
#: the most entries the key stacks in one column
LEGEND_ROWS = 4
#: the chart's least height, in lines of its axes' font
CHART_LINES = 9


class TokenPaths(QWidget):
    """The PCA plane: the chosen layer's cloud and the selected tokens' paths."""

    token_hovered = Signal(int)  # -1 when the pointer leaves every point
    token_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: GeometryResult | None = None
        self._layer = 0
        self._pinned: tuple[int, ...] = ()
        self._hovered = -1
        self._pointed = -1
        self._paths: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._items: list[pg.GraphicsObject] = []
        #: each pinned token keeps its colour while it stays pinned
        self._colour_of: dict[int, str] = {}

        self._chart = pg.PlotWidget()
        self._chart.setAccessibleName(self.tr("Chart: the tokens' paths through the layers"))
        self._plot: pg.PlotItem = self._chart.getPlotItem()
        style_plot_item(self._plot)
        self._plot.setMenuEnabled(False)
        self._plot.showGrid(x=True, y=True, alpha=0.15)
        self._cloud = pg.ScatterPlotItem(size=6, pen=None)
        self._plot.addItem(self._cloud)
        # the key in a column of its own right of the plot, where it covers no point
        self._legend = pg.LegendItem(offset=None, labelTextSize="8pt", frame=False)
        self._plot.layout.addItem(self._legend, 2, 3)
        self._plot.legend = self._legend  # named lines join it as they are added
        # room for the key's rows and both axes with their titles
        self._chart.setMinimumHeight(math.ceil(QFontMetricsF(axis_font()).height() * CHART_LINES))
        follow_theme(self._chart, self._plot, legend=self._legend)
        self._chart.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._chart.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._chart)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: GeometryResult | None) -> None:
        self._result = result
        self._pointed = -1
        if result is not None:
            share = result.explained_variance * 100
            self._plot.setLabel("bottom", self.tr("PC1 ({share}%)")
                                .format(share=f"{share[0]:.0f}"))
            self._plot.setLabel("left", self.tr("PC2 ({share}%)").format(share=f"{share[1]:.0f}"))
            points = result.pca.reshape(-1, 2).astype(np.float64)
            (left, bottom), (right, top) = points.min(axis=0).tolist(), points.max(axis=0).tolist()
            self._plot.getViewBox().setRange(xRange=(left, right), yRange=(bottom, top),
                                             padding=0.08)
        self._redraw()

    def set_layer(self, layer: int) -> None:
        self._layer = int(layer)
        self._redraw()

    def set_tokens(self, pinned: Sequence[int], hovered: int) -> None:
        """Draw the paths of ``pinned`` tokens and of ``hovered`` (-1: none)."""
        self._pinned = tuple(int(p) for p in pinned)
        self._hovered = int(hovered)
        self._colour_of = {p: c for p, c in self._colour_of.items() if p in self._pinned}
        for position in self._pinned:
            if position not in self._colour_of:
                used = set(self._colour_of.values())
                free = [c for c in PATH_COLOURS if c not in used] or list(PATH_COLOURS)
                self._colour_of[position] = free[0]
        self._redraw()

    # -- accessors ---------------------------------------------------------------
    def drawn_tokens(self) -> list[int]:
        """Positions whose path is drawn, pinned first, the hovered one last."""
        return list(self._paths)

    def path(self, position: int) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of ``position``'s path as drawn, one point per hidden state."""
        return self._paths[position]

    def cloud_points(self) -> np.ndarray:
        """(T, 2) the chosen layer's points as drawn."""
        x, y = self._cloud.getData()
        return np.column_stack([x, y]) if x is not None else np.zeros((0, 2))

    def scene_position(self, layer: int, position: int) -> QPointF:
        """Where a token's point at ``layer`` is, in scene coordinates (for pointing)."""
        x, y = self._result.pca[layer, position]
        return self._plot.getViewBox().mapViewToScene(QPointF(float(x), float(y)))

    def plot_item(self) -> pg.PlotItem:
        return self._plot

    def legend(self) -> pg.LegendItem:
        return self._legend

    def graphics_view(self) -> pg.PlotWidget:
        return self._chart

    # -- drawing -------------------------------------------------------------------
    def _redraw(self) -> None:
        for item in self._items:
            self._plot.removeItem(item)
        self._items = []
        self._paths = {}
        self._legend.clear()
        result = self._result
        if result is None:
            self._cloud.setData([], [])
            return
        layer = min(self._layer, result.num_hidden_states - 1)
        colours = np.array([BAR + "90"] * result.num_tokens, dtype=object)
        colours[result.special_mask] = BAR_SPECIAL
        colours[result.mask_positions] = MASKED_FILL
        points = result.pca[layer]
        self._cloud.setData(x=points[:, 0], y=points[:, 1],
                            brush=[pg.mkBrush(c) for c in colours])
        shown = [p for p in self._pinned if 0 <= p < result.num_tokens]
        hovered = self._hovered if 0 <= self._hovered < result.num_tokens else -1
        for position in shown:
            if position != hovered:
                colour = self._colour_of.get(position, PATH_COLOURS[position % len(PATH_COLOURS)])
                self._draw_path(position, colour, layer, every_layer=len(shown) == 1)
        if hovered >= 0:
            self._draw_path(hovered, CHIP_HOVER_BORDER, layer, every_layer=True)
        # two columns when one would be taller than a small plot
        self._legend.setColumnCount(1 if len(self._paths) <= LEGEND_ROWS else 2)
        self._legend.updateSize()
        self._plot.layout.invalidate()

    def _draw_path(self, position: int, colour: str, layer: int, every_layer: bool) -> None:
        """One token's path; layer numbers at every point (``every_layer``) or at its two ends."""
        result = self._result
        path = result.pca[:, position].astype(np.float64)
        x, y = path[:, 0], path[:, 1]
        self._paths[position] = (x, y)
        label = f"{position} {abbreviate(result.labels[position])}"
        line = pg.PlotDataItem(x, y, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=6,
                               symbolBrush=colour, symbolPen=None, name=label)
        here = pg.ScatterPlotItem([x[layer]], [y[layer]], size=13, brush=pg.mkBrush(None),
                                  pen=pg.mkPen(colour, width=2.5))
        self._add(line, here)
        for s in (range(len(x)) if every_layer else (0, len(x) - 1)):
            number = pg.TextItem(str(s), color=colour, anchor=(0.5, 1.15))
            number.setPos(x[s], y[s])
            self._add(number)
        name = pg.TextItem(label, color=colour, anchor=(0.0, 0.0))
        font = QFont()
        font.setBold(True)
        name.setFont(font)
        name.setPos(x[-1], y[-1])
        self._add(name)

    def _add(self, *items: pg.GraphicsObject) -> None:
        for item in items:
            self._plot.addItem(item)
            self._items.append(item)

    # -- pointer -------------------------------------------------------------------
    def _token_at(self, scene_pos: QPointF) -> int:
        """The token whose point (this layer's, or on a drawn path) is nearest, within reach."""
        result = self._result
        view_box = self._plot.getViewBox()
        if result is None or not view_box.sceneBoundingRect().contains(scene_pos):
            return -1
        layer = min(self._layer, result.num_hidden_states - 1)
        points = [result.pca[layer]] + [result.pca[:, p] for p in self._paths]
        owners = [np.arange(result.num_tokens)] + [
            np.full(result.num_hidden_states, p) for p in self._paths
        ]
        xy = np.concatenate(points).astype(np.float64)
        point = view_box.mapSceneToView(scene_pos)
        width, height = view_box.viewPixelSize()
        distance = ((xy[:, 0] - point.x()) / width) ** 2 + ((xy[:, 1] - point.y()) / height) ** 2
        nearest = int(np.argmin(distance))
        return int(np.concatenate(owners)[nearest]) if distance[nearest] <= PICK_PIXELS**2 else -1

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        position = self._token_at(scene_pos)
        if position != self._pointed:
            self._pointed = position
            self.token_hovered.emit(position)

    def _on_mouse_clicked(self, event) -> None:
        position = self._token_at(event.scenePos())
        if position >= 0 and not event.double():
            self.token_clicked.emit(position)

    def point_at(self, scene_pos: QPointF) -> None:
        """Act as if the pointer moved to ``scene_pos``."""
        self._on_mouse_moved(scene_pos)
