"""Help ▸ About MLM Desktop: the versions of the app and what it runs on.

The versions of torch and transformers are read from the installed packages'
metadata, so opening the dialog never imports torch.
"""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .. import __version__


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
        self._label = QLabel()
        self.set_device(device)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        layout.addWidget(buttons)

    def set_device(self, device: str) -> None:
        self._label.setText("\n".join(about_lines(device)))

    def text(self) -> str:
        return self._label.text()
