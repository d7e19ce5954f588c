"""The joint-fill panel: the masks filled one at a time next to each mask's own top guess.

Two sentences, the joint fill (most confident first, the model rerun after
each fill) above the independent argmax (each mask's top-1 read alone), the
filled masks bold and the masks where the two differ highlighted; with a beam
wider than 1, the beam's best fill between them. The sentences wrap and, when
they outgrow the panel, scroll. Below, the order of filling:
step, position, token, probability, and what the mask got alone. The beam
width is the panel's own setting, offered through ``follow_up_settings()``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.analyses.joint_fill_types import MAX_BEAM_WIDTH, FillPath, FillResult, FillSettings
from .flow_layout import FlowLayout
from .label_style import CAPTION_STYLE, DETAIL_STYLE, TITLE_STYLE
from .style import MASKED_FILL
from .theme import readable_text

EMPTY_TEXT = QT_TRANSLATE_NOOP("JointFillPanel", "Mask two or more tokens: they are filled here one at a "
                               "time, most confident first, the model rerun after each fill, next to each "
                               "mask's own top guess.")
NO_MASK_TEXT = QT_TRANSLATE_NOOP("JointFillPanel", "No token is masked: there is nothing to fill.")
LEGEND = QT_TRANSLATE_NOOP("JointFillPanel", "Bold: the filled masks. Highlighted: a mask filled otherwise "
                           "than in the independent argmax (in the argmax: than in the joint fill). "
                           "Log-prob: the fills' summed log-probability.")
DIFFERS_FILL = "#fde68a"  # pale amber: the two fills disagree here
COLUMNS = (QT_TRANSLATE_NOOP("JointFillPanel", "Step"), QT_TRANSLATE_NOOP("JointFillPanel", "Position"),
           QT_TRANSLATE_NOOP("JointFillPanel", "Token"), QT_TRANSLATE_NOOP("JointFillPanel", "Probability"),
           QT_TRANSLATE_NOOP("JointFillPanel", "Alone"))


def sentence_html(result: FillResult, path: FillPath, other: FillPath) -> str:
    """``path``'s text as the tokenizer decodes it, rich: masks bold, where ``other`` differs highlighted.

    The masks are marked at their spans in the decoded text (word pieces
    joined into their words, space markers gone), so a filled word piece is
    the bold part of its word; a fill that decodes to nothing shows its token
    in brackets.
    """
    positions = result.positions.tolist()
    if len(path.spans) != len(positions):  # a path built without spans: its text alone
        return html.escape(path.text)
    parts, cursor = [], 0
    for row, (start, end) in enumerate(path.spans.tolist()):
        start, end = max(start, cursor), max(end, cursor)
        parts.append(html.escape(path.text[cursor:start]))
        # a token that decodes to nothing ([UNK], say) is named, or the mask would vanish
        text = html.escape(path.text[start:end] or f"[{path.sentence_labels[positions[row]]}]")
        if path.sentence_ids[positions[row]] != other.sentence_ids[positions[row]]:
            text = f'<span style="background-color: {DIFFERS_FILL}">{text}</span>'
        parts.append(f'<b style="color: {MASKED_FILL}">{text}</b>')
        cursor = end
    parts.append(html.escape(path.text[cursor:]))
    return "".join(parts)


class JointFillPanel(QWidget):
    """Draws a :class:`FillResult`; follows and points at tokens like the other panels."""

    token_hovered = Signal(int)
    token_selected = Signal(int)
    follow_up_settings_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: FillResult | None = None
        self._settings = FillSettings()
        self._highlighted = -1

        self._width = QSpinBox()
        self._width.setRange(1, MAX_BEAM_WIDTH)
        self._width.setValue(self._settings.beam_width)
        self._width.setToolTip(self.tr("How many partial fills the beam keeps; 1 fills greedily only. "
                                       "Each step then runs that many copies of the text."))
        controls = FlowLayout()
        controls.addWidget(QLabel(self.tr("Beam width:")))
        controls.addWidget(self._width)
        hint = QLabel(self.tr("(1 = greedy only, most confident first)"))
        hint.setStyleSheet(CAPTION_STYLE)
        controls.addWidget(hint)

        self._titles: dict[str, QLabel] = {}
        self._sentences: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        sentences = QWidget()
        block = QVBoxLayout(sentences)
        block.setContentsMargins(0, 0, 0, 0)
        for name in ("joint", "beam", "argmax"):
            title, sentence = QLabel(), QLabel()
            title.setStyleSheet(TITLE_STYLE)
            sentence.setStyleSheet(DETAIL_STYLE)
            sentence.setWordWrap(True)
            sentence.setTextFormat(Qt.TextFormat.RichText)
            sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._titles[name], self._sentences[name] = title, sentence
            block.addWidget(title)
            block.addWidget(sentence)
        self._notes = QLabel()
        self._notes.setStyleSheet(CAPTION_STYLE)
        self._notes.setWordWrap(True)
        block.addWidget(self._notes)
        block.addStretch(1)
        # wrapped to the panel's width; a wide beam on a long text scrolls rather than being cut
        self._scroll = QScrollArea()
        self._scroll.setWidget(sentences)
        self._scroll.setAccessibleName(self.tr("Filled sentences"))
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._table = QTableWidget(0, len(COLUMNS))
        self._table.setAccessibleName(self.tr("Joint fill steps"))
        self._table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self._table.verticalHeader().hide()
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._table.horizontalHeader().setStretchLastSection(True)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setMouseTracking(True)
        self._table.setMinimumHeight(4 * self._table.verticalHeader().defaultSectionSize())
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self._scroll)
        split.addWidget(self._table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        self._width.valueChanged.connect(self._on_width_changed)
        self._table.cellEntered.connect(lambda row, _c: self.token_hovered.emit(self._position(row)))
        self._table.cellClicked.connect(lambda row, _c: self.token_selected.emit(self._position(row)))
        self.set_result(None)

    # -- the panel protocol --------------------------------------------------------
    def set_result(self, result: FillResult | None) -> None:
        self._result = result
        self._fill_sentences(result)
        self._fill_table(result)
        notes = self.tr(EMPTY_TEXT) if result is None else "\n".join(
            [self.tr(LEGEND), *result.notes] if result.num_masks else [self.tr(NO_MASK_TEXT)])
        self._notes.setText(notes)
        self.highlight_token(self._highlighted)

    def highlight_token(self, position: int) -> None:
        """Select the step that filled ``position`` (-1 or an unmasked token: none)."""
        self._highlighted = int(position)
        result = self._result
        step = -1 if result is None or position < 0 else result.greedy.step_of(position)
        self._table.blockSignals(True)
        if step >= 0:
            self._table.selectRow(step)
            self._table.scrollToItem(self._table.item(step, 0))
        else:
            self._table.clearSelection()
        self._table.blockSignals(False)

    def follow_up_settings(self) -> FillSettings:
        return self._settings

    # -- accessors for the window and tests --------------------------------------------
    def result(self) -> FillResult | None:
        return self._result

    def beam_width_box(self) -> QSpinBox:
        return self._width

    def order_table(self) -> QTableWidget:
        return self._table

    def sentence_text(self, name: str) -> str:
        """The rich text of the ``"joint"``, ``"beam"`` or ``"argmax"`` sentence ("" when hidden)."""
        label = self._sentences[name]
        return label.text() if label.isVisibleTo(self) else ""

    def sentences_area(self) -> QScrollArea:
        return self._scroll

    def sentence_labels(self) -> list[QLabel]:
        """The sentences shown (the beam's only with a beam wider than 1)."""
        return [label for label in self._sentences.values() if label.isVisibleTo(self)]

    def title_text(self, name: str) -> str:
        label = self._titles[name]
        return label.text() if label.isVisibleTo(self) else ""

    def notes_text(self) -> str:
        return self._notes.text()

    def selected_step(self) -> int:
        rows = self._table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # -- internals -------------------------------------------------------------------
    def _fill_sentences(self, result: FillResult | None) -> None:
        shown = result is not None and result.num_masks > 0
        if not shown:
            for name in self._sentences:
                self._titles[name].hide()
                self._sentences[name].hide()
            return
        titles = {
            "joint": (self.tr("Joint fill (most confident first)"), result.greedy, result.argmax),
            "beam": (self.tr("Beam of {n} (best fill)").format(n=result.beam_width), result.beam,
                     result.argmax),
            "argmax": (self.tr("Independent argmax (each mask alone)"), result.argmax, result.greedy),
        }
        for name, (title, path, other) in titles.items():
            visible = name != "beam" or result.beam_width > 1
            self._titles[name].setVisible(visible)
            self._sentences[name].setVisible(visible)
            self._titles[name].setText(self.tr("{title}   log-prob {value}").format(
                title=title, value=f"{path.logprob:.3f}"))
            self._sentences[name].setText(sentence_html(result, path, other))

    def _fill_table(self, result: FillResult | None) -> None:
        path = None if result is None else result.greedy
        self._table.setRowCount(0 if path is None else path.num_steps)
        if path is None:
            return
        for step in range(path.num_steps):
            position = int(path.order[step])
            alone = result.argmax.step_of(position)
            alone_text = (f"{result.argmax.labels[alone]} "
                          f"({float(result.argmax.probabilities[alone]):.4f})")
            values = (str(step + 1), str(position), path.labels[step],
                      f"{float(path.probabilities[step]):.4f}", alone_text)
            differs = int(path.ids[step]) != int(result.argmax.ids[alone])
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if differs and column in (2, 4):
                    item.setBackground(QColor(DIFFERS_FILL))
                    item.setForeground(readable_text(QColor(DIFFERS_FILL)))  # dark in any theme
                self._table.setItem(step, column, item)

    def _position(self, row: int) -> int:
        result = self._result
        return -1 if result is None or row < 0 else int(result.greedy.order[row])

    def _on_width_changed(self, value: int) -> None:
        settings = FillSettings(value)
        if settings != self._settings:
            self._settings = settings
            self.follow_up_settings_changed.emit()
