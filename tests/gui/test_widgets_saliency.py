"""The saliency panel on real saliency results of the tiny models."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from widget_fixtures import NOTEBOOK_MASK

from mlm_desktop.core.analyses import saliency
from mlm_desktop.core.analyses.saliency_types import SaliencySettings
from mlm_desktop.panels.saliency_panel import EMPTY_TEXT, LEGEND, SaliencyPanel
from mlm_desktop.panels.saliency_tokens import attribution_colour

# the default diverging map (CET-D1A): blue, near white, red
NEGATIVE, NEUTRAL, POSITIVE = "#172972", "#eee3e8", "#660702"

SIZE = (900, 360)


def _saliency(lm, parent, **settings):
    return saliency.run(lm, saliency.request_for(parent, None, SaliencySettings(**settings)))


@pytest.fixture(scope="module")
def explained(tiny_bert, result):
    return _saliency(tiny_bert, result, method="gxi")


@pytest.fixture
def panel(place, explained):
    return place(SaliencyPanel(), explained, size=SIZE)


def _mouse(panel, kind, position: int) -> None:
    chips = panel.chips()
    centre = QPointF(chips.chip_rect(position).center())
    button = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, centre, chips.mapToGlobal(centre), button, button,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(chips, event)


def test_diverging_colours_run_along_the_diverging_map_blue_white_red():
    assert attribution_colour(-2.0, 2.0).name() == NEGATIVE
    assert attribution_colour(0.0, 2.0).name() == NEUTRAL
    assert attribution_colour(2.0, 2.0).name() == POSITIVE
    assert attribution_colour(5.0, 2.0).name() == POSITIVE, "beyond the scale: its end"
    assert attribution_colour(1.0, 0.0).name() == NEUTRAL, "no scale: nothing to colour"


def test_each_chip_is_coloured_by_its_signed_attribution(panel, explained):
    chips = panel.chips()
    values = explained.attributions
    scale = float(np.abs(values).max())
    assert panel.legend().labels()[0].startswith("−") and panel.legend().labels()[1] == "0"
    for position, value in enumerate(values.tolist()):
        assert chips.fill_of(position) == attribution_colour(value, scale)
    strongest = int(np.argmax(np.abs(values)))
    expected = POSITIVE if values[strongest] > 0 else NEGATIVE
    assert chips.fill_of(strongest).name() == expected
    assert panel.legend().isVisible()


def test_the_choices_are_the_masked_positions_and_the_top_k(panel, explained, result):
    positions = panel.position_box()
    assert [positions.itemData(i) for i in range(positions.count())] == list(NOTEBOOK_MASK)
    assert positions.currentData() == explained.position == NOTEBOOK_MASK[0]
    candidates = panel.candidate_box()
    first = NOTEBOOK_MASK[0]
    assert [candidates.itemData(i) for i in range(candidates.count())] == result.top_ids[first].tolist()
    assert candidates.currentData() == int(result.top_ids[first, 0])
    assert panel.method_box().currentData() == "gxi" and "gradient × input" in panel.summary()


def test_hovering_a_chip_shows_its_value_and_points_at_it(qtbot, panel, explained):
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == 5):
        _mouse(panel, QEvent.Type.MouseMove, 5)
    assert panel.readout_text().startswith(f"{explained.labels[5]} (position 5): ")
    assert f"toward '{explained.candidate_label}' at position 3" in panel.readout_text()
    assert panel.chips().tooltip_provider(5) == panel.readout_text()
    panel.chips().leaveEvent(QEvent(QEvent.Type.Leave))
    assert panel.readout_text() == LEGEND
    panel.highlight_token(6)
    assert panel.chips().highlighted == 6


def test_choosing_a_candidate_asks_again_for_it(qtbot, panel, result):
    box = panel.candidate_box()
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        box.activated.emit(2)
    settings = panel.follow_up_settings()
    assert (settings.position, settings.candidate_id) == (3, int(result.top_ids[3, 2]))


def test_choosing_a_position_or_clicking_a_masked_chip_explains_it_with_its_top_1(qtbot, panel):
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        panel.position_box().activated.emit(1)
    assert panel.follow_up_settings() == SaliencySettings(position=4)
    with qtbot.waitSignal(panel.follow_up_settings_changed), \
            qtbot.waitSignal(panel.token_selected, check_params_cb=lambda p: p == 8):
        _mouse(panel, QEvent.Type.MouseButtonPress, 8)
    assert panel.follow_up_settings() == SaliencySettings(position=8)


def test_method_and_steps_are_settings_and_steps_only_count_for_ig(qtbot, panel):
    panel.method_box().setCurrentIndex(panel.method_box().findData("gxi"))
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        panel.method_box().activated.emit(panel.method_box().currentIndex())
    assert panel.follow_up_settings().method == "gxi" and not panel.steps_box().isEnabled()
    panel.method_box().setCurrentIndex(panel.method_box().findData("ig"))
    panel.steps_box().setValue(48)
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        panel.steps_box().editingFinished.emit()
    assert panel.follow_up_settings() == SaliencySettings(method="ig", steps=48)
    assert panel.steps_box().isEnabled()


def test_integrated_gradients_say_how_well_they_add_up(place, tiny_bert, result):
    explained = _saliency(tiny_bert, result, steps=8)
    panel = place(SaliencyPanel(), explained, size=SIZE)
    assert "8 steps" in panel.summary() and "convergence delta" in panel.summary()


def test_roberta_and_an_unmasked_text_and_clearing(place, tiny_roberta, roberta_result,
                                                   tiny_bert, unmasked):
    panel = place(SaliencyPanel(), _saliency(tiny_roberta, roberta_result, steps=4), size=SIZE)
    assert panel.position_box().count() == len(roberta_result.prediction_positions)
    panel.set_result(_saliency(tiny_bert, unmasked))
    assert "No token is masked" in panel.summary() and not panel.legend().isVisible()
    assert not panel.candidate_box().isEnabled()
    panel.set_result(None)
    assert panel.summary() == "" and panel.chips().placeholder == EMPTY_TEXT


def test_the_position_and_candidate_boxes_fit_their_longest_item(qtbot, place, explained):
    """Filled after the panel first shows (as in the window), the boxes still grow to their items."""
    panel = place(SaliencyPanel(), size=SIZE)
    panel.set_result(explained)
    for box in (panel.position_box(), panel.candidate_box()):
        texts = [box.itemText(i) for i in range(box.count())]
        longest = max(box.fontMetrics().horizontalAdvance(text) for text in texts)
        assert box.sizeHint().width() > longest
        qtbot.waitUntil(lambda box=box, longest=longest: box.width() > longest)
        assert box.minimumSizeHint().width() >= box.fontMetrics().horizontalAdvance("x" * 6)


def test_the_legend_names_the_bars_ends_which_every_diverging_map_shares(panel):
    # the diverging map is the user's choice (CET-CBD1 runs blue to gold): no colour is named
    low, _zero, high = panel.legend().labels()
    assert low.endswith("lowered") and high.endswith("raised")
    assert "“raised” end" in LEGEND and "“lowered”" in LEGEND
    assert not re.search(r"\b(red|blue)\b", LEGEND, re.IGNORECASE)
