"""The logit lens for masked LMs: the model's own MLM head applied to every layer.

A follow-up of the masked-LM result on screen (kind ``"logit_lens"``). One
forward pass over exactly the ids the model saw gives every hidden state,
embeddings first; the head (the same modules as the head check, see
:mod:`mlm_desktop.core.mlm_head`) turns each layer's vector at each looked-at
row into logits. The cells (layers × rows) are reduced on the device chunk by
chunk to top-k, the original token's rank and log-probability and each target
word's, so layers × tokens × vocabulary is never held. The last layer is the
model's own logits: the lens ends exactly where the model's predictions are.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import torch

from ..arrays import frozen
from ..errors import InputError, MLMDesktopError
from ..loading import LoadedModel
from ..messages import QT_TRANSLATE_NOOP
from ..mlm_head import FinalNormWatch, apply_mlm_head
from ..tokens import token_labels
from .base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress
from .base import stop_if_cancelled as _stop
from .logit_lens_types import LensRequest, LensResult, LensSettings, LensTarget
from .masked_lm import captured_last_hidden_state

KIND = "logit_lens"
#: the largest block of float32 logits (cells × vocabulary) made at once
CHUNK_BYTES = 32 * 2**20


def request_for(parent: Any, _options: Any = None, settings: Any = None) -> LensRequest:
    """The lens of a masked-LM result: its masked rows, or every row, and the panel's targets."""
    settings = settings if isinstance(settings, LensSettings) else LensSettings()
    rows = range(parent.num_tokens) if settings.all_positions else parent.prediction_positions
    return LensRequest(
        text=parent.text,
        tokens=tuple(parent.tokens),
        labels=tuple(parent.labels),
        input_ids=tuple(parent.input_ids.tolist()),
        masked_input_ids=tuple(parent.masked_input_ids.tolist()),
        rows=tuple(int(r) for r in rows),
        mask_positions=tuple(parent.mask_positions.tolist()),
        typed_positions=tuple(parent.typed_mask_positions.tolist()),
        top_k=parent.top_k,
        targets=settings.targets,
        all_positions=settings.all_positions,
    )


def target_of(tokenizer: Any, word: str, vocab_size: int) -> LensTarget | None:
    """``word`` as this tokenizer reads it inside a sentence (after a space), no special tokens;
    None when it gives no token of the model's vocabulary."""
    ids = tokenizer(" " + word, add_special_tokens=False)["input_ids"]
    pieces = tokenizer.convert_ids_to_tokens(ids)
    # a bare word-start marker ("▁" before some characters) is no piece of the word
    kept = [(i, p) for i, p in zip(ids, pieces, strict=True)
            if tokenizer.convert_tokens_to_string([p]).strip()]
    if not kept or any(i >= vocab_size for i, _ in kept):
        return None
    first_id, first = kept[0]
    return LensTarget(word, tuple(p for _, p in kept), int(first_id),
                      token_labels(tokenizer, [first])[0])


def no_token_message(word: str) -> str:
    return f"the target word {word!r} gives no token of this model's vocabulary"


def _no_token_note(word: str) -> str:
    return QT_TRANSLATE_NOOP(
        "core", "The target word {word!r} gives no token of this model's vocabulary: it is not followed."
    ).format(word=word)


def _notes(loaded: LoadedModel, targets: list[LensTarget], norm: str | None,
           skipped: list[str]) -> tuple[str, ...]:
    notes = [_no_token_note(word) for word in skipped]
    if norm is not None:
        notes.append(QT_TRANSLATE_NOOP(
            "core", "This model applies a final norm ({norm}) between its encoder and its head; the lens "
            "applies it to every layer's hidden state as well.").format(norm=norm))
    unknown = loaded.tokenizer.unk_token_id
    for target in targets:
        if target.first_piece_only:
            notes.append(QT_TRANSLATE_NOOP(
                "core", "'{word}' is {n} pieces ({pieces}): tracked by its first piece '{first}'."
            ).format(word=target.word, n=len(target.pieces), pieces=" ".join(target.pieces),
                     first=target.tracked_label))
        if unknown is not None and target.tracked_id == unknown:
            notes.append(QT_TRANSLATE_NOOP(
                "core", "'{word}' is not in the vocabulary: it is tracked as {token}."
            ).format(word=target.word, token=target.tracked_label))
    return tuple(notes)


def run(
    loaded: LoadedModel,
    request: LensRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> LensResult:
    """One forward pass, then the head over every (layer, row) cell, chunk by chunk."""
    start = time.perf_counter()
    _stop(cancelled)
    model, device = loaded.model, loaded.device
    ids = torch.as_tensor(request.masked_input_ids, device=device).unsqueeze(0)
    too_long = ids.shape[1] > loaded.max_length  # e.g. a result of the model used before a switch
    if too_long or int(ids.max()) >= model.get_input_embeddings().num_embeddings:
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "the text was tokenized for another model: analyse it again"))
    with torch.inference_mode(), captured_last_hidden_state(model) as captured, \
            FinalNormWatch(model) as watch:
        output = model(input_ids=ids, attention_mask=torch.ones_like(ids), output_hidden_states=True)
        if not output.hidden_states or "last_hidden_state" not in captured:
            raise MLMDesktopError("this model does not give its hidden states, "
                                  "so the logit lens cannot look inside it")
        found = watch.found(captured["last_hidden_state"])
        vocab = int(output.logits.shape[-1])
        found_targets = {word: target_of(loaded.tokenizer, word, vocab) for word in request.targets}
        targets = [t for t in found_targets.values() if t is not None]
        skipped = [word for word, t in found_targets.items() if t is None]
        reduced = _reduce(loaded, request, output, found, targets, cancelled, progress)
    norm_name = None if found is None else found[0]
    vocab_ids = tuple(dict.fromkeys(reduced["top_ids"].reshape(-1).tolist()))
    vocab_tokens = tuple(loaded.tokenizer.convert_ids_to_tokens(list(vocab_ids)))
    return LensResult(
        model_name=loaded.name,
        text=request.text,
        tokens=request.tokens,
        labels=request.labels,
        rows=frozen(request.rows, np.int64),
        mask_positions=frozen(request.mask_positions, np.int64),
        typed_positions=frozen(request.typed_positions, np.int64),
        all_positions=request.all_positions,
        top_k=int(reduced["top_ids"].shape[-1]),
        targets=tuple(targets),
        final_norm=norm_name,
        vocab_ids=vocab_ids,
        vocab_tokens=vocab_tokens,
        vocab_labels=token_labels(loaded.tokenizer, vocab_tokens),
        vocab_size=vocab,
        timing_ms=(time.perf_counter() - start) * 1000.0,
        notes=_notes(loaded, targets, norm_name, skipped),
        **{name: frozen(value) for name, value in reduced.items()},
    )


