"""Every panel the window shows, one line each.

Adding a panel is a new module in this package plus one :class:`PanelSpec`
line in :data:`PANELS`; the panel host makes its dock, its View-menu entry,
routes its results and links its token hover.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from .attention_panel import AttentionPanel
from .geometry_panel import GeometryPanel
from .hidden_states_view import HiddenStatesView
from .joint_fill_panel import JointFillPanel
from .logit_lens_panel import LogitLensPanel
from .logits_heatmap import LogitsHeatmap
from .loss_panel import LossPanel
from .pll_panel import PllPanel
from .predictions_panel import PredictionsPanel
from .saliency_panel import SaliencyPanel
from .sentences_panel import SentencesPanel
from .token_strip import TokenStrip

#: optional outputs of the masked-LM pass a panel may need; asked for only while it is visible
OPTIONAL_OUTPUTS = frozenset({"hidden_states", "attentions", "full_logits"})


@dataclass(frozen=True)
class PanelSpec:
    """How the window hosts one panel.

    ``id``: stable name (the dock is ``f"{id}Dock"``, as saved layouts know it).
    ``title``: the dock's title and View-menu entry.
    ``factory``: makes the widget (see :mod:`.protocol`).
    ``kind``: the analysis kind whose results it draws.
    ``area``: the dock area it opens in on a first run (``"bottom"``, ``"right"``).
    ``group``: panels of one area and group share their space as tabs, the
    first one in front; groups of an area are stacked top to bottom.
    ``height_share``: a group's first-run share of the window's height.
    ``needs``: optional outputs it draws (see :data:`OPTIONAL_OUTPUTS`).
    ``always_current``: drawn even while hidden (the token strip takes clicks).
    ``also``: follow-up kinds it draws beside ``kind``, handed to its
    ``set_follow_up(kind, result)`` (the loss panel shows the head check).
    """

    id: str
    title: str
    factory: Callable[[], QWidget]
    kind: str = "masked_lm"
    area: str = "bottom"
    group: str = ""
    height_share: float | None = None
    needs: frozenset[str] = frozenset()
    always_current: bool = False
    also: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = set(self.needs) - OPTIONAL_OUTPUTS
        if unknown:
            raise ValueError(f"panel {self.id}: unknown outputs {sorted(unknown)}")

    @property
    def dock_name(self) -> str:
        return f"{self.id}Dock"


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("tokens", "Tokens", TokenStrip, area="bottom", group="tokens",
              height_share=0.25, always_current=True),
    PanelSpec("logitsHeatmap", "Logits heatmap", LogitsHeatmap, area="bottom", group="layers",
              height_share=0.42),
    PanelSpec("hiddenStates", "Hidden states", HiddenStatesView, area="bottom", group="layers",
              needs=frozenset({"hidden_states"})),
    PanelSpec("logitLens", "Logit lens", LogitLensPanel, kind="logit_lens", area="bottom",
              group="layers"),
    PanelSpec("attention", "Attention", AttentionPanel, kind="attention", area="bottom", group="layers"),
    PanelSpec("geometry", "Geometry", GeometryPanel, kind="geometry", area="bottom", group="layers"),
    PanelSpec("saliency", "Saliency", SaliencyPanel, kind="saliency", area="bottom", group="layers"),
    PanelSpec("predictions", "Predictions", PredictionsPanel, area="right", group="predictions",
              height_share=0.48),
    PanelSpec("loss", "Loss", LossPanel, area="right", group="figures", height_share=0.52,
              also=frozenset({"head_check"})),
    PanelSpec("sentences", "Sentences", SentencesPanel, area="right", group="figures"),
    PanelSpec("pll", "Pseudo-likelihood", PllPanel, kind="pll", area="right", group="figures"),
    PanelSpec("jointFill", "Joint fill", JointFillPanel, kind="joint_fill", area="right", group="figures"),
)
