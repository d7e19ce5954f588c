"""The masked-LM pass: mask, run the model once, reduce to what the views show.

The first analysis unit (kind ``"masked_lm"``): the reference notebook's
computation. Its request and result live in :mod:`.masked_lm_types`.

Top-k, losses, ranks and the head check are computed on the model's device;
only small arrays (and hidden states, attentions) are copied to the CPU. The
full ``tokens × vocabulary`` logits stay on the device unless asked for.
The pass runs with the model's fast attention (SDPA) unless the request asks
for attention weights (``output_attentions``): only then is it eager. The
window never asks; its attention views come from the ``attention`` unit.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from ..arrays import frozen
from ..loading import LoadedModel, eager_attention
from ..masking import resolve_mask
from ..messages import QT_TRANSLATE_NOOP
from ..mlm_head import apply_mlm_head
from ..spans import positions_for_spans
from ..targets import TargetWord, check_some_known, resolve_targets, target_ids
from ..token_text import token_scheme
from ..tokens import TokenizedText, token_labels, tokenize, unknown_token_warning
from .base import AnalysisUnit, CancelCheck, ProgressReport, never_cancelled, no_progress
from .head_check_types import HeadCheckInputs
from .masked_lm_types import KIND, AnalysisRequest, AnalysisResult


@contextlib.contextmanager
def captured_last_hidden_state(model: Any) -> Iterator[dict]:
    """Record the base encoder's output (what the MLM head consumes).

    The hook is removed on exit, whatever happens.
    """
    box: dict = {}

    def hook(_module, _inputs, output):
        box["last_hidden_state"] = output[0]

    handle = model.base_model.register_forward_hook(hook)
    try:
        yield box
    finally:
        handle.remove()


def analyze(loaded: LoadedModel, request: AnalysisRequest) -> AnalysisResult:
    """Run ``request`` through ``loaded`` and return an immutable result."""
    return run(loaded, request)


def run(
    loaded: LoadedModel,
    request: AnalysisRequest,
    cancelled: CancelCheck = never_cancelled,
    progress: ProgressReport = no_progress,
) -> AnalysisResult:
    """The unit's ``run``: one forward pass, so there is no chunk to cancel between."""
    start = time.perf_counter()
    limit = loaded.max_length
    if request.max_tokens is not None:
        limit = min(limit, request.max_tokens)
    tokenized = tokenize(loaded.tokenizer, request.text, limit)
    targets = resolve_targets(loaded.tokenizer, token_scheme(loaded.tokenizer), request.targets)
    check_some_known(targets)
    chosen = request.mask_positions
    if request.mask_spans is not None:
        chosen = positions_for_spans(tokenized.offsets, tokenized.maskable, request.mask_spans)
    positions, seed = resolve_mask(
        tokenized,
        chosen,
        request.random_probability,
        request.seed,
        request.whole_word,
    )
    masked_ids = tokenized.input_ids.copy()
    masked_ids[positions] = loaded.mask_token_id

    model = loaded.model
    device = loaded.device
    ids = torch.as_tensor(masked_ids, device=device).unsqueeze(0)
    attention_mask = torch.ones_like(ids)
    # attention weights need the slower eager attention: only for a caller that asks for them
    weights = eager_attention(model) if request.output_attentions else contextlib.nullcontext()
    with torch.inference_mode(), weights, captured_last_hidden_state(model) as captured:
        output = model(
            input_ids=ids,
            attention_mask=attention_mask,
            output_hidden_states=request.output_hidden_states,
            output_attentions=request.output_attentions,
        )
        reduced = _reduce(loaded, tokenized, positions, output, captured, request, target_ids(targets))
    timing_ms = (time.perf_counter() - start) * 1000.0
    return _build_result(loaded, tokenized, positions, seed, masked_ids, reduced, request, timing_ms,
                         targets)


