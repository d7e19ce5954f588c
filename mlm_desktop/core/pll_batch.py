"""Pseudo-log-likelihood scoring in batches: one masked copy per scored token.

Salazar et al. (2020), "Masked Language Model Scoring": each scored token
(every token that is not special and not a mask typed into the text) is
masked in its own copy of the text, and the model's log-probability (natural
log) of the original token there is that token's score. With ``whole_word``
(Kauf and Ivanova 2023, "PLL-word-l2r") the copy that scores a word piece
also masks the later pieces of the same word.

The copies of one text or of many texts are run in chunks: the base encoder
over the chunk, then the model's own MLM head only at each copy's scored
row, so no ``copies × tokens × vocabulary`` block is ever made. Copies of
different lengths are padded (with the attention mask) and sorted by length
so that little padding is run. Between chunks the caller may cancel, and it
is told the progress. Each copy keeps the top-k candidates of its own masked
row: the model's answer when that one token (and, whole-word, the later
pieces of its word) is masked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from .loading import LoadedModel
from .mlm_head import apply_mlm_head

#: tokens (copies × length) run at once when neither the caller nor the GPU says more
CPU_TOKEN_BUDGET = 4096
#: the share of the GPU's free memory a chunk may take
GPU_MEMORY_SHARE = 0.5


@dataclass(frozen=True)
class ScoringText:
    """One text to score: its ids, its word of each token (-1: none) and the rows to score."""

    input_ids: np.ndarray
    word_ids: np.ndarray
    scored: np.ndarray  # (N,) positions, increasing


@dataclass(frozen=True)
class TextScores:
    """Per scored position of one text: its log-probability and its own copy's top-k."""

    log_probs: np.ndarray  # (N,) float64, natural log
    top_ids: np.ndarray  # (N, k) int64
    top_log_probs: np.ndarray  # (N, k) float32
    masked_counts: np.ndarray  # (N,) int64: tokens masked in the copy (1 unless whole-word)
    original_ranks: np.ndarray  # (N,) int64: 1 + tokens scored above the original (1 = top)
    logsumexp: np.ndarray  # (N,) float32: of the copy's logits (logit = log-prob + this)


def later_pieces(word_ids: np.ndarray, scored: np.ndarray, position: int) -> np.ndarray:
    """Scored positions after ``position`` in the same word (what whole-word PLL also masks)."""
    word = int(word_ids[position])
    if word < 0:
        return np.zeros(0, np.int64)
    return np.asarray([p for p in scored if p > position and word_ids[p] == word], np.int64)


def copy_masks(text: ScoringText, whole_word: bool) -> list[np.ndarray]:
    """For each scored position, the positions its copy masks (itself first)."""
    out = []
    for position in text.scored:
        extra = later_pieces(text.word_ids, text.scored, int(position)) if whole_word else ()
        out.append(np.asarray([int(position), *extra], np.int64))
    return out


