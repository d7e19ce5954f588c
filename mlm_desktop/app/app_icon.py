"""The application icon: the SVG drawing with its PNG renderings, as one QIcon.

Qt picks the PNG nearest the size asked for (crisp at 16 and 32 px, where a
scaled-down drawing blurs) and draws the SVG for the sizes between and above,
so the icon stays sharp on a high-DPI screen.
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
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_png(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    if APP_ICON_SVG.is_file():
        icon.addFile(str(APP_ICON_SVG))
    return icon


def icon_pixmap(widget: QWidget, size: int) -> QPixmap:
    """The icon at ``size`` logical pixels, drawn for ``widget``'s screen (its device pixel ratio)."""
    return app_icon().pixmap(QSize(size, size), widget.devicePixelRatioF())
