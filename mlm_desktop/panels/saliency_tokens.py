"""The saliency panel's own token row: each chip coloured by its signed attribution, and a legend.

The diverging colour map the user chose (:mod:`.colour_maps`; by default
blue where a token lowered the candidate's log-probability, red where it
raised it, pale near zero); the scale is symmetric, its ends the largest
|attribution|. The chips' layout and
hit-testing are the token strip's (:class:`~.chip_canvas.ChipCanvas`); only
the painting differs.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.analyses.saliency_types import SaliencyResult
from .chip_canvas import MASKED, PLAIN, SPECIAL, ChipCanvas
from .colour_maps import DIVERGING, colour_maps
from .style import MASKED_BORDER, format_number
from .theme import readable_text, theme_colours


def attribution_colour(value: float, scale: float) -> QColor:
    """The colour of ``value`` on the symmetric scale ``[-scale, scale]`` (the map's middle when
    scale is 0)."""
    share = 0.0 if scale <= 0 or not np.isfinite(value) else max(-1.0, min(1.0, value / scale))
    return colour_maps().colour(DIVERGING, 0.5 + share / 2)


def describe_token(result: SaliencyResult, position: int) -> str:
    """One line for a chip: its attribution and its share of the total."""
    value = float(result.attributions[position])
    total = float(np.abs(result.attributions).sum())
    fields = dict(token=result.labels[position], position=position, value=format_number(value),
                  candidate=result.candidate_label, explained=result.position)
    if total > 0:
        return QCoreApplication.translate(
            "SaliencyChips", "{token} (position {position}): {value}, {share} of the total |attribution| "
            "toward '{candidate}' at position {explained}"
        ).format(share=f"{abs(value) / total:.0%}", **fields)
    return QCoreApplication.translate(
        "SaliencyChips", "{token} (position {position}): {value} toward '{candidate}' at position {explained}"
    ).format(**fields)


class SaliencyChips(ChipCanvas):
    """Chips filled by attribution; the explained position is outlined."""

    def __init__(self) -> None:
        super().__init__()
        self._fills: list[QColor] = []
        self._explained = -1
        self._result: SaliencyResult | None = None
        colour_maps().changed.connect(self._on_colour_maps_changed)

    def set_result(self, result: SaliencyResult | None) -> None:
        self._result = result
        if result is None:
            self._fills, self._explained = [], -1
            self.set_chips((), np.zeros(0, np.int8), np.zeros(0, bool))
            return
        kinds = np.where(result.special_mask, SPECIAL, np.where(result.masked, MASKED, PLAIN))
        scale = result.scale
        self._fills = [attribution_colour(float(v), scale) for v in result.attributions]
        self._explained = result.position
        joined = np.array([label.startswith("##") for label in result.labels], bool)
        self.set_chips(tuple(result.labels), kinds.astype(np.int8), joined)

    def _on_colour_maps_changed(self) -> None:
        if self._result is not None:
            self._fills = [attribution_colour(float(v), self._result.scale)
                           for v in self._result.attributions]
            self.update()

    def fill_of(self, position: int) -> QColor:
        return QColor(self._fills[position])

    def _paint_chip(self, painter: QPainter, i: int, rect: QRect) -> None:
        kind = int(self._kinds[i])
        box = QRectF(rect).adjusted(1.0, 1.0, -1.0, -1.0)
        fill = self._fills[i]
        hovered = i in (self._hovered, self._highlighted)
        colours = theme_colours()
        border, width = (QColor(MASKED_BORDER), 2.0) if kind == MASKED else (colours.chip_border, 1.0)
        if i == self._explained:
            border, width = colours.text, 3.0
        if hovered:
            border, width = colours.hover, max(width, 2.0)
        pen = QPen(QColor(border), width)
        if kind == SPECIAL:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(self._bold if kind == MASKED else self.font())
        painter.setPen(readable_text(fill))
        painter.drawText(QRectF(rect).adjusted(7, 0, -7, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._labels[i])


class SaliencyLegend(QWidget):
    """A colour bar from −scale to +scale, with its ends and zero written under it."""

    def __init__(self) -> None:
        super().__init__()
        self._scale = 0.0
        colour_maps().changed.connect(self.update)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(34)

    def set_scale(self, scale: float) -> None:
        self._scale = float(scale)
        self.update()

    def labels(self) -> tuple[str, str, str]:
        end = format_number(self._scale, 3)
        return (self.tr("−{value}  lowered").format(value=end), "0",
                self.tr("+{value}  raised").format(value=end))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 34)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        bar = QRectF(6, 2, max(self.width() - 12, 10), 12)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for stop in np.linspace(0.0, 1.0, 9):
            gradient.setColorAt(float(stop), colour_maps().colour(DIVERGING, float(stop)))
        painter.fillRect(bar, gradient)
        colours = theme_colours()
        painter.setPen(colours.chip_border)
        painter.drawRect(bar)
        painter.setPen(colours.text)
        below = QRectF(bar.left(), bar.bottom() + 2, bar.width(), 16)
        low, zero, high = self.labels()
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, low)
        painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, zero)
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, high)
        painter.end()
