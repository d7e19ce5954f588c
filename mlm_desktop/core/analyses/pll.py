"""Pseudo-log-likelihood of the text on screen (kind ``"pll"``).

A follow-up of the masked-LM result: it scores the text as typed (the
original ids, not the masked ones), one masked copy per scored token, in
batched chunks (see :mod:`mlm_desktop.core.pll_batch`), cancellable between
chunks, with progress. The panel's settings choose the whole-word variant.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..arrays import frozen
from ..errors import InputError
from ..loading import LoadedModel
from ..messages import QT_TRANSLATE_NOOP
from ..pll_batch import ScoringText, score_texts
from ..tokens import token_labels
from .base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress
from .base import stop_if_cancelled as _stop
from .pll_types import PllRequest, PllResult, PllSettings

KIND = "pll"


def scored_positions(special_mask: np.ndarray, typed_mask: np.ndarray) -> tuple[int, ...]:
    """Every token that is neither special nor a mask typed into the text."""
    return tuple(int(p) for p in np.flatnonzero(~np.asarray(special_mask) & ~np.asarray(typed_mask)))


def request_for(parent: Any, _options: Any = None, settings: Any = None) -> PllRequest:
    """The PLL of a masked-LM result's text, with the panel's variant.

    The masks on screen are not part of it: the text is scored as typed, so the
    request (and its result) stays the same while the user masks and unmasks.
    """
    settings = settings if isinstance(settings, PllSettings) else PllSettings()
    return PllRequest(
        text=parent.text,
        tokens=tuple(parent.tokens),
        labels=tuple(parent.labels),
        input_ids=tuple(int(i) for i in parent.input_ids),
        word_ids=tuple(int(w) for w in parent.word_ids),
        scored=scored_positions(parent.special_mask, parent.typed_mask),
        whole_word=settings.whole_word,
        top_k=int(parent.top_k),
    )


def request_for_text(loaded: LoadedModel, text: str, whole_word: bool = False,
                     top_k: int = 10) -> PllRequest:
    """A request for ``text`` tokenized as the masked-LM pass tokenizes it."""
    from ..tokens import tokenize

    tokenized = tokenize(loaded.tokenizer, text, loaded.max_length)
    return PllRequest(
        text=tokenized.text,
        tokens=tokenized.tokens,
        labels=tokenized.labels,
        input_ids=tuple(int(i) for i in tokenized.input_ids),
        word_ids=tuple(int(w) for w in tokenized.word_ids),
        scored=scored_positions(tokenized.special_mask, tokenized.typed_mask),
        whole_word=whole_word,
        top_k=top_k,
    )


def run(
    loaded: LoadedModel,
    request: PllRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
    batch_size: int | None = None,
) -> PllResult:
    """Score every scored token of the request's text; a cancelled run returns nothing."""
    start = time.perf_counter()
    _stop(cancelled)
    if request.input_ids and max(request.input_ids) >= loaded.model.get_input_embeddings().num_embeddings:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "the text was tokenized for another model: analyse it again"))
    text = ScoringText(
        input_ids=np.asarray(request.input_ids, np.int64),
        word_ids=np.asarray(request.word_ids, np.int64),
        scored=np.asarray(request.scored, np.int64),
    )
    (scores,) = score_texts(loaded, [text], request.whole_word, request.top_k, batch_size,
                            progress, stop=lambda: _stop(cancelled))
    flat = loaded.tokenizer.convert_ids_to_tokens(scores.top_ids.reshape(-1).tolist())
    labels = token_labels(loaded.tokenizer, flat)
    k = scores.top_ids.shape[1]
    rows = range(len(text.scored))
    return PllResult(
        model_name=loaded.name,
        text=request.text,
        tokens=request.tokens,
        labels=request.labels,
        text_ids=frozen(text.input_ids),
        word_ids=frozen(text.word_ids),
        positions=frozen(text.scored),
        log_probs=frozen(scores.log_probs),
        top_ids=frozen(scores.top_ids),
        top_probs=frozen(np.exp(scores.top_log_probs), np.float32),
        top_tokens=tuple(tuple(flat[r * k:(r + 1) * k]) for r in rows),
        top_labels=tuple(tuple(labels[r * k:(r + 1) * k]) for r in rows),
        single_mask=frozen(scores.masked_counts == 1),
        whole_word=request.whole_word,
        timing_ms=(time.perf_counter() - start) * 1000.0,
        original_rank=frozen(scores.original_ranks),
        logsumexp=frozen(scores.logsumexp),
    )


UNIT = AnalysisUnit(
    kind=KIND,
    title="pseudo-log-likelihood",
    request_type=PllRequest,
    result_type=PllResult,
    run=run,
    follows="masked_lm",
    request_for=request_for,
    # the text's score does not change with the masks: a click's analysis runs between its
    # chunks instead of stopping it
    interleaves=True,
)
