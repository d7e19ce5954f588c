"""Candidates restricted to a word list, as the fill-mask pipeline's ``targets`` does.

Each word stands for one vocabulary entry, found as ``FillMaskPipeline.get_target_ids``
finds it: a word that is itself a vocabulary entry is that entry; any other word is
tokenized and its first piece stands for it. Candidates at a masked position are then
the listed entries ranked by the model's probability over the FULL vocabulary (not
renormalised over the list), top-k of them at most.

One difference, where the pipeline does not do what a person means: a byte-level BPE
vocabulary (RoBERTa's) spells a word differently at a word start (``ĠParis``) and inside
a word (``Paris``), and the pipeline takes the inside form for a plain ``Paris``. A
masked word nearly always follows a space, so a word typed plainly is matched as it
reads after a space (the pipeline's ``targets=[" Paris"]``); a word typed with the
vocabulary's own mark (``ĠParis``) is taken as it is. Words whose first piece is the
unknown token are left out (the pipeline would rank the unknown token instead), and so
are the model's special tokens (``[MASK]``, ``[SEP]``, ``<s>``): they are not words, and
a fill from the list would put one in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .errors import InputError
from .messages import QT_TRANSLATE_NOOP
from .token_text import TokenScheme

#: at most this many words in a list (the options check it)
MAX_TARGETS = 500
#: a word longer than this is a mistake (a pasted paragraph)
MAX_TARGET_LENGTH = 100

_SEPARATORS = re.compile(r"[,\s]+")


def parse_target_words(text: str) -> tuple[str, ...]:
    """Words from text separated by commas or white space, each once, in order."""
    return tuple(dict.fromkeys(w for w in _SEPARATORS.split(text) if w))


def target_words(value: object) -> tuple[str, ...]:
    """A word list as an option holds it: a tuple of distinct words without spaces or commas.

    A string is split as :func:`parse_target_words` splits it; a list or tuple of
    strings is taken word by word. Anything else raises :class:`InputError`.
    """
    if isinstance(value, str):
        words = parse_target_words(value)
    elif isinstance(value, (list, tuple)) and all(isinstance(w, str) for w in value):
        words = tuple(dict.fromkeys(value))
    else:
        raise InputError(QT_TRANSLATE_NOOP("core", "the target words must be a list of words, got {kind}")
                         .format(kind=type(value).__name__))
    for word in words:
        if not word or _SEPARATORS.search(word):
            raise InputError(QT_TRANSLATE_NOOP(
                "core", "a target word must be one word without spaces or commas, got {word}")
                .format(word=repr(word)))
        if len(word) > MAX_TARGET_LENGTH:
            raise InputError(QT_TRANSLATE_NOOP(
                "core", "a target word must be at most {high} characters, got one of {length}")
                .format(high=MAX_TARGET_LENGTH, length=len(word)))
    if len(words) > MAX_TARGETS:
        raise InputError(QT_TRANSLATE_NOOP("core", "at most {high} target words, got {count}")
                         .format(high=MAX_TARGETS, count=len(words)))
    return words


@dataclass(frozen=True)
class TargetWord:
    """One listed word and the vocabulary entry that stands for it.

    ``pieces``: how the tokenizer splits the word (one piece when it is a vocabulary
    entry); ``token`` and ``id``: the entry used, the first piece (None: left out,
    the word's first piece being the unknown token or a special token, or the word
    giving no piece); ``after_space``: the word was matched as it reads after a space
    (byte-level BPE); ``special``: left out, its first piece being one of the model's
    special tokens (``[MASK]``, ``[CLS]``, ``<s>``).
    """

    word: str
    token: str | None
    id: int | None
    pieces: tuple[str, ...]
    after_space: bool = False
    special: bool = False

    @property
    def known(self) -> bool:
        return self.id is not None

    @property
    def split(self) -> bool:
        """More than one piece: only the first is a candidate."""
        return self.known and len(self.pieces) > 1


def resolve_targets(tokenizer: Any, scheme: TokenScheme, words: Iterable[str]) -> tuple[TargetWord, ...]:
    """Each of ``words`` with the vocabulary entry that stands for it (see the module's text).

    No words, no work: the vocabulary map (a fresh dict of the whole vocabulary from a fast
    tokenizer, several milliseconds) is only read for a word list.
    """
    words = tuple(words)
    if not words:
        return ()
    try:
        vocab = tokenizer.get_vocab()
    except Exception:  # noqa: BLE001 - as the pipeline: a tokenizer without a vocabulary map
        vocab = {}
    unknown = getattr(tokenizer, "unk_token_id", None)
    special = frozenset(getattr(tokenizer, "all_special_ids", None) or ()) - {unknown}
    return tuple(_resolve(tokenizer, scheme, vocab, unknown, special, word) for word in words)


def _resolve(tokenizer: Any, scheme: TokenScheme, vocab: dict, unknown: int | None,
             special: frozenset, word: str) -> TargetWord:
    if word in vocab and int(vocab[word]) in special:
        return TargetWord(word, None, None, (word,), special=True)
    inside_form = bool(scheme.word_start) and scheme.starts_word(word) is False
    if word in vocab and not inside_form:
        return TargetWord(word, word, int(vocab[word]), (word,))
    ids = _pieces(tokenizer, word)
    if ids and ids[0] in special:
        return TargetWord(word, None, None, tuple(tokenizer.convert_ids_to_tokens(ids)), special=True)
    after_space = False
    if ids and scheme.word_start:
        first = tokenizer.convert_ids_to_tokens(ids[0])
        if scheme.starts_word(first) is False:  # the inside-a-word form: take the word-start one
            spaced = _pieces(tokenizer, " " + word)
            if spaced and scheme.starts_word(tokenizer.convert_ids_to_tokens(spaced[0])):
                ids, after_space = spaced, True
    pieces = tuple(tokenizer.convert_ids_to_tokens(ids))
    if not ids or (unknown is not None and ids[0] == unknown):
        return TargetWord(word, None, None, pieces, after_space)
    return TargetWord(word, pieces[0], int(ids[0]), pieces, after_space)


def _pieces(tokenizer: Any, text: str) -> list[int]:
    return list(tokenizer(text, add_special_tokens=False, return_attention_mask=False,
                          return_token_type_ids=False)["input_ids"])


def target_ids(targets: Iterable[TargetWord]) -> list[int]:
    """The distinct vocabulary ids that stand for the known words, in the list's order."""
    return list(dict.fromkeys(t.id for t in targets if t.id is not None))


def check_some_known(targets: tuple[TargetWord, ...]) -> None:
    """Raise :class:`InputError` when no listed word has a vocabulary entry."""
    if targets and not any(t.known for t in targets):
        shown = ", ".join(t.word for t in targets[:5]) + (", …" if len(targets) > 5 else "")
        raise InputError(QT_TRANSLATE_NOOP(
            "core", "none of the target words ({words}) is in the model's vocabulary").format(words=shown))


def target_notes(targets: Iterable[TargetWord]) -> tuple[str, ...]:
    """Plain notes on the words that do not stand for themselves (for the command line)."""
    notes = []
    for t in targets:
        if t.special:
            notes.append(f"target word {t.word!r} is a special token of the model "
                         f"({' '.join(t.pieces)}), not a word: left out")
        elif not t.known:
            notes.append(f"target word {t.word!r} is not in the model's vocabulary: left out")
        elif t.split:
            notes.append(f"target word {t.word!r} is {len(t.pieces)} pieces "
                         f"({' '.join(t.pieces)}): only its first, {t.token!r}, is a candidate")
    if any(t.after_space for t in targets):
        notes.append("target words are matched as they read after a space (the vocabulary's "
                     "word-start form); type the vocabulary's own spelling for another form")
    return tuple(notes)
