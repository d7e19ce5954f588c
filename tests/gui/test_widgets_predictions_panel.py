"""The predictions panel: top-k candidates per masked position and the original token."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from widget_fixtures import original_rank_by_hand, with_original_at_rank

from mlm_desktop.panels import PredictionsPanel


@pytest.fixture
def panel(place, result):
    return place(PredictionsPanel(), result, size=(520, 500))


def test_shows_exactly_the_masked_positions(panel):
    assert panel.displayed_positions() == [3, 4, 8]
    titles = [t for t in panel.row_texts() if t.startswith("Position")]
    assert titles == [
        "Position 3 · masked “Lincoln”",
        "Position 4 · masked “won”",
        "Position 8 · masked “presidential”",
    ]


def test_candidates_and_probabilities_are_the_results_top_k(panel, result):
    for position in (3, 4, 8):
        np.testing.assert_allclose(
            panel.candidate_probabilities(position), result.top_probs[position], rtol=1e-6
        )
        marked = [result.token_scheme.marked(t) for t in result.top_tokens[position]]
        assert panel.candidate_labels(position) == marked


def test_original_token_outside_top_k_gets_its_rank_line(panel, result, tiny_bert):
    rank = original_rank_by_hand(tiny_bert, result, 3)
    assert rank > result.top_k
    probability = float(np.exp(-result.per_token_loss[3]))
    lines = [t for t in panel.row_texts() if t.startswith("true: ␣lincoln")]
    assert len(lines) == 1
    assert f"rank {rank}," in lines[0]
    assert f"p = {probability:.1e}" in lines[0]


def test_original_token_inside_top_k_is_highlighted_and_has_no_rank_line(place, result):
    panel = place(PredictionsPanel(), with_original_at_rank(result, 4, 3))
    assert panel.highlighted_candidates(4) == ["␣won  ✓ true"]
    assert panel.highlighted_candidates(3) == []
    assert not any(t.startswith("true: won") for t in panel.row_texts())
    assert any(t.startswith("true: ␣lincoln") for t in panel.row_texts())


def test_typed_masks_say_their_original_token_is_unknown(place, typed):
    panel = place(PredictionsPanel(), typed)
    assert panel.displayed_positions() == [2, 6]
    texts = panel.row_texts()
    assert "Position 6 · [MASK] typed in the text" in texts
    assert texts.count("true token unknown (typed mask)") == 1


def test_no_masks_shows_an_invitation_to_click(place, unmasked):
    panel = place(PredictionsPanel(), unmasked)
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


def test_a_long_note_can_be_read_in_full_on_hover(place, result):
    """A note wider than the panel is cut short on screen; its tooltip holds all of it."""
    from PySide6.QtWidgets import QTreeWidget

    note = "Answered at once from an earlier pass, where this token was masked alone; more follows."
    panel = place(PredictionsPanel(), size=(300, 400))
    panel.show_provisional(result, result.predictions()[0], note)
    tree = panel.findChild(QTreeWidget)
    group = tree.topLevelItem(0)
    notes = [group.child(i) for i in range(group.childCount()) if group.child(i).text(0) == note]
    assert len(notes) == 1
    assert notes[0].toolTip(0) == note
