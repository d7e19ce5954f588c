"""The text a candidate the user picks puts in place of a masked token."""

from __future__ import annotations

from .token_text import TokenScheme


def replacement_text(text: str, start: int, end: int, token: str, scheme: TokenScheme) -> str | None:
    """What replaces ``text[start:end]`` (a masked token's characters) with ``token``.

    The token is written decoded, as the tokenizer spells it in a text: a
    word piece (``##ed``) gives only its characters, so it replaces only the
    piece masked. A word start's leading space is kept only where the text
    has none before the span (a new word in place of a later piece). None for
    a token that is no text by itself (one byte of a longer character).
    """
    piece = scheme.pieces([token])[0]
    if not piece or "\ufffd" in piece:
        return None
    if piece.startswith(" ") and (start <= 0 or text[start - 1].isspace()):
        piece = piece[1:]
    return piece or None
