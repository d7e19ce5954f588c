"""The notebook's three lines: masked input, argmax everywhere, original text."""

from __future__ import annotations

import numpy as np
import pytest

from mlm_desktop.panels import SentencesPanel
from mlm_desktop.panels.sentences_panel import (
    MASKED_LINE,
    ORIGINAL_LINE,
    PREDICTED_LINE,
)
from mlm_desktop.panels.style import WRONG


@pytest.fixture
def panel(place, result):
    return place(SentencesPanel(), result)


def _line_after(lines: list[str], title: str) -> str:
    index = next(i for i, line in enumerate(lines) if line.startswith(title))
    return lines[index + 1]


def test_three_labelled_lines_with_the_notebooks_text(panel, result):
    lines = [line for line in panel.plain_text().splitlines() if line.strip()]
    assert _line_after(lines, MASKED_LINE) == result.masked_text
    assert _line_after(lines, PREDICTED_LINE) == result.predicted_text
    assert _line_after(lines, ORIGINAL_LINE) == result.original_text
    assert result.masked_text.split().count("[MASK]") == 3
    assert MASKED_LINE == "Masked input"
    assert PREDICTED_LINE == "Model's argmax at every position"
    assert ORIGINAL_LINE == "True text"


def test_tokens_the_model_gets_wrong_are_red(panel, result):
    expected = np.flatnonzero(result.predicted_ids != result.input_ids).tolist()
    assert panel.mismatched_positions() == expected
    assert expected, "the tiny random model gets tokens wrong"
    html = panel.html().lower()
    assert html.count(WRONG.lower()) >= 1
    assert "#b45309" in html  # masked tokens in amber


def test_typed_masks_are_not_counted_as_wrong(place, typed):
    panel = place(SentencesPanel(), typed)
    assert 6 not in panel.mismatched_positions()
    assert "[MASK]" in panel.masked_line_text()


def test_set_result_none_clears(panel):
    panel.set_result(None)
    assert panel.masked_line_text() == panel.predicted_line_text() == panel.original_line_text() == ""
    assert panel.mismatched_positions() == []
    assert "[MASK]" not in panel.plain_text()
