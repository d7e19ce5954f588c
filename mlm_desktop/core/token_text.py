"""How tokens read as text: word starts, decoded pieces, chip texts and typed masks.

Tokenizers mark word boundaries in their own ways: WordPiece (BERT) marks a
word's later pieces with ``##``; byte-level BPE (RoBERTa) marks a word's first
piece with ``Ġ`` and spells every byte as one character (``Ã©`` is "é");
SentencePiece (ALBERT, XLM-R) marks a word's first piece with ``▁``. People
see one convention instead: a candidate that starts a word is shown with a
leading :data:`WORD_START_MARK`, and every piece is shown decoded.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: shown before a candidate that starts a word (the tokenizer's ``Ġ``, ``▁``, or no ``##``)
WORD_START_MARK = "\u2423"  # ␣
#: shown on the chips of a character's later byte-level pieces (the first shows the character)
MORE_BYTES_MARK = "\u00b7"  # ·
#: mask tokens people type, whatever the model: each becomes the model's own mask token
MASK_SPELLINGS = ("[MASK]", "<mask>")

_SPECIAL_LOOKING = re.compile(r"^(\[[^\[\]\s]+\]|<[^<>\s]+>)$")


@functools.lru_cache(maxsize=1)
def _byte_values() -> dict[str, int]:
    """The byte-level alphabet (GPT-2's): each byte is spelled as one printable character."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1),
                 *range(ord("®"), ord("ÿ") + 1)]
    chars, extra = {}, 0
    for byte in range(256):
        if byte in printable:
            chars[chr(byte)] = byte
        else:
            chars[chr(256 + extra)] = byte
            extra += 1
    return chars


