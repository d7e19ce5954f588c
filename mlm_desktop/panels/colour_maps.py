"""The colour maps of every map-coloured view: one sequential, one diverging, chosen by the user.

Views ask for a *role* rather than a map: :data:`SEQUENTIAL` for values of one
sign (probabilities, attention weights, surprisal), :data:`DIVERGING` for
signed values around zero (hidden states, cosine similarity, attributions).
The maps are pyqtgraph's (``pg.colormap.get``); every map offered is
perceptually uniform and the defaults are colour-blind safe. When the user
picks another map, :func:`colour_maps` emits ``changed`` and each view
repaints with it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

SEQUENTIAL = "sequential"
DIVERGING = "diverging"
#: perceptually uniform maps of one hue ramp; cividis and the CET-CB maps suit colour-blind eyes
SEQUENTIAL_MAPS = ("viridis", "cividis", "magma", "inferno", "plasma", "CET-CBL1", "CET-CBL2")
#: perceptually uniform diverging maps; CET-CBD1 (blue–white–yellow) suits every kind of colour-blindness
DIVERGING_MAPS = ("CET-D1A", "CET-CBD1", "CET-D1", "CET-D4", "CET-D6")
DEFAULT_MAPS = {SEQUENTIAL: "viridis", DIVERGING: "CET-D1A"}
MAP_CHOICES = {SEQUENTIAL: SEQUENTIAL_MAPS, DIVERGING: DIVERGING_MAPS}
LUT_POINTS = 256


@lru_cache(maxsize=32)
def _colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


class ColourMaps(QObject):
    """The chosen map of each role; ``changed`` when the user picks another."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = dict(DEFAULT_MAPS)

    def name(self, role: str) -> str:
        """The map of ``role``; a map's own name (a view fixed to one map) is returned as it is."""
        return self._names.get(role, role)

    def colormap(self, role: str) -> pg.ColorMap:
        return _colormap(self.name(role))

    def lookup_table(self, role: str) -> np.ndarray:
        """(256, 4) uint8 RGBA of ``role``'s map, low end first."""
        return self.colormap(role).getLookupTable(nPts=LUT_POINTS, alpha=True)

    def colour(self, role: str, fraction: float) -> QColor:
        """The colour at ``fraction`` (0 to 1, clipped) along ``role``'s map."""
        share = min(max(float(fraction), 0.0), 1.0) if np.isfinite(fraction) else 0.0
        return QColor(self.colormap(role).map(share, mode="qcolor"))

    def set_maps(self, sequential: str | None = None, diverging: str | None = None) -> None:
        """Use these maps (None keeps a role's map); one not offered raises ValueError."""
        wanted = dict(self._names)
        for role, name in ((SEQUENTIAL, sequential), (DIVERGING, diverging)):
            if name is None:
                continue
            if name not in MAP_CHOICES[role]:
                raise ValueError(f"{name!r} is not a {role} colour map")
            wanted[role] = name
        if wanted != self._names:
            self._names = wanted
            self.changed.emit()


_MAPS: ColourMaps | None = None


def colour_maps() -> ColourMaps:
    """The window's colour maps (one for the whole application)."""
    global _MAPS
    if _MAPS is None:
        _MAPS = ColourMaps()
    return _MAPS
