"""The Compare models dialog: a hub id typed, or a local model folder browsed for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

#: what the dialog offers at first: a masked LM of another family than BERT
DEFAULT_SECOND_MODEL = "roberta-base"
PROMPT = QT_TRANSLATE_NOOP(
    "CompareModelDialog", "A second masked LM: Hugging Face model id (e.g. roberta-base) or local folder:")
BROWSE_TITLE = QT_TRANSLATE_NOOP(
    "CompareModelDialog", "Choose a model folder to compare with (saved with save_pretrained)")


def hub_cache_folder() -> str:
    """The local Hugging Face cache (where downloaded models are), "" when it is not there."""
    try:
        from huggingface_hub import constants

        folder = Path(constants.HF_HUB_CACHE)
    except Exception:  # noqa: BLE001 - no hub library or an odd setting: start nowhere in particular
        return ""
    return str(folder) if folder.is_dir() else ""


class CompareModelDialog(QDialog):
    """Asks for the second model; Browse… picks a folder, starting where the last one was."""

    #: Browse… chose this folder
    folder_chosen = Signal(str)

    def __init__(self, start_folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with model"))
        self.start_folder = start_folder or hub_cache_folder()
        self.source_edit = QLineEdit(DEFAULT_SECOND_MODEL)
        self.source_edit.selectAll()
        self.source_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 48))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose a local model folder"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.source_edit, 1)
        row.addWidget(self.browse_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(PROMPT)))
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def browse(self) -> str:
        """Choose a folder; it becomes the source (returns it, "" when cancelled)."""
        folder = QFileDialog.getExistingDirectory(self, self.tr(BROWSE_TITLE), self.start_folder)
        if folder:
            self.source_edit.setText(folder)
            self.start_folder = folder
            self.folder_chosen.emit(folder)
        return folder

    def source(self) -> str:
        return self.source_edit.text().strip()
