"""A row of controls that wraps onto more lines when its panel is narrow.

A panel's control row (labels, boxes, check boxes) in a plain
``QHBoxLayout`` is as wide as all its controls together, and the window
cannot be narrower than its widest panel. In a :class:`FlowLayout` the
controls fill a line and go on below, so a panel is only as wide as its widest
control.

A label added just before a control names it: the label becomes the
control's buddy (its accessible name, and its ``&`` key if it has one) and
the two stay on one line. Controls that expand (a slider, a line edit) share
what is left of their line.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping; a label stays on the line of the control it names."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        #: indices of items kept on the line of the item after them (a label and its control)
        self._glued: set[int] = set()
        self.setSpacing(spacing)
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ----------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        widget = item.widget()
        if self._items and widget is not None and not isinstance(widget, QLabel):
            before = self._items[-1].widget()
            if isinstance(before, QLabel) and before.buddy() is None:
                before.setBuddy(widget)
                self._glued.add(len(self._items) - 1)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        if not 0 <= index < len(self._items):
            return None
        self._glued = {i - (i > index) for i in self._glued if i != index}
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Every control on one line."""
        units = self._units()
        width = sum(self._unit_width(u) for u in units) + self.spacing() * max(len(units) - 1, 0)
        height = max((i.sizeHint().height() for u in units for i in u), default=0)
        return QSize(width, height) + self._margins()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        """As wide as the widest label and control kept together."""
        units = self._units()
        width = max((self._unit_width(u) for u in units), default=0)
        height = max((i.minimumSize().height() for u in units for i in u), default=0)
        return QSize(width, height) + self._margins()

    # -- internals ----------------------------------------------------------------------
    def _margins(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def _units(self) -> list[list[QLayoutItem]]:
        """The shown items, a label together with the control it names."""
        units: list[list[QLayoutItem]] = []
        glue = False
        for index, item in enumerate(self._items):
            if item.isEmpty():  # a hidden control: its label goes on alone
                glue = False
                continue
            if glue and units:
                units[-1].append(item)
            else:
                units.append([item])
            glue = index in self._glued
        return units

    def _unit_width(self, unit: list[QLayoutItem]) -> int:
        return sum(i.sizeHint().width() for i in unit) + self.spacing() * (len(unit) - 1)

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the units out in ``rect`` (only measure unless ``place``); the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self.spacing()
        lines: list[list[list[QLayoutItem]]] = [[]]
        used = 0
        for unit in self._units():
            width = self._unit_width(unit)
            if lines[-1] and used + gap + width > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(unit)
        y = area.y()
        for line in lines:
            items = [i for unit in line for i in unit]
            if not items:
                continue
            height = max(i.sizeHint().height() for i in items)
            if place:
                self._place_line(line, area, y, height)
            y += height + gap
        return y - gap - area.y() + m.top() + m.bottom() if y > area.y() else m.top() + m.bottom()

    def _place_line(self, line: list[list[QLayoutItem]], area: QRect, y: int, height: int) -> None:
        items = [i for unit in line for i in unit]
        gap = self.spacing()
        natural = sum(i.sizeHint().width() for i in items) + gap * (len(items) - 1)
        growing = [i for i in items if i.expandingDirections() & Qt.Orientation.Horizontal]
        extra = max(area.width() - natural, 0) // len(growing) if growing else 0
        x = area.x()
        for item in items:
            hint = item.sizeHint()
            width = hint.width() + (extra if item in growing else 0)
            width = min(width, max(area.right() + 1 - x, item.minimumSize().width()))
            item_height = min(hint.height(), height)
            item.setGeometry(QRect(QPoint(x, y + (height - item_height) // 2),
                                   QSize(width, item_height)))
            x += width + gap
