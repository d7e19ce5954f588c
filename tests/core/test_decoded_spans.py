"""Where tokens land in the decoded text: the filled sentences are shown as the tokenizer decodes them."""

from __future__ import annotations

import pytest

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.decoded_spans import decode, decoded_spans

ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France."


def test_word_pieces_are_joined_and_each_span_holds_its_piece(tiny_bert, notebook_text):
    result = analyze(tiny_bert, AnalysisRequest(notebook_text))
    ids = result.input_ids.tolist()
    assert result.tokens[40:42] == ("secession", "##ist") and result.tokens[13] == "-"
    text = decode(tiny_bert.tokenizer, ids)
    assert text == tiny_bert.tokenizer.decode(ids, skip_special_tokens=True).strip()
    assert "secessionist forces" in text and "##" not in text
    spans = decoded_spans(tiny_bert.tokenizer, ids, [1, 40, 41, 13, 60])
    assert [text[s:e] for s, e in spans] == ["after", "secession", "ist", "-", "."]
    assert spans[1][1] == spans[2][0]  # a word piece continues its word, no space between


def test_byte_level_pieces_lose_their_space_marker(tiny_roberta):
    result = analyze(tiny_roberta, AnalysisRequest(ROBERTA_TEXT))
    ids = result.input_ids.tolist()
    text = decode(tiny_roberta.tokenizer, ids)
    assert text == ROBERTA_TEXT and "Ġ" not in text
    positions = [p for p in range(len(ids)) if not result.special_mask[p]]
    spans = decoded_spans(tiny_roberta.tokenizer, ids, positions)
    pieces = [text[s:e] for s, e in spans]
    assert "".join(pieces).replace(" ", "") == ROBERTA_TEXT.replace(" ", "")
    assert all(piece == piece.strip() for piece in pieces)


@pytest.mark.parametrize("positions", [[], [0]])
def test_special_tokens_and_no_positions_give_empty_spans(tiny_bert, positions):
    ids = analyze(tiny_bert, AnalysisRequest("The cat sat.")).input_ids.tolist()
    spans = decoded_spans(tiny_bert.tokenizer, ids, positions)
    assert spans.shape == (len(positions), 2)
    assert all(start == end for start, end in spans)
