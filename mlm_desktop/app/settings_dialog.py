"""The Preferences dialog: top-k, typing pause, device, maximum length, colour maps, theme, language.

It shows :class:`~.preferences.PreferenceValues` and emits ``applied(values)``
on OK and Apply; what the values do is :class:`~.preferences.Preferences`'s.
Restore Defaults shows the defaults, applied with OK or Apply like any change.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.analyses.masked_lm_types import MIN_TOKENS
from ..core.devices import DEVICE_CHOICES
from ..core.options import MAX_TOKENS, MAX_TOP_K
from ..panels.colour_maps import DIVERGING_MAPS, SEQUENTIAL_MAPS, colour_maps
from .preference_settings import LANGUAGES, MAX_TYPING_PAUSE_MS, MIN_TYPING_PAUSE_MS
from .preferences import DEFAULT_VALUES, PreferenceValues

_SWATCH = QSize(96, 14)


def map_icon(name: str) -> QIcon:
    """A strip of the colour map ``name``, low end on the left."""
    pixmap = QPixmap(_SWATCH)
    painter = QPainter(pixmap)
    gradient = colour_maps().colormap(name).getGradient()
    gradient.setStart(0, 0)
    gradient.setFinalStop(_SWATCH.width(), 0)
    painter.fillRect(pixmap.rect(), gradient)
    painter.end()
    return QIcon(pixmap)


class SettingsDialog(QDialog):
    """Window-modal; ``applied(PreferenceValues)`` on OK and Apply."""

    applied = Signal(object)

    def __init__(self, values: PreferenceValues, usable_devices: tuple[str, ...] | None,
                 parent: QWidget | None = None, running_language: str | None = None,
                 language_from_command_line: bool = False) -> None:
        """``running_language``: the language this window shows, when it is not the stored
        one (``--language``) the language field notes it."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._shown = values
        self._running = running_language or values.language
        self._from_command_line = language_from_command_line
        layout = QVBoxLayout(self)
        layout.addWidget(self._analysis_group(usable_devices))
        layout.addWidget(self._appearance_group())
        self.language_note = QLabel(self.tr("A new language applies when MLM Desktop starts again."))
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        layout.addWidget(self.language_note)
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Apply | buttons.Cancel
                                        | buttons.RestoreDefaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(buttons.Apply).clicked.connect(self.apply)
        self.buttons.button(buttons.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout.addWidget(self.buttons)
        self.language_box.currentIndexChanged.connect(self._on_language_changed)
        self.show_values(values)
        self._on_language_changed(self.language_box.currentIndex())

    # -- construction ------------------------------------------------------------------
    def _analysis_group(self, usable: tuple[str, ...] | None) -> QGroupBox:
        group = QGroupBox(self.tr("Analysis"), self)
        form = QFormLayout(group)
        self.top_k_spin = QSpinBox(group)
        self.top_k_spin.setRange(1, MAX_TOP_K)
        self.top_k_spin.setToolTip(self.tr("Candidates shown per masked token"))
        form.addRow(self.tr("Top-k candidates:"), self.top_k_spin)
        self.pause_spin = QSpinBox(group)
        self.pause_spin.setRange(MIN_TYPING_PAUSE_MS, MAX_TYPING_PAUSE_MS)
        self.pause_spin.setSingleStep(50)
        self.pause_spin.setSuffix(self.tr(" ms"))
        self.pause_spin.setToolTip(self.tr("How long after the last keystroke the text is "
                                           "analysed again"))
        form.addRow(self.tr("Typing pause:"), self.pause_spin)
        self.device_box = QComboBox(group)
        labels = {"auto": self.tr("Automatic"), "cpu": self.tr("CPU"),
                  "cuda": self.tr("CUDA (NVIDIA GPU)"), "mps": self.tr("MPS (Apple GPU)")}
        for choice in DEVICE_CHOICES:
            self.device_box.addItem(labels.get(choice, choice), choice)
        model = self.device_box.model()
        if isinstance(model, QStandardItemModel):
            for row, choice in enumerate(DEVICE_CHOICES):
                item = model.item(row)
                item.setEnabled(choice in ("auto", "cpu") or choice in (usable or ()))
                if not item.isEnabled():
                    item.setToolTip(self.tr("{device} is not available on this machine")
                                    .format(device=choice))
        form.addRow(self.tr("Device:"), self.device_box)
        self.max_tokens_spin = QSpinBox(group)
        self.max_tokens_spin.setRange(0, MAX_TOKENS)
        self.max_tokens_spin.setSingleStep(64)
        self.max_tokens_spin.setSpecialValueText(self.tr("The model's maximum"))
        self.max_tokens_spin.setSuffix(self.tr(" tokens"))
        self.max_tokens_spin.setToolTip(
            self.tr("Read at most this many tokens of the text (special tokens included; at "
                    "least {least}), even where the model reads more").format(least=MIN_TOKENS))
        form.addRow(self.tr("Maximum length:"), self.max_tokens_spin)
        return group

    def _appearance_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Appearance"), self)
        form = QFormLayout(group)
        self.sequential_box = self._map_box(SEQUENTIAL_MAPS, group)
        self.sequential_box.setToolTip(self.tr("Values of one sign: probabilities, attention "
                                               "weights, surprisal"))
        form.addRow(self.tr("Sequential colour map:"), self.sequential_box)
        self.diverging_box = self._map_box(DIVERGING_MAPS, group)
        self.diverging_box.setToolTip(self.tr("Signed values around zero: hidden states, "
                                              "similarity, attributions"))
        form.addRow(self.tr("Diverging colour map:"), self.diverging_box)
        self.theme_box = QComboBox(group)
        for key, label in (("system", self.tr("System")), ("light", self.tr("Light")),
                           ("dark", self.tr("Dark"))):
            self.theme_box.addItem(label, key)
        form.addRow(self.tr("Theme:"), self.theme_box)
        self.language_box = QComboBox(group)
        for key, label in LANGUAGES.items():
            self.language_box.addItem(label, key)
        form.addRow(self.tr("Language:"), self.language_box)
        self.running_language_note = QLabel(group)
        self.running_language_note.setWordWrap(True)
        self.running_language_note.setEnabled(False)  # greyed: a remark, not a setting
        form.addRow("", self.running_language_note)
        return group

    @staticmethod
    def _map_box(names: tuple[str, ...], parent: QWidget) -> QComboBox:
        box = QComboBox(parent)
        box.setIconSize(_SWATCH)
        for name in names:
            box.addItem(map_icon(name), name, name)
        return box

    # -- values --------------------------------------------------------------------------
    def show_values(self, values: PreferenceValues) -> None:
        self.top_k_spin.setValue(values.top_k)
        self.pause_spin.setValue(values.typing_pause_ms)
        self._select(self.device_box, values.device)
        self.max_tokens_spin.setValue(values.max_tokens)
        self._select(self.sequential_box, values.sequential_map)
        self._select(self.diverging_box, values.diverging_map)
        self._select(self.theme_box, values.theme)
        self._select(self.language_box, values.language)

    @staticmethod
    def _select(box: QComboBox, key: str) -> None:
        index = box.findData(key)
        if index >= 0:
            box.setCurrentIndex(index)

    def values(self) -> PreferenceValues:
        """The values the dialog shows now."""
        max_tokens = self.max_tokens_spin.value()
        return PreferenceValues(
            top_k=self.top_k_spin.value(),
            typing_pause_ms=self.pause_spin.value(),
            device=self.device_box.currentData(),
            max_tokens=max_tokens if max_tokens == 0 else max(max_tokens, MIN_TOKENS),
            sequential_map=self.sequential_box.currentData(),
            diverging_map=self.diverging_box.currentData(),
            theme=self.theme_box.currentData(),
            language=self.language_box.currentData(),
        )

    # -- buttons ---------------------------------------------------------------------------
    def apply(self) -> None:
        values = self.values()
        self.max_tokens_spin.setValue(values.max_tokens)
        self.applied.emit(values)

    def accept(self) -> None:
        self.apply()
        super().accept()

    def restore_defaults(self) -> None:
        self.show_values(DEFAULT_VALUES)

    def _on_language_changed(self, _index: int) -> None:
        chosen = self.language_box.currentData()
        # a choice applies at the next start, unless this window shows it already
        self.language_note.setVisible(chosen not in (self._shown.language, self._running))
        name = LANGUAGES.get(self._running, self._running)
        if self._from_command_line:
            note = self.tr("This window: {language} (chosen with --language)")
        else:
            note = self.tr("This window: {language}")
        self.running_language_note.setText(note.format(language=name))
        self.running_language_note.setVisible(chosen != self._running)
