"""The editor's text coloured as the token chips are: one value per token (surprisal, say).

A panel offers a colouring of the tokens (``overlay_changed(values, legend)``,
None to take it off); the token views colour their chips, and this colours the
characters of each token in the editor with the same fill. The values are of
the masked-LM result on screen: a colouring of another text is not shown, and
an edit takes it off until the new text's values come (see
:meth:`~mlm_desktop.app.text_editor.TextEditor.set_overlay`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from ..core.analyses.masked_lm_types import AnalysisResult
from ..panels.chip_overlay import overlay_colours
from .text_editor import TextEditor


def token_fills(result: AnalysisResult, values: np.ndarray) -> list[tuple[int, int, QColor]]:
    """(start, end, fill) of every token of ``result`` with a value, in code points."""
    spans = []
    for position, fill in enumerate(overlay_colours(values)):
        start, end = (int(v) for v in result.offsets[position])
        if fill is not None and end > start and not result.special_mask[position]:
            spans.append((start, end, fill))
    return spans


class EditorOverlay(QObject):
    """Follows ``overlay_changed`` for ``editor``; ``shown`` gives the masked-LM result on screen."""

    def __init__(self, editor: TextEditor, overlay_changed: Signal,
                 shown: Callable[[], AnalysisResult | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._shown = shown
        overlay_changed.connect(self._on_overlay_changed)

    def _on_overlay_changed(self, values, _legend: str) -> None:
        result = self._shown()
        if values is None or result is None or len(values) != result.num_tokens:
            self._editor.set_overlay("", [])
            return
        self._editor.set_overlay(result.text, token_fills(result, np.asarray(values, float)))
