"""Render the application icon (resources/icons/mlm-desktop.svg) to PNGs at every size the app
and the desktop menu use, with Qt's own SVG renderer:

    python tools/render_icons.py          # or: make icons

writes resources/icons/mlm-desktop-<size>.png for each size in ICON_SIZES.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from mlm_desktop.core.resources import APP_ICON_SVG, ICON_SIZES, icon_png  # noqa: E402


def render(size: int) -> QImage:
    """The icon drawn at ``size`` × ``size`` pixels on a transparent background."""
    renderer = QSvgRenderer(str(APP_ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {APP_ICON_SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in ICON_SIZES:
        path = icon_png(size)
        if not render(size).save(str(path), "PNG"):
            raise SystemExit(f"cannot write {path}")
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
