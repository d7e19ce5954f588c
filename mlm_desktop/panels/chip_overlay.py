"""A colour over the token chips: one value per token (surprisal, an attribution), with a legend.

Values of one sign use the sequential colour map (its low end at zero, its
high end at the largest value); values of both signs the diverging one
(symmetric around zero, at its middle). The maps are the user's choice
(:mod:`.colour_maps`). NaN gives no colour: the chip keeps its usual look.
"""

from __future__ import annotations

import html
import math

import numpy as np
from PySide6.QtGui import QColor

from .colour_maps import DIVERGING, SEQUENTIAL, colour_maps
from .theme import readable_text


def overlay_scale(values: np.ndarray) -> tuple[float, float]:
    """(low, high) ends of the scale: (0, max) for one sign, (−m, m) for both."""
    finite = np.asarray(values, float)
    finite = finite[np.isfinite(finite)]
    if not finite.size:
        return 0.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    if low < 0 < high or high <= 0 < -low:
        bound = max(-low, high)
        return -bound, bound
    return 0.0, max(high, 1e-12)


def overlay_colour(value: float, scale: tuple[float, float]) -> QColor | None:
    """The fill of a chip with ``value`` on ``scale`` (None: no value)."""
    if value is None or not math.isfinite(value):
        return None
    low, high = scale
    if low < 0:
        return colour_maps().colour(DIVERGING, 0.5 + value / (2 * high))
    return colour_maps().colour(SEQUENTIAL, value / high)


def overlay_colours(values: np.ndarray) -> list[QColor | None]:
    scale = overlay_scale(values)
    return [overlay_colour(float(v), scale) for v in np.asarray(values, float)]


def text_colour(fill: QColor) -> QColor:
    """Dark text on a light fill, white on a dark one."""
    return readable_text(fill)


#: colours the legend grades its scale in, from one end to the other
LEGEND_STEPS = 5


def _swatch(colour: QColor) -> str:
    return (f'<span style="background-color: {colour.name()}; color: {colour.name()};">'
            "&nbsp;&nbsp;&nbsp;&nbsp;</span>")


def legend_steps(values: np.ndarray) -> list[tuple[float, QColor]]:
    """(value, colour) at :data:`LEGEND_STEPS` evenly spaced points of the scale, end to end."""
    low, high = overlay_scale(values)
    return [(float(v), overlay_colour(float(v), (low, high)))
            for v in np.linspace(low, high, LEGEND_STEPS)]


def legend_html(values: np.ndarray, legend: str) -> str:
    """The legend: its name, then the scale graded in steps, each colour over its value."""
    parts = [f"{_swatch(colour)}&nbsp;{value:.3g}" for value, colour in legend_steps(values)]
    return f"{html.escape(legend)}: " + " &nbsp;".join(parts)
