"""Pseudo-log-likelihood: settings, request and result (numpy only, frozen).

``N`` is the number of scored tokens (every token that is not special and not
a mask typed into the text) and ``k`` the candidates kept per scored token.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..validation import flag
from .masked_lm_types import Candidate, TokenPrediction


@dataclass(frozen=True)
class PllSettings:
    """What the PLL panel asks for: the plain or the whole-word variant."""

    whole_word: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "whole_word", flag(self.whole_word, "whole_word"))


@dataclass(frozen=True)
class PllRequest:
    """Score ``text`` (already tokenized for the model: ``input_ids``, ``word_ids``)."""

    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    input_ids: tuple[int, ...]
    word_ids: tuple[int, ...]
    scored: tuple[int, ...]
    whole_word: bool = False
    top_k: int = 10


@dataclass(frozen=True)
class PllResult:
    """Each scored token's log-probability when masked (natural log) and its copy's top-k.

    ``text_ids``: (T,) the text's token ids as typed (unmasked: the text is scored, not
    the masked copy on screen). ``word_ids``: (T,) the word of each token, -1 for none.
    ``positions``: (N,) token positions scored. ``log_probs``: (N,) float64.
    ``top_ids``/``top_probs``: (N, k) the candidates of each position's own
    masked copy; ``top_tokens``/``top_labels`` the same as text.
    ``single_mask``: (N,) bool, true where that copy masked only that token,
    so its top-k are exactly the model's answer to masking it alone (always,
    unless ``whole_word``, where only a word's last piece is masked alone).
    ``original_rank``: (N,) 1-based rank of the original token in its copy;
    ``logsumexp``: (N,) of its copy's logits (a candidate's logit is its
    log-probability plus this).
    """

    model_name: str
    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    text_ids: np.ndarray
    word_ids: np.ndarray
    positions: np.ndarray
    log_probs: np.ndarray
    top_ids: np.ndarray
    top_probs: np.ndarray
    top_tokens: tuple[tuple[str, ...], ...]
    top_labels: tuple[tuple[str, ...], ...]
    single_mask: np.ndarray
    whole_word: bool
    timing_ms: float
    original_rank: np.ndarray
    logsumexp: np.ndarray

    @property
    def pll(self) -> float:
        """The text's pseudo-log-likelihood: the sum of the log-probabilities."""
        return float(np.sum(self.log_probs))

    @property
    def scored_count(self) -> int:
        return int(len(self.positions))

    @property
    def pseudo_perplexity(self) -> float | None:
        """exp(−PLL / N); None when no token was scored."""
        return math.exp(-self.pll / self.scored_count) if self.scored_count else None

    @property
    def surprisal(self) -> np.ndarray:
        """(N,) −log p of each scored token, in nats."""
        return -np.asarray(self.log_probs)

    def surprisal_by_token(self) -> np.ndarray:
        """(T,) surprisal at every token position, NaN where nothing was scored."""
        out = np.full(len(self.tokens), np.nan)
        out[self.positions] = self.surprisal
        return out

    def ranked(self, count: int, most_expected: bool) -> list[tuple[int, str, float]]:
        """(position, label, log-probability) of the most (or least) expected tokens."""
        order = np.argsort(-self.log_probs if most_expected else self.log_probs, kind="stable")
        return [(int(self.positions[i]), self.labels[int(self.positions[i])],
                 float(self.log_probs[i])) for i in order[:count]]

    def single_mask_prediction(self, position: int) -> TokenPrediction | None:
        """The masked-LM pass's prediction at ``position`` when it alone is masked, read from
        the scoring pass (None when that copy masked more, or the token was not scored)."""
        found = np.flatnonzero(self.positions == position)
        if not len(found) or not self.single_mask[found[0]]:
            return None
        row = int(found[0])
        log_probs = np.log(self.top_probs[row].astype(np.float64))
        candidates = tuple(
            Candidate(token=self.top_tokens[row][j], label=self.top_labels[row][j],
                      id=int(self.top_ids[row, j]), probability=float(self.top_probs[row, j]),
                      logit=float(log_probs[j] + self.logsumexp[row]))
            for j in range(self.top_ids.shape[1])
        )
        return TokenPrediction(
            position=int(position), original=self.tokens[position],
            original_id=int(self.text_ids[position]),
            original_rank=int(self.original_rank[row]),
            original_probability=float(np.exp(self.log_probs[row])), candidates=candidates,
        )

    def single_mask_top(self, position: int) -> tuple[tuple[str, ...], np.ndarray] | None:
        """(labels, probabilities) of the top-k when only ``position`` is masked, if known."""
        found = np.flatnonzero(self.positions == position)
        if not len(found) or not self.single_mask[found[0]]:
            return None
        return self.top_labels[found[0]], self.top_probs[found[0]]
