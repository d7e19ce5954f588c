"""Tokenizing text into tokens that know where they came from."""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from .arrays import frozen
from .errors import InputError
from .messages import QT_TRANSLATE_NOOP
from .token_text import WORD_START_MARK, token_scheme, with_own_mask
from .validation import analysable_text

#: a first guess at characters per token, generous for any language: a long
#: text is read ``max_length`` times this many characters at a time (see ``_enough_text``)
PREFIX_CHARS_PER_TOKEN = 16

#: warn when at least this share of a text's tokens are unknown to the vocabulary
UNKNOWN_SHARE_WARNING = 0.1


@dataclass(frozen=True)
class TokenizedText:
    """One tokenized text; ``T`` is the number of tokens kept.

    ``input_ids``: (T,) int64 ids as the tokenizer produced them.
    ``offsets``: (T, 2) int64 character span ``[start, end)`` of each token in
    ``text`` (``0, 0`` for special tokens).
    ``word_ids``: (T,) int64 index of the word a token belongs to, -1 for none.
    ``special_mask``: (T,) bool, true for special tokens ([CLS], <s>, ...).
    ``typed_mask``: (T,) bool, true where the text itself holds the mask token
    (``[MASK]`` or ``<mask>``, whichever the model uses: the other spelling is
    read as the model's own, see :func:`~.token_text.with_own_mask`): masked,
    but with no known original token.
    ``unknown_mask``: (T,) bool, true for the tokenizer's unknown token
    (``[UNK]``): characters the vocabulary does not cover.
    ``truncated_tokens``: tokens dropped because the text exceeds the model's
    maximum length, counted in the part of the text that was read.
    ``read_chars``: how many characters of ``text`` were tokenized. A text far
    longer than the model can use is read only as far as needed: then
    ``read_chars < len(text)`` and more tokens were dropped than counted.
    """

    text: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    input_ids: np.ndarray
    offsets: np.ndarray
    word_ids: np.ndarray
    special_mask: np.ndarray
    typed_mask: np.ndarray
    unknown_mask: np.ndarray
    truncated_tokens: int
    max_length: int
    read_chars: int

    @property
    def analysed_chars(self) -> int:
        """How many characters of the text the kept tokens reach."""
        return int(self.offsets[:, 1].max()) if len(self.offsets) else 0

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
    Labels are remembered per tokenizer: every analysis labels its top-k
    candidates, mostly the same few thousand tokens.
    """
    try:
        known = _LABELS.setdefault(tokenizer, {})
    except TypeError:  # a tokenizer that cannot be weakly referenced
        known = {}
    out = []
    for token in tokens:
        label = known.get(token)
        if label is None:
            label = known[token] = _label(tokenizer, token)
        out.append(label)
    return tuple(out)


_LABELS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _label(tokenizer: Any, token: str | None) -> str:
    if token is None:
        return ""
    try:
        label = tokenizer.convert_tokens_to_string([token]).strip()
    except Exception:  # noqa: BLE001 - a label is cosmetic; fall back to the raw token
        label = token
    if not label:
        return token
    if "\ufffd" in label:
        # part of a multi-byte character: its bytes, spelled as candidates spell them
        marked = token_scheme(tokenizer).marked(token).removeprefix(WORD_START_MARK)
        return token if "\ufffd" in marked else marked
    return label


def tokenize(tokenizer: Any, text: str, max_length: int) -> TokenizedText:
    """Tokenize ``text`` with special tokens, truncating to ``max_length``.

    Only as much of the text is read as the model can use (see
    :func:`_enough_text`), so a long text costs no more than a short one.
    Results are immutable, so the last few are kept: the window maps its mask
    spans to positions and then analyses the same text, tokenizing it once.
    """
    return _tokenize(tokenizer, analysable_text(text), int(max_length))


@functools.lru_cache(maxsize=8)
def _tokenize(tokenizer: Any, text: str, max_length: int) -> TokenizedText:
    own, where = with_own_mask(text, tokenizer.mask_token)
    part, content_tokens = _enough_text(tokenizer, own, max_length)
    enc = tokenizer(
        part,
        add_special_tokens=True,
        truncation=True,
        max_length=max_length,
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
    )
    ids = np.asarray(enc["input_ids"], dtype=np.int64)
    if ids.size == 0:
        raise InputError(QT_TRANSLATE_NOOP("core", "the text produced no tokens for this model's tokenizer"))
    mask_id = tokenizer.mask_token_id
    typed = ids == mask_id
    special = np.asarray(enc["special_tokens_mask"], dtype=bool) & ~typed
    unknown = (ids == tokenizer.unk_token_id) & ~special if tokenizer.unk_token_id is not None \
        else np.zeros(len(ids), dtype=bool)
    offsets = np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    word_ids = np.array(
        [-1 if w is None else int(w) for w in enc.word_ids()], dtype=np.int64
    )
    tokens = tuple(tokenizer.convert_ids_to_tokens(ids.tolist()))
    total = content_tokens + tokenizer.num_special_tokens_to_add(pair=False)
    return TokenizedText(
        text=text,
        tokens=tokens,
        labels=token_labels(tokenizer, tokens),
        input_ids=frozen(ids),
        offsets=frozen(where[offsets]),
        word_ids=frozen(word_ids),
        special_mask=frozen(special),
        typed_mask=frozen(typed),
        unknown_mask=frozen(unknown),
        truncated_tokens=max(0, total - len(ids)),
        max_length=max_length,
        read_chars=int(where[len(part)]),
    )


def _enough_text(tokenizer: Any, text: str, max_length: int) -> tuple[str, int]:
    """The start of ``text`` that surely gives the same kept tokens as all of it.

    Returns that start and its number of tokens (special tokens not counted).
    It reads ``max_length * PREFIX_CHARS_PER_TOKEN`` characters, then twice as
    many, and so on, until the tokens kept (the first ``max_length`` less the
    special tokens) all lie in words followed, in the part read, by at least
    one complete word and the (perhaps cut) last one. A tokenizer splits text
    into words before it splits words into tokens, and a word's tokens depend
    only on that word and the character after it, so the kept tokens are then
    exactly those of the whole text. A text that never settles (one endless
    word) is read whole, as is any text when the tokenizer truncates on the left.
    """
    keep = max_length - tokenizer.num_special_tokens_to_add(pair=False)
    size = max_length * PREFIX_CHARS_PER_TOKEN
    if keep >= 1 and getattr(tokenizer, "truncation_side", "right") == "right":
        while size < len(text):
            part = text[:size]
            words = tokenizer(part, add_special_tokens=False, verbose=False).word_ids()
            if len(words) > keep and _settled(words[keep - 1], words[-1]):
                return part, len(words)
            size *= 2
    return text, len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])


def _settled(last_kept_word: int | None, last_word: int | None) -> bool:
    """Whether a complete word lies between the last kept word and the last word read."""
    return last_kept_word is not None and last_word is not None and last_kept_word + 2 <= last_word


def unknown_token_warning(tokenized: TokenizedText) -> tuple[str, ...]:
    """A warning when at least :data:`UNKNOWN_SHARE_WARNING` of the text's tokens are unknown."""
    unknown = int(tokenized.unknown_mask.sum())
    total = int((~tokenized.special_mask).sum())
    if not unknown or unknown < UNKNOWN_SHARE_WARNING * total:
        return ()
    token = tokenized.tokens[int(np.flatnonzero(tokenized.unknown_mask)[0])]
    return (QT_TRANSLATE_NOOP(
        "core", "{unknown} of {total} tokens are {token}: this model's vocabulary does not cover those "
        "characters, so the model sees {token} in their place"
    ).format(unknown=unknown, total=total, token=token),)
