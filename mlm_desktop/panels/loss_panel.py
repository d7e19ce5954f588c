"""Losses, their exponentials, accuracy, the head check and a per-token loss chart."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..core.analyses.head_check_types import KIND as HEAD_CHECK
from ..core.analyses.head_check_types import HeadCheckResult
from ..core.analyses.masked_lm_types import AnalysisResult
from .label_style import DETAIL_STYLE, FIGURE_STYLE, TITLE_STYLE, WARNING_STYLE, caption
from .style import EMPTY, format_number, format_perplexity
from .token_loss_chart import TokenLossChart

_ALL_TOKENS_TIP = QT_TRANSLATE_NOOP(
    "LossPanel",
    "Mean cross-entropy of the true token at every position, masked or not (the reference "
    "notebook's labels = all input ids). It is low because the model sees the answers: "
    "at an unmasked position the true token is in its input, so it mostly copies it. "
    "exp(loss) is therefore not a pseudo-perplexity, which would mask each token in turn "
    "(see the Pseudo-likelihood panel)."
)


def _figure_label() -> QLabel:
    label = QLabel(EMPTY)
    label.setStyleSheet(FIGURE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LossPanel(QWidget):
    """Big figures for the losses, and the loss of each token as a bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loss_masked = _figure_label()
        self._perplexity_masked = caption("")
        self._loss_all = _figure_label()
        self._perplexity_all = caption("")
        self._accuracy = _figure_label()
        self._accuracy_detail = caption("")
        self._head_check = QLabel()
        self._head_check.setStyleSheet(DETAIL_STYLE)
        self._head_check.setWordWrap(True)
        self._head_check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # One row per figure: the big number, then its title over its detail.
        figures = QGridLayout()
        figures.setHorizontalSpacing(12)
        figures.setVerticalSpacing(8)
        rows = (
            (self.tr("Loss on masked tokens"), self._loss_masked, self._perplexity_masked),
            (
                self.tr("Loss on all tokens (notebook convention: labels = all input ids)"),
                self._loss_all,
                self._perplexity_all,
            ),
            (self.tr("Masked-token accuracy"), self._accuracy, self._accuracy_detail),
        )
        tips = (
            self.tr("Mean cross-entropy of the true token at the masked positions, in nats. "
                    "exp(loss) is the perplexity of those tokens: how many equally likely candidates "
                    "the model hesitates between, on average."),
            self.tr(_ALL_TOKENS_TIP),
            self.tr("Masked tokens whose top candidate is the true token."),
        )
        for row, ((title, figure, detail), tip) in enumerate(zip(rows, tips, strict=True)):
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            words = QVBoxLayout()
            words.setSpacing(0)
            title_label = QLabel(title)
            title_label.setStyleSheet(TITLE_STYLE)
            title_label.setWordWrap(True)
            for label in (title_label, figure, detail):
                label.setToolTip(tip)
            words.addWidget(title_label)
            words.addWidget(detail)
            figures.addWidget(figure, row, 0)
            figures.addLayout(words, row, 1)
        figures.setColumnStretch(1, 1)

        self._chart = TokenLossChart()

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(8, 8, 8, 4)
        content_layout.addLayout(figures)
        content_layout.addWidget(self._head_check)
        content_layout.addSpacing(6)
        content_layout.addWidget(self._chart, 1)
        # A dock smaller than the content scrolls rather than squeezing labels together.
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setAccessibleName(self.tr("Loss"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._result: AnalysisResult | None = None
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        self._show_figures(result)
        self._chart.set_result(result)

    # -- accessors ---------------------------------------------------------------
    def loss_masked_text(self) -> str:
        return self._loss_masked.text()

    def perplexity_masked_text(self) -> str:
        return self._perplexity_masked.text()

    def loss_all_text(self) -> str:
        return self._loss_all.text()

    def perplexity_all_text(self) -> str:
        return self._perplexity_all.text()

    def accuracy_text(self) -> str:
        return f"{self._accuracy.text()} {self._accuracy_detail.text()}".strip()

    def head_check_text(self) -> str:
        return self._head_check.text()

    def bar_positions(self) -> np.ndarray:
        """(n,) token positions that have a bar (NaN losses are skipped)."""
        return self._chart.bar_positions()

    def bar_heights(self) -> np.ndarray:
        """(n,) bar heights drawn, in nats, one per position in :meth:`bar_positions`."""
        return self._chart.bar_heights()

    def bar_colors(self) -> list[str]:
        """(n,) the fill colour of each bar, as ``#rrggbb``."""
        return self._chart.bar_colors()

    def readout_text(self) -> str:
        return self._chart.readout_text()

    def tick_labels(self) -> list[str]:
        return self._chart.tick_labels()

    def highlight_token(self, position: int) -> None:
        """Outline ``position``'s bar and read it out, as if the pointer were over it (-1: none)."""
        self._chart.highlight_token(position)

    def reset_view(self) -> None:
        """Show every token's bar (undoes zooming and panning)."""
        self._chart.reset_view()

    def hovered_position(self) -> int:
        return self._chart.hovered_position()

    def plot_item(self) -> pg.PlotItem:
        return self._chart.plot_item()

    # -- figures -----------------------------------------------------------------
    def _show_figures(self, result: AnalysisResult | None) -> None:
        if result is None:
            for label in (self._loss_masked, self._loss_all, self._accuracy):
                label.setText(EMPTY)
            for label in (self._perplexity_masked, self._perplexity_all, self._accuracy_detail):
                label.setText("")
            self._head_check.setText("")
            return
        self._loss_masked.setText(format_number(result.loss_masked))
        self._perplexity_masked.setText(
            self.tr("no masked tokens") if result.loss_masked is None
            else self.tr("exp(loss) = {value}").format(value=format_perplexity(result.perplexity_masked))
        )
        self._loss_all.setText(format_number(result.loss_all))
        self._perplexity_all.setText(
            self.tr("exp(loss) = {value}").format(value=format_perplexity(result.perplexity_all))
        )
        scored = int(result.mask_positions.size)
        if result.accuracy_masked is None or scored == 0:
            self._accuracy.setText(EMPTY)
            self._accuracy_detail.setText(self.tr("no masked tokens with a known true token"))
        else:
            correct = int(round(result.accuracy_masked * scored))
            self._accuracy.setText(f"{100 * result.accuracy_masked:.0f}%")
            self._accuracy_detail.setText(
                self.tr("{correct} of {count} masked tokens guessed exactly").format(correct=correct,
                                                                                    count=scored))
        if result.head_check_max_abs_diff is not None:  # the pass ran the check itself
            self._show_check(result.head_check_max_abs_diff, result.head_check_passed,
                             result.head_check_row_count, result.head_check_loss_masked)
        elif result.head_check_inputs is not None:
            self._head_check.setText(self.tr("Checking the MLM head on the last hidden state…"))
            self._style_check(DETAIL_STYLE)
        else:
            self._head_check.setText(self.tr("Head check not run."))
            self._style_check(DETAIL_STYLE)

    def set_follow_up(self, kind: str, check: HeadCheckResult | None) -> None:
        """The head check of the result shown, run after it (None: not yet)."""
        if kind != HEAD_CHECK or check is None:
            return
        result = self._result
        if (result is None or result.text != check.text or result.model_name != check.model_name
                or result.head_check_inputs is None):
            return
        self._show_check(check.max_abs_diff, check.passed, check.row_count, check.loss_masked)

    def _show_check(self, diff: float, passed: bool | None, rows: int, loss: float | None) -> None:
        line = (
            self.tr("MLM head applied to the last hidden state reproduces the logits: max |Δ| = {diff} "
                    "over {rows} positions ({which})") if passed else
            self.tr("MLM head applied to the last hidden state does NOT reproduce the logits: "
                    "max |Δ| = {diff} over {rows} positions ({which})")
        ).format(diff=f"{diff:.1e}", rows=rows, which=self._checked_rows(rows))
        if loss is not None:
            line += self.tr("; loss on masked tokens from it = {loss}").format(loss=format_number(loss))
        self._head_check.setText(line)
        self._style_check(WARNING_STYLE if passed is False else DETAIL_STYLE)

    def _style_check(self, style: str) -> None:
        """The head check's line in ``style`` (set only when it changes: setting it restyles the
        label and lays the panel out again)."""
        if self._head_check.styleSheet() != style:
            self._head_check.setStyleSheet(style)

    def _checked_rows(self, rows: int) -> str:
        """Which positions the head check compares: the masked ones, the first and the last."""
        result = self._result
        masked = 0 if result is None else int(result.mask_positions.size)
        if result is not None and rows == result.num_tokens and rows > masked + 2:
            return self.tr("every position")
        if masked == 0:
            return self.tr("no masks: the first and the last token are checked")
        return self.tr("the {n} masked, the first and the last token").format(n=masked)
