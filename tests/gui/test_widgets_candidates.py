"""Candidates read as decoded text with one word-start mark for every tokenizer family."""

from __future__ import annotations

import dataclasses

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.token_text import WORD_START_MARK
from mlm_desktop.panels import PredictionsPanel
from mlm_desktop.panels.predictions_panel import CANDIDATE, PROBABILITY, PROBABILITY_ROLE


def _rows(panel, position):
    group = panel._group(position)
    return [group.child(j) for j in range(group.childCount())
            if group.child(j).data(PROBABILITY, PROBABILITY_ROLE) is not None]


def test_byte_level_word_starts_are_told_from_word_pieces(place, roberta_result):
    """ "Ġut" and "ut" once read alike; now the word start carries the mark."""
    position = int(roberta_result.mask_positions[0])
    tokens = list(roberta_result.top_tokens[position])
    tokens[:2] = ["Ġut", "ut"]
    top_tokens = (roberta_result.top_tokens[:position] + (tuple(tokens),)
                  + roberta_result.top_tokens[position + 1:])
    shown = dataclasses.replace(roberta_result, top_tokens=top_tokens)
    panel = place(PredictionsPanel(), shown)
    labels = panel.candidate_labels(position)
    assert labels[:2] == [f"{WORD_START_MARK}ut", "ut"]
    assert not any("Ġ" in label for label in labels)
    tooltip = _rows(panel, position)[0].toolTip(CANDIDATE)
    assert "Ġut" in tooltip and "starts a word" in tooltip


def test_wordpiece_continuations_lose_their_hashes_and_word_starts_gain_the_mark(place, result):
    panel = place(PredictionsPanel(), result)
    for position in (3, 4, 8):
        for token, label in zip(result.top_tokens[position], panel.candidate_labels(position),
                                strict=True):
            if token.startswith("##"):
                assert label == token[2:]
            elif not token.startswith("["):
                assert label == WORD_START_MARK + token


def test_an_unknown_true_token_says_what_it_is_scored_against(place, tiny_bert):
    result = analyze(tiny_bert, AnalysisRequest("ꙮꙮ the ꙮ cat sat", mask_positions=(1,)))
    assert result.tokens[1] == "[UNK]"
    panel = place(PredictionsPanel(), result)
    notes = [t for t in panel.row_texts() if "unknown token" in t]
    assert notes and "scored against [UNK]" in notes[0]
    assert panel.row_texts()[0] == "Position 1 · masked “ꙮꙮ”"
