"""The application icon: the SVG drawing with its PNG renderings, as one QIcon.

The icon is the SVG's (Qt draws it at any size and device pixel ratio, so it
stays sharp on a high-DPI screen), with the PNG renderings added for the sizes
they have. Built the other way round (PNG files first, the SVG added), Qt 6.11
answers a request at a device pixel ratio of 2 with a pixmap of half the size.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QWidget

from ..core.resources import APP_ICON_SVG, ICON_SIZES, icon_png


@cache
def app_icon() -> QIcon:
    """MLM Desktop's icon (an empty icon when its files are missing)."""
    icon = QIcon(str(APP_ICON_SVG)) if APP_ICON_SVG.is_file() else QIcon()
    for size in ICON_SIZES:
        path = icon_png(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def icon_pixmap(widget: QWidget, size: int) -> QPixmap:
    """The icon at ``size`` logical pixels, drawn for ``widget``'s screen (its device pixel ratio)."""
    return app_icon().pixmap(QSize(size, size), widget.devicePixelRatioF())