def _reduce(
    loaded: LoadedModel,
    tokenized: TokenizedText,
    positions: np.ndarray,
    output: Any,
    captured: dict,
    request: AnalysisRequest,
    targets: list[int] | None = None,
) -> dict:
    """Device-side reductions; returns numpy arrays and floats only.

    With ``targets`` (vocabulary ids), the top candidates are the best of those
    ids by their probability over the whole vocabulary; the argmax is the
    whole vocabulary's.
    """
    device = loaded.device
    logits = output.logits[0].float()  # (T, V)
    vocab = logits.shape[-1]
    k = min(int(request.top_k), vocab)
    labels = torch.tensor(tokenized.input_ids, device=device)
    scored = torch.tensor(~tokenized.typed_mask, device=device)
    masked = torch.tensor(positions, device=device, dtype=torch.long)

    original_logit = logits.gather(1, labels[:, None])[:, 0]
    lse, original_rank, top_logits, top_ids = row_reductions(logits, original_logit, 1 if targets else k)
    per_token_loss = lse - original_logit
    per_token_loss = torch.where(scored, per_token_loss, torch.full_like(per_token_loss, float("nan")))
    # the argmax is the first of the top-k (one pass over T x V fewer than logits.argmax)
    predicted = top_ids[:, 0]
    if targets:
        listed = torch.as_tensor(targets, device=device, dtype=torch.long)
        top_logits, best = logits[:, listed].topk(min(k, len(targets)), dim=-1)
        top_ids = listed[best]
    top_probs = torch.exp(top_logits - lse[:, None])
    candidate_ids = _first_seen_unique(top_ids.reshape(-1))
    candidate_logits = logits[:, candidate_ids]

    loss_all = per_token_loss[scored].mean()
    loss_masked = per_token_loss[masked].mean() if masked.numel() else None
    accuracy = (predicted[masked] == labels[masked]).float().mean() if masked.numel() else None

    out: dict = {
        "per_token_loss": per_token_loss,
        "original_rank": original_rank,
        "predicted": predicted,
        "top_ids": top_ids,
        "top_probs": top_probs,
        "top_logits": top_logits,
        "candidate_ids": candidate_ids,
        "candidate_logits": candidate_logits,
        "logsumexp": lse,
        "loss_all": loss_all,
        "loss_masked": loss_masked,
        "accuracy": accuracy,
        "head_diff": None,
        "head_loss_masked": None,
        "head_loss_all": None,
    }
    out["head_rows"] = 0
    if request.head_check and "last_hidden_state" in captured:
        last = captured["last_hidden_state"][0]
        if request.head_check_all_positions:
            rows = torch.arange(len(labels), device=device)
        else:
            ends = torch.tensor([0, len(labels) - 1], device=device)
            rows = torch.unique(torch.cat([masked, ends]))
        # masked positions are always among the checked rows, in sorted order
        in_rows = torch.isin(rows, masked)
        if request.head_check_later:
            out["head_inputs"] = {
                "rows": rows, "hidden": last[rows].float(), "logits": logits[rows],
                "labels": labels[rows], "masked": in_rows,
            }
        else:
            head_logits = apply_mlm_head(loaded.model, last[rows]).float()
            out["head_rows"] = int(rows.numel())
            out["head_diff"] = (head_logits - logits[rows]).abs().max()
            if request.head_check_all_positions:
                out["head_loss_all"] = F.cross_entropy(head_logits[scored], labels[scored])
            if masked.numel():
                out["head_loss_masked"] = F.cross_entropy(head_logits[in_rows], labels[rows][in_rows])
    if request.output_hidden_states and output.hidden_states is not None:
        out["hidden_states"] = torch.stack([h[0] for h in output.hidden_states]).float()
    if request.output_attentions and getattr(output, "attentions", None):
        out["attentions"] = torch.stack([a[0] for a in output.attentions]).float()
    if request.keep_full_logits:
        out["full_logits"] = logits
    head_inputs = out.pop("head_inputs", None)
    host = {key: _to_host(value) for key, value in out.items()}
    if head_inputs is not None:
        host["head_inputs"] = HeadCheckInputs(**{
            key: _read_only(_to_host(value)) for key, value in head_inputs.items()
        })
    return host


def _read_only(array: np.ndarray) -> np.ndarray:
    """``array`` made read-only in place: fresh host arrays need no second copy."""
    array.flags.writeable = False
    return array


#: rows of logits reduced together: a block of 32 x 30k float32 logits stays in the CPU's cache
#: through its passes (max, exp, sum, compare, top-k), four times faster than whole-matrix passes
#: at 512 tokens, with the same values
REDUCTION_ROWS = 32


