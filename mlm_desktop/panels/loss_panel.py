"""Losses, pseudo-perplexities, accuracy, the head check and a per-token loss chart."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from .plot_axes import CategoryTicks, style_plot_item
from .style import (
    BAR,
    BAR_SPECIAL,
    CHIP_HOVER_BORDER,
    EMPTY,
    MASKED_FILL,
    MUTED_TEXT,
    PLOT_BACKGROUND,
    TEXT,
    TYPED_FILL,
    format_number,
)

_FIGURE_STYLE = f"color: {TEXT}; font-size: 17pt; font-weight: 600;"
_CAPTION_STYLE = f"color: {MUTED_TEXT}; font-size: 10pt;"
_DETAIL_STYLE = f"color: {TEXT}; font-size: 10pt;"
_WARNING_STYLE = "color: #b91c1c; font-size: 10pt; font-weight: 600;"
_TITLE_STYLE = f"color: {TEXT}; font-size: 10pt; font-weight: 600;"


class _Chart(pg.PlotWidget):
    """A plot that asks for a modest height, so the figures above keep theirs."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, 200)


def format_perplexity(value: float | None) -> str:
    """Perplexities: thousands separated, two decimals below 100."""
    if value is None or not math.isfinite(value):
        return format_number(value)
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def _figure_label() -> QLabel:
    label = QLabel(EMPTY)
    label.setStyleSheet(_FIGURE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(_CAPTION_STYLE)
    label.setWordWrap(True)
    return label


class LossPanel(QWidget):
    """Big figures for the losses, and the loss of each token as a bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._bar_x = np.zeros(0, dtype=np.int64)
        self._bar_heights = np.zeros(0, dtype=np.float64)
        self._hovered = -1
        self._full_range: tuple[tuple[float, float], tuple[float, float]] | None = None

        self._loss_masked = _figure_label()
        self._perplexity_masked = _caption("")
        self._loss_all = _figure_label()
        self._perplexity_all = _caption("")
        self._accuracy = _figure_label()
        self._accuracy_detail = _caption("")
        self._head_check = QLabel()
        self._head_check.setStyleSheet(_DETAIL_STYLE)
        self._head_check.setWordWrap(True)
        self._head_check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # One row per figure: the big number, then its title over its detail.
        figures = QGridLayout()
        figures.setHorizontalSpacing(12)
        figures.setVerticalSpacing(8)
        rows = (
            ("Loss on masked tokens", self._loss_masked, self._perplexity_masked),
            (
                "Loss on all tokens (notebook convention: labels = all input ids)",
                self._loss_all,
                self._perplexity_all,
            ),
            ("Masked-token accuracy", self._accuracy, self._accuracy_detail),
        )
        for row, (title, figure, detail) in enumerate(rows):
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            words = QVBoxLayout()
            words.setSpacing(0)
            title_label = QLabel(title)
            title_label.setStyleSheet(_TITLE_STYLE)
            title_label.setWordWrap(True)
            words.addWidget(title_label)
            words.addWidget(detail)
            figures.addWidget(figure, row, 0)
            figures.addLayout(words, row, 1)
        figures.setColumnStretch(1, 1)

        self._chart = _Chart()
        self._chart.setBackground(PLOT_BACKGROUND)
        self._plot: pg.PlotItem = self._chart.getPlotItem()
        style_plot_item(self._plot)
        self._plot.setMenuEnabled(False)
        self._plot.setLabel("left", "loss (nats)")
        self._plot.showGrid(y=True, alpha=0.25)
        self._plot.getViewBox().setMouseEnabled(x=True, y=False)
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self._plot.addItem(self._bars)
        # typed masks have no original token, hence no bar: a violet marker holds their place
        self._typed_markers = pg.ScatterPlotItem(
            symbol="t1", size=12, brush=pg.mkBrush(TYPED_FILL), pen=pg.mkPen(None)
        )
        self._plot.addItem(self._typed_markers)
        self._ticks = CategoryTicks(self._plot.getAxis("bottom"), self._plot.getViewBox(),
                                    horizontal=True)
        self._chart.scene().sigMouseMoved.connect(self._on_chart_mouse_moved)
        self._chart.scene().sigMouseClicked.connect(self._on_chart_mouse_clicked)
        self._chart.setToolTip("Scroll to zoom along the tokens, double-click to see them all")
        self._chart.setMinimumHeight(150)
        # the hovered position's bar, outlined
        self._hover_outline = pg.BarGraphItem(
            x=[], height=[], width=0.95, brush=pg.mkBrush(None),
            pen=pg.mkPen(CHIP_HOVER_BORDER, width=2),
        )
        self._plot.addItem(self._hover_outline)

        self._chart_title = _caption(
            "Loss of the true token at each position, in nats (amber: masked, grey: special tokens, "
            "violet ▲: typed mask, no true token)"
        )
        self._readout = QLabel()
        self._readout.setStyleSheet(_DETAIL_STYLE)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(8, 8, 8, 4)
        content_layout.addLayout(figures)
        content_layout.addWidget(self._head_check)
        content_layout.addSpacing(6)
        content_layout.addWidget(self._chart_title)
        content_layout.addWidget(self._chart, 1)
        content_layout.addWidget(self._readout)
        # A dock smaller than the content scrolls rather than squeezing labels together.
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        self._hovered = -1
        self._show_figures(result)
        self._show_bars(result)

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
        return self._bar_x.copy()

    def bar_heights(self) -> np.ndarray:
        """(n,) bar heights drawn, in nats, one per position in :meth:`bar_positions`."""
        return self._bar_heights.copy()

    def bar_colors(self) -> list[str]:
        """(n,) the fill colour of each bar, as ``#rrggbb``."""
        brushes = self._bars.opts.get("brushes") or []
        return [pg.mkBrush(b).color().name() for b in brushes]

    def readout_text(self) -> str:
        return self._readout.text()

    def tick_labels(self) -> list[str]:
        return list(self._ticks.labels)

    def highlight_token(self, position: int) -> None:
        """Outline ``position``'s bar and read it out, as if the pointer were over it (-1: none)."""
        self._show_hovered(position)

    def reset_view(self) -> None:
        """Show every token's bar (undoes zooming and panning)."""
        if self._full_range is not None:
            x_range, y_range = self._full_range
            self._plot.getViewBox().setRange(xRange=x_range, yRange=y_range, padding=0)

    def hovered_position(self) -> int:
        return self._hovered

    def plot_item(self) -> pg.PlotItem:
        return self._plot

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
            "no masked tokens" if result.loss_masked is None
            else f"pseudo-perplexity exp(loss) = {format_perplexity(result.perplexity_masked)}"
        )
        self._loss_all.setText(format_number(result.loss_all))
        self._perplexity_all.setText(
            f"pseudo-perplexity exp(loss) = {format_perplexity(result.perplexity_all)}"
        )
        scored = int(result.mask_positions.size)
        if result.accuracy_masked is None or scored == 0:
            self._accuracy.setText(EMPTY)
            self._accuracy_detail.setText("no masked tokens with a known true token")
        else:
            correct = int(round(result.accuracy_masked * scored))
            self._accuracy.setText(f"{100 * result.accuracy_masked:.0f}%")
            self._accuracy_detail.setText(f"{correct} of {scored} masked tokens guessed exactly")
        self._head_check.setText(self._head_check_line(result))
        failed = result.head_check_passed is False
        self._head_check.setStyleSheet(_WARNING_STYLE if failed else _DETAIL_STYLE)

    @staticmethod
    def _head_check_line(result: AnalysisResult) -> str:
        diff = result.head_check_max_abs_diff
        if diff is None:
            return "Head check not run."
        verdict = "reproduces" if result.head_check_passed else "does NOT reproduce"
        line = (
            f"MLM head applied to the last hidden state {verdict} the logits: "
            f"max |Δ| = {diff:.1e} over {result.head_check_row_count} positions"
        )
        if result.head_check_loss_masked is not None:
            line += f"; loss on masked tokens from it = {format_number(result.head_check_loss_masked)}"
        return line

    # -- chart ---------------------------------------------------------------------
    def _show_bars(self, result: AnalysisResult | None) -> None:
        if result is None:
            self._bar_x = np.zeros(0, dtype=np.int64)
            self._bar_heights = np.zeros(0, dtype=np.float64)
            self._bars.setOpts(x=[], height=[], brushes=[])
            self._typed_markers.setData([], [])
            self._hover_outline.setOpts(x=[], height=[])
            self._full_range = None
            self._ticks.set_labels(())
            self._readout.setText("")
            return
        loss = np.asarray(result.per_token_loss, dtype=np.float64)
        shown = np.flatnonzero(~np.isnan(loss))
        masked = np.zeros(result.num_tokens, dtype=bool)
        masked[result.mask_positions] = True
        special = np.asarray(result.special_mask, dtype=bool)
        colours = [
            MASKED_FILL if masked[i] else BAR_SPECIAL if special[i] else BAR for i in shown
        ]
        self._hover_outline.setOpts(x=[], height=[])
        self._bar_x = shown.astype(np.int64)
        self._bar_heights = loss[shown]
        self._bars.setOpts(
            x=self._bar_x.astype(float),
            height=self._bar_heights,
            width=0.8,
            brushes=[pg.mkBrush(c) for c in colours],
            pens=[pg.mkPen(None)] * len(colours),
        )
        n = result.num_tokens
        top = float(self._bar_heights.max()) if self._bar_heights.size else 1.0
        typed = result.typed_mask_positions.astype(float)
        self._typed_markers.setData(typed, np.full_like(typed, 0.04 * top))
        view_box = self._plot.getViewBox()
        view_box.setLimits(xMin=-1, xMax=n, yMin=0, yMax=max(top * 1.1, 1e-6))
        self._full_range = ((-0.6, n - 0.4), (0.0, max(top * 1.05, 1e-6)))
        self.reset_view()
        self._ticks.set_labels(result.labels)
        self._readout.setText(self._idle_text(result))

    @staticmethod
    def _idle_text(result: AnalysisResult) -> str:
        typed = int(result.typed_mask.sum())
        note = f" · {typed} typed mask(s) have no true token and no bar" if typed else ""
        return f"Point at a bar to read its token and loss{note}"

    def _on_chart_mouse_clicked(self, event) -> None:
        if event.double():
            self.reset_view()

    def _on_chart_mouse_moved(self, scene_pos: QPointF) -> None:
        result = self._result
        if result is None:
            return
        view_box = self._plot.getViewBox()
        position = -1
        if view_box.sceneBoundingRect().contains(scene_pos):
            x = view_box.mapSceneToView(scene_pos).x()
            candidate = int(math.floor(x + 0.5))
            if 0 <= candidate < result.num_tokens:
                position = candidate
        self._show_hovered(position)

    def _show_hovered(self, position: int) -> None:
        result = self._result
        if result is None or not 0 <= position < result.num_tokens:
            position = -1
        if position == self._hovered:
            return
        self._hovered = position
        if position < 0 or result is None:
            self._hover_outline.setOpts(x=[], height=[])
            if result is not None:
                self._readout.setText(self._idle_text(result))
            return
        loss = float(result.per_token_loss[position])
        height = 0.0 if math.isnan(loss) else loss
        self._hover_outline.setOpts(x=[float(position)], height=[height])
        state = (
            " (masked)" if position in set(result.mask_positions.tolist())
            else " (typed mask)" if bool(result.typed_mask[position])
            else " (special)" if bool(result.special_mask[position])
            else ""
        )
        if bool(result.typed_mask[position]):
            self._readout.setText(
                f"position {position} · {result.labels[position]}{state} · "
                "no loss: the true token is unknown"
            )
            return
        loss_text = EMPTY if math.isnan(loss) else f"{format_number(loss)} nats"
        self._readout.setText(
            f"position {position} · {result.labels[position]}{state} · loss {loss_text} · "
            f"rank of true token {int(result.original_rank[position])}"
        )
