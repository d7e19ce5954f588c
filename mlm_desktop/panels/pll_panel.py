"""The pseudo-log-likelihood panel: how expected each token of the text is, masked in turn.

The PLL and pseudo-perplexity of the text, its tokens as chips coloured by
surprisal (−log p, a toggle, with a legend), the most and least expected
tokens, and for the token pointed at, what the model guesses there when that
token alone is masked (from the scoring pass: no new forward pass). The
whole-word variant is the panel's setting (``follow_up_settings()``).
``overlay_changed(values | None, legend)`` offers the surprisal colouring to
the window, for the main token chips.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.analyses.pll_types import PllResult, PllSettings
from .chip_canvas import PLAIN, SPECIAL, ChipCanvas
from .chip_overlay import legend_html, overlay_colours
from .colour_maps import colour_maps
from .label_style import CAPTION_STYLE, DETAIL_STYLE, FIGURE_STYLE, TITLE_STYLE
from .style import format_number, format_perplexity, format_probability

EMPTY_TEXT = QT_TRANSLATE_NOOP("PllPanel", "The text's pseudo-log-likelihood appears here: each token masked "
                               "in turn.")
LEGEND = QT_TRANSLATE_NOOP("PllPanel", "surprisal −log p in nats (high end: less expected)")
RANKED = 5  # tokens in each of the two lists
POSITION_ROLE = Qt.ItemDataRole.UserRole


def summary_text(result: PllResult | None) -> str:
    if result is None:
        return ""
    ppl = format_perplexity(result.pseudo_perplexity)
    text = (QCoreApplication.translate("PllPanel", "whole-word PLL {pll} · pseudo-perplexity {ppl} · "
                                       "{n} tokens scored") if result.whole_word else
            QCoreApplication.translate("PllPanel", "PLL {pll} · pseudo-perplexity {ppl} · {n} tokens scored"))
    return text.format(pll=format_number(result.pll, 2), ppl=ppl, n=result.scored_count)


def describe_token(result: PllResult, position: int) -> str:
    """One token's score and, when known, the model's guesses with that token alone masked."""
    found = np.flatnonzero(result.positions == position)
    label = html.escape(result.labels[position])
    if not len(found):
        return QCoreApplication.translate(
            "PllPanel", "<b>{token}</b> (position {position}) is not scored (special or a typed mask)"
        ).format(token=label, position=position)
    row = int(found[0])
    log_p = float(result.log_probs[row])
    text = QCoreApplication.translate(
        "PllPanel", "<b>{token}</b> (position {position}): log p = {log_p}, p = {p}, surprisal {surprisal} "
        "nats"
    ).format(token=label, position=position, log_p=format_number(log_p),
             p=format_probability(float(np.exp(log_p))), surprisal=format_number(-log_p))
    single = result.single_mask_top(position)
    if single is None:
        return text + "<br><i>{}</i>".format(QCoreApplication.translate(
            "PllPanel", "its copy also masked the later pieces of its word"))
    labels, probs = single
    guesses = ", ".join(f"{html.escape(t)} {format_probability(float(p))}"
                        for t, p in zip(labels, probs, strict=True))
    return text + "<br>" + QCoreApplication.translate(
        "PllPanel", "Masked alone, the model guesses (from the scoring pass): {guesses}"
    ).format(guesses=guesses)


class PllPanel(QWidget):
    """Draws a :class:`PllResult`; follows and points at tokens like the other panels."""

    token_hovered = Signal(int)
    token_selected = Signal(int)
    follow_up_settings_changed = Signal()
    overlay_changed = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: PllResult | None = None
        self._settings = PllSettings()
        self._whole_word = QCheckBox(self.tr("Whole words"))
        self._whole_word.setToolTip(self.tr("Kauf and Ivanova (2023): when scoring a word piece, also "
                                            "mask the later pieces of its word"))
        self._colour = QCheckBox(self.tr("Colour by surprisal"))
        self._colour.setChecked(True)
        controls = QHBoxLayout()
        controls.addWidget(self._whole_word)
        controls.addWidget(self._colour)
        controls.addStretch(1)
        self._summary = QLabel(self.tr(EMPTY_TEXT))
        self._summary.setStyleSheet(TITLE_STYLE)
        self._summary.setWordWrap(True)
        self._chips = ChipCanvas()
        self._chips.tooltip_provider = self._tooltip
        scroll = QScrollArea()
        scroll.setWidget(self._chips)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chips take the keyboard
        self._chips.setAccessibleName(self.tr("Tokens coloured by pseudo-log-likelihood"))
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._legend = QLabel()
        self._legend.setStyleSheet(CAPTION_STYLE)
        self._legend.setWordWrap(True)  # a long scale wraps rather than widening the dock
        self._readout = QLabel()
        self._readout.setStyleSheet(DETAIL_STYLE)
        self._readout.setWordWrap(True)
        self._most, self._least = QListWidget(), QListWidget()
        lists = QHBoxLayout()
        for title, widget in ((self.tr("Most expected"), self._most),
                              (self.tr("Least expected"), self._least)):
            column = QVBoxLayout()
            heading = QLabel(title)
            heading.setStyleSheet(FIGURE_STYLE.replace("17pt", "11pt"))
            column.addWidget(heading)
            column.addWidget(widget)
            heading.setBuddy(widget)  # names the list
            widget.setMouseTracking(True)
            widget.itemEntered.connect(self._on_item_entered)
            widget.itemClicked.connect(self._on_item_clicked)
            lists.addLayout(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self._summary)
        layout.addWidget(scroll, 2)
        layout.addWidget(self._legend)
        layout.addWidget(self._readout)
        layout.addLayout(lists, 1)
        self._whole_word.toggled.connect(self._on_whole_word_toggled)
        self._colour.toggled.connect(self._apply_overlay)
        colour_maps().changed.connect(self._on_colour_maps_changed)
        self._chips.chip_hovered.connect(self._on_chip_hovered)
        self._chips.chip_pressed.connect(self._on_chip_pressed)

    # -- the panel protocol --------------------------------------------------------
    def set_result(self, result: PllResult | None) -> None:
        self._result = result
        self._summary.setText(self.tr(EMPTY_TEXT) if result is None else summary_text(result))
        self._readout.setText("")
        if result is None:
            self._chips.set_chips((), np.zeros(0, np.int8), np.zeros(0, bool))
        else:
            kinds = np.full(len(result.tokens), SPECIAL, np.int8)
            kinds[result.positions] = PLAIN
            words = np.asarray(result.word_ids)
            joined = np.zeros(len(words), bool)
            joined[1:] = (words[1:] == words[:-1]) & (words[1:] >= 0)
            self._chips.set_chips(tuple(result.labels), kinds, joined)
        for widget, most in ((self._most, True), (self._least, False)):
            widget.clear()
            for position, label, log_p in ([] if result is None else result.ranked(RANKED, most)):
                item = QListWidgetItem(self.tr("{token}  (position {position})  log p {log_p}").format(
                    token=label, position=position, log_p=format_number(log_p)))
                item.setData(POSITION_ROLE, position)
                widget.addItem(item)
        self._apply_overlay()

    def highlight_token(self, position: int) -> None:
        """Follow a token pointed at elsewhere: its chip is outlined and its score read out."""
        self._chips.set_highlighted(int(position))
        result = self._result
        if result is not None and 0 <= position < len(result.tokens):
            self._readout.setText(describe_token(result, position))

    def follow_up_settings(self) -> PllSettings:
        return self._settings

    # -- accessors for the window and tests --------------------------------------------
    def result(self) -> PllResult | None:
        return self._result

    def summary(self) -> str:
        return self._summary.text()

    def readout_text(self) -> str:
        return self._readout.text()

    def legend_text(self) -> str:
        return self._legend.text() if self._legend.isVisibleTo(self) else ""

    def chips(self) -> ChipCanvas:
        return self._chips

    def whole_word_box(self) -> QCheckBox:
        return self._whole_word

    def colour_box(self) -> QCheckBox:
        return self._colour

    def ranked_lists(self) -> tuple[QListWidget, QListWidget]:
        return self._most, self._least

    def overlay_values(self) -> np.ndarray | None:
        """Surprisal by token position (NaN: not scored) while the colouring is on, else None."""
        if self._result is None or not self._colour.isChecked():
            return None
        return self._result.surprisal_by_token()

    # -- internals -------------------------------------------------------------------
    def _on_colour_maps_changed(self) -> None:
        if self._colour.isChecked():
            self._apply_overlay()

    def _apply_overlay(self) -> None:
        values = self.overlay_values()
        self._chips.set_overlay(None if values is None else overlay_colours(values))
        self._legend.setText("" if values is None else legend_html(values, self.tr(LEGEND)))
        self._legend.setVisible(values is not None)
        self.overlay_changed.emit(values, self.tr(LEGEND) if values is not None else "")

    def _tooltip(self, position: int) -> str:
        return "" if self._result is None else describe_token(self._result, position)

    def _on_chip_hovered(self, position: int) -> None:
        self._chips.set_hovered(position)
        if self._result is not None and position >= 0:
            self._readout.setText(describe_token(self._result, position))
        self.token_hovered.emit(position)

    def _on_chip_pressed(self, position: int, _modifiers) -> None:
        if position >= 0:
            self.token_selected.emit(position)

    def _on_item_entered(self, item: QListWidgetItem) -> None:
        self._on_chip_hovered(int(item.data(POSITION_ROLE)))

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        position = int(item.data(POSITION_ROLE))
        self.highlight_token(position)
        self.token_selected.emit(position)

    def _on_whole_word_toggled(self, checked: bool) -> None:
        settings = PllSettings(whole_word=checked)
        if settings != self._settings:
            self._settings = settings
            self.follow_up_settings_changed.emit()
