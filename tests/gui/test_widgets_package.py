"""All six views: the package's exports and results from another tokenizer family."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

import mlm_desktop.panels as widgets  # noqa: E402
from mlm_desktop.core import AnalysisRequest, analyze  # noqa: E402

VIEWS = (
    "TokenStrip",
    "PredictionsPanel",
    "SentencesPanel",
    "LossPanel",
    "LogitsHeatmap",
    "HiddenStatesView",
)


@pytest.fixture(scope="module")
def roberta_result(tiny_roberta):
    text = "The cat sat on the mat. Paris is the capital of France."
    return analyze(tiny_roberta, AnalysisRequest(text + " <mask> café", mask_positions=(2, 5)))


def test_the_package_exports_the_six_views():
    assert sorted(widgets.__all__) == sorted(VIEWS)
    for name in VIEWS:
        assert issubclass(getattr(widgets, name), QWidget)


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_draws_a_roberta_result_and_clears(qtbot, name, roberta_result):
    view = getattr(widgets, name)()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    view.set_result(roberta_result)
    view.set_result(None)
    view.set_result(roberta_result)


def test_roberta_tokens_show_without_byte_markers(qtbot, roberta_result):
    strip = widgets.TokenStrip()
    qtbot.addWidget(strip)
    strip.set_result(roberta_result)
    assert strip.chip_count() == roberta_result.num_tokens
    assert roberta_result.typed_mask.any()
    typed = int(np.flatnonzero(roberta_result.typed_mask)[0])
    assert strip.chip_kind(typed) == "typed"
    panel = widgets.PredictionsPanel()
    qtbot.addWidget(panel)
    panel.set_result(roberta_result)
    assert panel.displayed_positions() == roberta_result.prediction_positions.tolist()
