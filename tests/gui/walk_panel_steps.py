"""The random walk's steps on docks and panels (see :mod:`random_walk`)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM


class PanelSteps:
    """Close, reopen, raise and float docks; use what the panels offer."""

    # -- docks -----------------------------------------------------------------------
    def toggle_dock(self) -> None:
        """Close a dock, or reopen one (the View menu's action)."""
        name, dock = self.rng.choice(sorted(self.window.panels.docks.items()))
        self.note(f"{'close' if dock.isVisible() else 'open'} dock {name}")
        dock.toggleViewAction().trigger()

    def raise_dock(self) -> None:
        """Bring a tab to the front of its group."""
        name, dock = self.rng.choice(sorted(self.window.panels.docks.items()))
        self.note(f"raise dock {name}")
        dock.raise_()

    def float_dock(self) -> None:
        """Tear a dock off as a window of its own, or put it back."""
        name, dock = self.rng.choice(sorted(self.window.panels.docks.items()))
        self.note(f"{'dock' if dock.isFloating() else 'float'} {name}")
        dock.setFloating(not dock.isFloating())

    def use_a_panel(self) -> None:
        """What a user does inside the panels: modes, layers, keys, menus, pointing."""
        w, rng = self.window, self.rng
        strip, heatmap = w.panel("tokens"), w.panel("logitsHeatmap")
        hidden = w.panel("hiddenStates")
        count = max(strip.chip_count(), 1)
        choice = rng.randrange(6)
        self.note(f"panel use {choice}")
        if choice == 0:
            heatmap.set_mode(rng.choice(["masked", "all"]))
            heatmap.set_value_kind(rng.choice(["logits", "probabilities"]))
        elif choice == 1:
            hidden.layer_slider().setValue(rng.randrange(hidden.layer_slider().maximum() + 1))
        elif choice == 2:
            view = rng.choice([heatmap.heatmap(), hidden.heatmap()])
            view.hover_scene_position(view.cell_center(rng.randrange(count), rng.randrange(count)))
        elif choice == 3:
            key = rng.choice([Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_End, Qt.Key.Key_Space])
            ledger = self.controller.analysis.ledger
            before = ledger.latest(MASKED_LM)
            self.qtbot.keyClick(strip, key)
            if ledger.latest(MASKED_LM) != before:
                self.draw = None  # Space masked or unmasked a token
        elif choice == 4 and strip.isVisible() and strip.chip_count():
            self.qtbot.mouseMove(strip, strip.chip_rect(rng.randrange(strip.chip_count())).center())
        elif choice == 5:
            w.panel("loss").reset_view()
            w.panel("predictions").show_token(rng.randrange(count))

    def reset_layout(self) -> None:
        self.note("reset layout")
        self.window.reset_layout_action.trigger()
