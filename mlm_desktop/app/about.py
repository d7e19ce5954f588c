"""Help ▸ About MLM Desktop: the versions of the app and what it runs on.

The versions of torch and transformers are read from the installed packages'
metadata, so opening the dialog never imports torch.
"""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import PySide6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .. import __version__
from .app_icon import app_icon, icon_pixmap

#: the icon's size in the dialog, in logical pixels
ICON_SIZE = 64


def package_version(name: str) -> str:
    """The installed version of ``name`` ("not installed" where it is missing)."""
    try:
        return version(name)
    except PackageNotFoundError:
        return QCoreApplication.translate("AboutDialog", "not installed")


def about_lines(device: str) -> list[str]:
    """The dialog's lines; ``device``: the loaded model's device ("" before one is loaded)."""
    return [
        f"MLM Desktop {__version__}",
        QCoreApplication.translate("AboutDialog", "Explore masked language models by pointing and clicking."),
        "",
        f"torch {package_version('torch')}",
        f"transformers {package_version('transformers')}",
        f"PySide6 {PySide6.__version__}, Qt {qVersion()}",
        f"Python {platform.python_version()}",
        QCoreApplication.translate("AboutDialog", "Device: {device}").format(
            device=device or QCoreApplication.translate("AboutDialog", "no model loaded")),
    ]


class AboutDialog(QDialog):
    """The versions and the device in use; the text can be selected and copied."""

    def __init__(self, device: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About MLM Desktop"))
        self.setWindowIcon(app_icon())
        self.icon_label = QLabel(self)
        self.icon_label.setObjectName("aboutIcon")
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._label = QLabel()
        self.set_device(device)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.icon_label)
        row.addSpacing(12)
        row.addWidget(self._label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._show_icon()

    def _show_icon(self) -> None:
        # drawn for the screen's device pixel ratio: sharp on a high-DPI screen
        self.icon_label.setPixmap(icon_pixmap(self, ICON_SIZE))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._show_icon()

    def set_device(self, device: str) -> None:
        self._label.setText("\n".join(about_lines(device)))

    def text(self) -> str:
        return self._label.text()
