"""The logit lens panel on real lens results of the tiny models."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication
from widget_fixtures import NOTEBOOK_MASK

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import logit_lens
from mlm_desktop.core.analyses.logit_lens_types import LensSettings
from mlm_desktop.panels.lens_grid import MASKED_ROLE, probability_colour
from mlm_desktop.panels.logit_lens_panel import NO_ROWS_TEXT, LogitLensPanel
from mlm_desktop.panels.style import MASKED_FILL, TYPED_FILL

SIZE = (1000, 520)


def _lens(lm, parent, **settings):
    return logit_lens.run(lm, logit_lens.request_for(parent, None, LensSettings(**settings)))


@pytest.fixture(scope="module")
def lens(tiny_bert, result):
    return _lens(tiny_bert, result, targets=("lincoln", "lincolnite"))


@pytest.fixture
def panel(place, lens):
    return place(LogitLensPanel(), lens, size=SIZE)


def _hover(qtbot, panel, layer: int, row: int) -> None:
    grid = panel.grid()
    centre = QPointF(grid.visualRect(grid.model().index(layer, row)).center())
    move = QMouseEvent(QEvent.Type.MouseMove, centre, grid.viewport().mapToGlobal(centre),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(grid.viewport(), move)


def test_the_grid_is_layers_by_masked_tokens_with_each_top_guess(panel, lens, result):
    model = panel.grid().model()
    assert (model.rowCount(), model.columnCount()) == (3, len(NOTEBOOK_MASK))
    assert [model.headerData(i, Qt.Orientation.Vertical) for i in range(3)] == ["E", "1", "2"]
    for layer in range(3):
        for row in range(3):
            index = model.index(layer, row)
            top = int(lens.top_ids[layer, row, 0])
            assert index.data() == lens.label_of(top)
            colour = index.data(Qt.ItemDataRole.BackgroundRole)
            assert colour == probability_colour(float(lens.top_probs[layer, row, 0]))
    # the last layer's guesses are the masked-LM pass's own
    assert [model.index(2, r).data() for r in range(3)] == \
        [result.top_labels[p][0] for p in NOTEBOOK_MASK]


def test_masked_columns_are_marked_in_the_header(panel, result):
    model = panel.grid().model()
    for column, position in enumerate(NOTEBOOK_MASK):
        text = model.headerData(column, Qt.Orientation.Horizontal)
        assert text == f"{result.labels[position]}\n#{position} masked"
        assert model.headerData(column, Qt.Orientation.Horizontal, MASKED_ROLE) is True
        assert model.headerData(column, Qt.Orientation.Horizontal,
                                Qt.ItemDataRole.ForegroundRole) == QColor(MASKED_FILL)


def test_colours_run_along_the_sequential_map_with_probability():
    # the ends of the default sequential map (viridis): dark purple at 0, yellow at 1
    assert probability_colour(0.0).name() == "#440154"
    assert probability_colour(1.0).name() == "#fde725"
    assert probability_colour(0.8).lightness() > probability_colour(0.2).lightness()


def test_a_guess_that_is_the_original_token_is_ticked_and_bold(place, lens):
    top_ids = np.array(lens.top_ids)
    top_ids[1, 0, 0] = lens.original_ids[0]
    ids = (*lens.vocab_ids, int(lens.original_ids[0]))
    labels = (*lens.vocab_labels, lens.labels[int(lens.rows[0])])
    right = dataclasses.replace(lens, top_ids=top_ids, vocab_ids=ids, vocab_labels=labels,
                                vocab_tokens=(*lens.vocab_tokens, "lincoln"))
    panel = place(LogitLensPanel(), right, size=SIZE)
    index = panel.grid().model().index(1, 0)
    assert index.data() == "lincoln ✓" and index.data(Qt.ItemDataRole.FontRole).bold()
    assert panel.grid().model().index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_hovering_a_cell_shows_its_top_k_and_points_at_its_token(qtbot, panel, lens):
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == NOTEBOOK_MASK[1]):
        _hover(qtbot, panel, 1, 1)
    text = panel.readout_text()
    assert text.startswith("layer 1 · #4 'won'")
    first = lens.label_of(int(lens.top_ids[1, 1, 0]))
    assert f"1. {first} " in text and f"rank {int(lens.original_rank[1, 1])}" in text
    tooltip = panel.grid().model().index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert f"5. {lens.label_of(int(lens.top_ids[1, 1, 4]))}" in tooltip
    assert panel.charted_position() == NOTEBOOK_MASK[1]
    with qtbot.waitSignal(panel.token_hovered, check_params_cb=lambda p: p == -1):
        QApplication.sendEvent(panel.grid().viewport(), QEvent(QEvent.Type.Leave))
    assert panel.charted_position() == NOTEBOOK_MASK[1], "the chart keeps the last token"


def test_the_chart_follows_the_original_token_and_each_target(panel, lens):
    panel.highlight_token(NOTEBOOK_MASK[2])
    assert panel.charted_position() == NOTEBOOK_MASK[2]
    series = panel.chart().series()
    assert list(series) == ["original: presidential", "lincoln", "lincolnite (first piece lincoln)"]
    ranks, probs = series["original: presidential"]
    np.testing.assert_array_equal(ranks, lens.original_rank[:, 2])
    np.testing.assert_allclose(probs, lens.original_probability()[:, 2])
    ranks, probs = series["lincoln"]
    np.testing.assert_array_equal(ranks, lens.target_rank[:, 2, 0])
    np.testing.assert_allclose(probs, lens.target_probability()[:, 2, 0])
    assert panel.chart().rank_plot().ctrl.logYCheck.isChecked(), "ranks on a log scale"
    assert panel.grid().selectionModel().isColumnSelected(2)
    panel.highlight_token(1)  # a token the lens did not look at: the chart stays
    assert panel.charted_position() == NOTEBOOK_MASK[2]


def test_notes_name_the_first_piece_of_a_target_and_a_final_norm(place, lens):
    panel = place(LogitLensPanel(), lens, size=SIZE)
    assert "'lincolnite' is 2 pieces (lincoln ##ite): tracked by its first piece" in panel.notes_text()
    normed = dataclasses.replace(lens, final_norm="final_norm",
                                 notes=("This model applies a final norm (final_norm) ...",))
    panel.set_result(normed)
    assert "final norm (final_norm)" in panel.notes_text()


def test_the_settings_ask_for_every_position_and_target_words(qtbot, panel):
    assert panel.follow_up_settings() == LensSettings()
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        panel.all_positions_box().setChecked(True)
    assert panel.follow_up_settings() == LensSettings(all_positions=True)
    edit = panel.targets_edit()
    edit.setText(" lincoln, president ,, lincoln")
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        edit.editingFinished.emit()
    assert panel.follow_up_settings().targets == ("lincoln", "president")
    with qtbot.assertNotEmitted(panel.follow_up_settings_changed):
        edit.editingFinished.emit()  # nothing changed: nothing asked


def test_too_many_targets_are_one_plain_message_and_keep_the_last_usable_ones(qtbot, panel):
    panel.targets_edit().setText("lincoln")
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        panel.targets_edit().editingFinished.emit()
    panel.targets_edit().setText(",".join(f"w{i}" for i in range(21)))
    with qtbot.assertNotEmitted(panel.follow_up_settings_changed):
        panel.targets_edit().editingFinished.emit()
    assert "at most 20 target words" in panel.problem_text()
    assert panel.follow_up_settings() == LensSettings(targets=("lincoln",))


def test_all_positions_still_applies_while_the_targets_cannot_be_used(qtbot, panel):
    panel.targets_edit().setText(",".join(f"w{i}" for i in range(21)))
    panel.targets_edit().editingFinished.emit()
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        panel.all_positions_box().setChecked(True)
    assert panel.follow_up_settings() == LensSettings(all_positions=True)
    assert "at most 20 target words" in panel.problem_text()
    panel.targets_edit().setText("lincoln")
    panel.targets_edit().editingFinished.emit()
    assert panel.problem_text() == ""


def test_typed_targets_apply_after_a_pause_without_return(qtbot, panel):
    qtbot.keyClicks(panel.targets_edit(), "war")
    with qtbot.waitSignal(panel.follow_up_settings_changed, timeout=3000):
        pass
    assert panel.follow_up_settings().targets == ("war",)


def test_without_masks_the_panel_says_how_to_get_rows(place, tiny_bert, unmasked):
    panel = place(LogitLensPanel(), _lens(tiny_bert, unmasked), size=SIZE)
    assert panel.grid().model().columnCount() == 0
    assert NO_ROWS_TEXT in panel.notes_text() and panel.charted_position() == -1
    panel.set_result(_lens(tiny_bert, unmasked, all_positions=True))
    assert panel.grid().model().columnCount() == unmasked.num_tokens


def test_a_typed_mask_has_no_original_line(place, tiny_roberta, roberta_result):
    lens = _lens(tiny_roberta, roberta_result)
    panel = place(LogitLensPanel(), lens, size=SIZE)
    typed = int(roberta_result.typed_mask_positions[0])
    panel.highlight_token(typed)
    assert panel.chart().series() == {}
    assert "typed mask" in panel.chart().caption()
    column = lens.row_of(typed)
    assert panel.grid().model().headerData(column, Qt.Orientation.Horizontal,
                                           Qt.ItemDataRole.ForegroundRole) == QColor(TYPED_FILL)


def test_clearing_empties_grid_and_chart(panel):
    panel.set_result(None)
    assert panel.grid().model().rowCount() == 0 and panel.charted_position() == -1
    assert panel.chart().series() == {}


def test_a_new_result_keeps_the_charted_row(panel, tiny_bert, notebook_text):
    panel.highlight_token(NOTEBOOK_MASK[1])
    again = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=NOTEBOOK_MASK))
    panel.set_result(_lens(tiny_bert, again))
    assert panel.charted_position() == NOTEBOOK_MASK[1]


def test_a_cell_chosen_with_the_keys_is_charted_and_pointed_at(qtbot, panel, lens):
    grid = panel.grid()
    grid.setFocus()
    with qtbot.waitSignal(panel.token_selected, check_params_cb=lambda p: p == NOTEBOOK_MASK[2]):
        grid.setCurrentIndex(grid.model().index(2, 2))
    assert panel.charted_position() == NOTEBOOK_MASK[2]
    assert panel.readout_text().startswith("layer 2 (output) · #8")
    with qtbot.assertNotEmitted(panel.token_selected):
        panel.highlight_token(NOTEBOOK_MASK[0])  # pointed at elsewhere: followed, not re-sent
    assert panel.charted_position() == NOTEBOOK_MASK[0]
