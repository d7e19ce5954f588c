"""The joint-fill panel on real fills of the tiny models."""

from __future__ import annotations

import dataclasses
import html

import numpy as np
import pytest
from PySide6.QtGui import QColor, QTextDocument

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import joint_fill
from mlm_desktop.core.analyses.joint_fill_types import FillSettings
from mlm_desktop.panels.joint_fill_panel import (
    COLUMNS,
    DIFFERS_FILL,
    EMPTY_TEXT,
    LEGEND,
    NO_MASK_TEXT,
    JointFillPanel,
)

SIZE = (700, 520)


def _fill(lm, parent, width=1):
    return joint_fill.run(lm, joint_fill.request_for(parent, None, FillSettings(width)))


@pytest.fixture(scope="module")
def filled(tiny_bert, result):
    return _fill(tiny_bert, result)


@pytest.fixture
def panel(place, filled):
    return place(JointFillPanel(), filled, size=SIZE)


def _with_joint_differing(filled, step: int, token_id: int, label: str):
    """A copy where the joint fill's ``step`` put ``token_id`` (the tiny model rarely changes its mind)."""
    greedy = filled.greedy
    ids, sentence_ids = np.array(greedy.ids), np.array(greedy.sentence_ids)
    labels, sentence_labels = list(greedy.labels), list(greedy.sentence_labels)
    position = int(greedy.order[step])
    ids[step], sentence_ids[position] = token_id, token_id
    labels[step], sentence_labels[position] = label, label
    row = int(np.flatnonzero(filled.positions == position)[0])
    start, end = (int(v) for v in greedy.spans[row])
    text = greedy.text[:start] + label + greedy.text[end:]
    spans = np.array(greedy.spans)
    spans[row, 1] = start + len(label)
    spans[row + 1:] += len(label) - (end - start)
    changed = dataclasses.replace(greedy, ids=ids, sentence_ids=sentence_ids, labels=tuple(labels),
                                  sentence_labels=tuple(sentence_labels), text=text, spans=spans)
    return dataclasses.replace(filled, greedy=changed, beam=changed), position


def test_both_sentences_show_the_filled_masks_bold_without_special_tokens(panel, filled, result):
    assert panel.sentence_text("beam") == "" and panel.title_text("beam") == ""
    for name, path in (("joint", filled.greedy), ("argmax", filled.argmax)):
        text = panel.sentence_text(name)
        assert "[CLS]" not in text and "[SEP]" not in text
        for start, end in path.spans:
            assert f">{html.escape(path.text[start:end])}</b>" in text
        assert f"log-prob {path.logprob:.3f}" in panel.title_text(name)
    assert panel.title_text("joint").startswith("Joint fill (most confident first)")
    assert panel.title_text("argmax").startswith("Independent argmax")
    assert panel.notes_text().startswith(LEGEND)


def test_the_order_of_filling_is_listed_step_by_step(panel, filled):
    table = panel.order_table()
    assert table.rowCount() == filled.greedy.num_steps == 3
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == list(COLUMNS)
    for step in range(3):
        position = int(filled.greedy.order[step])
        alone = filled.argmax.step_of(position)
        row = [table.item(step, c).text() for c in range(len(COLUMNS))]
        assert row == [str(step + 1), str(position), filled.greedy.labels[step],
                       f"{filled.greedy.probabilities[step]:.4f}",
                       f"{filled.argmax.labels[alone]} ({filled.argmax.probabilities[alone]:.4f})"]


def test_where_the_fills_differ_both_sentences_and_the_row_are_highlighted(place, filled):
    changed, position = _with_joint_differing(filled, 1, 2000, "zebra")
    panel = place(JointFillPanel(), changed, size=SIZE)
    highlight = f'<span style="background-color: {DIFFERS_FILL}">'
    assert f"{highlight}zebra</span>" in panel.sentence_text("joint")
    start, end = filled.argmax.spans[list(filled.positions).index(position)]
    alone = filled.argmax.text[start:end]
    assert f"{highlight}{html.escape(alone)}</span>" in panel.sentence_text("argmax")
    assert panel.sentence_text("joint").count(highlight) == 1
    table = panel.order_table()
    assert table.item(1, 2).background().color() == QColor(DIFFERS_FILL)
    assert table.item(0, 2).background().color() != QColor(DIFFERS_FILL)


def test_a_beam_wider_than_1_shows_its_best_fill_between_the_two(place, tiny_bert, result):
    filled = _fill(tiny_bert, result, 3)
    panel = place(JointFillPanel(), filled, size=SIZE)
    assert panel.title_text("beam").startswith("Beam of 3 (best fill)")
    assert f"log-prob {filled.beam.logprob:.3f}" in panel.title_text("beam")
    assert panel.sentence_text("beam")


def test_the_beam_width_control_asks_for_the_fill_again(qtbot, panel):
    assert panel.follow_up_settings() == FillSettings(1)
    box = panel.beam_width_box()
    assert (box.minimum(), box.maximum()) == (1, 5)
    with qtbot.waitSignal(panel.follow_up_settings_changed):
        box.setValue(4)
    assert panel.follow_up_settings() == FillSettings(4)
    with qtbot.assertNotEmitted(panel.follow_up_settings_changed):
        box.setValue(4)


