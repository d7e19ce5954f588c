"""The comparison panel on real results: rows per masked word, agreement colours, both losses, one chart."""

from __future__ import annotations

import numpy as np
import pytest

from mlm_desktop.core import AnalysisRequest
from mlm_desktop.core.compare import compare_models
from mlm_desktop.panels.compare_panel import AGREE_FILL, DISAGREE_FILL, ComparePanel

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


@pytest.fixture(scope="module")
def bert_vs_roberta(tiny_bert, tiny_roberta):
    return compare_models(tiny_bert, tiny_roberta, AnalysisRequest(TEXT, mask_positions=(2, 3), top_k=3))


@pytest.fixture(scope="module")
def bert_vs_bert(tiny_bert):
    return compare_models(tiny_bert, tiny_bert, AnalysisRequest(TEXT, mask_positions=(2, 3), top_k=3))


def test_rows_show_both_models_candidates_per_masked_word(place, bert_vs_roberta):
    c = bert_vs_roberta
    panel = place(ComparePanel(), c, size=(800, 600))
    rows = panel.rows()
    assert [row[0].splitlines()[0] for row in rows] == ["Abraham", "Lincoln"]
    assert "split differently: A abraham | B " in rows[0][0]
    assert "split differently" not in rows[1][0]
    # the word BPE splits into three pieces lists each piece's candidates
    assert len(rows[0][2].splitlines()) == 3
    a_top = ", ".join(f"{label} {prob:.3f}" for label, prob
                      in zip(c.a.top_labels[2], c.a.top_probs[2].tolist(), strict=True))
    assert rows[0][1] == a_top
    fills = [AGREE_FILL if w.agree else DISAGREE_FILL for w in c.masked]
    assert panel.row_fills() == fills
    assert f"A {c.a.loss_masked:.4f}, B {c.b.loss_masked:.4f}" in panel.losses_text()
    assert f"A {c.a.loss_all:.4f}, B {c.b.loss_all:.4f}" in panel.losses_text()
    assert "Split differently" in panel.split_text() and "Abraham" in panel.split_text()


def test_the_chart_holds_both_losses_per_word(place, bert_vs_roberta):
    c = bert_vs_roberta
    panel = place(ComparePanel(), c, size=(800, 600))
    chart = panel.chart()
    assert chart.tick_labels()[:3] == ("After", "Abraham", "Lincoln")
    np.testing.assert_allclose(chart.heights("a"), [w.a_loss for w in c.words])
    np.testing.assert_allclose(chart.heights("b"), [w.b_loss for w in c.words])
    abraham = c.words[1]
    assert chart.heights("b")[1] == pytest.approx(float(c.b.per_token_loss[list(abraham.b_positions)].sum()))


def test_agreement_is_green(place, bert_vs_bert):
    panel = place(ComparePanel(), bert_vs_bert, size=(800, 600))
    assert panel.row_fills() == [AGREE_FILL, AGREE_FILL]
    assert all(row[3].startswith("= agree") for row in panel.rows())
    assert "top-1 agrees on 2 of 2" in panel.losses_text()
    assert panel.split_text() == "Both tokenizers split every word the same way."


def test_clear_redraw_and_follow_a_token(place, bert_vs_roberta):
    panel = place(ComparePanel(), bert_vs_roberta, size=(800, 600))
    panel.set_result(None)
    assert panel.rows() == [] and panel.losses_text() == ""
    panel.highlight_token(3)
    assert panel.selected_rows() == []
    panel.set_result(bert_vs_roberta)
    panel.highlight_token(3)
    assert panel.selected_rows() == [1]
    panel.highlight_token(-1)
    assert panel.selected_rows() == []


def test_messages(place):
    panel = place(ComparePanel(), size=(600, 400))
    assert "Compare with model" in panel.message_text()
    panel.set_message("could not open B", warning=True)
    assert panel.message_text() == "could not open B"


@pytest.mark.parametrize("size", [(800, 600), (420, 360)])
def test_the_chart_legend_names_both_models_and_covers_no_bar(qtbot, place, bert_vs_roberta, size):
    panel = place(ComparePanel(), bert_vs_roberta, size=size)
    chart = panel.chart()
    legend = chart.legend()
    qtbot.waitUntil(lambda: legend.sceneBoundingRect().height() > 0)
    labels = [label.text for _sample, label in legend.items]
    assert [text[:2] for text in labels] == ["A:", "B:"]
    box = legend.sceneBoundingRect()
    view = chart.getPlotItem().getViewBox().sceneBoundingRect()
    assert not box.intersects(view)  # outside the plotting area altogether
    for bars in chart.bars():  # the bars as drawn: clipped to the plotting area
        drawn = bars.sceneBoundingRect().intersected(view)
        assert not drawn.isEmpty() and not box.intersects(drawn)
    assert chart.sceneRect().contains(box) or chart.viewport().rect().contains(
        chart.mapFromScene(box).boundingRect())  # and shown, not pushed out of sight
