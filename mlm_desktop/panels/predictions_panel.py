"""The model's top candidates at every masked position, with probability bars."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.analyses.masked_lm_types import AnalysisResult, TokenPrediction
from ..core.token_text import WORD_START_MARK
from .label_style import PLACEHOLDER_STYLE
from .probability_bar import CORRECT_ROLE, PROBABILITY_ROLE, ProbabilityBarDelegate
from .style import CORRECT, MASKED_FILL, TYPED_FILL, format_probability
from .targets_note import targets_note
from .theme import theme_colours
from .tree_rows import child_item, defer_layout, keep_children, keep_top_level, span, top_level_item

RANK, CANDIDATE, PROBABILITY, LOGIT = range(4)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_HEADERS = (QT_TRANSLATE_NOOP("PredictionsPanel", "Rank"), QT_TRANSLATE_NOOP("PredictionsPanel", "Candidate"),
            QT_TRANSLATE_NOOP("PredictionsPanel", "Probability"),
            QT_TRANSLATE_NOOP("PredictionsPanel", "Logit"))
POSITION_ROLE = Qt.ItemDataRole.UserRole + 2  # token position the row belongs to
TOKEN_ROLE = Qt.ItemDataRole.UserRole + 4  # the candidate's token, as the vocabulary spells it
INSERT_TEXT = QT_TRANSLATE_NOOP("PredictionsPanel", "Insert into the text")

#: the tooltip's explanation of the word-start mark
WORD_START_NOTE = QT_TRANSLATE_NOOP("PredictionsPanel", "{mark} marks a piece that starts a word")

EMPTY_TEXT = QT_TRANSLATE_NOOP("PredictionsPanel", "Click tokens below to mask them: the model's guesses "
                               "for each masked token appear here.")


class PredictionsPanel(QWidget):
    """One group of rows per masked position: its top-k candidates and the original token.

    ``token_selected(position)`` when the user clicks a row;
    ``candidate_chosen(position, token)`` when the user double-clicks a candidate
    or picks "Insert into the text" from its context menu.
    """

    token_selected = Signal(int)
    candidate_chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._predictions: tuple[TokenPrediction, ...] = ()
        #: (text, [position]) of an answer shown at once, until the analysis it stood for comes
        self._provisional: tuple[str, list[int]] | None = None
        self._tree = QTreeWidget()
        self._tree.setAccessibleName(self.tr("Predictions"))
        self._tree.setAccessibleDescription(self.tr("Enter puts the candidate in the text"))
        self._tree.setColumnCount(len(_HEADERS))
        self._tree.setHeaderLabels([self.tr(h) for h in _HEADERS])
        self._tree.setRootIsDecorated(False)
        self._tree.setItemsExpandable(False)
        self._tree.setUniformRowHeights(False)
        self._tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._tree.setItemDelegateForColumn(PROBABILITY, ProbabilityBarDelegate(self._tree))
        header = self._tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(RANK, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CANDIDATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PROBABILITY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LOGIT, QHeaderView.ResizeMode.ResizeToContents)
        self._tree.setColumnWidth(CANDIDATE, 150)
        font = self._tree.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        self._tree.setFont(font)
        self._tree.setStyleSheet("QTreeWidget::item { padding: 2px 0px; }")
        self._tree.itemClicked.connect(self._on_tree_item_clicked)
        self._tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        # the tree's own actions make its context menu (a window adds its table exports)
        self._pointed: tuple[int, str] | None = None  # the candidate a context menu is for
        self.insert_action = QAction(self.tr(INSERT_TEXT), self._tree)
        self.insert_action.setToolTip(self.tr("Put this candidate in the text in place of the masked token"))
        self.insert_action.triggered.connect(
            lambda: self._pointed is not None and self.candidate_chosen.emit(*self._pointed))
        # Enter on a candidate's row puts it in the text too (the menu shows the key)
        self.insert_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.insert_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._tree.currentItemChanged.connect(lambda item, _old: self.point_at(item))
        self._tree.addAction(self.insert_action)
        self._tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._tree.viewport().installEventFilter(self)
        self._tree.installEventFilter(self)

        self._placeholder = QLabel(self.tr(EMPTY_TEXT))
        self._placeholder.setWordWrap(True)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setStyleSheet(PLACEHOLDER_STYLE + " font-size: 12pt; padding: 12px;")
        self._stack = QStackedWidget()
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self._tree)
        # the word list the candidates come from, when there is one
        self.targets_note = QLabel()
        self.targets_note.setObjectName("targetsNote")
        self.targets_note.setWordWrap(True)
        self.targets_note.setStyleSheet(PLACEHOLDER_STYLE + " padding: 3px 6px;")
        self.targets_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.targets_note)
        layout.addWidget(self._stack)
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        quick, self._provisional = self._provisional, None
        self._predictions = () if result is None else result.predictions()
        note = "" if result is None else targets_note(result.targets, result.token_scheme)
        self.targets_note.setText(note)
        self.targets_note.setVisible(bool(note))
        if not self._predictions:
            self._tree.clear()
            self._placeholder.setText(
                self.tr("Type or load a text, then click its tokens to mask them.")
                if result is None
                else self.tr(EMPTY_TEXT)
            )
            self._stack.setCurrentWidget(self._placeholder)
            return
        quick_note = ""
        if quick is not None and quick == (result.text, self.displayed_positions()):
            # the answer shown at once a moment ago: say where it came from, for as long as it shows
            quick_note = self.tr("Also answered at once, before this analysis, from the "
                                 "pseudo-likelihood pass (this token masked alone).")
        self._show_rows(result, quick_note)

    def show_provisional(self, result: AnalysisResult, prediction: TokenPrediction, note: str) -> None:
        """Show one prediction known before the analysis ends (``result``: the text's tokens),
        with ``note`` saying where it came from; the next ``set_result`` replaces it."""
        self._predictions = (prediction,)
        self._provisional = (result.text, [prediction.position])
        self._show_rows(result, note)

    # -- accessors ---------------------------------------------------------------
    def displayed_positions(self) -> list[int]:
        return [p.position for p in self._predictions]

    def row_texts(self) -> list[str]:
        """Every row's text as shown, top to bottom; cells joined by two spaces."""
        lines = []
        for i in range(self._tree.topLevelItemCount()):
            group = self._tree.topLevelItem(i)
            lines.append(group.text(0))
            for j in range(group.childCount()):
                child = group.child(j)
                if child.isFirstColumnSpanned():
                    lines.append(child.text(0))
                else:
                    lines.append("  ".join(child.text(c) for c in range(len(_HEADERS))))
        return lines

    def candidate_probabilities(self, position: int) -> np.ndarray:
        """(k,) probabilities drawn for the candidates at ``position``."""
        group = self._group(position)
        values = [group.child(j).data(PROBABILITY, PROBABILITY_ROLE) for j in range(group.childCount())]
        return np.asarray([v for v in values if v is not None], dtype=np.float64)

    def candidate_labels(self, position: int) -> list[str]:
        group = self._group(position)
        return [
            group.child(j).text(CANDIDATE)
            for j in range(group.childCount())
            if group.child(j).data(PROBABILITY, PROBABILITY_ROLE) is not None
        ]

    def highlighted_candidates(self, position: int) -> list[str]:
        """Candidates shown as the original token (green) at ``position``."""
        group = self._group(position)
        return [
            group.child(j).text(CANDIDATE)
            for j in range(group.childCount())
            if group.child(j).data(PROBABILITY, CORRECT_ROLE)
        ]

    def show_token(self, position: int) -> None:
        """Scroll to ``position``'s rows and select its heading; emits nothing."""
        try:
            group = self._group(position)
        except KeyError:
            return
        with QSignalBlocker(self._tree):
            self._tree.setCurrentItem(group)
        self._tree.scrollToItem(group, QAbstractItemView.ScrollHint.PositionAtTop)

    def selected_position(self) -> int:
        """The position of the selected row (-1: none)."""
        item = self._tree.currentItem()
        position = None if item is None else item.data(0, POSITION_ROLE)
        return -1 if position is None else int(position)

    def placeholder_text(self) -> str:
        """The message shown instead of the rows ("" while rows are shown)."""
        return "" if self._stack.currentWidget() is self._tree else self._placeholder.text()

    def tree(self) -> QTreeWidget:
        return self._tree

    def point_at(self, item: QTreeWidgetItem | None) -> None:
        """Make the context menu's actions about ``item``'s row: "Insert into the
        text" shows only on a candidate's row."""
        self._pointed = self._candidate(item)
        self.insert_action.setVisible(self._pointed is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ContextMenu:  # before the menu is made
            item = self._tree.itemAt(event.pos())
            if item is not None:
                self._tree.setCurrentItem(item)  # the row the menu is about, as Enter's
            self.point_at(item)
        elif (event.type() == QEvent.Type.KeyPress and watched is self._tree
              and event.key() == Qt.Key.Key_Enter):  # the keypad's Enter, as Return
            self.insert_action.trigger()
            return self._pointed is not None
        return False

    # -- internals -----------------------------------------------------------------
    def _group(self, position: int) -> QTreeWidgetItem:
        for i in range(self._tree.topLevelItemCount()):
            item = self._tree.topLevelItem(i)
            if item.data(0, POSITION_ROLE) == position:
                return item
        raise KeyError(f"position {position} is not displayed")

    def _show_rows(self, result: AnalysisResult, first_note: str) -> None:
        """Rows for ``self._predictions``, the items already in the tree updated in place:
        a position's rows stay where they are (with the selection and the scroll position);
        ``first_note`` ("" for none) is added under the first position, with a tooltip."""
        tree = self._tree
        plans = []
        for i, prediction in enumerate(self._predictions):
            note = self._original_token_note(result, prediction)
            notes = [(note, False)] if note else []
            if i == 0 and first_note:
                notes.append((first_note, True))
            plans.append((prediction, notes))
        # the rows first, then their texts, then the new rows spanned: one layout in all
        wanted = {prediction.position for prediction in self._predictions}
        for i in reversed(range(tree.topLevelItemCount())):
            if tree.topLevelItem(i).data(0, POSITION_ROLE) not in wanted:
                tree.takeTopLevelItem(i)
        new_groups, to_span = [], []
        for i, (prediction, notes) in enumerate(plans):
            group, new = top_level_item(tree, i, POSITION_ROLE, prediction.position)
            if new:
                new_groups.append(group)
                to_span.append(group)
            count = len(prediction.candidates)
            for j in range(count + len(notes)):
                child, new = child_item(group, j, spanned=j >= count)
                if new and j >= count:
                    to_span.append(child)
            keep_children(group, count + len(notes))
        keep_top_level(tree, len(plans))
        defer_layout(tree)  # the texts below change no row's layout until the next paint
        for i, (prediction, notes) in enumerate(plans):
            self._fill_position(tree.topLevelItem(i), result, prediction, notes)
        for group in new_groups:
            group.setExpanded(True)
        span(to_span)  # lays the rows out now (Qt), once, with their new texts
        self.point_at(tree.currentItem())  # its row may hold another candidate now
        self._stack.setCurrentWidget(tree)

    def _fill_position(self, group: QTreeWidgetItem, result: AnalysisResult, prediction: TokenPrediction,
                       notes: list[tuple[str, bool]]) -> None:
        """``group``'s heading, candidate rows and notes (text, with a tooltip) for ``prediction``."""
        p = prediction.position
        typed = prediction.original is None
        start, end = (int(v) for v in result.offsets[p])
        shown = result.text[start:end] if end > start else result.labels[p]
        title = (
            self.tr("Position {position} · {mask} typed in the text").format(
                position=p, mask=shown.strip() or result.mask_token) if typed
            else self.tr("Position {position} · masked “{text}”").format(position=p, text=shown)
        )
        group.setText(0, title)
        bold = QFont(self._tree.font())
        bold.setBold(True)
        group.setFont(0, bold)
        group.setForeground(0, QBrush(QColor(TYPED_FILL if typed else MASKED_FILL)))
        group.setData(0, Qt.ItemDataRole.ToolTipRole, (
            self.tr("The text's characters here are unknown to the vocabulary: "
                    "the model read {token}, and guesses are scored against {token}.")
            .format(token=prediction.original) if _is_unknown(result, p) else None))
        marked = result.token_scheme.marked
        green = QBrush(QColor(CORRECT))
        token_tip = self.tr("token {token} (id {id})")
        tip_end = ("\n" + self.tr(WORD_START_NOTE).format(mark=WORD_START_MARK)
                   + "\n" + self.tr("Double-click to put it in the text"))
        for rank, candidate in enumerate(prediction.candidates):
            is_original = not typed and candidate.id == prediction.original_id
            row = group.child(rank)
            label = marked(candidate.token)
            texts = (str(rank + 1),
                     self.tr("{token}  ✓ true").format(token=label) if is_original else label,
                     format_probability(candidate.probability), f"{candidate.logit:.2f}")
            for column, text in enumerate(texts):
                row.setText(column, text)
                row.setData(column, Qt.ItemDataRole.ForegroundRole, green if is_original else None)
            row.setData(0, POSITION_ROLE, p)
            row.setData(PROBABILITY, PROBABILITY_ROLE, float(candidate.probability))
            row.setData(PROBABILITY, CORRECT_ROLE, is_original)
            row.setData(CANDIDATE, TOKEN_ROLE, candidate.token)
            row.setTextAlignment(RANK, _RIGHT)
            row.setTextAlignment(LOGIT, _RIGHT)
            row.setToolTip(CANDIDATE, token_tip.format(token=candidate.token, id=candidate.id) + tip_end)
            row.setData(CANDIDATE, Qt.ItemDataRole.FontRole, bold if is_original else None)
        muted = QBrush(theme_colours().muted)
        for m, (text, tooltip) in enumerate(notes):
            line = group.child(len(prediction.candidates) + m)
            line.setText(0, text)
            line.setData(0, POSITION_ROLE, p)
            line.setForeground(0, muted)
            line.setData(0, Qt.ItemDataRole.ToolTipRole, text if tooltip else None)  # cut short when narrow

    def _original_token_note(self, result: AnalysisResult, prediction: TokenPrediction) -> str:
        if prediction.original is None:
            return self.tr("true token unknown (typed mask)")
        unknown = (self.tr("{token} is the vocabulary's unknown token: guesses are scored against "
                           "{token}, not the text's characters").format(token=prediction.original)
                   if _is_unknown(result, prediction.position) else "")
        rank = prediction.original_rank
        if rank is not None and rank <= len(prediction.candidates):
            return unknown  # among the candidates, marked there
        true = self.tr("true: {token} — rank {rank}, p = {p}").format(
            token=result.token_scheme.marked(prediction.original), rank=int(rank),
            p=format_probability(prediction.original_probability))
        return f"{true} · {unknown}" if unknown else true

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        position = item.data(0, POSITION_ROLE)
        if position is not None:
            self.token_selected.emit(int(position))

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        chosen = self._candidate(item)
        if chosen is not None:
            self.candidate_chosen.emit(*chosen)

    @staticmethod
    def _candidate(item: QTreeWidgetItem | None) -> tuple[int, str] | None:
        """(position, token) of a candidate's row; None for headings and notes."""
        if item is None:
            return None
        token, position = item.data(CANDIDATE, TOKEN_ROLE), item.data(0, POSITION_ROLE)
        return None if token is None or position is None else (int(position), str(token))


def _is_unknown(result: AnalysisResult, position: int) -> bool:
    return result.unknown_mask is not None and bool(result.unknown_mask[position])
