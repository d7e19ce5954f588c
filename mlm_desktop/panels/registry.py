"""Every panel the window shows, one line each.

Adding a panel is a new module in this package plus one :class:`PanelSpec`
line in :data:`PANELS`; the panel host makes its dock, its View-menu entry,
routes its results and links its token hover.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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
    ``title``: the dock's title and View-menu entry, in English (marked for translation);
    :attr:`shown_title` is the title in the interface's language.
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
    def shown_title(self) -> str:
        return QCoreApplication.translate("PanelSpec", self.title)

    @property
    def dock_name(self) -> str:
        return f"{self.id}Dock"


#: each panel's title by id, in English (the dock shows it translated: PanelSpec.shown_title)
TITLES = {
    "tokens": QT_TRANSLATE_NOOP(
        "PanelSpec", "Tokens"),
    "logitsHeatmap": QT_TRANSLATE_NOOP(
        "PanelSpec", "Logits heatmap"),
    "hiddenStates": QT_TRANSLATE_NOOP(
        "PanelSpec", "Hidden states"),
    "logitLens": QT_TRANSLATE_NOOP(
        "PanelSpec", "Logit lens"),
    "attention": QT_TRANSLATE_NOOP(
        "PanelSpec", "Attention"),
    "geometry": QT_TRANSLATE_NOOP(
        "PanelSpec", "Geometry"),
    "saliency": QT_TRANSLATE_NOOP(
        "PanelSpec", "Saliency"),
    "predictions": QT_TRANSLATE_NOOP(
        "PanelSpec", "Predictions"),
    "loss": QT_TRANSLATE_NOOP(
        "PanelSpec", "Loss"),
    "sentences": QT_TRANSLATE_NOOP(
        "PanelSpec", "Sentences"),
    "pll": QT_TRANSLATE_NOOP(
        "PanelSpec", "Pseudo-likelihood"),
    "jointFill": QT_TRANSLATE_NOOP(
        "PanelSpec", "Joint fill"),
}

PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("tokens", TITLES["tokens"], TokenStrip, area="bottom", group="tokens",
              height_share=0.25, always_current=True),
    PanelSpec("logitsHeatmap", TITLES["logitsHeatmap"], LogitsHeatmap, area="bottom", group="layers",
              height_share=0.42),
    PanelSpec("hiddenStates", TITLES["hiddenStates"], HiddenStatesView, area="bottom", group="layers",
              needs=frozenset({"hidden_states"})),
    PanelSpec("logitLens", TITLES["logitLens"], LogitLensPanel, kind="logit_lens", area="bottom",
              group="layers"),
    PanelSpec("attention", TITLES["attention"], AttentionPanel, kind="attention", area="bottom",
              group="layers"),
    PanelSpec("geometry", TITLES["geometry"], GeometryPanel, kind="geometry", area="bottom", group="layers"),
    PanelSpec("saliency", TITLES["saliency"], SaliencyPanel, kind="saliency", area="bottom", group="layers"),
    PanelSpec("predictions", TITLES["predictions"], PredictionsPanel, area="right", group="predictions",
              height_share=0.48),
    PanelSpec("loss", TITLES["loss"], LossPanel, area="right", group="figures", height_share=0.52,
              also=frozenset({"head_check"})),
    PanelSpec("sentences", TITLES["sentences"], SentencesPanel, area="right", group="figures"),
    PanelSpec("pll", TITLES["pll"], PllPanel, kind="pll", area="right", group="figures"),
    PanelSpec("jointFill", TITLES["jointFill"], JointFillPanel, kind="joint_fill", area="right",
              group="figures"),
)
