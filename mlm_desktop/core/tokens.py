"""Tokenizing text into tokens that know where they came from."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from .arrays import frozen
from .errors import InputError


@dataclass(frozen=True)
class TokenizedText:
    """One tokenized text; ``T`` is the number of tokens kept.

    ``input_ids``: (T,) int64 ids as the tokenizer produced them.
    ``offsets``: (T, 2) int64 character span ``[start, end)`` of each token in
    ``text`` (``0, 0`` for special tokens).
    ``word_ids``: (T,) int64 index of the word a token belongs to, -1 for none.
    ``special_mask``: (T,) bool, true for special tokens ([CLS], <s>, ...).
    ``typed_mask``: (T,) bool, true where the text itself holds the mask token
    (``[MASK]``, ``<mask>``): masked, but with no known original token.
    ``truncated_tokens``: tokens dropped because the text exceeds the model's
    maximum length.
    """

    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    input_ids: np.ndarray
    offsets: np.ndarray
    word_ids: np.ndarray
    special_mask: np.ndarray
    typed_mask: np.ndarray
    truncated_tokens: int
    max_length: int

    def __len__(self) -> int:
        return len(self.tokens)

    @property
    def maskable(self) -> np.ndarray:
        """(T,) bool: tokens a user may mask (not special, not already a mask)."""
        return ~self.special_mask & ~self.typed_mask


def token_labels(tokenizer: Any, tokens: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Readable labels for tokens, with the tokenizer's own space markers removed.

    WordPiece continuations keep their ``##`` (they are pieces of a word);
    byte-level and SentencePiece word-start markers become plain text.
    """
    out = []
    for token in tokens:
        if token is None:
            out.append("")
            continue
        try:
            label = tokenizer.convert_tokens_to_string([token]).strip()
        except Exception:  # noqa: BLE001 - a label is cosmetic; fall back to the raw token
            label = token
        # A byte-level piece of a multi-byte character decodes to U+FFFD alone:
        # the raw token says more.
        out.append(token if not label or "\ufffd" in label else label)
    return tuple(out)


def tokenize(tokenizer: Any, text: str, max_length: int) -> TokenizedText:
    """Tokenize ``text`` with special tokens, truncating to ``max_length``.

    Results are immutable, so the last few are kept: the window maps its mask
    spans to positions and then analyses the same text, tokenizing it once.
    """
    if text is None or not str(text).strip():
        raise InputError("the text is empty: type or paste some text to analyse")
    return _tokenize(tokenizer, str(text), int(max_length))


@functools.lru_cache(maxsize=8)
def _tokenize(tokenizer: Any, text: str, max_length: int) -> TokenizedText:
    full = tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)
    total = len(full["input_ids"])
    enc = tokenizer(
        text,
        add_special_tokens=True,
        truncation=True,
        max_length=max_length,
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
    )
    ids = np.asarray(enc["input_ids"], dtype=np.int64)
    if ids.size == 0:
        raise InputError("the text produced no tokens for this model's tokenizer")
    mask_id = tokenizer.mask_token_id
    typed = ids == mask_id
    special = np.asarray(enc["special_tokens_mask"], dtype=bool) & ~typed
    word_ids = np.array(
        [-1 if w is None else int(w) for w in enc.word_ids()], dtype=np.int64
    )
    tokens = tuple(tokenizer.convert_ids_to_tokens(ids.tolist()))
    return TokenizedText(
        text=text,
        tokens=tokens,
        labels=token_labels(tokenizer, tokens),
        input_ids=frozen(ids),
        offsets=frozen(np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2)),
        word_ids=frozen(word_ids),
        special_mask=frozen(special),
        typed_mask=frozen(typed),
        truncated_tokens=max(0, total - len(ids)),
        max_length=max_length,
    )
