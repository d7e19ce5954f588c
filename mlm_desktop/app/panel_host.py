"""The panel host: docks for every registered panel, results routed by kind.

It creates one dock and one View-menu entry per :class:`PanelSpec`, gives
each result to the panels that show its kind, draws a panel only while it
can be seen (a closed dock or a tab behind another is drawn when it shows),
and links a token pointed at in one panel to every other panel.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from ..panels.registry import PanelSpec
from .dock_shares import DockShares

log = logging.getLogger(__name__)

_AREAS = {
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "top": Qt.DockWidgetArea.TopDockWidgetArea,
}
#: first-run width of the right-hand docks: a third of the window, at least this
RIGHT_AREA_MIN_WIDTH = 460


class PanelHost(QObject):
    """Hosts the panels of ``specs`` in ``window``'s docks."""

    #: a panel points at a token (-1: none): hovered or selected
    token_hovered = Signal(int)
    mask_toggled = Signal(int)
    mask_range_toggled = Signal(int, int)
    word_mask_toggled = Signal(int)
    #: a panel came into view or went out of it (needs and follow-ups may change)
    visibility_changed = Signal()
    #: a panel changed the settings of its follow-up analysis: its kind
    follow_up_settings_changed = Signal(str)
    #: a panel offers a colouring of the tokens: one value per token (None: none), legend
    overlay_changed = Signal(object, str)

    def __init__(self, window: QMainWindow, specs: Sequence[PanelSpec]) -> None:
        super().__init__(window)
        self._window = window
        self.specs = {spec.id: spec for spec in specs}
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._results: dict[str, object | None] = {}
        self._stale: set[str] = set()
        self._seen: dict[str, bool] = {}
        #: each dock's share of the window, asked for again after the window is resized
        self.shares = DockShares(window)
        for spec in specs:
            self._add(spec)
        self._arrange()

    # -- construction -------------------------------------------------------
    def _add(self, spec: PanelSpec) -> None:
        panel = spec.factory()
        dock = QDockWidget(spec.shown_title, self._window)
        dock.setObjectName(spec.dock_name)
        panel.setParent(dock)
        dock.setWidget(panel)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self._window.addDockWidget(_AREAS[spec.area], dock)
        self.panels[spec.id] = panel
        self.docks[spec.id] = dock
        # reopened from the View menu, a dock comes to the front of its tab group
        dock.toggleViewAction().triggered.connect(lambda checked, d=dock: checked and d.raise_())
        dock.visibilityChanged.connect(
            lambda visible, pid=spec.id: self._on_dock_visibility_changed(pid, visible)
        )
        for name, handler in (
            ("token_hovered", self._on_panel_token_pointed),
            ("token_selected", self._on_panel_token_pointed),
        ):
            signal = getattr(panel, name, None)
            if signal is not None:
                signal.connect(lambda position, pid=spec.id, h=handler: h(pid, position))
        for name in ("mask_toggled", "mask_range_toggled", "word_mask_toggled"):
            signal = getattr(panel, name, None)
            if signal is not None:
                signal.connect(getattr(self, name))
        signal = getattr(panel, "overlay_changed", None)
        if signal is not None:  # a colouring of the tokens (surprisal, say) for every token view
            signal.connect(lambda values, legend, pid=spec.id: self._on_overlay(pid, values, legend))
        signal = getattr(panel, "follow_up_settings_changed", None)
        if signal is not None:
            signal.connect(lambda *_, kind=spec.kind: self.follow_up_settings_changed.emit(kind))

    def _groups(self) -> dict[str, list[list[str]]]:
        """Panel ids by area, then by group, in registry order."""
        areas: dict[str, dict[str, list[str]]] = {}
        for spec in self.specs.values():
            areas.setdefault(spec.area, {}).setdefault(spec.group or spec.id, []).append(spec.id)
        return {area: list(groups.values()) for area, groups in areas.items()}

    def _arrange(self) -> None:
        """Groups of an area stacked top to bottom; the panels of a group tabbed."""
        w = self._window
        for groups in self._groups().values():
            leads = [self.docks[group[0]] for group in groups]
            for above, below in zip(leads, leads[1:], strict=False):
                w.splitDockWidget(above, below, Qt.Orientation.Vertical)
            for group in groups:
                lead = self.docks[group[0]]
                for other in group[1:]:
                    w.tabifyDockWidget(lead, self.docks[other])
                lead.raise_()
                # until Qt reports otherwise, the front tab of each group is in view
                for pid in group:
                    self._seen[pid] = pid == group[0]

    def apply_default_sizes(self) -> None:
        """First-run sizes: the right-hand docks a third wide, each group its height share.

        They are also remembered as the docks' shares of the window, kept when it is resized.
        """
        w = self._window
        height = max(w.height(), 600)
        groups = self._groups()
        right = [self.docks[g[0]] for g in groups.get("right", [])]
        if right:
            width = max(RIGHT_AREA_MIN_WIDTH, w.width() // 3)
            w.resizeDocks(right[:1], [width], Qt.Orientation.Horizontal)
            for group in groups["right"]:
                for pid in group:
                    self.shares.set_share(self.docks[pid], width / max(w.width(), 1), None)
        for area_groups in groups.values():
            shares = [(g, self.specs[g[0]].height_share) for g in area_groups]
            sized = [(g, share) for g, share in shares if share]
            if len(sized) > 1:
                w.resizeDocks([self.docks[g[0]] for g, _ in sized],
                              [int(height * s) for _, s in sized], Qt.Orientation.Vertical)
                for group, share in sized:
                    for pid in group:
                        self.shares.set_share(self.docks[pid], None, share)

    def toggle_actions(self) -> list[QAction]:
        """Each dock's show/hide action, for the View menu."""
        return [dock.toggleViewAction() for dock in self.docks.values()]

    def show_all(self) -> None:
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()

    # -- what is in view -------------------------------------------------------
    def panel(self, panel_id: str) -> QWidget:
        return self.panels[panel_id]

    def is_in_view(self, panel_id: str) -> bool:
        """Whether the panel can be seen (every panel counts while the window is hidden)."""
        if not self._window.isVisible():
            return True
        return self._seen.get(panel_id, True)

    def _wanted(self, panel_id: str) -> bool:
        """Whether a panel's needs count: it is, or will be when the window shows, in view."""
        if self._window.isVisible():
            return self._seen.get(panel_id, True)
        return self._seen.get(panel_id, True) and not self.docks[panel_id].isHidden()

    def needed_outputs(self, kind: str = "masked_lm") -> frozenset[str]:
        """Optional outputs of ``kind`` that the panels in view draw."""
        out: set[str] = set()
        for pid, spec in self.specs.items():
            if spec.kind == kind and self._wanted(pid):
                out |= spec.needs
        return frozenset(out)

    def follow_up_settings(self, kind: str) -> object | None:
        """The settings a panel of ``kind`` asks its analysis to use (None: none offers any).

        A panel in view speaks first; see ``follow_up_settings`` in
        :mod:`mlm_desktop.panels.protocol`.
        """
        offering = [pid for pid, spec in self.specs.items()
                    if spec.kind == kind and hasattr(self.panels[pid], "follow_up_settings")]
        offering.sort(key=lambda pid: not self._wanted(pid))
        return self.panels[offering[0]].follow_up_settings() if offering else None

    def kinds_in_view(self) -> set[str]:
        kinds: set[str] = set()
        for pid, spec in self.specs.items():
            if self._wanted(pid):
                kinds |= {spec.kind, *spec.also}
        return kinds

    def _on_dock_visibility_changed(self, panel_id: str, visible: bool) -> None:
        # Qt's own notion: false for a closed dock and for a tab behind another
        was = self._seen.get(panel_id)
        self._seen[panel_id] = bool(visible)
        if visible and panel_id in self._stale:
            self._draw(panel_id)
        if was != bool(visible):
            self.visibility_changed.emit()

    # -- results ---------------------------------------------------------------
    def set_result(self, kind: str, result: object | None) -> None:
        """Give ``result`` (None clears) to every panel showing ``kind``.

        A panel out of view gets it when it comes into view: drawing for
        nobody would only delay the panels people look at.
        """
        self._results[kind] = result
        for pid, spec in self.specs.items():
            if spec.kind != kind and kind not in spec.also:
                continue
            if not (spec.always_current or self.is_in_view(pid)):
                self._stale.add(pid)
            elif spec.kind == kind:
                self._draw(pid)
            elif pid not in self._stale:  # a follow-up it also draws: only that part
                self._hand_follow_up(pid, kind)

    def result(self, kind: str) -> object | None:
        return self._results.get(kind)

    def _draw(self, panel_id: str) -> None:
        self._stale.discard(panel_id)
        panel = self.panels[panel_id]
        spec = self.specs[panel_id]
        try:
            panel.set_result(self._results.get(spec.kind))
        except Exception:  # noqa: BLE001 - one broken panel must not take the window down
            log.exception("the %s panel could not show its result", panel_id)
        for kind in sorted(spec.also):
            self._hand_follow_up(panel_id, kind)

    def _hand_follow_up(self, panel_id: str, kind: str) -> None:
        try:
            self.panels[panel_id].set_follow_up(kind, self._results.get(kind))
        except Exception:  # noqa: BLE001
            log.exception("the %s panel could not show its %s result", panel_id, kind)

    # -- linking -----------------------------------------------------------------
    def _on_panel_token_pointed(self, source: str, position: int) -> None:
        self.highlight_token(int(position), source)
        self.token_hovered.emit(int(position))

    def _on_overlay(self, source: str, values, legend: str) -> None:
        for pid, panel in self.panels.items():
            if pid != source and hasattr(panel, "set_overlay"):
                panel.set_overlay(values, legend)
        self.overlay_changed.emit(values, legend)

    def highlight_token(self, position: int, source: str | None = None) -> None:
        """Every panel but ``source`` follows ``position`` (-1: none)."""
        for pid, panel in self.panels.items():
            if pid != source and hasattr(panel, "highlight_token"):
                panel.highlight_token(position)

    def show_provisional(self, result, prediction, note: str) -> None:
        """Panels that list predictions show ``prediction`` now, with ``note``, until the next result."""
        for panel in self.panels.values():
            if hasattr(panel, "show_provisional"):
                panel.show_provisional(result, prediction, note)

    def show_token(self, position: int) -> None:
        """Panels that list tokens bring ``position`` into view."""
        for panel in self.panels.values():
            if hasattr(panel, "show_token"):
                panel.show_token(position)
