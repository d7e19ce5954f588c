"""Results for the widget tests, from the tiny models (see tests/conftest.py).

tests/gui/conftest.py serves each of them once per session as a fixture.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import torch
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from mlm_desktop.core import AnalysisRequest, AnalysisResult, analyze

NOTEBOOK_MASK = (3, 4, 8)
TYPED_TEXT = "The capital of France is [MASK] and the cat sat on the mat."
ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France. <mask> café"


def notebook_result(lm, text: str, **options) -> AnalysisResult:
    """The notebook text with tokens 3, 4 and 8 masked."""
    return analyze(lm, AnalysisRequest(text, mask_positions=NOTEBOOK_MASK, **options))


def unmasked_result(lm, text: str) -> AnalysisResult:
    return analyze(lm, AnalysisRequest(text))


def typed_result(lm) -> AnalysisResult:
    """A text holding a typed [MASK] (position 6) with token 2 masked by click."""
    result = analyze(lm, AnalysisRequest(TYPED_TEXT, mask_positions=(2,)))
    assert result.typed_mask_positions.tolist() == [6]
    return result


def roberta_result(lm) -> AnalysisResult:
    """Tokens 2 and 5 masked by click and a typed <mask>, in byte-level BPE pieces."""
    return analyze(lm, AnalysisRequest(ROBERTA_TEXT, mask_positions=(2, 5)))


def original_rank_by_hand(lm, result: AnalysisResult, position: int) -> int:
    """1 + how many tokens a plain forward pass scores above the original token at ``position``."""
    with torch.no_grad():
        logits = lm.model(input_ids=torch.tensor(result.masked_input_ids)[None]).logits[0, position]
    return 1 + int((logits > logits[int(result.input_ids[position])]).sum())


def with_original_at_rank(result: AnalysisResult, position: int, rank: int) -> AnalysisResult:
    """A copy where the original token at ``position`` is the model's candidate number ``rank``.

    ``rank`` is 1-based (1 = the top candidate). The tiny random model never
    ranks an original token in its top-k; this places it there so that the
    display of a correct candidate can be checked.
    """
    column_in_top = rank - 1
    top_ids = np.array(result.top_ids)
    top_ids[position, column_in_top] = result.input_ids[position]
    original_rank = np.array(result.original_rank)
    original_rank[position] = rank

    def replace_row(rows: tuple[tuple[str, ...], ...], value: str) -> tuple[tuple[str, ...], ...]:
        row = list(rows[position])
        row[column_in_top] = value
        return rows[:position] + (tuple(row),) + rows[position + 1 :]

    # keep the heatmap's candidates the union of every top-k
    original_id = int(result.input_ids[position])
    candidate_ids = np.array(result.candidate_ids)
    candidate_logits = np.array(result.candidate_logits)
    candidate_tokens, candidate_labels = result.candidate_tokens, result.candidate_labels
    if original_id not in candidate_ids.tolist():
        candidate_ids = np.append(candidate_ids, original_id)
        column = candidate_logits.min(axis=1, keepdims=True)
        column[position, 0] = result.top_logits[position, column_in_top]
        candidate_logits = np.hstack([candidate_logits, column])
        candidate_tokens += (result.tokens[position],)
        candidate_labels += (result.labels[position],)
    return dataclasses.replace(
        result,
        top_ids=top_ids,
        original_rank=original_rank,
        top_tokens=replace_row(result.top_tokens, result.tokens[position]),
        top_labels=replace_row(result.top_labels, result.labels[position]),
        candidate_ids=candidate_ids,
        candidate_logits=candidate_logits,
        candidate_tokens=candidate_tokens,
        candidate_labels=candidate_labels,
    )


def grab(widget: QWidget) -> QImage:
    """What the widget draws, as an image in the widget's logical pixels."""
    image = widget.grab().toImage()
    if image.devicePixelRatio() != 1:
        image = image.scaled(widget.size())
    return image


def colour_at(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()
