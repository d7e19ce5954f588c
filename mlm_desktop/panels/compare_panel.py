"""Two models side by side: top-k per masked word, agreement, both losses, one loss chart.

Rows are masked words aligned by characters (see :mod:`mlm_desktop.core.compare`):
a word one model splits into pieces shows every piece's candidates and says
that the tokenizations differ. A row is green where both top-1 guesses read
the same, red where they differ.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.compare import Comparison, MaskedWord
from .compare_chart import CompareLossChart
from .label_style import DETAIL_STYLE, TITLE_STYLE, WARNING_STYLE, caption
from .style import EMPTY

AGREE_FILL = "#dcfce7"
DISAGREE_FILL = "#fee2e2"
COLUMNS = (QT_TRANSLATE_NOOP("ComparePanel", "Masked"), QT_TRANSLATE_NOOP("ComparePanel", "A: top-k"),
           QT_TRANSLATE_NOOP("ComparePanel", "B: top-k"), QT_TRANSLATE_NOOP("ComparePanel", "Top-1"))


def _loss(value: float | None) -> str:
    return EMPTY if value is None or not math.isfinite(value) else f"{value:.4f}"


def _pieces(result, positions) -> str:
    return "·".join(result.labels[p] for p in positions) or EMPTY


def _candidates(result, positions) -> str:
    lines = []
    for p in positions:
        top = ", ".join(f"{label} {prob:.3f}" for label, prob
                        in zip(result.top_labels[p], result.top_probs[p].tolist(), strict=True))
        lines.append(f"{result.labels[p]}: {top}" if len(positions) > 1 else top)
    return "\n".join(lines) or EMPTY


#: words split differently named in the panel's line (all of them in its tooltip)
SPLIT_WORDS_LISTED = 6

class ComparePanel(QWidget):
    """Shows a :class:`~mlm_desktop.core.compare.Comparison`; says what the second model is doing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._models = QLabel()
        self._models.setStyleSheet(TITLE_STYLE)
        self._models.setWordWrap(True)
        self._losses = QLabel()
        self._losses.setStyleSheet(DETAIL_STYLE)
        self._losses.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._losses.setWordWrap(True)  # a long line would set the dock's least width
        self._message = QLabel()
        self._message.setWordWrap(True)
        self._split = caption("")
        self._split.setWordWrap(True)
        self._table = QTableWidget(0, len(COLUMNS))
        self._table.setAccessibleName(self.tr("Both models' candidates per masked word"))
        self._table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.verticalHeader().setVisible(False)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._chart = CompareLossChart()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 0)
        for widget in (self._models, self._losses, self._message, self._split):
            top_layout.addWidget(widget)
        top_layout.addWidget(self._table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self._chart)
        splitter.setStretchFactor(0, 5)  # the candidates side by side come first
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.set_result(None)
        self.set_message(self.tr("Model ▸ Compare with model… opens a second model to compare with."))

    # -- interface -------------------------------------------------------------
    def set_message(self, text: str, warning: bool = False) -> None:
        """A line above the table: what the second model is doing, or what went wrong."""
        self._message.setStyleSheet(WARNING_STYLE if warning else DETAIL_STYLE)
        self._message.setText(text)
        self._message.setVisible(bool(text))

    def set_result(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        self._chart.set_comparison(comparison)
        self._table.setRowCount(0)
        if comparison is None:
            self._models.setText("")
            self._losses.setText("")
            self._split.setText("")
            return
        a, b = comparison.a, comparison.b
        self._models.setText(f"A: {a.model_name}    B: {b.model_name}")
        self._losses.setText(
            self.tr("Loss on masked tokens: A {a_masked}, B {b_masked}    on all tokens: A {a_all}, "
                    "B {b_all}    top-1 agrees on {agree} of {count} masked words").format(
                a_masked=_loss(a.loss_masked), b_masked=_loss(b.loss_masked), a_all=_loss(a.loss_all),
                b_all=_loss(b.loss_all), agree=comparison.agreements, count=len(comparison.masked))
        )
        differ = comparison.split_differently
        listed = ", ".join(f"{w.text} (A {_pieces(a, w.a_positions)} | B {_pieces(b, w.b_positions)})"
                           for w in differ[:SPLIT_WORDS_LISTED])
        more = len(differ) - SPLIT_WORDS_LISTED
        self._split.setText(
            self.tr("Both tokenizers split every word the same way.") if not differ else
            self.tr("Split differently ({n} words): {listed}").format(n=len(differ), listed=listed)
            + (self.tr(", and {n} more (point here for all)").format(n=more) if more > 0 else "")
        )
        self._split.setToolTip("\n".join(
            f"{w.text}: A {_pieces(a, w.a_positions)} | B {_pieces(b, w.b_positions)}" for w in differ))
        for row, word in enumerate(comparison.masked):
            self._add_row(row, word, comparison)
        self._table.resizeRowsToContents()

    def _add_row(self, row: int, word: MaskedWord, c: Comparison) -> None:
        self._table.insertRow(row)
        name = word.text if word.same_split else (
            self.tr("{word}\nsplit differently: A {a} | B {b}").format(
                word=word.text, a=_pieces(c.a, word.a_positions), b=_pieces(c.b, word.b_positions)))
        verdict = self.tr("= agree") if word.agree else self.tr("≠ differ")
        cells = (name, _candidates(c.a, word.a_positions), _candidates(c.b, word.b_positions),
                 f"{verdict}\nA {word.a_guess or EMPTY}\nB {word.b_guess or EMPTY}")
        fill = QBrush(QColor(AGREE_FILL if word.agree else DISAGREE_FILL))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setBackground(fill)
            item.setForeground(QBrush(QColor("#1f2937")))
            self._table.setItem(row, column, item)

    def highlight_token(self, position: int) -> None:
        """Select the row of the masked word holding the first model's ``position`` (-1: none)."""
        self._table.clearSelection()
        if self._comparison is None or position < 0:
            return
        for row, word in enumerate(self._comparison.masked):
            if position in word.a_positions:
                self._table.selectRow(row)
                return

    # -- what tests read -------------------------------------------------------
    def comparison(self) -> Comparison | None:
        return self._comparison

    def message_text(self) -> str:
        return self._message.text()

    def rows(self) -> list[tuple[str, ...]]:
        t = self._table
        return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]

    def row_fills(self) -> list[str]:
        return [self._table.item(r, 0).background().color().name() for r in range(self._table.rowCount())]

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self._table.selectedIndexes()})

    def losses_text(self) -> str:
        return self._losses.text()

    def split_text(self) -> str:
        return self._split.text()

    def chart(self) -> CompareLossChart:
        return self._chart