def _spell_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are no whole character, spelled ``<0xE4>`` (a codecs error handler)."""
    bad = error.object[error.start:error.end]
    return "".join(f"<0x{byte:02X}>" for byte in bad), error.end


_BYTE_NOTATION = "mlm_desktop.byte_notation"
codecs.register_error(_BYTE_NOTATION, _spell_bytes)


@dataclass(frozen=True)
class TokenScheme:
    """How one tokenizer spells word boundaries (see the module's text).

    ``word_start``: the prefix of a word's first piece (``Ġ``, ``▁``; "" if none);
    ``continuation``: the prefix of a word's later pieces (``##``; "" if none);
    ``byte_level``: pieces spell bytes, decoded as UTF-8 when joined.
    The default knows no scheme: pieces are shown as they are, joined by spaces.
    """

    word_start: str = ""
    continuation: str = ""
    byte_level: bool = False
    #: the tokenizer tidies spaces before punctuation when it decodes (BERT's clean-up)
    tidy_spaces: bool = False

    def starts_word(self, token: str) -> bool | None:
        """Whether ``token`` begins a word (None: this scheme cannot tell)."""
        if self.continuation:
            return not token.startswith(self.continuation)
        if self.word_start:
            return token.startswith(self.word_start)
        return None

    def pieces(self, tokens: Sequence[str]) -> tuple[str, ...]:
        """Each token's share of the decoded text, a word start's leading space included.

        Joined, they read as the tokenizer decodes ``tokens`` (before it tidies
        spaces around punctuation, unless ``tidy_spaces``). A character spelled
        by several byte-level pieces belongs to its last piece; the others give "".
        """
        pieces = self._raw_pieces(tokens)
        return _tidied(pieces) if self.tidy_spaces else pieces

    def _raw_pieces(self, tokens: Sequence[str]) -> tuple[str, ...]:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        values = _byte_values()
        out = []
        for token in tokens:
            if _SPECIAL_LOOKING.match(token):
                decoder.reset()
                out.append(" " + token)
            elif self.byte_level and all(c in values for c in token):
                out.append(decoder.decode(bytes(values[c] for c in token)))
            elif self.continuation:
                out.append(token.removeprefix(self.continuation) if not self.starts_word(token)
                           else " " + token)
            elif self.word_start:
                out.append(" " + token[len(self.word_start):] if self.starts_word(token) else token)
            else:
                out.append(" " + token)
        return tuple(out)

    def marked(self, token: str) -> str:
        """``token`` as a candidate is shown: decoded, with :data:`WORD_START_MARK`
        before a word start. A byte-level piece holding only part of a character
        shows those bytes as ``<0xE4>``, the way byte-fallback vocabularies spell
        them. Special tokens and tokens of an unknown scheme are shown as they are."""
        if _SPECIAL_LOOKING.match(token) or self.starts_word(token) is None:
            return token
        values = _byte_values()
        if self.byte_level and all(c in values for c in token):
            piece = bytes(values[c] for c in token).decode("utf-8", errors=_BYTE_NOTATION)
        else:
            piece = self._raw_pieces([token])[0]
        if "\ufffd" in piece or not piece:
            return token
        return WORD_START_MARK + piece[1:] if piece.startswith(" ") else piece


@functools.lru_cache(maxsize=8)
def token_scheme(tokenizer: Any) -> TokenScheme:
    """Find ``tokenizer``'s scheme by decoding probe pieces with the tokenizer itself."""
    def decoded(tokens: list[str]) -> str | None:
        try:
            return tokenizer.convert_tokens_to_string(tokens)
        except Exception:  # noqa: BLE001 - a tokenizer that cannot decode has no known scheme
            return None

    tidy = bool(getattr(tokenizer, "clean_up_tokenization_spaces", False))
    if decoded(["a", "##b"]) == "ab":
        return TokenScheme(continuation="##", tidy_spaces=tidy or decoded(["a", "."]) == "a.")
    for prefix in ("Ġ", "▁"):
        if decoded(["a", prefix + "b"]) == "a b":
            return TokenScheme(word_start=prefix, byte_level=decoded(["Ã©"]) == "é",
                               tidy_spaces=tidy or decoded(["a", prefix + "."]) == "a.")
    return TokenScheme(tidy_spaces=tidy)


_CLOSE_UP = (" .", " ?", " !", " ,", " n't", " 'm", " 's", " 've", " 're")


def _tidied(pieces: tuple[str, ...]) -> tuple[str, ...]:
    """``pieces`` with the space before punctuation taken away, piece by piece, as
    the tokenizers' decoders tidy them (``" ."`` to ``"."``, ``" 's"`` to ``"'s"``)."""
    return tuple(piece[1:] if piece.startswith(_CLOSE_UP) else piece for piece in pieces)


def chip_texts(text: str, tokens: Sequence[str], offsets: np.ndarray,
               special: np.ndarray) -> tuple[str, ...]:
    """What each token chip shows: the characters of ``text`` the token covers.

    Special tokens show their own string. A token whose characters the chip
    before it already shows (a later byte of one character) shows
    :data:`MORE_BYTES_MARK`; a token that covers no character (a lone space
    piece) shows :data:`WORD_START_MARK`.
    """
    out = []
    previous = (-1, -1)
    for i, token in enumerate(tokens):
        start, end = (int(v) for v in offsets[i])
        if special[i]:
            out.append(token)
        elif end <= start:
            out.append(WORD_START_MARK)
        elif previous[0] <= start and end <= previous[1]:
            # its characters are already on the chip before (a later byte of a character
            # that one spells with more: "naÃ" covers "naï", then "¯" covers "ï" again)
            out.append(MORE_BYTES_MARK)
            continue
        else:
            out.append(text[start:end])
        previous = (start, end)
    return tuple(out)


def typed_mask_spans(text: str, mask_token: str | None = None) -> list[tuple[int, int]]:
    """The code-point spans of the masks typed in ``text``: each of :data:`MASK_SPELLINGS`
    and ``mask_token`` (the model's own, where known), in order, none overlapping."""
    spellings = sorted({*MASK_SPELLINGS, *([mask_token] if mask_token else [])}, key=len,
                       reverse=True)
    pattern = re.compile("|".join(re.escape(s) for s in spellings))
    return [found.span() for found in pattern.finditer(text)]


def with_own_mask(text: str, mask_token: str) -> tuple[str, np.ndarray]:
    """``text`` with each typed mask of :data:`MASK_SPELLINGS` spelled as ``mask_token``.

    Returns the new text and ``where`` (len(new) + 1,): the character of
    ``text`` each character of the new text stands for, so a token span
    ``[s, e)`` of the new text is ``[where[s], where[e])`` of ``text``. A
    replaced mask maps, as a whole, onto the mask typed.
    """
    others = [s for s in MASK_SPELLINGS if s != mask_token]
    pattern = re.compile("|".join(re.escape(s) for s in others)) if others and mask_token else None
    if pattern is None or not pattern.search(text):
        return text, np.arange(len(text) + 1, dtype=np.int64)
    parts, where, done = [], [], 0
    for found in pattern.finditer(text):
        parts.append(text[done:found.start()])
        where.extend(range(done, found.start()))
        parts.append(mask_token)
        where.extend([found.start()] * len(mask_token))
        done = found.end()
    parts.append(text[done:])
    where.extend(range(done, len(text) + 1))
    return "".join(parts), np.asarray(where, dtype=np.int64)
