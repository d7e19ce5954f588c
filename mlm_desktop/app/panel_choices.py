"""Choices made in the panels that the next run shows again.

The hidden-state view's layer and colour scale, the logits heatmap's rows
and colour, and the Sentences panel's mode (decoded or tokens joined), are
kept in the settings (:mod:`.settings`, each value checked as it is read):
applied to the panels when the window is built, written as soon as the user
changes them. Panels a window does not have are left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..panels.hidden_states_view import HiddenStatesView
from ..panels.logits_heatmap import LogitsHeatmap
from ..panels.sentences_panel import SentencesPanel
from .settings import AppSettings


class PanelChoices(QObject):
    """Restores and remembers the panels' choices in ``settings``."""

    def __init__(self, panels: Mapping[str, QWidget], settings: AppSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._hidden = [p for p in panels.values() if isinstance(p, HiddenStatesView)]
        self._logits = [p for p in panels.values() if isinstance(p, LogitsHeatmap)]
        self._sentences = [p for p in panels.values() if isinstance(p, SentencesPanel)]

    def restore(self) -> None:
        """Show the stored choices (a value that cannot be used gives the panel's default)."""
        s = self._settings
        layer, scale = s.hidden_layer, s.hidden_scale
        for view in self._hidden:
            view.set_scale_mode(scale)
            view.set_layer(layer)
        rows, colour = s.logits_rows, s.logits_colour
        for heatmap in self._logits:
            heatmap.set_mode(rows)
            heatmap.set_value_kind(colour)
        joined = s.sentences_joined
        for panel in self._sentences:
            panel.set_joined_tokens(joined)

    def remember(self) -> None:
        """From now on, write each choice the user makes."""
        for view in self._hidden:
            view.layer_changed.connect(self._on_layer_changed)
            view.scale_mode_changed.connect(self._on_scale_mode_changed)
        for heatmap in self._logits:
            heatmap.choices_changed.connect(lambda h=heatmap: self._on_logits_choices_changed(h))
        for panel in self._sentences:
            panel.joined_tokens_changed.connect(self._on_joined_tokens_changed)

    def _on_layer_changed(self, layer: int) -> None:
        self._settings.hidden_layer = layer

    def _on_scale_mode_changed(self, mode: str) -> None:
        self._settings.hidden_scale = mode

    def _on_joined_tokens_changed(self, joined: bool) -> None:
        self._settings.sentences_joined = joined

    def _on_logits_choices_changed(self, heatmap: LogitsHeatmap) -> None:
        self._settings.logits_rows = heatmap.mode()
        self._settings.logits_colour = heatmap.value_kind()
