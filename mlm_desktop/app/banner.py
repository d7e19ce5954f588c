"""Inline messages above the editor: never a modal dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..panels.theme import follow_palette, is_dark

#: the width a message's text needs beside its buttons; narrower, the buttons go under it
TEXT_ROOM = 360

#: (background, text and border) of each level, in a light theme
_LEVEL_COLOURS = {
    "error": ("#fdecea", "#b71c1c"),
    "warning": ("#fff8e1", "#8d6e00"),
    "info": ("#e8f1fb", "#0d47a1"),
}
#: the same in a dark theme
_DARK_LEVEL_COLOURS = {
    "error": ("#3d1f1f", "#ffb4ab"),
    "warning": ("#3a3115", "#ffd86b"),
    "info": ("#172a45", "#a8ccff"),
}
_LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


class MessageBanner(QFrame):
    """Inline messages above the editor (never a modal dialog).

    Each message has a key, so that a new message of the same kind replaces
    the old one; errors come first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._messages: dict[str, tuple[str, str, Sequence[tuple[str, Callable[[], None]]]]] = {}
        self._rows: dict[str, QFrame] = {}
        self.setVisible(False)
        follow_palette(self, self._rebuild)

    def set_message(
        self,
        key: str,
        text: str,
        level: str = "info",
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
    ) -> None:
        self._messages[key] = (text, level, tuple(actions))
        self._rebuild()

    def clear_message(self, key: str) -> None:
        if self._messages.pop(key, None) is not None:
            self._rebuild()

    def message(self, key: str) -> str | None:
        entry = self._messages.get(key)
        return None if entry is None else entry[0]

    def texts(self) -> list[str]:
        return [text for text, _level, _actions in self._messages.values()]

    def _rebuild(self) -> None:
        for row in self._rows.values():
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = {}
        ordered = sorted(self._messages.items(), key=lambda kv: _LEVEL_ORDER.get(kv[1][1], 3))
        for key, (text, level, actions) in ordered:
            row = self._make_row(key, text, level, actions)
            self._layout.addWidget(row)
            self._rows[key] = row
        self.setVisible(bool(self._messages))

    def _make_row(self, key, text, level, actions) -> QFrame:
        colours = _DARK_LEVEL_COLOURS if is_dark() else _LEVEL_COLOURS
        background, foreground = colours.get(level, colours["info"])
        label = QLabel(text)
        label.setObjectName("bannerText")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = []
        for caption, callback in actions:
            button = QToolButton()
            button.setText(caption)
            button.clicked.connect(lambda _=False, cb=callback: cb())
            buttons.append(button)
        close = QToolButton()
        close.setText("×")
        close.setToolTip("Dismiss")
        close.setAccessibleName(self.tr("Dismiss"))
        close.setAutoRaise(True)
        close.clicked.connect(lambda _=False, k=key: self.clear_message(k))
        row = _BannerRow(label, buttons, close, self)
        row.setObjectName(f"banner_{key}")
        row.setStyleSheet(
            f"QFrame#banner_{key} {{ background: {background}; border: 1px solid {foreground};"
            " border-radius: 4px; }"
            f" QLabel {{ color: {foreground}; }}"
        )
        return row


class _BannerRow(QFrame):
    """One message: its buttons beside the text, or under it when the row is narrow."""

    def __init__(self, label: QLabel, buttons: list[QToolButton], close: QToolButton,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(8, 4, 4, 4)
        self._grid.setColumnStretch(0, 1)
        self._grid.addWidget(label, 0, 0)
        self._grid.addWidget(close, 0, 2, Qt.AlignmentFlag.AlignTop)
        self._buttons = QHBoxLayout()
        for button in buttons:
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)
        self._beside: bool | None = None
        self._place(beside=True)

    def buttons_beside(self) -> bool:
        """Whether the buttons are beside the text (else under it)."""
        return bool(self._beside)

    def _place(self, beside: bool) -> None:
        if beside == self._beside:
            return
        self._beside = beside
        self._grid.removeItem(self._buttons)
        if beside:
            self._grid.addLayout(self._buttons, 0, 1)
        else:
            self._grid.addLayout(self._buttons, 1, 0, 1, 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        buttons = self._buttons.sizeHint().width()
        self._place(beside=event.size().width() >= buttons + TEXT_ROOM)
        super().resizeEvent(event)
