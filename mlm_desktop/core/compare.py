"""Two masked LMs on the same text and masks, aligned by character spans.

Two tokenizers may split a text differently ("Abraham" is one WordPiece but
three byte-level BPE pieces), so token positions of one model mean nothing to
the other. Everything here is aligned by the characters each token covers:

* the second model masks every one of *its* tokens that overlaps a masked
  token of the first (:func:`covering_spans`, applied by :data:`SECOND_UNIT`
  in the second model's own worker), so both models hide the same characters;
* the text falls into *words*: the smallest stretches of characters that
  tokens of both models cover whole (overlapping tokens chained together);
  each word carries both models' tokens and summed losses, and says whether
  the two split it the same way;
* each masked word holds both models' top-1 guesses; they *agree* when the
  guesses read the same once word-start marks (``##``, ``Ġ``, ``▁``) are
  stripped and case is ignored (an uncased model lowercases every guess).

Qt-free; numpy and the masked-LM unit only.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .analyses.base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress
from .analyses.masked_lm_types import AnalysisRequest, AnalysisResult
from .errors import InputError
from .loading import LoadedModel
from .messages import QT_TRANSLATE_NOOP
from .spans import Span, token_spans
from .tokens import TokenizedText, tokenize

SECOND_KIND = "compare_model"


# -- character intervals --------------------------------------------------------
def _interval(start: int, end: int) -> tuple[int, int]:
    """A token's characters; an empty span (a lone byte-level space) joins the next character."""
    return (start, end) if end > start else (start, start + 1)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def covering_spans(tokenized: TokenizedText, masked: Iterable[Span]) -> frozenset[Span]:
    """Spans of the maskable tokens of ``tokenized`` that overlap a masked character span."""
    ranges = [_interval(s, e) for s, e, _k in masked]
    spans = token_spans(tokenized.offsets)
    return frozenset(
        span for i, span in enumerate(spans)
        if tokenized.maskable[i] and any(_overlaps(_interval(span[0], span[1]), r) for r in ranges)
    )


def masked_spans(result: AnalysisResult) -> frozenset[Span]:
    """The character spans of the tokens ``result`` masked (chosen or drawn, not typed)."""
    spans = token_spans(result.offsets)
    return frozenset(spans[int(p)] for p in result.mask_positions)


def second_request(first: AnalysisResult, whole_word: bool = False) -> AnalysisRequest:
    """The second model's request: ``first``'s text, top-k, masked characters and target words."""
    return AnalysisRequest(
        text=first.text,
        mask_spans=masked_spans(first),
        top_k=first.top_k,
        targets=tuple(t.word for t in first.targets),
        whole_word=whole_word,
        output_hidden_states=False,
        head_check=False,
    )