def test_pointing_at_a_step_points_at_its_token_and_back(qtbot, panel, filled):
    table = panel.order_table()
    position = int(filled.greedy.order[2])
    with qtbot.waitSignal(panel.token_hovered) as hovered:
        table.cellEntered.emit(2, 1)
    assert hovered.args == [position]
    with qtbot.waitSignal(panel.token_selected) as selected:
        table.cellClicked.emit(2, 0)
    assert selected.args == [position]
    panel.highlight_token(int(filled.greedy.order[0]))
    assert panel.selected_step() == 0
    panel.highlight_token(1)  # not masked
    assert panel.selected_step() == -1


def test_the_highlight_is_kept_across_a_new_result(place, filled):
    panel = place(JointFillPanel(), size=SIZE)
    panel.highlight_token(int(filled.greedy.order[1]))
    panel.set_result(filled)
    assert panel.selected_step() == 1


def test_empty_and_unmasked_results_say_what_to_do(place, tiny_bert, unmasked):
    panel = place(JointFillPanel(), size=SIZE)
    assert panel.notes_text() == EMPTY_TEXT and panel.order_table().rowCount() == 0
    panel.set_result(_fill(tiny_bert, unmasked))
    assert panel.notes_text() == NO_MASK_TEXT
    assert panel.sentence_text("joint") == "" and panel.order_table().rowCount() == 0


def test_a_roberta_fill_with_a_typed_mask_is_drawn(place, tiny_roberta, roberta_result):
    filled = _fill(tiny_roberta, roberta_result, 3)
    panel = place(JointFillPanel(), filled, size=SIZE)
    assert panel.order_table().rowCount() == 3
    text = panel.sentence_text("joint")
    assert "&lt;s&gt;" not in text and text.count("<b ") == 3


def _plain(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def _bold_pieces(rich: str) -> list[str]:
    return [html.unescape(piece.split(">", 1)[1]) for piece in rich.split("<b ")[1:]
            for piece in [piece.split("</b>", 1)[0]]]


def test_the_sentences_read_as_the_tokenizer_decodes_them(place, tiny_bert, notebook_text):
    """Word pieces joined into their words, as ``mlm-desktop fill`` prints the fills."""
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(13, 41, 46)))
    filled = _fill(tiny_bert, parent, 3)
    panel = place(JointFillPanel(), filled, size=SIZE)
    for name, path in (("joint", filled.greedy), ("beam", filled.beam), ("argmax", filled.argmax)):
        rich = panel.sentence_text(name)
        assert _plain(rich) == path.text == tiny_bert.tokenizer.decode(
            path.sentence_ids.tolist(), skip_special_tokens=True).strip()
        assert "##" not in _plain(rich)
        assert _bold_pieces(rich) == [path.text[s:e] for s, e in path.spans]
    assert "secession" in _plain(panel.sentence_text("joint"))
    assert "secession ##" not in _plain(panel.sentence_text("joint"))


def test_a_byte_level_fill_reads_without_space_markers(place, tiny_roberta, roberta_result):
    filled = _fill(tiny_roberta, roberta_result, 2)
    panel = place(JointFillPanel(), filled, size=SIZE)
    for name, path in (("joint", filled.greedy), ("beam", filled.beam), ("argmax", filled.argmax)):
        plain = _plain(panel.sentence_text(name))
        assert plain == path.text and "Ġ" not in plain
    table = panel.order_table()
    assert all("Ġ" not in table.item(row, 2).text() for row in range(table.rowCount()))


def test_a_fill_that_decodes_to_nothing_still_shows_its_token(place, filled):
    greedy = filled.greedy
    spans = np.array(greedy.spans)
    spans[0, 1] = spans[0, 0]  # as a special token filled into a mask decodes: to nothing
    panel = place(JointFillPanel(), dataclasses.replace(filled, greedy=dataclasses.replace(
        greedy, spans=spans)), size=SIZE)
    label = greedy.sentence_labels[int(filled.positions[0])]
    assert _bold_pieces(panel.sentence_text("joint"))[0] == f"[{label}]"


@pytest.mark.parametrize("width", [3, 5])
def test_every_sentence_of_a_wide_beam_is_readable_at_the_docks_size(qtbot, place, tiny_bert,
                                                                     notebook_text, width):
    """A long text wraps to several lines: no sentence is cut, the block scrolls where it must."""
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3, 4, 8, 41)))
    panel = place(JointFillPanel(), _fill(tiny_bert, parent, width), size=(466, 401))
    scroll = panel.sentences_area()
    qtbot.waitUntil(lambda: all(
        label.height() >= label.heightForWidth(label.width()) for label in panel.sentence_labels()))
    content = scroll.widget()
    assert content.width() <= scroll.viewport().width()
    assert scroll.verticalScrollBar().maximum() + scroll.viewport().height() >= content.height()
    for label in panel.sentence_labels():
        bottom = label.mapTo(content, label.rect().bottomLeft()).y()
        assert bottom < content.height()
        assert label.heightForWidth(label.width()) > 2 * label.fontMetrics().height()  # it wraps
    assert panel.order_table().height() >= 3 * panel.order_table().verticalHeader().defaultSectionSize()
