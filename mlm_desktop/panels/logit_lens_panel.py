"""The logit lens panel: what the model would guess at every layer, and one token's path.

A grid (layers × looked-at tokens) of the MLM head's top-1 guess, a chart of
the selected token's original token and target words across the layers, and
the lens's own settings: every position or only the masked ones, and target
words (offered to the app through ``follow_up_settings()``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.analyses.logit_lens_types import LensResult, LensSettings
from ..core.errors import InputError
from .core_text import shown, shown_error
from .flow_layout import FlowLayout
from .label_style import CAPTION_STYLE, DETAIL_STYLE, WARNING_STYLE
from .lens_chart import LensChart
from .lens_grid import LensGrid, describe_cell

EMPTY_TEXT = QT_TRANSLATE_NOOP("LogitLensPanel",
                               "The model's guess at every layer appears here for the masked tokens.")
NO_ROWS_TEXT = QT_TRANSLATE_NOOP("LogitLensPanel", "No token is masked: mask tokens, or tick 'All positions' "
                                 "to look at every token.")
#: typed targets apply after this pause
TARGETS_PAUSE_MS = 700
LEGEND = QT_TRANSLATE_NOOP("LogitLensPanel", "Each cell: the head's top guess at that layer, coloured by its "
                           "probability; ✓ bold = the original token. Point at a cell for its top "
                           "candidates.")


class LogitLensPanel(QWidget):
    """Draws a :class:`LensResult`; follows and points at tokens like the other panels."""

    token_hovered = Signal(int)
    token_selected = Signal(int)
    follow_up_settings_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: LensResult | None = None
        self._settings = LensSettings()
        self._row = -1

        self._all_positions = QCheckBox(self.tr("All positions"))
        self._all_positions.setToolTip(self.tr("Look at every token, not only the masked ones "
                                               "(one vocabulary-sized projection per layer and token)"))
        self._targets = QLineEdit()
        self._targets.setPlaceholderText(self.tr("target words, comma-separated (e.g. lincoln, president); "
                                                 "applied as you type"))
        self._targets.setClearButtonEnabled(True)
        self._problem = QLabel()
        self._problem.setStyleSheet(WARNING_STYLE)
        self._problem.hide()
        controls = FlowLayout()
        controls.addWidget(self._all_positions)
        controls.addWidget(QLabel(self.tr("Targets:")))
        controls.addWidget(self._targets)

        self._notes = QLabel()
        self._notes.setStyleSheet(CAPTION_STYLE)
        self._notes.setWordWrap(True)
        self._grid = LensGrid()
        self._readout = QLabel()
        self._readout.setStyleSheet(DETAIL_STYLE)
        self._readout.setWordWrap(True)
        self._readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._grid, 1)
        left_layout.addWidget(self._readout)
        self._chart = LensChart()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self._problem)
        layout.addWidget(self._notes)
        layout.addWidget(splitter, 1)

        self._all_positions.toggled.connect(self._on_settings_edited)
        self._targets.editingFinished.connect(self._on_settings_edited)
        # typed targets apply after a short pause, as the text does
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TARGETS_PAUSE_MS)
        self._typing.timeout.connect(self._on_settings_edited)
        self._targets.textEdited.connect(lambda _text: self._typing.start())
        self._grid.cell_hovered.connect(self._on_grid_cell_hovered)
        self._grid.cell_chosen.connect(self._on_grid_cell_chosen)
        self.set_result(None)

    # -- the panel protocol --------------------------------------------------------
    def set_result(self, result: LensResult | None) -> None:
        self._result = result
        self._grid.set_result(result)
        keep = -1 if result is None or self._row < 0 else min(self._row, result.num_rows - 1)
        if result is not None and keep < 0 and result.num_rows:
            keep = 0
        self._show_row(keep)
        self._readout.setText("" if result is None or not result.num_rows else self.tr(LEGEND))
        self._notes.setText(self._notes_text(result))

    def highlight_token(self, position: int) -> None:
        """Follow a token pointed at elsewhere: its column is selected and charted."""
        result = self._result
        row = -1 if result is None or position < 0 else result.row_of(position)
        if row >= 0:
            self._grid.show_column(row)
            self._show_row(row)

    def follow_up_settings(self) -> LensSettings:
        return self._settings

    # -- accessors for the window and tests --------------------------------------------
    def result(self) -> LensResult | None:
        return self._result

    def grid(self) -> LensGrid:
        return self._grid

    def chart(self) -> LensChart:
        return self._chart

    def charted_position(self) -> int:
        """The token the chart follows (-1: none)."""
        result = self._result
        return -1 if result is None or self._row < 0 else int(result.rows[self._row])

    def notes_text(self) -> str:
        return self._notes.text()

    def problem_text(self) -> str:
        return self._problem.text() if self._problem.isVisibleTo(self) else ""

    def readout_text(self) -> str:
        return self._readout.text()

    def all_positions_box(self) -> QCheckBox:
        return self._all_positions

    def targets_edit(self) -> QLineEdit:
        return self._targets

    # -- internals -------------------------------------------------------------------
    def _notes_text(self, result: LensResult | None) -> str:
        if result is None:
            return self.tr(EMPTY_TEXT)
        lines = [self.tr(NO_ROWS_TEXT)] if not result.num_rows else []
        return "\n".join([*lines, *map(shown, result.notes)])

    def _show_row(self, row: int) -> None:
        self._row = row
        self._chart.set_row(self._result, row)

    def _on_grid_cell_hovered(self, layer: int, row: int) -> None:
        result = self._result
        if result is None or row < 0:
            self._readout.setText(self.tr(LEGEND) if result is not None and result.num_rows else "")
            self.token_hovered.emit(-1)
            return
        self._readout.setText(describe_cell(result, layer, row))
        if row != self._row:
            self._show_row(row)
        self.token_hovered.emit(int(result.rows[row]))

    def _on_grid_cell_chosen(self, layer: int, row: int) -> None:
        result = self._result
        if result is None:
            return
        self._readout.setText(describe_cell(result, layer, row))
        self._show_row(row)
        self.token_selected.emit(int(result.rows[row]))

    def _on_settings_edited(self) -> None:
        self._typing.stop()
        try:
            settings = LensSettings(self._all_positions.isChecked(), self._targets.text())
        except InputError as exc:
            # the targets cannot be used: say so, and keep the last usable ones, so that the
            # other setting (all positions) still applies
            self._problem.setText(self.tr("{problem}; the targets before this edit are kept").format(
                problem=shown_error(exc)))
            self._problem.show()
            settings = LensSettings(self._all_positions.isChecked(), self._settings.targets)
        else:
            self._problem.hide()
        if settings != self._settings:
            self._settings = settings
            self._readout.setText(self.tr("Computing the lens with the new settings…"))
            self.follow_up_settings_changed.emit()