def run_second(
    loaded: LoadedModel,
    request: AnalysisRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> AnalysisResult:
    """The masked-LM pass of the second model, its masks widened to cover the same characters."""
    from .analyses import masked_lm  # torch: imported in the worker, not with the window

    tokenized = tokenize(loaded.tokenizer, request.text, loaded.max_length)
    spans = covering_spans(tokenized, request.mask_spans or ())
    return masked_lm.run(loaded, dataclasses.replace(request, mask_spans=spans), cancelled, progress)


#: the second model's worker runs only this unit
SECOND_UNIT = AnalysisUnit(
    kind=SECOND_KIND, title="comparison", request_type=AnalysisRequest,
    result_type=AnalysisResult, run=run_second,
)


# -- the comparison ---------------------------------------------------------------
@dataclass(frozen=True)
class Word:
    """Characters ``[start, end)`` that tokens of both models cover whole.

    ``a_positions``/``b_positions``: each model's tokens there (empty where a
    model's input was cut short); ``a_loss``/``b_loss``: the sum of their
    per-token losses (nats; NaN where there is none or a mask was typed).
    """

    start: int
    end: int
    text: str
    a_positions: tuple[int, ...]
    b_positions: tuple[int, ...]
    a_loss: float
    b_loss: float
    same_split: bool


@dataclass(frozen=True)
class MaskedWord:
    """Masked characters: each model's masked tokens there and their top-1 guesses."""

    start: int
    end: int
    text: str
    a_positions: tuple[int, ...]
    b_positions: tuple[int, ...]
    a_guess: str
    b_guess: str
    same_split: bool

    @property
    def agree(self) -> bool:
        return bool(self.a_guess) and self.a_guess.casefold() == self.b_guess.casefold()


@dataclass(frozen=True)
class Comparison:
    """Two models' results on one text, aligned by characters."""

    a: AnalysisResult
    b: AnalysisResult
    words: tuple[Word, ...]
    masked: tuple[MaskedWord, ...]

    @property
    def agreements(self) -> int:
        return sum(w.agree for w in self.masked)

    @property
    def split_differently(self) -> tuple[Word, ...]:
        """Words the two tokenizers split differently."""
        return tuple(w for w in self.words if not w.same_split)


def guess(result: AnalysisResult, positions: Iterable[int]) -> str:
    """The top-1 candidates at ``positions`` read as one word, word-start marks stripped."""
    return "".join(result.top_labels[int(p)][0].removeprefix("##") for p in positions)


def _groups(a_tokens: list[tuple[int, int, int]], b_tokens: list[tuple[int, int, int]]):
    """Chains of overlapping tokens of either model: (start, end, a positions, b positions)."""
    tagged = sorted([(*_interval(s, e), 0, p) for s, e, p in a_tokens]
                    + [(*_interval(s, e), 1, p) for s, e, p in b_tokens])
    groups: list[list] = []
    for start, end, side, position in tagged:
        if not groups or start >= groups[-1][1]:
            groups.append([start, end, [], []])
        group = groups[-1]
        group[1] = max(group[1], end)
        group[2 + side].append(position)
    return [(s, e, tuple(sorted(a)), tuple(sorted(b))) for s, e, a, b in groups]


def _tokens(result: AnalysisResult, positions: Iterable[int]) -> list[tuple[int, int, int]]:
    return [(int(result.offsets[p][0]), int(result.offsets[p][1]), int(p)) for p in positions]


def _same_split(a: AnalysisResult, b: AnalysisResult, ap: tuple, bp: tuple) -> bool:
    spans_a = [tuple(a.offsets[p].tolist()) for p in ap]
    spans_b = [tuple(b.offsets[p].tolist()) for p in bp]
    return bool(ap) and spans_a == spans_b


def _loss(result: AnalysisResult, positions: tuple[int, ...]) -> float:
    if not positions:
        return math.nan
    return float(np.sum(result.per_token_loss[list(positions)], dtype=np.float64))


def compare(a: AnalysisResult, b: AnalysisResult) -> Comparison:
    """Align ``a`` and ``b`` (results of the same text) by characters."""
    if a.text != b.text:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "the two results describe different texts; analyse the same text with both"))
    text = a.text
    content_a = np.flatnonzero(~a.special_mask)
    content_b = np.flatnonzero(~b.special_mask)
    words = tuple(
        Word(s, e, text[s:e], ap, bp, _loss(a, ap), _loss(b, bp), _same_split(a, b, ap, bp))
        for s, e, ap, bp in _groups(_tokens(a, content_a), _tokens(b, content_b))
    )
    masked = tuple(
        MaskedWord(s, e, text[s:e], ap, bp, guess(a, ap), guess(b, bp), _same_split(a, b, ap, bp))
        for s, e, ap, bp in _groups(_tokens(a, a.prediction_positions),
                                    _tokens(b, b.prediction_positions))
    )
    return Comparison(a, b, words, masked)


def compare_models(first: LoadedModel, second: LoadedModel, request: AnalysisRequest,
                   ) -> Comparison:
    """Both passes and their comparison: ``request`` for the first model, its masks for the second."""
    from .analyses import masked_lm

    a = masked_lm.run(first, request)
    b = run_second(second, second_request(a, request.whole_word))
    return compare(a, b)
