"""The panels: views of analysis results, one module each.

Each panel has ``set_result(result | None)``, draws from the result alone
(never the model) and emits intents as signals; none changes the mask itself
(see :mod:`.protocol`). :mod:`.registry` lists the panels the window hosts.
"""

from .hidden_states_view import HiddenStatesView
from .logits_heatmap import LogitsHeatmap
from .loss_panel import LossPanel
from .predictions_panel import PredictionsPanel
from .sentences_panel import SentencesPanel
from .token_strip import TokenStrip

__all__ = [
    "HiddenStatesView",
    "LogitsHeatmap",
    "LossPanel",
    "PredictionsPanel",
    "SentencesPanel",
    "TokenStrip",
]
