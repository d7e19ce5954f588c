"""Each dock's share of the window, kept when the window is resized.

QMainWindow hands the space a growing window gains to its central widget:
docks squeezed to their minimum by a small window stay small when it grows
again. The window remembers each visible dock's share of its width and
height (first-run sizes, a separator drag, a restored layout) and, after
every resize, asks for those shares again; Qt clamps them to what fits.
It watches the window's own events for both.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

_SIDE_AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


class DockShares(QObject):
    """The remembered shares of ``window``'s docks, and their restoring."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        #: dock object name -> (share of the window's width, share of its height)
        self._shares: dict[str, tuple[float, float]] = {}
        # after a resize, once the window is laid out
        self._restore_soon = QTimer(self, singleShot=True, interval=0)
        self._restore_soon.timeout.connect(self.restore)
        self._separator_pressed = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._window:
            kind = event.type()
            if kind == QEvent.Type.Resize:
                self._restore_soon.start()
            # a separator dragged between docks: pressed over no child of the window (a
            # click on a child that passes its events on is not a resize), released anywhere
            elif kind == QEvent.Type.MouseButtonPress:
                self._separator_pressed = self._window.childAt(event.position().toPoint()) is None
            elif kind == QEvent.Type.MouseButtonRelease and self._separator_pressed:
                self._separator_pressed = False
                QTimer.singleShot(0, self.remember)  # once the layout has the new sizes
        return super().eventFilter(watched, event)

    def shares(self) -> dict[str, tuple[float, float]]:
        return dict(self._shares)

    def set_share(self, dock: QDockWidget, width: float | None, height: float | None) -> None:
        """Remember ``dock``'s share (None: its present one)."""
        w = self._window
        old_width, old_height = self._shares.get(
            dock.objectName(),
            (dock.width() / max(w.width(), 1), dock.height() / max(w.height(), 1)),
        )
        self._shares[dock.objectName()] = (
            old_width if width is None else width, old_height if height is None else height,
        )

    def remember(self) -> None:
        """Take the present size of every docked, visible dock as its share."""
        w = self._window
        if w.width() <= 0 or w.height() <= 0:
            return
        for dock in self._docked():
            share = (dock.width() / w.width(), dock.height() / w.height())
            for each in [dock, *w.tabifiedDockWidgets(dock)]:  # tabs share their place
                self._shares[each.objectName()] = share

    def restore(self) -> None:
        """Ask for every remembered share at the window's present size."""
        w = self._window
        docks = [d for d in self._docked() if d.objectName() in self._shares]
        if not docks:
            return
        by_area: dict[Qt.DockWidgetArea, list[QDockWidget]] = {}
        for dock in docks:
            by_area.setdefault(w.dockWidgetArea(dock), []).append(dock)
        for area, members in by_area.items():
            if area in _SIDE_AREAS:
                lead = members[0]
                w.resizeDocks([lead], [round(self._shares[lead.objectName()][0] * w.width())],
                              Qt.Orientation.Horizontal)
            heights = [round(self._shares[d.objectName()][1] * w.height()) for d in members]
            w.resizeDocks(members, heights, Qt.Orientation.Vertical)

    def _docked(self) -> list[QDockWidget]:
        """The docks in the window's layout that can be seen (the front tab of each tab group)."""
        return [
            dock for dock in self._window.findChildren(QDockWidget)
            if dock.isVisible() and not dock.visibleRegion().isEmpty() and not dock.isFloating()
            and self._window.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea
        ]
