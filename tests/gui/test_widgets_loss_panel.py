"""The loss panel: the figures and the per-token loss chart."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from widget_fixtures import original_rank_by_hand

from mlm_desktop.panels import LossPanel
from mlm_desktop.panels.style import BAR, BAR_SPECIAL, MASKED_FILL


@pytest.fixture
def panel(place, result):
    return place(LossPanel(), result, size=(800, 460))


def test_figures_show_both_losses_and_their_perplexities(panel, result):
    assert float(panel.loss_masked_text()) == pytest.approx(result.loss_masked, abs=1e-4)
    assert float(panel.loss_all_text()) == pytest.approx(result.loss_all, abs=1e-4)
    masked_ppl = float(panel.perplexity_masked_text().split("=")[1].replace(",", ""))
    all_ppl = float(panel.perplexity_all_text().split("=")[1].replace(",", ""))
    assert masked_ppl == pytest.approx(math.exp(result.loss_masked), rel=1e-3)
    assert all_ppl == pytest.approx(math.exp(result.loss_all), rel=1e-3)


def test_accuracy_counts_correct_masked_tokens(panel, result):
    correct = int(sum(result.predicted_ids[p] == result.input_ids[p] for p in result.mask_positions))
    assert panel.accuracy_text() == (
        f"{100 * correct / 3:.0f}% {correct} of 3 masked tokens guessed exactly"
    )


def test_head_check_line(panel, result):
    text = panel.head_check_text()
    assert text.startswith("MLM head applied to the last hidden state reproduces the logits")
    assert f"max |Δ| = {result.head_check_max_abs_diff:.1e}" in text
    assert "over 5 positions" in text  # the 3 masked rows, the first and the last


def test_a_head_that_does_not_reproduce_the_logits_is_called_out(place, result):
    import dataclasses

    panel = place(LossPanel())
    panel.set_result(dataclasses.replace(result, head_check_max_abs_diff=0.5))
    assert "does NOT reproduce the logits: max |Δ| = 5.0e-01" in panel.head_check_text()
    panel.set_result(dataclasses.replace(result, head_check_max_abs_diff=None))
    assert panel.head_check_text() == "Head check not run."


def test_bars_are_the_per_token_losses_with_masked_ones_amber(panel, result):
    np.testing.assert_array_equal(panel.bar_positions(), np.arange(result.num_tokens))
    np.testing.assert_allclose(panel.bar_heights(), result.per_token_loss, rtol=1e-6)
    colours = panel.bar_colors()
    assert [colours[p] for p in (3, 4, 8)] == [MASKED_FILL] * 3
    assert colours[0] == colours[-1] == BAR_SPECIAL
    assert colours[1] == BAR
    assert panel.tick_labels()[3] == "lincoln"


def test_hover_reads_out_token_loss_and_rank(panel, result, tiny_bert):
    panel.highlight_token(3)
    assert panel.hovered_position() == 3
    text = panel.readout_text()
    assert text.startswith("position 3 · lincoln (masked) · loss ")
    assert f"loss {float(result.per_token_loss[3]):.4f} nats" in text
    assert text.endswith(f" · rank of true token {original_rank_by_hand(tiny_bert, result, 3)}")


def test_pointer_over_a_bar_reads_it_out(qtbot, panel):
    view_box = panel.plot_item().getViewBox()
    scene_pos = view_box.mapViewToScene(QPointF(8, 5.0))
    panel.plot_item().scene().sigMouseMoved.emit(scene_pos)
    assert panel.hovered_position() == 8
    assert panel.readout_text().startswith("position 8 · presidential (masked)")
    panel.highlight_token(-1)
    assert panel.readout_text().startswith("Point at a bar")


def test_typed_masks_have_no_bar(place, typed):
    panel = place(LossPanel(), typed)
    assert np.isnan(typed.per_token_loss[6])
    expected = [p for p in range(typed.num_tokens) if p != 6]
    assert panel.bar_positions().tolist() == expected
    assert not np.isnan(panel.bar_heights()).any()


def test_without_masks_the_masked_figures_are_dashes(place, unmasked):
    panel = place(LossPanel(), unmasked)
    assert panel.loss_masked_text() == "—"
    assert panel.accuracy_text().startswith("—")
    assert panel.loss_all_text() != "—"


def test_set_result_none_clears(panel):
    panel.set_result(None)
    assert panel.loss_masked_text() == panel.loss_all_text() == "—"
    assert panel.head_check_text() == ""
    assert panel.bar_heights().size == 0
    assert panel.tick_labels() == []


def test_the_head_check_follows_the_result_when_it_runs_later(place, tiny_bert, notebook_text):
    """The window's pass keeps the check's inputs; the panel says so, then shows the check."""
    from mlm_desktop.core import AnalysisRequest
    from mlm_desktop.core.analyses import ANALYSES
    from mlm_desktop.core.options import DEFAULT_OPTIONS

    later = ANALYSES["masked_lm"].run(
        tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3, 4), head_check_later=True)
    )
    unit = ANALYSES["head_check"]
    check = unit.run(tiny_bert, unit.request_for(later, DEFAULT_OPTIONS, None))
    panel = place(LossPanel())
    panel.set_result(later)
    assert panel.head_check_text().startswith("Checking the MLM head")
    panel.set_follow_up("head_check", None)
    assert panel.head_check_text().startswith("Checking the MLM head")
    panel.set_follow_up("head_check", check)
    text = panel.head_check_text()
    assert text.startswith("MLM head applied to the last hidden state reproduces the logits")
    assert "over 4 positions" in text and f"{check.loss_masked:.4f}" in text