def chunk_size(loaded: LoadedModel, length: int) -> int:
    """Copies per chunk for texts of ``length`` tokens: bounded by the memory at hand."""
    budget = CPU_TOKEN_BUDGET
    if str(loaded.device).startswith("cuda") and torch.cuda.is_available():
        free, _total = torch.cuda.mem_get_info()
        config = loaded.model.config
        width = int(getattr(config, "intermediate_size", 4 * config.hidden_size))
        heads = int(getattr(config, "num_attention_heads", 12))
        itemsize = loaded.dtype.itemsize if hasattr(loaded.dtype, "itemsize") else 4
        per_token = itemsize * (width + 6 * config.hidden_size + heads * length) * 2
        budget = max(budget, int(free * GPU_MEMORY_SHARE) // max(per_token, 1))
    return max(1, budget // max(length, 1))


def score_texts(
    loaded: LoadedModel,
    texts: Sequence[ScoringText],
    whole_word: bool = False,
    top_k: int = 10,
    batch_size: int | None = None,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
    stop: Callable[[], None] | None = None,
) -> list[TextScores]:
    """Score every text; copies of all texts are batched together, shortest first.

    ``batch_size``: copies per chunk (default: as many as :func:`chunk_size` allows).
    ``progress(done, total)`` counts copies. ``stop`` is called before each
    chunk: it raises to cancel the run, so no partial scores are returned.
    """
    masks = [copy_masks(text, whole_word) for text in texts]
    jobs = [(len(texts[t].input_ids), t, i) for t, ms in enumerate(masks) for i in range(len(ms))]
    jobs.sort()
    total = len(jobs)
    vocab = int(loaded.model.get_input_embeddings().num_embeddings)
    k = max(1, min(int(top_k), vocab))
    results = [_empty_scores(len(ms), k, ms) for ms in masks]
    progress(0, total)
    done = 0
    while done < total:
        if stop is not None:
            stop()
        size = batch_size or _fitting(loaded, jobs, done)
        chunk = jobs[done:done + size]
        _run_chunk(loaded, texts, masks, chunk, k, results)
        done += len(chunk)
        progress(done, total)
    return [TextScores(**scores) for scores in results]


def _fitting(loaded: LoadedModel, jobs: list, done: int) -> int:
    """Copies from ``done`` on that fit the budget: sized by the shortest, then by the
    longest of that many (lengths increase, so fewer copies are never longer)."""
    size = chunk_size(loaded, jobs[done][0])
    longest = jobs[min(done + size, len(jobs)) - 1][0]
    return min(size, chunk_size(loaded, longest))


def _empty_scores(count: int, k: int, masks: list[np.ndarray]) -> dict[str, np.ndarray]:
    return {
        "log_probs": np.zeros(count, np.float64),
        "top_ids": np.zeros((count, k), np.int64),
        "top_log_probs": np.zeros((count, k), np.float32),
        "masked_counts": np.asarray([len(m) for m in masks], np.int64),
        "original_ranks": np.zeros(count, np.int64),
        "logsumexp": np.zeros(count, np.float32),
    }


def _run_chunk(loaded, texts, masks, chunk, k, results) -> None:
    model, device = loaded.model, loaded.device
    pad = loaded.tokenizer.pad_token_id
    pad = 0 if pad is None else int(pad)
    width = max(length for length, _, _ in chunk)
    ids = np.full((len(chunk), width), pad, np.int64)
    attention = np.zeros((len(chunk), width), np.int64)
    rows, originals = [], []
    for row, (length, t, i) in enumerate(chunk):
        ids[row, :length] = texts[t].input_ids
        attention[row, :length] = 1
        masked = masks[t][i]
        ids[row, masked] = loaded.mask_token_id
        rows.append(int(masked[0]))
        originals.append(int(texts[t].input_ids[masked[0]]))
    with torch.inference_mode():
        hidden = model.base_model(
            input_ids=torch.as_tensor(ids, device=device),
            attention_mask=torch.as_tensor(attention, device=device),
        )[0]
        picked = hidden[torch.arange(len(chunk), device=device), torch.as_tensor(rows, device=device)]
        logits = apply_mlm_head(model, picked).float()
        lse = torch.logsumexp(logits, dim=-1)
        log_probs = logits - lse[:, None]
        original = log_probs.gather(1, torch.as_tensor(originals, device=device)[:, None])[:, 0]
        ranks = (log_probs > original[:, None]).sum(dim=-1) + 1
        top_values, top_ids = log_probs.topk(k, dim=-1)
    original, ranks, lse, top_values, top_ids = (
        v.cpu().numpy() for v in (original, ranks, lse, top_values, top_ids))
    for row, (_length, t, i) in enumerate(chunk):
        results[t]["log_probs"][i] = original[row]
        results[t]["original_ranks"][i] = ranks[row]
        results[t]["logsumexp"][i] = lse[row]
        results[t]["top_ids"][i] = top_ids[row]
        results[t]["top_log_probs"][i] = top_values[row]
