"""Several masks filled jointly: one at a time, most confident first, the model rerun each time.

A follow-up of the masked-LM result on screen (kind ``"joint_fill"``). The
masked-LM pass guesses every mask on its own (the independent argmax). Here
the masks are filled in turn: at each step the model reads the text with the
earlier fills in place, the still-masked position whose top-1 is the most
probable gets that token, and the model runs again. A small beam (width up
to 5) keeps the best partial fills by summed log-probability instead of only
the most confident one. Cancellable between steps, with progress per step.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from ..arrays import frozen
from ..decoded_spans import decode, decoded_spans
from ..errors import InputError
from ..loading import LoadedModel
from ..messages import QT_TRANSLATE_NOOP
from ..targets import target_ids
from ..tokens import token_labels
from .base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress
from .base import stop_if_cancelled as _stop
from .joint_fill_types import FillPath, FillRequest, FillResult, FillSettings

KIND = "joint_fill"


def request_for(parent: Any, _options: Any = None, settings: Any = None) -> FillRequest:
    """Fill the masks of a masked-LM result, from exactly the ids the model saw."""
    settings = settings if isinstance(settings, FillSettings) else FillSettings()
    positions = parent.prediction_positions
    return FillRequest(
        text=parent.text,
        tokens=tuple(parent.tokens),
        labels=tuple(parent.labels),
        masked_input_ids=tuple(parent.masked_input_ids.tolist()),
        positions=tuple(int(p) for p in positions),
        argmax_ids=tuple(int(i) for i in parent.top_ids[positions, 0]),
        argmax_probs=tuple(float(p) for p in parent.top_probs[positions, 0]),
        beam_width=settings.beam_width,
        special_positions=tuple(int(p) for p in np.flatnonzero(parent.special_mask)),
        mask_positions=tuple(int(p) for p in parent.mask_positions),
        allowed_ids=tuple(target_ids(getattr(parent, "targets", ()))),
    )


@dataclass(frozen=True)
class Step:
    """One fill: the position, the token put there and its log-probability at that step."""

    position: int
    token_id: int
    logprob: float


@dataclass(frozen=True)
class Hypothesis:
    """A partial fill: the ids the model reads next, the masks left and the steps taken."""

    ids: tuple[int, ...]
    remaining: tuple[int, ...]
    steps: tuple[Step, ...] = ()

    @property
    def score(self) -> float:
        return sum(step.logprob for step in self.steps)

    def filled(self, step: Step) -> Hypothesis:
        ids = list(self.ids)
        ids[step.position] = step.token_id
        left = tuple(p for p in self.remaining if p != step.position)
        return Hypothesis(tuple(ids), left, (*self.steps, step))


def _log_probs(loaded: LoadedModel, rows: list[tuple[int, ...]],
               allowed: tuple[int, ...] = ()) -> torch.Tensor:
    """(B, T, V) float32 log-probabilities of a batch of id sequences; with ``allowed``, every
    other id at minus infinity (the allowed ids keep their whole-vocabulary log-probability)."""
    ids = torch.as_tensor(rows, device=loaded.device)
    with torch.inference_mode():
        logits = loaded.model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits
    logp = torch.log_softmax(logits.float(), dim=-1)
    if allowed:
        kept = torch.full_like(logp, float("-inf"))
        listed = torch.as_tensor(allowed, device=logp.device, dtype=torch.long)
        kept[..., listed] = logp[..., listed]
        logp = kept
    return logp


def greedy_fill(loaded: LoadedModel, masked_ids: tuple[int, ...], positions: tuple[int, ...],
                cancelled: CancelCheck = never_cancelled,
                step_done: ProgressReport = no_progress, allowed: tuple[int, ...] = ()) -> Hypothesis:
    """Most confident first: one forward pass per mask, the filled tokens in place
    (only ``allowed`` ids, when given)."""
    hypothesis = Hypothesis(tuple(masked_ids), tuple(positions))
    for number in range(len(positions)):
        _stop(cancelled)
        logp = _log_probs(loaded, [hypothesis.ids], allowed)[0, list(hypothesis.remaining)]  # (R, V)
        best_logp, best_id = logp.max(dim=-1)
        row = int(best_logp.argmax())  # the earliest position among equals
        hypothesis = hypothesis.filled(
            Step(hypothesis.remaining[row], int(best_id[row]), float(best_logp[row])))
        step_done(number + 1, len(positions))
    return hypothesis


def beam_fill(loaded: LoadedModel, masked_ids: tuple[int, ...], positions: tuple[int, ...],
              width: int, cancelled: CancelCheck = never_cancelled,
              step_done: ProgressReport = no_progress, allowed: tuple[int, ...] = ()) -> list[Hypothesis]:
    """A beam over (position, token) fills scored by summed log-probability, best first.

    At each step every kept fill is extended by each still-masked position's
    ``width`` most probable tokens; the ``width`` best distinct fills are kept
    (the same tokens reached in another order count once, at their best score).
    """
    beam = [Hypothesis(tuple(masked_ids), tuple(positions))]
    for number in range(len(positions)):
        _stop(cancelled)
        logp = _log_probs(loaded, [h.ids for h in beam], allowed)
        children: list[tuple[float, Hypothesis, Step]] = []
        choices = len(allowed) if allowed else logp.shape[-1]
        for row, hypothesis in enumerate(beam):
            left, base = list(hypothesis.remaining), hypothesis.score
            top_logp, top_ids = logp[row, left].topk(min(width, choices), dim=-1)
            for position, values, ids in zip(left, top_logp.tolist(), top_ids.tolist(), strict=True):
                for value, token_id in zip(values, ids, strict=True):
                    children.append((base + value, hypothesis,
                                     Step(position, token_id, value)))
        children.sort(key=lambda child: -child[0])  # stable: earlier positions first among equals
        kept: dict[tuple[int, ...], Hypothesis] = {}
        for _score, hypothesis, step in children:
            child = hypothesis.filled(step)
            kept.setdefault(child.ids, child)
            if len(kept) == width:
                break
        beam = list(kept.values())
        step_done(number + 1, len(positions))
    return beam


def _path(loaded: LoadedModel, request: FillRequest, steps: tuple[Step, ...]) -> FillPath:
    ids = np.asarray(request.masked_input_ids, np.int64)
    for step in steps:
        ids[step.position] = step.token_id
    step_ids = [step.token_id for step in steps]
    tokenizer = loaded.tokenizer
    step_tokens = tuple(tokenizer.convert_ids_to_tokens(step_ids))
    sentence_tokens = tokenizer.convert_ids_to_tokens(ids.tolist())
    logprobs = np.asarray([step.logprob for step in steps], np.float64)
    return FillPath(
        order=frozen([step.position for step in steps], np.int64),
        ids=frozen(step_ids, np.int64),
        tokens=step_tokens,
        labels=token_labels(tokenizer, step_tokens),
        probabilities=frozen(np.exp(logprobs), np.float32),
        sentence_ids=frozen(ids),
        sentence_labels=token_labels(tokenizer, sentence_tokens),
        text=decode(tokenizer, ids.tolist()),
        spans=decoded_spans(tokenizer, ids.tolist(), request.positions),
        logprob=float(logprobs.sum()),
    )


def run(
    loaded: LoadedModel,
    request: FillRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> FillResult:
    """Greedy fill, then (beam width above 1) the beam; one progress step per forward pass."""
    start = time.perf_counter()
    _stop(cancelled)
    ids = request.masked_input_ids  # a result of the model used before a switch: refused
    if len(ids) > loaded.max_length or max(ids) >= loaded.model.get_input_embeddings().num_embeddings:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "the text was tokenized for another model: analyse it again"))
    masks, width = len(request.positions), request.beam_width
    total = masks * (2 if width > 1 else 1)
    greedy = greedy_fill(loaded, request.masked_input_ids, request.positions, cancelled,
                         lambda done, _total: progress(done, total), request.allowed_ids)
    notes: list[str] = []
    best = greedy
    if width > 1:
        beam = beam_fill(loaded, request.masked_input_ids, request.positions, width, cancelled,
                         lambda done, _total: progress(masks + done, total), request.allowed_ids)
        if beam and beam[0].score + 1e-9 >= greedy.score:
            best = beam[0]
        else:
            notes.append(QT_TRANSLATE_NOOP("core", "Every fill the beam kept scored below the greedy fill: "
                                           "the greedy fill is shown as the best."))
    argmax_steps = tuple(Step(p, i, math.log(max(q, 1e-45))) for p, i, q in
                         zip(request.positions, request.argmax_ids, request.argmax_probs, strict=True))
    if not masks:
        notes.append(QT_TRANSLATE_NOOP("core", "No token is masked: there is nothing to fill."))
    greedy_path = _path(loaded, request, greedy.steps)
    return FillResult(
        model_name=loaded.name,
        text=request.text,
        tokens=request.tokens,
        labels=request.labels,
        positions=frozen(request.positions, np.int64),
        beam_width=width,
        greedy=greedy_path,
        beam=greedy_path if best is greedy else _path(loaded, request, best.steps),
        argmax=_path(loaded, request, argmax_steps),
        timing_ms=(time.perf_counter() - start) * 1000.0,
        special_positions=frozen(request.special_positions, np.int64),
        mask_positions=frozen(request.mask_positions, np.int64),
        notes=tuple(notes),
    )


UNIT = AnalysisUnit(
    kind=KIND,
    title="joint fill",
    request_type=FillRequest,
    result_type=FillResult,
    run=run,
    follows="masked_lm",
    request_for=request_for,
)
