"""Logits (or probabilities) of candidate tokens at each position, as a heatmap."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from .colour_maps import SEQUENTIAL
from .flow_layout import FlowLayout
from .heatmap import Heatmap
from .label_style import CAPTION_STYLE
from .style import format_number, format_probability

MASKED_POSITIONS = "masked"
ALL_POSITIONS = "all"
LOGITS = "logits"
PROBABILITIES = "probabilities"

#: "All positions" keeps this many candidates of each row: at top-k 50 the union of every
#: row's candidates is ~1,000 columns, too many to read
ALL_POSITIONS_TOP = 3

#: key (the item's data, as settings store it), combo box text
_MODES = ((MASKED_POSITIONS, QT_TRANSLATE_NOOP("LogitsHeatmap", "Masked positions")),
          (ALL_POSITIONS, QT_TRANSLATE_NOOP("LogitsHeatmap", "All positions")))
_VALUES = ((LOGITS, QT_TRANSLATE_NOOP("LogitsHeatmap", "Logits")),
           (PROBABILITIES, QT_TRANSLATE_NOOP("LogitsHeatmap", "Probabilities")))
#: the rows and colour choices' keys, the first of each the default
ROW_MODES = tuple(key for key, _text in _MODES)
VALUE_KINDS = tuple(key for key, _text in _VALUES)


def first_seen(ids: np.ndarray) -> np.ndarray:
    """Unique values of ``ids`` read in row order, in order of first appearance."""
    return np.asarray(list(dict.fromkeys(ids.reshape(-1).tolist())), dtype=np.int64)


class LogitsHeatmap(QWidget):
    """Tokens × candidate tokens, coloured by logit or probability.

    "Masked positions": rows are the masked positions, columns the union of
    their top-k candidates in order of first appearance. "All positions":
    rows are every token, columns the union of each row's top
    :data:`ALL_POSITIONS_TOP` candidates, in order of first appearance.
    Probability = exp(logit − logsumexp of the row over the whole vocabulary).
    Cells where the candidate is the row's original token are outlined in white.

    ``choices_changed`` when the user picks rows or a colour in the combo
    boxes; :meth:`set_mode` and :meth:`set_value_kind` do not emit it.
    """

    choices_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._rows = np.zeros(0, dtype=np.int64)  # token positions, one per image row
        self._columns = np.zeros(0, dtype=np.int64)  # indices into result.candidate_ids
        self._logits = np.zeros((0, 0), dtype=np.float32)
        self._probabilities = np.zeros((0, 0), dtype=np.float32)

        self._mode_box = QComboBox()
        for key, text in _MODES:
            self._mode_box.addItem(self.tr(text), key)
        self._value_box = QComboBox()
        for key, text in _VALUES:
            self._value_box.addItem(self.tr(text), key)
        self._heatmap = Heatmap(SEQUENTIAL)
        self._heatmap.set_formatter(self._describe_cell)
        self._heatmap.set_axis_titles(self.tr("token"), self.tr("candidate"))

        controls = FlowLayout()
        controls.addWidget(QLabel(self.tr("Rows:")))
        controls.addWidget(self._mode_box)
        controls.addWidget(QLabel(self.tr("Colour:")))
        controls.addWidget(self._value_box)
        self._note = QLabel()
        self._note.setStyleSheet(CAPTION_STYLE)
        self._note.setWordWrap(True)
        controls.addWidget(self._note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self._heatmap, 1)

        self._mode_box.currentIndexChanged.connect(self._on_mode_box_changed)
        self._value_box.currentIndexChanged.connect(self._on_value_box_changed)
        self._redraw()

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        self._redraw()

    def set_mode(self, mode: str) -> None:
        """``"masked"`` or ``"all"``."""
        self._select(self._mode_box, mode)
        self._redraw()

    def mode(self) -> str:
        return str(self._mode_box.currentData())

    def set_value_kind(self, kind: str) -> None:
        """``"logits"`` or ``"probabilities"``."""
        self._select(self._value_box, kind)
        self._redraw()

    def value_kind(self) -> str:
        return str(self._value_box.currentData())

    # -- accessors -------------------------------------------------------------
    def image_array(self) -> np.ndarray:
        """(rows, columns) values displayed."""
        return self._heatmap.image_array()

    def row_labels(self) -> list[str]:
        return self._heatmap.row_labels()

    def column_labels(self) -> list[str]:
        return self._heatmap.column_labels()

    def levels(self) -> tuple[float, float]:
        return self._heatmap.levels()

    def row_positions(self) -> np.ndarray:
        """(rows,) token position of each image row."""
        return self._rows.copy()

    def column_ids(self) -> np.ndarray:
        """(columns,) vocabulary id of each image column."""
        if self._result is None:
            return np.zeros(0, dtype=np.int64)
        return self._result.candidate_ids[self._columns]

    def readout_text(self) -> str:
        return self._heatmap.readout_text()

    def heatmap(self) -> Heatmap:
        return self._heatmap

    def mode_box(self) -> QComboBox:
        """The "Rows" combo box."""
        return self._mode_box

    def value_box(self) -> QComboBox:
        """The "Colour" combo box."""
        return self._value_box

    def note_text(self) -> str:
        """Which candidates the columns are, where not every one is shown ("" otherwise)."""
        return self._note.text()

    # -- internals -------------------------------------------------------------
    @staticmethod
    def _select(box: QComboBox, key: str) -> None:
        index = box.findData(key)
        if index < 0:
            raise ValueError(f"unknown choice {key!r}")
        with QSignalBlocker(box):
            box.setCurrentIndex(index)

    def _on_mode_box_changed(self, _index: int) -> None:
        self._redraw()
        self.choices_changed.emit()

    def _on_value_box_changed(self, _index: int) -> None:
        self._redraw()
        self.choices_changed.emit()

    def _select_cells(self, result: AnalysisResult) -> None:
        if self.mode() == MASKED_POSITIONS:
            rows = result.prediction_positions
            top = result.top_ids[rows]
        else:
            rows = np.arange(result.num_tokens, dtype=np.int64)
            top = result.top_ids[rows, :ALL_POSITIONS_TOP]
        ids = first_seen(top) if rows.size else np.zeros(0, np.int64)
        index_of = {int(v): i for i, v in enumerate(result.candidate_ids.tolist())}
        columns = np.asarray([index_of[int(v)] for v in ids if int(v) in index_of], dtype=np.int64)
        self._rows, self._columns = rows, columns
        self._logits = np.asarray(result.candidate_logits[np.ix_(rows, columns)], np.float32)
        self._probabilities = np.exp(
            self._logits.astype(np.float64) - result.logsumexp[rows].astype(np.float64)[:, None]
        ).astype(np.float32)

    def _redraw(self) -> None:
        result = self._result
        if result is None:
            self._rows = self._columns = np.zeros(0, dtype=np.int64)
            self._note.setText("")
            self._heatmap.clear(self.tr("Run the model to see the logits of candidate tokens"))
            return
        self._select_cells(result)
        self._note.setText(
            self.tr("Columns: the top {top} candidates of each position ({shown} of {count})").format(
                top=ALL_POSITIONS_TOP, shown=self._columns.size, count=result.candidate_ids.size)
            if self.mode() == ALL_POSITIONS and self._columns.size < result.candidate_ids.size
            else ""
        )
        if self._rows.size == 0 or self._columns.size == 0:
            self._heatmap.clear(
                self.tr("No masked tokens yet: click tokens to mask them, or show all positions.")
            )
            return
        if self.value_kind() == PROBABILITIES:
            image = self._probabilities
            levels = (0.0, float(image.max()))
        else:
            image = self._logits
            levels = (float(image.min()), float(image.max()))
        row_labels = [f"{p} {result.labels[p]}" for p in self._rows.tolist()]
        column_labels = [result.candidate_labels[c] for c in self._columns.tolist()]
        self._heatmap.set_data(
            image, row_labels, column_labels, levels,
            idle_text=self.tr("Point at a cell to read its value · outlined cells: the true token"),
        )
        self._heatmap.set_markers(*self._original_token_cells(result))
        self._heatmap.set_value_title(
            self.tr("probability") if self.value_kind() == PROBABILITIES else self.tr("logit")
        )

    def _original_token_cells(self, result: AnalysisResult) -> tuple[list[int], list[int]]:
        """(rows, columns) of cells whose candidate is the row's original token."""
        column_of = {int(v): j for j, v in enumerate(result.candidate_ids[self._columns].tolist())}
        rows, columns = [], []
        for row, position in enumerate(self._rows.tolist()):
            if bool(result.typed_mask[position]):
                continue
            column = column_of.get(int(result.input_ids[position]))
            if column is not None:
                rows.append(row)
                columns.append(column)
        return rows, columns

    def original_token_cells(self) -> list[tuple[int, int]]:
        """(row, column) of the outlined cells: the original token among the candidates."""
        return self._heatmap.marked_cells()

    def _describe_cell(self, row: int, column: int, _value: float) -> str:
        result = self._result
        if result is None:
            return ""
        position = int(self._rows[row])
        candidate = int(self._columns[column])
        token = result.labels[position]
        label = result.candidate_labels[candidate]
        logit = format_number(float(self._logits[row, column]))
        probability = format_probability(float(self._probabilities[row, column]))
        candidate_id = int(result.candidate_ids[candidate])
        is_original = candidate_id == int(result.input_ids[position]) and not result.typed_mask[position]
        text = self.tr("{position} {token} · {candidate} (id {id}) · logit {logit} · p = {p}").format(
            position=position, token=token, candidate=label, id=candidate_id, logit=logit, p=probability)
        return text + (self.tr(" · the true token") if is_original else "")
