"""The PLL panel and the chip overlay on real PLL results of the tiny models."""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

from mlm_desktop.core.analyses import pll
from mlm_desktop.core.analyses.pll_types import PllSettings
from mlm_desktop.panels.chip_overlay import (
    legend_html,
    legend_steps,
    overlay_colour,
    overlay_colours,
    overlay_scale,
)
from mlm_desktop.panels.colour_maps import DIVERGING, SEQUENTIAL, colour_maps
from mlm_desktop.panels.pll_panel import EMPTY_TEXT, PllPanel, summary_text
from mlm_desktop.panels.token_strip import TokenStrip

SIZE = (700, 600)


@pytest.fixture(scope="module")
def scores(tiny_bert, result):
    return pll.run(tiny_bert, pll.request_for(result))


@pytest.fixture
def panel(place, scores):
    return place(PllPanel(), scores, size=SIZE)


def test_the_summary_gives_pll_and_pseudo_perplexity(panel, scores):
    text = panel.summary()
    assert f"{scores.scored_count} tokens scored" in text
    assert f"{scores.pll:.2f}"[:5] in text.replace("−", "-")
    assert scores.pseudo_perplexity == pytest.approx(math.exp(-scores.pll / scores.scored_count))


def test_the_lists_hold_the_most_and_least_expected_tokens(panel, scores):
    most, least = panel.ranked_lists()
    order = np.argsort(scores.log_probs)
    best = [int(scores.positions[i]) for i in order[::-1][:5]]
    worst = [int(scores.positions[i]) for i in order[:5]]
    assert [most.item(i).data(Qt.ItemDataRole.UserRole) for i in range(most.count())] == best
    assert [least.item(i).data(Qt.ItemDataRole.UserRole) for i in range(least.count())] == worst


def test_chips_are_coloured_by_surprisal_with_a_legend_and_a_toggle(qtbot, panel, scores):
    chips = panel.chips()
    surprisal = scores.surprisal_by_token()
    scale = overlay_scale(surprisal)
    assert scale == (0.0, pytest.approx(float(np.nanmax(surprisal))))
    for position in scores.positions.tolist():
        assert chips.overlay_fill(position) == overlay_colour(float(surprisal[position]), scale)
    assert chips.overlay_fill(0) is None  # [CLS] is not scored
    assert "surprisal" in panel.legend_text()
    with qtbot.waitSignal(panel.overlay_changed, check_params_cb=lambda v, _l: v is None):
        panel.colour_box().setChecked(False)
    assert chips.overlay_fill(int(scores.positions[0])) is None and panel.legend_text() == ""


def test_the_most_surprising_chip_takes_the_high_end_of_the_sequential_map(panel, scores):
    worst = int(scores.positions[int(np.argmin(scores.log_probs))])
    best = int(scores.positions[int(np.argmax(scores.log_probs))])
    chips = panel.chips()
    assert chips.overlay_fill(worst) == colour_maps().colour(SEQUENTIAL, 1.0)
    assert chips.overlay_fill(best) != chips.overlay_fill(worst)


def test_pointing_at_a_token_reads_its_single_mask_guesses(panel, scores):
    position = int(scores.positions[2])
    panel.highlight_token(position)
    text = panel.readout_text()
    labels, _probs = scores.single_mask_top(position)
    assert "from the scoring pass" in text and labels[0] in text
    assert panel.chips().highlighted == position


def test_whole_word_is_a_follow_up_setting(qtbot, panel):
    assert panel.follow_up_settings() == PllSettings()
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        panel.whole_word_box().setChecked(True)
    assert panel.follow_up_settings() == PllSettings(whole_word=True)


def test_clicking_a_listed_token_points_at_it(qtbot, panel):
    most, _least = panel.ranked_lists()
    item = most.item(0)
    with qtbot.waitSignal(panel.token_selected) as blocker:
        most.itemClicked.emit(item)
    assert blocker.args == [item.data(Qt.ItemDataRole.UserRole)]


def test_no_result_clears_the_panel(panel):
    panel.set_result(None)
    assert panel.summary() == EMPTY_TEXT and panel.legend_text() == ""
    assert panel.ranked_lists()[0].count() == 0


