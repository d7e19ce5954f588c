"""The predictions panel updates its rows in place: the same rows as a panel made afresh,
with the selection, the scroll position and the context menu's candidate kept right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from widget_fixtures import with_original_at_rank

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.panels import PredictionsPanel
from mlm_desktop.panels.predictions_panel import CANDIDATE, POSITION_ROLE, TOKEN_ROLE
from mlm_desktop.panels.probability_bar import CORRECT_ROLE, PROBABILITY_ROLE

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
          POSITION_ROLE, PROBABILITY_ROLE, CORRECT_ROLE, TOKEN_ROLE)


def snapshot(panel: PredictionsPanel) -> list:
    """Every row as drawn: each column's texts, data, colour and weight; spanned, expanded."""
    tree = panel.tree()

    def row(item, depth):
        cells = []
        for column in range(tree.columnCount()):
            foreground = item.data(column, Qt.ItemDataRole.ForegroundRole)
            font = item.data(column, Qt.ItemDataRole.FontRole)
            cells.append((
                tuple(item.data(column, role) for role in _ROLES),
                None if foreground is None else foreground.color().name(),
                None if font is None else font.bold(),
            ))
        return (depth, item.isFirstColumnSpanned(), item.isExpanded() if depth == 0 else None, cells)

    rows = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        rows.append(row(group, 0))
        rows += [row(group.child(j), 1) for j in range(group.childCount())]
    return rows


@pytest.fixture(scope="module")
def results(tiny_bert, notebook_text):
    """Masks added, moved and taken away, one at a time and several at once."""
    def run(*masks):
        return analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=masks))

    return [run(3, 4, 8), run(3, 4, 5, 8), run(8, 12), run(2, 3, 4, 5, 6, 7, 8), run(4)]


def test_rows_are_those_of_a_panel_made_afresh_after_each_result(place, results, typed, result):
    panel = place(PredictionsPanel(), size=(520, 500))
    sequence = [*results, typed, with_original_at_rank(result, 4, 3), results[0], results[2]]
    for shown in sequence:
        panel.set_result(shown)
        fresh = place(PredictionsPanel(), shown, size=(520, 500))
        assert panel.row_texts() == fresh.row_texts()
        assert snapshot(panel) == snapshot(fresh)


def test_a_provisional_answer_then_its_analysis_match_a_fresh_panel(place, results, result):
    panel = place(PredictionsPanel(), results[3], size=(520, 500))
    prediction = result.predictions()[0]
    fresh = place(PredictionsPanel(), size=(520, 500))
    for each in (panel, fresh):
        each.show_provisional(result, prediction, "answered at once")
    assert snapshot(panel) == snapshot(fresh)
    single = next(r for r in results if r.prediction_positions.tolist() == [4])
    panel.show_provisional(single, single.predictions()[0], "answered at once")
    fresh.show_provisional(single, single.predictions()[0], "answered at once")
    panel.set_result(single)  # its analysis: the note says it was answered at once
    fresh.set_result(single)
    assert any(t.startswith("Also answered at once") for t in panel.row_texts())
    assert snapshot(panel) == snapshot(fresh)


def test_the_selection_stays_on_its_row_when_a_mask_is_added(place, results):
    panel = place(PredictionsPanel(), results[0], size=(520, 300))
    tree = panel.tree()
    row = panel._group(8).child(2)
    tree.setCurrentItem(row)
    tree.verticalScrollBar().setValue(tree.verticalScrollBar().maximum())
    scrolled = tree.verticalScrollBar().value()
    assert scrolled > 0
    panel.set_result(results[1])  # position 5 masked too, above 8
    current = tree.currentItem()
    assert current.data(0, POSITION_ROLE) == 8
    assert current.text(0) == "3"  # the same rank's row of the same position
    assert panel.selected_position() == 8
    assert tree.verticalScrollBar().value() == scrolled


def test_the_selection_leaves_with_its_position(place, results):
    panel = place(PredictionsPanel(), results[0], size=(520, 300))
    panel.tree().setCurrentItem(panel._group(3).child(0))
    panel.set_result(results[2])  # positions 8 and 12: 3 is gone
    assert panel.selected_position() != 3
    assert 3 not in panel.displayed_positions()


def test_the_menu_inserts_the_candidate_the_row_shows_now(qtbot, place, result):
    """A row kept selected across results offers its new candidate, not the old one."""
    panel = place(PredictionsPanel(), result, size=(520, 300))
    panel.tree().setCurrentItem(panel._group(8).child(0))
    before = panel._group(8).child(0).data(CANDIDATE, TOKEN_ROLE)
    panel.set_result(with_original_at_rank(result, 8, 1))  # another top candidate at 8
    shown = panel._group(8).child(0).data(CANDIDATE, TOKEN_ROLE)
    assert shown == "presidential" != before
    with qtbot.waitSignal(panel.candidate_chosen) as chosen:
        panel.insert_action.trigger()
    assert chosen.args == [8, shown]
