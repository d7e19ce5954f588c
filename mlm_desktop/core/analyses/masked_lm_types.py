"""Requests and results: the contract between the core and every view.

Results are frozen dataclasses of read-only numpy arrays and plain values: no
torch tensors, no Qt. ``T`` is the number of tokens, ``L`` the number of
encoder layers, ``H`` heads per layer, ``D`` the hidden size, ``k`` the
number of candidates kept per position and ``C`` the number of heatmap
candidates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..options import DEFAULT_OPTIONS, MAX_SEED, MAX_TOKENS, MAX_TOP_K
from ..token_text import TokenScheme
from ..validation import flag, mask_spans, probability, text_value, token_positions, whole_number
from .head_check_types import HeadCheckInputs

#: the masked-LM pass's kind in the analysis registry
KIND = "masked_lm"
#: the fewest tokens a request's ``max_tokens`` may keep (special tokens and a few words)
MIN_TOKENS = 8

#: The head check passes when the MLM head applied to the last hidden state
#: gives logits within this fraction of the largest top logit's magnitude
#: (at least 1) of the model's own: generous for half precision, far below
#: the differences a wrong or missing head gives.
HEAD_CHECK_RELATIVE_TOLERANCE = 1e-2


@dataclass(frozen=True)
class AnalysisRequest:
    """What to analyse: a text and which of its tokens to mask.

    ``mask_positions`` are token indices (0 is the first special token, at
    most ``MAX_TOKENS - 1``).
    ``mask_spans``, when given, replace them: masks as character spans
    ``(start, end, ordinal)`` of ``text`` (see :mod:`mlm_desktop.core.spans`),
    resolved against this model's tokenization; a span that matches no
    maskable token is ignored.
    ``random_probability`` adds a seeded random draw over maskable tokens
    (the notebook's 15%); ``whole_word`` extends every mask to whole words.
    ``head_check`` recomputes the logits by applying the MLM head to the last
    hidden state (the notebook's check) at the masked positions and the first
    and last token, or at every position with ``head_check_all_positions``
    (as the notebook does; it costs a second full vocabulary projection).
    ``head_check_later`` keeps what the check needs in the result
    (``head_check_inputs``) instead of running it, for the follow-up
    analysis ``head_check`` (:mod:`.head_check`): the window shows the
    predictions first and the check a moment later.
    ``top_k`` goes from 1 to ``MAX_TOP_K`` (fewer when the vocabulary is
    smaller), ``seed`` from 0 to ``MAX_SEED``. ``max_tokens``, when given,
    reads at most that many tokens of the text (special tokens included) even
    where the model reads more; None reads as many as the model does.

    Every field is checked when the request is made: a value of the wrong type
    or out of range raises :class:`~mlm_desktop.core.errors.InputError`. The
    text's content (blank, lone surrogates) is checked when it is analysed.
    """

    text: str
    mask_positions: tuple[int, ...] = ()
    random_probability: float | None = None
    seed: int | None = None
    whole_word: bool = DEFAULT_OPTIONS.whole_word
    top_k: int = DEFAULT_OPTIONS.top_k
    mask_spans: frozenset[tuple[int, int, int]] | None = None
    output_hidden_states: bool = True
    output_attentions: bool = False
    keep_full_logits: bool = False
    head_check: bool = True
    head_check_all_positions: bool = False
    head_check_later: bool = False
    max_tokens: int | None = None

    def __post_init__(self) -> None:
        checked = {
            "text": text_value(self.text),
            "mask_positions": token_positions(self.mask_positions, MAX_TOKENS - 1),
            "random_probability": None
            if self.random_probability is None
            else probability(self.random_probability),
            "seed": None if self.seed is None else whole_number(self.seed, "the seed", 0, MAX_SEED),
            "top_k": whole_number(self.top_k, "top-k", 1, MAX_TOP_K),
            "mask_spans": None if self.mask_spans is None else mask_spans(self.mask_spans),
            "max_tokens": None if self.max_tokens is None
            else whole_number(self.max_tokens, "the maximum length", MIN_TOKENS, MAX_TOKENS),
        }
        for name in _FLAGS:
            checked[name] = flag(getattr(self, name), name)
        for name, value in checked.items():
            object.__setattr__(self, name, value)


_FLAGS = (
    "whole_word", "output_hidden_states", "output_attentions", "keep_full_logits",
    "head_check", "head_check_all_positions", "head_check_later",
)


@dataclass(frozen=True)
class Candidate:
    """One candidate token for a position."""

    token: str
    label: str
    id: int
    probability: float
    logit: float


@dataclass(frozen=True)
class TokenPrediction:
    """The model's guesses at one masked position.

    ``original`` is the token that was in the text, or None where the mask was
    typed into the text (its original token is unknown). ``original_rank`` is
    1-based: 1 when the original token is the model's top candidate, 1 + the
    number of tokens the model scores higher otherwise. It and
    ``original_probability`` are given even when the original token is outside
    the top-k.
    """

    position: int
    original: str | None
    original_id: int | None
    original_rank: int | None
    original_probability: float | None
    candidates: tuple[Candidate, ...]

    @property
    def correct(self) -> bool | None:
        """Whether the original token is the model's top candidate (None: typed mask)."""
        return None if self.original_rank is None else self.original_rank == 1


@dataclass(frozen=True)
class AnalysisResult:
    """Everything one forward pass shows.

    Per token (T,): ``tokens`` (the tokenizer's own strings), ``labels``
    (readable), ``input_ids`` (original), ``masked_input_ids`` (what the model
    saw), ``offsets`` (T, 2) character spans, ``word_ids``, ``special_mask``,
    ``typed_mask``, ``predicted_ids`` (argmax at every position),
    ``per_token_loss`` (cross-entropy of the original token, nats; NaN where
    the mask was typed), ``original_rank`` (1-based: 1 where the original token
    is the model's top candidate, else 1 + the number of tokens with a greater
    logit).
    Top candidates at every position: ``top_ids``, ``top_probs``,
    ``top_logits`` (T, k) and ``top_tokens``/``top_labels`` (T × k strings).
    Heatmap: ``candidate_ids`` (C,) the union of every position's top-k,
    ``candidate_logits`` (T, C) and ``logsumexp`` (T,), so that
    ``probability = exp(candidate_logits - logsumexp[:, None])``.
    ``truncated_tokens``: tokens dropped from a text longer than the model's
    maximum, counted in the part of the text read (a very long text is read
    only as far as the model can use; the warning then says how many
    characters were analysed).
    ``hidden_states``: (L + 1, T, D) float32, embeddings first.
    ``attentions``: (L, H, T, T) float32, or None when not requested.
    ``full_logits``: (T, V) float32, only when the request asked for it.
    """

    model_name: str
    device: str
    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    input_ids: np.ndarray
    masked_input_ids: np.ndarray
    offsets: np.ndarray
    word_ids: np.ndarray
    special_mask: np.ndarray
    typed_mask: np.ndarray
    mask_positions: np.ndarray
    seed: int | None
    top_k: int
    predicted_ids: np.ndarray
    predicted_tokens: tuple[str, ...]
    per_token_loss: np.ndarray
    original_rank: np.ndarray
    top_ids: np.ndarray
    top_probs: np.ndarray
    top_logits: np.ndarray
    top_tokens: tuple[tuple[str, ...], ...]
    top_labels: tuple[tuple[str, ...], ...]
    candidate_ids: np.ndarray
    candidate_tokens: tuple[str, ...]
    candidate_labels: tuple[str, ...]
    candidate_logits: np.ndarray
    logsumexp: np.ndarray
    loss_masked: float | None
    loss_all: float
    accuracy_masked: float | None
    hidden_states: np.ndarray | None
    attentions: np.ndarray | None
    head_check_max_abs_diff: float | None
    head_check_loss_masked: float | None
    head_check_loss_all: float | None
    head_check_row_count: int
    truncated_tokens: int
    max_length: int
    timing_ms: float
    mask_token: str
    full_logits: np.ndarray | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: what the head check needs, kept for it to run later (``head_check_later``)
    head_check_inputs: HeadCheckInputs | None = None
    #: how the tokenizer marks word starts: candidates are shown decoded with it
    token_scheme: TokenScheme = field(default_factory=TokenScheme)
    #: (T,) bool: the tokenizer's unknown token ([UNK]), characters the vocabulary lacks
    unknown_mask: np.ndarray | None = None

    # -- derived views -------------------------------------------------
    @property
    def num_tokens(self) -> int:
        return len(self.tokens)

    @property
    def typed_mask_positions(self) -> np.ndarray:
        """(M,) positions where the text itself holds the mask token."""
        return np.flatnonzero(self.typed_mask)

    @property
    def prediction_positions(self) -> np.ndarray:
        """(P,) every masked position, chosen or typed, in text order."""
        return np.union1d(self.mask_positions, self.typed_mask_positions).astype(np.int64)

    @property
    def num_hidden_states(self) -> int:
        return 0 if self.hidden_states is None else int(self.hidden_states.shape[0])

    @property
    def perplexity_masked(self) -> float | None:
        """exp(loss_masked): a pseudo-perplexity over the masked tokens."""
        return None if self.loss_masked is None else math.exp(self.loss_masked)

    @property
    def perplexity_all(self) -> float:
        """exp(loss_all) over every position (the notebook's convention)."""
        return math.exp(self.loss_all)

    @property
    def masked_text(self) -> str:
        """The masked sentence, tokens joined by single spaces (notebook line 1)."""
        masked = set(self.prediction_positions.tolist())
        return " ".join(
            self.mask_token if i in masked else t for i, t in enumerate(self.tokens)
        )

    @property
    def predicted_text(self) -> str:
        """Argmax token at every position, joined by spaces (notebook line 2)."""
        return " ".join(self.predicted_tokens)

    @property
    def original_text(self) -> str:
        """The original tokens joined by spaces (notebook line 3)."""
        return " ".join(self.tokens)

    @property
    def head_check_passed(self) -> bool | None:
        """Whether the MLM head on the last hidden state reproduced the logits.

        True when ``head_check_max_abs_diff`` is at most
        :data:`HEAD_CHECK_RELATIVE_TOLERANCE` times the largest ``|top_logits|``
        (or times 1 when that is smaller); None when the check did not run.
        """
        diff = self.head_check_max_abs_diff
        if diff is None:
            return None
        scale = max(1.0, float(np.abs(self.top_logits).max())) if self.top_logits.size else 1.0
        return bool(diff <= HEAD_CHECK_RELATIVE_TOLERANCE * scale)

    def probabilities(self, logits: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Softmax probabilities for logits taken from rows of this result."""
        lse = self.logsumexp if rows is None else self.logsumexp[rows]
        return np.exp(logits - lse[:, None])

    def prediction_at(self, position: int) -> TokenPrediction:
        """Top-k candidates and the original token's standing at ``position``."""
        p = int(position)
        typed = bool(self.typed_mask[p])
        candidates = tuple(
            Candidate(
                token=self.top_tokens[p][j],
                label=self.top_labels[p][j],
                id=int(self.top_ids[p, j]),
                probability=float(self.top_probs[p, j]),
                logit=float(self.top_logits[p, j]),
            )
            for j in range(self.top_ids.shape[1])
        )
        return TokenPrediction(
            position=p,
            original=None if typed else self.tokens[p],
            original_id=None if typed else int(self.input_ids[p]),
            original_rank=None if typed else int(self.original_rank[p]),
            original_probability=None if typed else float(np.exp(-self.per_token_loss[p])),
            candidates=candidates,
        )

    def predictions(self) -> tuple[TokenPrediction, ...]:
        """One :class:`TokenPrediction` per masked position, in text order."""
        return tuple(self.prediction_at(p) for p in self.prediction_positions)
