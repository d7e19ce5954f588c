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
    panel.set_joined_tokens(True)
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


def test_lines_read_as_the_tokenizer_decodes_them_by_default(panel, result, tiny_bert):
    tokenizer = tiny_bert.tokenizer
    assert not panel.joined_tokens()
    content = ~np.asarray(result.special_mask)
    assert panel.original_line_text() == tokenizer.decode(result.input_ids[content].tolist())
    assert panel.predicted_line_text() == tokenizer.decode(result.predicted_ids[content].tolist())
    assert panel.masked_line_text() == tokenizer.decode(result.masked_input_ids[content].tolist())
    lines = [line for line in panel.plain_text().splitlines() if line.strip()]
    assert _line_after(lines, ORIGINAL_LINE) == panel.original_line_text()
    assert "##" not in panel.plain_text() and "[CLS]" not in panel.plain_text()
    assert panel.original_line_text().startswith("after abraham lincoln won")
    assert panel.masked_line_text().count("[MASK]") == 3
    assert "sumter" in panel.original_line_text()


def test_byte_level_lines_decode_to_readable_text(place, tiny_roberta):
    from mlm_desktop.core import AnalysisRequest, analyze

    result = analyze(tiny_roberta, AnalysisRequest("Paris is the capital of France. café 🙂",
                                                   mask_positions=(2,)))
    panel = place(SentencesPanel(), result)
    content = ~np.asarray(result.special_mask)
    assert panel.original_line_text() == "Paris is the capital of France. café 🙂"
    assert panel.original_line_text() == tiny_roberta.tokenizer.decode(
        result.input_ids[content].tolist()).strip()
    assert "Ġ" not in panel.plain_text() and "Ã" not in panel.plain_text()
    panel.set_joined_tokens(True)
    assert panel.original_line_text() == result.original_text
    assert "Ġthe" in panel.plain_text()
