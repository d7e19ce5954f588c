"""The window's first size fitted to the screen it opens on.

The window opens at 1400 x 900 (or at the size a previous run saved); on a
smaller screen, or a laptop's after a larger monitor's, that is more than the
screen shows, and a desktop without a window manager's own fitting leaves the
window's edges, its status bar and the panels' lower rows out of reach. The
window is shrunk to the screen's available area (what panels and taskbars
leave), never below its own minimum size, and moved inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


def available_area(window: QWidget) -> QRect | None:
    """The available area of the screen ``window`` is on (None without a screen)."""
    screen = window.screen()
    return None if screen is None else screen.availableGeometry()


def fit_to_screen(window: QWidget, area: QRect | None = None) -> bool:
    """Shrink and move ``window`` into ``area`` (its screen's available area by default).

    Returns True when the window was changed.
    """
    area = area if area is not None else available_area(window)
    if area is None or area.isEmpty():
        return False
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    width = max(min(window.width(), area.width() - extra_w), minimum.width())
    height = max(min(window.height(), area.height() - extra_h), minimum.height())
    changed = (width, height) != (window.width(), window.height())
    if changed:
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), max(area.left(), area.right() + 1 - frame.width()))
    y = min(max(frame.y(), area.top()), max(area.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
        changed = True
    return changed