def row_reductions(
    logits: torch.Tensor, original_logit: torch.Tensor, k: int
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per row of (T, V) ``logits``: logsumexp, the 1-based rank of ``original_logit`` (1 + how
    many logits beat it; 1 = the model's top candidate), and the top-``k`` logits and ids."""
    rows = logits.shape[0]
    lse = logits.new_empty(rows)
    rank = torch.empty(rows, dtype=torch.long, device=logits.device)
    top_logits = logits.new_empty(rows, k)
    top_ids = torch.empty(rows, k, dtype=torch.long, device=logits.device)
    for start in range(0, rows, REDUCTION_ROWS):
        end = min(start + REDUCTION_ROWS, rows)
        block = logits[start:end]
        lse[start:end] = torch.logsumexp(block, dim=-1)
        rank[start:end] = (block > original_logit[start:end, None]).sum(dim=-1) + 1
        top_logits[start:end], top_ids[start:end] = block.topk(k, dim=-1)
    return lse, rank, top_logits, top_ids


def _first_seen_unique(ids: torch.Tensor) -> torch.Tensor:
    """Unique ids in order of first appearance (rows of top-k read in order)."""
    values = ids.tolist()
    return torch.as_tensor(list(dict.fromkeys(values)), device=ids.device, dtype=torch.long)


def _to_host(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        if value.ndim == 0:
            return float(value.item())
        return value.detach().cpu().numpy()
    return value


def _build_result(
    loaded: LoadedModel,
    tokenized: TokenizedText,
    positions: np.ndarray,
    seed: int | None,
    masked_ids: np.ndarray,
    r: dict,
    request: AnalysisRequest,
    timing_ms: float,
    targets: tuple[TargetWord, ...] = (),
) -> AnalysisResult:
    tokenizer = loaded.tokenizer
    top_ids = r["top_ids"].astype(np.int64)
    flat_tokens = tokenizer.convert_ids_to_tokens(top_ids.reshape(-1).tolist())
    flat_labels = token_labels(tokenizer, flat_tokens)
    k = top_ids.shape[1]
    top_tokens = tuple(tuple(flat_tokens[i * k : (i + 1) * k]) for i in range(top_ids.shape[0]))
    top_labels = tuple(tuple(flat_labels[i * k : (i + 1) * k]) for i in range(top_ids.shape[0]))
    candidate_ids = r["candidate_ids"].astype(np.int64)
    candidate_tokens = tuple(tokenizer.convert_ids_to_tokens(candidate_ids.tolist()))
    predicted = r["predicted"].astype(np.int64)
    hidden = r.get("hidden_states")
    attentions = r.get("attentions")
    full_logits = r.get("full_logits")
    return AnalysisResult(
        model_name=loaded.name,
        device=loaded.device,
        text=tokenized.text,
        tokens=tokenized.tokens,
        labels=tokenized.labels,
        input_ids=tokenized.input_ids,
        masked_input_ids=frozen(masked_ids),
        offsets=tokenized.offsets,
        word_ids=tokenized.word_ids,
        special_mask=tokenized.special_mask,
        typed_mask=tokenized.typed_mask,
        mask_positions=frozen(positions, np.int64),
        seed=seed,
        top_k=k,
        predicted_ids=frozen(predicted),
        predicted_tokens=tuple(tokenizer.convert_ids_to_tokens(predicted.tolist())),
        per_token_loss=frozen(r["per_token_loss"], np.float32),
        original_rank=frozen(r["original_rank"], np.int64),
        top_ids=frozen(top_ids),
        top_probs=frozen(r["top_probs"], np.float32),
        top_logits=frozen(r["top_logits"], np.float32),
        top_tokens=top_tokens,
        top_labels=top_labels,
        candidate_ids=frozen(candidate_ids),
        candidate_tokens=candidate_tokens,
        candidate_labels=token_labels(tokenizer, candidate_tokens),
        candidate_logits=frozen(r["candidate_logits"], np.float32),
        logsumexp=frozen(r["logsumexp"], np.float32),
        loss_masked=r["loss_masked"],
        loss_all=r["loss_all"],
        accuracy_masked=r["accuracy"],
        hidden_states=None if hidden is None else frozen(hidden, np.float32),
        attentions=None if attentions is None else frozen(attentions, np.float32),
        head_check_max_abs_diff=r["head_diff"],
        head_check_loss_masked=r["head_loss_masked"],
        head_check_loss_all=r["head_loss_all"],
        head_check_row_count=r["head_rows"],
        truncated_tokens=tokenized.truncated_tokens,
        max_length=tokenized.max_length,
        timing_ms=timing_ms,
        mask_token=loaded.mask_token,
        full_logits=None if full_logits is None else frozen(full_logits, np.float32),
        warnings=loaded.warnings + _truncation_warning(tokenized, loaded.max_length)
        + unknown_token_warning(tokenized),
        head_check_inputs=r.get("head_inputs"),
        token_scheme=token_scheme(tokenizer),
        unknown_mask=tokenized.unknown_mask,
        targets=targets,
    )


def _truncation_warning(tokenized: TokenizedText, model_limit: int) -> tuple[str, ...]:
    if not tokenized.truncated_tokens:
        return ()
    if tokenized.max_length < model_limit:  # the request's shorter maximum (the Preferences')
        if tokenized.read_chars < len(tokenized.text):
            return (QT_TRANSLATE_NOOP(
                "core", "the text is longer than the maximum length chosen, {limit} tokens (the model "
                "reads {model}): only its first {analysed:,} of {total:,} characters were analysed"
            ).format(limit=tokenized.max_length, model=model_limit, analysed=tokenized.analysed_chars,
                     total=len(tokenized.text)),)
        return (QT_TRANSLATE_NOOP(
            "core", "the text is longer than the maximum length chosen, {limit} tokens (the model "
            "reads {model}): the last {dropped} tokens were dropped"
        ).format(limit=tokenized.max_length, model=model_limit, dropped=tokenized.truncated_tokens),)
    if tokenized.read_chars < len(tokenized.text):
        return (QT_TRANSLATE_NOOP(
            "core", "the text is longer than the model's maximum of {limit} tokens: only its first "
            "{analysed:,} of {total:,} characters were analysed"
        ).format(limit=tokenized.max_length, analysed=tokenized.analysed_chars, total=len(tokenized.text)),)
    return (QT_TRANSLATE_NOOP(
        "core", "the text is longer than the model's maximum of {limit} tokens: the last {dropped} tokens "
        "were dropped"
    ).format(limit=tokenized.max_length, dropped=tokenized.truncated_tokens),)


UNIT = AnalysisUnit(
    kind=KIND,
    title="analysis",
    request_type=AnalysisRequest,
    result_type=AnalysisResult,
    run=run,
)