def _reduce(loaded, request, output, found, targets, cancelled, progress) -> dict[str, np.ndarray]:
    """Top-k, ranks and log-probabilities of every cell, as (Y, R, ...) numpy arrays."""
    device = loaded.device
    hidden = torch.stack([h[0] for h in output.hidden_states])  # (Y, T, D)
    model_logits = output.logits[0]  # (T, V)
    layers, rows_count = hidden.shape[0], len(request.rows)
    vocab = int(model_logits.shape[-1])
    k = min(request.top_k, vocab)
    rows = torch.as_tensor(request.rows, dtype=torch.long, device=device)
    typed = set(request.typed_positions)
    originals = [-1 if r in typed else request.input_ids[r] for r in request.rows]
    original_ids = torch.as_tensor(originals, dtype=torch.long, device=device)
    target_ids = torch.as_tensor([t.tracked_id for t in targets], dtype=torch.long, device=device)
    cells = layers * rows_count
    out = {
        "top_ids": np.zeros((cells, k), np.int64),
        "top_probs": np.zeros((cells, k), np.float32),
        "top_logits": np.zeros((cells, k), np.float32),
        "original_rank": np.zeros(cells, np.int64),
        "original_logprob": np.full(cells, np.nan, np.float32),
        "target_rank": np.zeros((cells, len(targets)), np.int64),
        "target_logprob": np.zeros((cells, len(targets)), np.float32),
    }
    per_chunk = max(1, CHUNK_BYTES // (4 * vocab))
    chunks = range(0, cells, per_chunk)
    progress(1, len(chunks) + 1)
    for number, first in enumerate(chunks, start=2):
        _stop(cancelled)
        cell = torch.arange(first, min(first + per_chunk, cells), device=device)
        layer, row = cell // rows_count, cell % rows_count
        logits = _cell_logits(loaded.model, hidden, model_logits, found, layer, rows[row])
        for name, value in _cell_stats(logits, k, original_ids[row], target_ids).items():
            out[name][first:first + len(cell)] = value.cpu().numpy()
        progress(number, len(chunks) + 1)
    out["original_ids"] = np.asarray(originals, np.int64)
    shaped = {name: value.reshape(layers, rows_count, *value.shape[1:])
              for name, value in out.items() if name != "original_ids"}
    return {**shaped, "original_ids": out["original_ids"]}


def _cell_logits(model, hidden, model_logits, found, layer, positions) -> torch.Tensor:
    """(n, V) float32 logits of the cells: the head on earlier layers, the model's own on the last."""
    last = hidden.shape[0] - 1
    logits = torch.empty((len(layer), model_logits.shape[-1]), dtype=torch.float32,
                         device=model_logits.device)
    looked = layer < last
    if bool(looked.any()):
        vectors = hidden[layer[looked], positions[looked]]
        if found is not None:
            vectors = found[1](vectors)
        logits[looked] = apply_mlm_head(model, vectors).float()
    if not bool(looked.all()):
        logits[~looked] = model_logits[positions[~looked]].float()
    return logits


def _cell_stats(logits: torch.Tensor, k: int, original_ids: torch.Tensor,
                target_ids: torch.Tensor) -> dict[str, torch.Tensor]:
    """Per cell, as the masked-LM pass computes them (rank 1 = the top candidate)."""
    lse = torch.logsumexp(logits, dim=-1)
    top_logits, top_ids = logits.topk(k, dim=-1)
    original_logit = logits.gather(1, original_ids.clamp(min=0)[:, None])[:, 0]
    typed = original_ids < 0
    rank = (logits > original_logit[:, None]).sum(dim=-1) + 1
    target_logits = logits[:, target_ids]  # (n, G)
    target_rank = torch.stack(
        [(logits > target_logits[:, g, None]).sum(dim=-1) + 1 for g in range(len(target_ids))],
        dim=-1,
    ) if len(target_ids) else target_logits.long()
    return {
        "top_ids": top_ids,
        "top_probs": torch.exp(top_logits - lse[:, None]),
        "top_logits": top_logits,
        "original_rank": torch.where(typed, torch.zeros_like(rank), rank),
        "original_logprob": torch.where(typed, torch.full_like(lse, float("nan")),
                                        original_logit - lse),
        "target_rank": target_rank,
        "target_logprob": target_logits - lse[:, None],
    }


UNIT = AnalysisUnit(
    kind=KIND,
    title="logit lens",
    request_type=LensRequest,
    result_type=LensResult,
    run=run,
    follows="masked_lm",
    request_for=request_for,
)
