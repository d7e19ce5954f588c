"""A result's changes settled before the window paints it, so that it paints once.

Setting a result changes texts (a label's size, the rows of a tree) and plot
ranges; Qt lays the widgets out, and pyqtgraph fits its views' transforms to
their ranges, when they next come to it, which is often during or after the
first paint, and each of them then paints the same widgets again. Doing both
now, before the paint, leaves one paint with everything in place.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget


def settle_before_paint(window: QWidget) -> None:
    """Lay out what waits to be laid out, and fit the plots in view to their new ranges."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    for view in window.findChildren(pg.GraphicsView):
        if view.isVisible():
            view.scene().prepareForPaint()  # as pyqtgraph does when it paints
