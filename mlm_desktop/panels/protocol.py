"""What a panel is: a widget that draws one kind of result and emits intents.

Required: ``set_result(result | None)``: draw ``result`` (the frozen result of
the panel's analysis kind), or clear for None. A panel draws from the
result alone, never the model, and never changes the masks itself.

Optional, found by name by the panel host (:mod:`mlm_desktop.app.panel_host`):

- ``highlight_token(position)``: follow a token another panel points at
  (-1: none).
- ``show_token(position)``: bring a token's entry into view (after a click
  masked it).
- ``step_layer(step)``: a panel that shows one layer at a time shows the next
  (1) or previous (-1), as if the user stepped its control (Navigate ▸ Next
  layer); returns False when it shows no layers.
- signals ``token_hovered(int)`` and ``token_selected(int)``: the panel points
  at a token (-1: none); the host links it across every panel and the editor.
- signals ``mask_toggled(int)``, ``mask_range_toggled(int, int)`` and
  ``word_mask_toggled(int)``: the user asks to mask or unmask tokens.
- ``show_provisional(result, prediction, note)``: a panel that lists
  predictions shows one known early (a single mask answered from the scoring
  pass) until its next ``set_result``.
- the signal ``overlay_changed(values | None, legend)``: one value per token
  to colour the token views with (``set_overlay(values, legend)`` on every
  panel that has it; None takes the colour off).
- ``follow_up_settings()`` and the signal ``follow_up_settings_changed()``:
  a panel of a follow-up analysis offers settings of its own (which rows,
  which target words); the app passes the value (frozen, comparable) to the
  unit's ``request_for`` and asks again when the signal fires.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

#: signals a panel may declare, each with the host signal it feeds
INTENT_SIGNALS = (
    "token_hovered",
    "token_selected",
    "mask_toggled",
    "mask_range_toggled",
    "word_mask_toggled",
)


@runtime_checkable
class Panel(Protocol):
    def set_result(self, result: object | None) -> None: ...
