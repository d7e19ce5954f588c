"""One token through the layers: the rank (log scale) and probability of its original token
and of each target word, as the MLM head reads every hidden state."""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.analyses.logit_lens_types import LensResult
from .axis_fit import fit_to_left_title
from .label_style import CAPTION_STYLE
from .plot_axes import follow_theme, style_plot_item
from .theme import follow_palette, theme_colours

#: one colour per target word, in order (repeats after the last)
TARGET_COLOURS = ("#d97706", "#2563eb", "#16a34a", "#db2777", "#7c3aed", "#0891b2", "#dc2626")


class LensChart(QWidget):
    """Two charts over the layers for one looked-at token (a row of the lens result)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: LensResult | None = None
        self._row = -1
        self._series: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._title = QLabel()
        self._title.setStyleSheet("font-weight: 600;")
        self._title.setWordWrap(True)
        # two views rather than two plots in one layout: the latter crashed Qt's painter
        # when such a widget was destroyed beside others
        self._views = (pg.PlotWidget(), pg.PlotWidget())
        self._views[0].setAccessibleName(self.tr("Chart: rank of the selected token's words by layer"))
        self._views[1].setAccessibleName(
            self.tr("Chart: probability of the selected token's words by layer"))
        self._rank_plot: pg.PlotItem = self._views[0].getPlotItem()
        self._prob_plot: pg.PlotItem = self._views[1].getPlotItem()
        for plot, title in ((self._rank_plot, self.tr("rank (log)")),
                            (self._prob_plot, self.tr("probability"))):
            style_plot_item(plot)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setLabel("left", title)
        self._rank_plot.setLogMode(x=False, y=True)
        self._rank_plot.invertY(True)  # the top rank at the top
        self._prob_plot.setLabel("bottom", self.tr("layer (E = embeddings)"))
        self._prob_plot.setXLink(self._rank_plot)
        for view in self._views:
            fit_to_left_title(view)  # "rank (log)", "probability" written whole
        follow_theme(self._views[0], self._rank_plot)
        follow_theme(self._views[1], self._prob_plot)
        # the key above the charts, where it hides no line
        self._legend = QLabel()
        self._legend.setWordWrap(True)
        self._caption = QLabel()
        self._caption.setStyleSheet(CAPTION_STYLE)
        self._caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._legend)
        for view in self._views:
            layout.addWidget(view, 1)
        layout.addWidget(self._caption)
        # the original token's line is in the text's colour: drawn again in a new theme
        follow_palette(self, lambda: self.set_row(self._result, self._row))

    def set_row(self, result: LensResult | None, row: int) -> None:
        """Draw ``row`` of ``result`` (-1 or None: nothing to draw)."""
        self._result, self._row = result, row
        self._series = {}
        for plot in (self._rank_plot, self._prob_plot):
            plot.clear()
        self._legend.setText("")
        if result is None or not 0 <= row < result.num_rows:
            self._title.setText(self.tr("Point at a token to follow it through the layers"))
            self._caption.setText("")
            return
        position = int(result.rows[row])
        layers = np.arange(result.num_layers)
        ticks = [[(int(i), "E" if i == 0 else str(int(i))) for i in layers]]
        for plot in (self._rank_plot, self._prob_plot):
            plot.getAxis("bottom").setTicks(ticks)
        self._title.setText(self.tr("#{position} '{token}' through the layers").format(
            position=position, token=result.labels[position]))
        if int(result.original_ids[row]) >= 0:
            self._add(self.tr("original: {token}").format(token=result.labels[position]),
                      result.original_rank[:, row],
                      result.original_probability()[:, row], theme_colours().text.name(), width=3)
        probability = result.target_probability()
        for g, target in enumerate(result.targets):
            name = target.word + (self.tr(" (first piece {piece})").format(piece=target.tracked_label)
                                  if target.first_piece_only else "")
            self._add(name, result.target_rank[:, row, g], probability[:, row, g],
                      TARGET_COLOURS[g % len(TARGET_COLOURS)])
        self._rank_plot.setXRange(0, result.num_layers - 1, padding=0.04)
        # from the top rank to the whole vocabulary, so a line's height reads the same everywhere
        self._rank_plot.setYRange(0, math.log10(max(result.vocab_size, 10)), padding=0.02)
        self._prob_plot.setYRange(0, 1, padding=0.02)
        self._caption.setText(
            self.tr("typed mask: its original token is unknown; type target words to follow")
            if int(result.original_ids[row]) < 0 and not result.targets else
            self.tr("Lines: the original token (thick, in the text's colour) and each target word. "
                    "Rank 1 is the head's top guess.")
        )

    def _add(self, name: str, ranks: np.ndarray, probs: np.ndarray, colour: str,
             width: float = 2) -> None:
        x = np.arange(len(ranks), dtype=float)
        ranks = np.asarray(ranks, dtype=float)
        probs = np.asarray(probs, dtype=float)
        self._series[name] = (ranks, probs)
        pen = pg.mkPen(colour, width=width)
        style = dict(pen=pen, symbol="o", symbolSize=6, symbolBrush=colour, symbolPen=None)
        self._rank_plot.addItem(pg.PlotDataItem(x, ranks, **style))
        self._prob_plot.addItem(pg.PlotDataItem(x, probs, **style))
        key = f'<span style="color:{colour}; font-weight:600">━━ {html.escape(name)}</span>'
        self._legend.setText("&nbsp;&nbsp; ".join(filter(None, [self._legend.text(), key])))

    # -- accessors --------------------------------------------------------------
    def row(self) -> int:
        return self._row

    def title(self) -> str:
        return self._title.text()

    def legend_text(self) -> str:
        return self._legend.text()

    def caption(self) -> str:
        return self._caption.text()

    def series(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each line's name -> (ranks, probabilities) across the layers."""
        return dict(self._series)

    def rank_plot(self) -> pg.PlotItem:
        return self._rank_plot

    def probability_plot(self) -> pg.PlotItem:
        return self._prob_plot

