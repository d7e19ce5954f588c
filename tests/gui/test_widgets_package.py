"""The panels package's exports, and results from another tokenizer family in two views.

Which panels the window shows, and that each draws every result, is checked
over the registry in test_panels_registry.py.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QWidget

import mlm_desktop.panels as widgets


def test_the_package_exports_widget_classes():
    assert widgets.__all__
    for name in widgets.__all__:
        assert issubclass(getattr(widgets, name), QWidget)


def test_roberta_tokens_show_without_byte_markers(place, roberta_result):
    strip = place(widgets.TokenStrip(), roberta_result)
    assert strip.chip_count() == roberta_result.num_tokens
    assert roberta_result.typed_mask.any()
    typed = int(np.flatnonzero(roberta_result.typed_mask)[0])
    assert strip.chip_kind(typed) == "typed"
    panel = place(widgets.PredictionsPanel(), roberta_result)
    assert panel.displayed_positions() == roberta_result.prediction_positions.tolist()
