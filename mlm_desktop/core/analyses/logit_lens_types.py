"""The logit lens's settings, request and result (numpy only, frozen).

``Y`` is the number of hidden states (the embeddings and every encoder layer,
13 for bert-base), ``R`` the number of rows (token positions looked at), ``k``
the candidates kept per cell and ``G`` the number of target words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..errors import InputError
from ..messages import QT_TRANSLATE_NOOP
from ..options import MAX_TOKENS, MAX_TOP_K
from ..validation import flag, text_value, token_positions, whole_number
from .masked_lm_types import Candidate, TokenPrediction

#: at most this many target words are tracked at once
MAX_TARGETS = 20
#: a target word longer than this many characters is refused
MAX_TARGET_CHARS = 60


def target_words(values: object) -> tuple[str, ...]:
    """Target words, stripped, each once, in the order given; blanks are dropped."""
    if isinstance(values, str):
        values = values.split(",")
    if isinstance(values, bytes) or not hasattr(values, "__iter__"):
        raise InputError(QT_TRANSLATE_NOOP("core", "target words must be a list of words, got {kind}")
                         .format(kind=type(values).__name__))
    words: dict[str, None] = {}
    for value in values:
        word = text_value(value).strip()
        if len(word) > MAX_TARGET_CHARS:
            raise InputError(QT_TRANSLATE_NOOP(
                "core", "the target word {word!r}... is longer than {n} characters: give single words, "
                "separated by commas"
            ).format(word=word[:20], n=MAX_TARGET_CHARS))
        if word:
            words[word] = None
    if len(words) > MAX_TARGETS:
        raise InputError(QT_TRANSLATE_NOOP("core", "at most {n} target words can be tracked, got {count}")
                         .format(n=MAX_TARGETS, count=len(words)))
    return tuple(words)


@dataclass(frozen=True)
class LensSettings:
    """What the lens panel asks for: every position or only the masked ones, and target words."""

    all_positions: bool = False
    targets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "all_positions", flag(self.all_positions, "all_positions"))
        object.__setattr__(self, "targets", target_words(self.targets))


@dataclass(frozen=True)
class LensRequest:
    """One text as the model saw it, and which rows to look at through every layer.

    ``input_ids`` are the original ids, ``masked_input_ids`` what the model
    reads (the masked-LM result's), ``tokens``/``labels`` their strings (T,).
    ``rows``: the positions looked at, in order. ``mask_positions``: the
    chosen masks; ``typed_positions``: masks typed into the text (their
    original token is unknown).
    """

    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    input_ids: tuple[int, ...]
    masked_input_ids: tuple[int, ...]
    rows: tuple[int, ...]
    mask_positions: tuple[int, ...] = ()
    typed_positions: tuple[int, ...] = ()
    top_k: int = 5
    targets: tuple[str, ...] = ()
    all_positions: bool = False

    def __post_init__(self) -> None:
        text_value(self.text)
        n = len(self.input_ids)
        if not (len(self.masked_input_ids) == len(self.tokens) == len(self.labels) == n):
            raise InputError("the lens request's ids, tokens and labels differ in length")
        if n == 0 or n > MAX_TOKENS:
            raise InputError(f"the lens needs from 1 to {MAX_TOKENS} tokens, got {n}")
        for name in ("rows", "mask_positions", "typed_positions"):
            object.__setattr__(self, name, token_positions(getattr(self, name), n - 1))
        for name in ("input_ids", "masked_input_ids"):
            ids = tuple(whole_number(i, "a token id", 0) for i in getattr(self, name))
            object.__setattr__(self, name, ids)
        object.__setattr__(self, "top_k", whole_number(self.top_k, "top-k", 1, MAX_TOP_K))
        object.__setattr__(self, "targets", target_words(self.targets))
        object.__setattr__(self, "all_positions", flag(self.all_positions, "all_positions"))


@dataclass(frozen=True)
class LensTarget:
    """A word to follow: its pieces, and the one piece tracked (the first)."""

    word: str
    pieces: tuple[str, ...]
    tracked_id: int
    tracked_label: str

    @property
    def first_piece_only(self) -> bool:
        return len(self.pieces) > 1


@dataclass(frozen=True)
class LensResult:
    """The MLM head applied to every hidden state, reduced per (layer, row) cell.

    Per cell (Y, R, k): ``top_ids``, ``top_probs``, ``top_logits``.
    ``original_ids`` (R,): -1 where the mask was typed. ``original_rank``
    (Y, R): 1-based as in the masked-LM result (0 where typed);
    ``original_logprob`` (Y, R) float32 (NaN where typed). Targets (Y, R, G):
    ``target_rank`` (1-based) and ``target_logprob``. Layer 0 is the
    embeddings; the last layer is the model's own logits. ``final_norm`` names
    the norm the model applies between its encoder and its head, applied at
    every earlier layer as well (None: there is none). ``vocab_ids`` and
    ``vocab_tokens``/``vocab_labels``: the strings of every id in the top-k.
    ``vocab_size``: the number of logits per cell (the worst rank).
    """

    model_name: str
    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    rows: np.ndarray
    mask_positions: np.ndarray
    typed_positions: np.ndarray
    all_positions: bool
    top_k: int
    top_ids: np.ndarray
    top_probs: np.ndarray
    top_logits: np.ndarray
    original_ids: np.ndarray
    original_rank: np.ndarray
    original_logprob: np.ndarray
    targets: tuple[LensTarget, ...]
    target_rank: np.ndarray
    target_logprob: np.ndarray
    final_norm: str | None
    vocab_ids: tuple[int, ...]
    vocab_tokens: tuple[str, ...]
    vocab_labels: tuple[str, ...]
    vocab_size: int
    timing_ms: float
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def num_layers(self) -> int:
        """Y: the hidden states looked through, embeddings first."""
        return int(self.top_ids.shape[0])

    @property
    def num_rows(self) -> int:
        return int(self.rows.shape[0])

    @cached_property
    def _strings(self) -> dict[int, tuple[str, str]]:
        return {i: (t, lab) for i, t, lab in zip(self.vocab_ids, self.vocab_tokens,
                                                 self.vocab_labels, strict=True)}

    def token_of(self, token_id: int) -> str:
        return self._strings[int(token_id)][0]

    def label_of(self, token_id: int) -> str:
        return self._strings[int(token_id)][1]

    def row_of(self, position: int) -> int:
        """The row that looks at token ``position``, or -1."""
        found = np.flatnonzero(self.rows == int(position))
        return int(found[0]) if found.size else -1

    def is_masked(self, position: int) -> bool:
        return int(position) in self.mask_positions or int(position) in self.typed_positions

    def original_probability(self) -> np.ndarray:
        """(Y, R) probability of the original token (NaN where the mask was typed)."""
        return np.exp(self.original_logprob)

    def target_probability(self) -> np.ndarray:
        """(Y, R, G) probability of each target's tracked piece."""
        return np.exp(self.target_logprob)

    def prediction(self, layer: int, row: int) -> TokenPrediction:
        """The cell as a :class:`TokenPrediction`, the masked-LM result's own form."""
        typed = int(self.original_ids[row]) < 0
        candidates = tuple(
            Candidate(
                token=self.token_of(i), label=self.label_of(i), id=int(i),
                probability=float(p), logit=float(logit),
            )
            for i, p, logit in zip(self.top_ids[layer, row], self.top_probs[layer, row],
                                   self.top_logits[layer, row], strict=True)
        )
        return TokenPrediction(
            position=int(self.rows[row]),
            original=None if typed else self.tokens[int(self.rows[row])],
            original_id=None if typed else int(self.original_ids[row]),
            original_rank=None if typed else int(self.original_rank[layer, row]),
            original_probability=None if typed else float(np.exp(self.original_logprob[layer, row])),
            candidates=candidates,
        )
