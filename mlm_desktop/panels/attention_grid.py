"""A compact grid of every layer's heads as thumbnails; a click picks one.

Rows are layers (1 at the top), columns the heads and, last, their mean.
Each thumbnail is coloured on its own scale (0 to its largest weight), so
that every head's pattern shows whatever its range. The thumbnails come
pooled from the core (``AttentionResult.thumbnails``); the grid only lays
them out as one image, with a one-cell clear gap between them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsRectItem, QVBoxLayout, QWidget

from .colour_maps import SEQUENTIAL, colour_maps
from .plot_axes import follow_theme, style_plot_item

MEAN = -1  # the head index that stands for the mean of a layer's heads


class AttentionGrid(QWidget):
    """Layers × (heads + mean) thumbnails; ``picked(layer, head)`` on a click (head -1: mean)."""

    picked = Signal(int, int)

    def __init__(self, colormap: str = SEQUENTIAL, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = np.zeros((0, 0, 0, 0), dtype=np.float32)
        self._role = colormap
        self._lut = colour_maps().lookup_table(colormap)
        self._selected = (0, MEAN)
        self._graphics = pg.GraphicsLayoutWidget()
        self._graphics.setAccessibleName(self.tr("Every layer's attention heads"))
        self._graphics.setToolTip(self.tr("Every layer's heads, each on its own colour scale: click one"))
        self._plot: pg.PlotItem = self._graphics.addPlot()
        style_plot_item(self._plot)
        self._plot.invertY(True)
        self._plot.setMenuEnabled(False)
        self._plot.setMouseEnabled(False, False)
        self._plot.setDefaultPadding(0.0)
        self._plot.setLabel("left", self.tr("layer"))
        self._plot.setLabel("bottom", self.tr("head"))
        self._image = pg.ImageItem(axisOrder="row-major")
        self._plot.addItem(self._image)
        self._frame = QGraphicsRectItem()
        self._frame.setPen(pg.mkPen("#dc2626", width=2.5, cosmetic=True))
        self._frame.setZValue(10)
        self._plot.addItem(self._frame)
        self._graphics.scene().sigMouseClicked.connect(self._on_scene_clicked)
        follow_theme(self._graphics, self._plot)
        colour_maps().changed.connect(self._on_colour_maps_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._graphics)

    # -- what the panel calls ---------------------------------------------------
    def set_thumbnails(self, thumbnails: np.ndarray | None) -> None:
        """``thumbnails`` (L, H, S, S), or None to clear."""
        if thumbnails is None or thumbnails.size == 0:
            self._thumbnails = np.zeros((0, 0, 0, 0), dtype=np.float32)
            self._image.clear()
            self._frame.setVisible(False)
            return
        self._thumbnails = np.asarray(thumbnails, dtype=np.float32)
        layers, heads = self._thumbnails.shape[:2]
        self._image.setImage(self._mosaic(), autoLevels=False)
        self._image.setRect(QRectF(-0.5, -0.5, heads + 1, layers))
        self._plot.getViewBox().setRange(xRange=(-0.5, heads + 0.5), yRange=(-0.5, layers - 0.5),
                                         padding=0)
        self._plot.getAxis("left").setTicks([[(i, str(i + 1)) for i in range(layers)]])
        columns = [(i, str(i + 1)) for i in range(heads)] + [(heads, "mean")]
        self._plot.getAxis("bottom").setTicks([columns])
        self.select(*self._selected)

    def select(self, layer: int, head: int) -> None:
        """Outline thumbnail (``layer``, ``head``) (head -1: the mean) without emitting."""
        self._selected = (int(layer), int(head))
        layers, heads = self._thumbnails.shape[:2]
        if layers == 0:
            return
        column = heads if head == MEAN else head
        self._frame.setRect(QRectF(column - 0.5, layer - 0.5, 1, 1))
        self._frame.setVisible(0 <= layer < layers and 0 <= column <= heads)

    # -- accessors -----------------------------------------------------------------
    def selected(self) -> tuple[int, int]:
        return self._selected

    def mosaic(self) -> np.ndarray:
        """(rows, columns, 4) the RGBA image drawn."""
        return self._image.image if self._thumbnails.size else np.zeros((0, 0, 4), np.uint8)

    def thumbnail_center(self, layer: int, head: int) -> QPointF:
        """Scene position of a thumbnail's centre (head -1: the mean)."""
        column = self._thumbnails.shape[1] if head == MEAN else head
        return self._plot.getViewBox().mapViewToScene(QPointF(column, layer))

    def click_scene_position(self, scene_pos: QPointF) -> None:
        """Pick the thumbnail under ``scene_pos`` as a click there would."""
        cell = self._cell_at(scene_pos)
        if cell is not None:
            self.select(*cell)
            self.picked.emit(*cell)

    def colormap_name(self) -> str:
        """The map the thumbnails are drawn with now."""
        return colour_maps().name(self._role)

    # -- internals -------------------------------------------------------------------
    def _on_colour_maps_changed(self) -> None:
        self._lut = colour_maps().lookup_table(self._role)
        if self._thumbnails.size:
            self._image.setImage(self._mosaic(), autoLevels=False)

    def _mosaic(self) -> np.ndarray:
        layers, heads, size, _ = self._thumbnails.shape
        with_mean = np.concatenate([self._thumbnails, self._thumbnails.mean(axis=1, keepdims=True)],
                                   axis=1)
        top = with_mean.max(axis=(2, 3), keepdims=True)
        scaled = np.divide(with_mean, top, out=np.zeros_like(with_mean), where=top > 0)
        step = size + 1  # one clear cell between thumbnails
        rgba = np.zeros((layers * step, (heads + 1) * step, 4), dtype=np.uint8)
        colours = self._lut[np.clip(np.rint(scaled * 255), 0, 255).astype(np.intp)]
        for layer in range(layers):
            for column in range(heads + 1):
                rgba[layer * step: layer * step + size,
                     column * step: column * step + size] = colours[layer, column]
        return rgba

    def _cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        layers, heads = self._thumbnails.shape[:2]
        view_box = self._plot.getViewBox()
        if layers == 0 or not view_box.sceneBoundingRect().contains(scene_pos):
            return None
        point = view_box.mapSceneToView(scene_pos)
        layer, column = int(np.floor(point.y() + 0.5)), int(np.floor(point.x() + 0.5))
        if not (0 <= layer < layers and 0 <= column <= heads):
            return None
        return layer, MEAN if column == heads else column

    def _on_scene_clicked(self, event) -> None:
        self.click_scene_position(event.scenePos())
