"""The predictions panel: top-k candidates per masked position and the original token."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from widget_fixtures import (  # noqa: E402
    notebook_result,
    original_rank_by_hand,
    typed_result,
    unmasked_result,
    with_original_at_rank,
)

from mlm_desktop.panels import PredictionsPanel  # noqa: E402


@pytest.fixture(scope="module")
def result(tiny_bert, notebook_text):
    return notebook_result(tiny_bert, notebook_text)


@pytest.fixture
def panel(qtbot, result):
    widget = PredictionsPanel()
    qtbot.addWidget(widget)
    widget.resize(520, 500)
    widget.set_result(result)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_shows_exactly_the_masked_positions(panel):
    assert panel.displayed_positions() == [3, 4, 8]
    titles = [t for t in panel.row_texts() if t.startswith("Position")]
    assert titles == [
        "Position 3 · masked “lincoln”",
        "Position 4 · masked “won”",
        "Position 8 · masked “presidential”",
    ]


def test_candidates_and_probabilities_are_the_results_top_k(panel, result):
    for position in (3, 4, 8):
        np.testing.assert_allclose(
            panel.candidate_probabilities(position), result.top_probs[position], rtol=1e-6
        )
        assert panel.candidate_labels(position) == list(result.top_labels[position])


def test_original_token_outside_top_k_gets_its_rank_line(panel, result, tiny_bert):
    rank = original_rank_by_hand(tiny_bert, result, 3)
    assert rank > result.top_k
    probability = float(np.exp(-result.per_token_loss[3]))
    lines = [t for t in panel.row_texts() if t.startswith("true: lincoln")]
    assert len(lines) == 1
    assert f"rank {rank}," in lines[0]
    assert f"p = {probability:.1e}" in lines[0]


def test_original_token_inside_top_k_is_highlighted_and_has_no_rank_line(qtbot, result):
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.set_result(with_original_at_rank(result, 4, 3))
    assert panel.highlighted_candidates(4) == ["won  ✓ true"]
    assert panel.highlighted_candidates(3) == []
    assert not any(t.startswith("true: won") for t in panel.row_texts())
    assert any(t.startswith("true: lincoln") for t in panel.row_texts())


def test_typed_masks_say_their_original_token_is_unknown(qtbot, tiny_bert):
    result = typed_result(tiny_bert)
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.set_result(result)
    assert panel.displayed_positions() == [2, 6]
    texts = panel.row_texts()
    assert "Position 6 · [MASK] typed in the text" in texts
    assert texts.count("true token unknown (typed mask)") == 1


def test_no_masks_shows_an_invitation_to_click(qtbot, tiny_bert, notebook_text):
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.set_result(unmasked_result(tiny_bert, notebook_text))
    assert panel.displayed_positions() == []
    assert panel.row_texts() == []
    assert "Click tokens" in panel.placeholder_text()


def test_clicking_a_row_selects_its_position(qtbot, panel):
    tree = panel.tree()
    group = tree.topLevelItem(1)
    row = group.child(2)
    rect = tree.visualItemRect(row)
    with qtbot.waitSignal(panel.token_selected, check_params_cb=lambda p: p == 4):
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_show_token_selects_its_heading_without_emitting(qtbot, panel):
    with qtbot.assertNotEmitted(panel.token_selected):
        panel.show_token(8)
    assert panel.selected_position() == 8
    panel.show_token(5)  # not masked: nothing changes
    assert panel.selected_position() == 8


def test_set_result_none_clears(panel):
    panel.set_result(None)
    assert panel.displayed_positions() == []
    assert panel.row_texts() == []
    assert panel.placeholder_text() != ""