def test_signed_values_use_a_diverging_scale():
    values = np.array([np.nan, -2.0, 0.0, 1.0])
    assert overlay_scale(values) == (-2.0, 2.0)
    colours = overlay_colours(values)
    # the default diverging map (CET-D1A): blue below zero, near white at it, red above
    assert colours[0] is None and colours[2] == colour_maps().colour(DIVERGING, 0.5)
    assert colours[2].lightnessF() > 0.85
    assert colours[1].blue() > colours[1].red() and colours[3].red() > colours[3].blue()


def test_the_token_strip_takes_an_overlay_for_its_text_only(place, result, unmasked, scores):
    strip = place(TokenStrip(), result, size=(700, 200))
    values = scores.surprisal_by_token()
    strip.set_overlay(values, "surprisal")
    position = int(scores.positions[0])
    assert strip.overlay_fill(position) is not None and "surprisal" in strip.overlay_legend()
    masked = int(result.mask_positions[0])
    assert strip.overlay_fill(masked) is None  # masked chips keep their own look
    strip.set_result(unmasked)  # the same text, no masks: the colour stays
    assert strip.overlay_fill(masked) is not None
    strip.set_overlay(None)
    assert strip.overlay_fill(position) is None and strip.overlay_legend() == ""


def test_the_token_strip_drops_an_overlay_when_the_text_changes(place, result, typed, scores):
    strip = place(TokenStrip(), result, size=(700, 200))
    strip.set_overlay(scores.surprisal_by_token(), "surprisal")
    strip.set_result(typed)
    assert all(strip.overlay_fill(p) is None for p in range(typed.num_tokens))
    assert strip.overlay_legend() == ""


def _shown_perplexity(summary: str) -> str:
    return re.search(r"pseudo-perplexity ([0-9,.]+)", summary).group(1)


def test_the_pseudo_perplexity_is_shown_to_two_decimals(scores):
    low = dataclasses.replace(scores, log_probs=np.full(scores.scored_count, -1.234567))
    assert low.pseudo_perplexity == pytest.approx(3.4369, abs=1e-4)
    assert _shown_perplexity(summary_text(low)) == "3.44"
    high = dataclasses.replace(scores, log_probs=np.full(scores.scored_count, -7.5))
    assert _shown_perplexity(summary_text(high)) == f"{math.exp(7.5):,.0f}"  # "1,808"


def test_the_legend_grades_the_scale_in_five_steps_with_their_values(panel, scores):
    surprisal = scores.surprisal_by_token()
    top = float(np.nanmax(surprisal))
    steps = legend_steps(surprisal)
    assert [v for v, _c in steps] == pytest.approx(np.linspace(0.0, top, 5).tolist())
    scale = overlay_scale(surprisal)
    assert [c for _v, c in steps] == [overlay_colour(v, scale) for v, _c in steps]
    text = legend_html(surprisal, "surprisal")
    assert text.count("background-color") == 5
    for value, colour in steps:
        assert colour.name() in text and f"{value:.3g}" in text
    legend = panel.legend_text()
    assert legend.count("background-color") == 5
    assert "nats" in legend and "less expected" in legend


def test_a_signed_legend_runs_from_minus_to_plus_through_zero():
    steps = legend_steps(np.array([-2.0, 1.0]))
    assert [v for v, _c in steps] == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert steps[2][1] == colour_maps().colour(DIVERGING, 0.5)


#: the width a dock may claim for a panel on a laptop screen
NARROW = 360


def test_the_surprisal_legend_wraps_instead_of_widening_the_panel(place, scores, result):
    """The legend is one long line; it wraps, so the window's split does not jump
    and the window can still be made narrow once the scores come."""
    panel = place(PllPanel(), size=(NARROW, 600))
    before = panel.minimumSizeHint().width()
    panel.set_result(scores)
    assert panel.legend_text()
    assert panel.minimumSizeHint().width() <= max(before, NARROW)
    strip = place(TokenStrip(), result, size=(NARROW, 300))
    strip.set_overlay(scores.surprisal_by_token(), "surprisal −log p in nats (darker: less expected)")
    assert strip.overlay_legend()
    assert strip.minimumSizeHint().width() <= NARROW
