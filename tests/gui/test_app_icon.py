"""The application icon: on the window, on the About dialog, sharp at the screen's pixel ratio."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage


def test_the_icon_has_every_rendered_size_and_the_drawing(qapp):
    from mlm_desktop.app.app_icon import app_icon
    from mlm_desktop.core.resources import ICON_SIZES, icon_png

    icon = app_icon()
    assert not icon.isNull()
    # at each rendered size, the icon's pixels are the rendering's
    for size in ICON_SIZES:
        drawn = icon.pixmap(QSize(size, size)).toImage()
        assert drawn == QImage(str(icon_png(size))).convertToFormat(drawn.format())
    # on a high-DPI screen: twice the pixels, at twice the ratio (and after a small request too)
    for ratio in (2.0, 1.5, 1.0):
        pixmap = icon.pixmap(QSize(64, 64), ratio)
        assert pixmap.width() == round(64 * ratio) and pixmap.devicePixelRatio() == ratio


def test_window_and_about_dialog_carry_the_icon(qtbot, open_window):
    from mlm_desktop.app.app_icon import app_icon

    controller = open_window(text="A short text.")
    window = controller.window
    assert not window.windowIcon().isNull()
    assert window.windowIcon().cacheKey() == app_icon().cacheKey()
    dialog = window.show_about()
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.windowIcon().isNull()
    pixmap = dialog.icon_label.pixmap()
    assert not pixmap.isNull()
    ratio = dialog.devicePixelRatioF()
    assert pixmap.devicePixelRatio() == ratio
    assert pixmap.width() == round(64 * ratio)
    dialog.close()
