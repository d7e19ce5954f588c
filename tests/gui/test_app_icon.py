"""The application icon: on the window, on the About dialog, sharp at the screen's pixel ratio."""

from __future__ import annotations

from PySide6.QtCore import QSize


def test_the_icon_has_every_rendered_size_and_the_drawing(qapp):
    from mlm_desktop.app.app_icon import app_icon
    from mlm_desktop.core.resources import ICON_SIZES

    icon = app_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(n, n) for n in ICON_SIZES} <= sizes
    # asked for 16 px, Qt gives the 16 px rendering, not a shrunken 256 px one
    assert icon.pixmap(QSize(16, 16)).toImage().size() == QSize(16, 16)


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
