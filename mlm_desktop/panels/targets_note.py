"""The line above the predictions that names the word list the candidates come from.

It says which words stand for themselves, which stand for their first piece, which
are left out (not in the vocabulary, or one of the model's special tokens), and,
for a byte-level BPE model, that the words are matched as they read after a space.
Pieces are written as the candidates are (``␣c``, not ``Ġc``; ``é``, not ``Ã©``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from ..core.targets import TargetWord
from ..core.token_text import TokenScheme

translate = QCoreApplication.translate


def targets_note(targets: Sequence[TargetWord], scheme: TokenScheme | None = None) -> str:
    """One paragraph (plain text) on ``targets``; "" when the candidates are not restricted.

    ``scheme``: the model's, so that pieces read as its candidates do (none: as they are).
    """
    if not targets:
        return ""
    shown = scheme.marked if scheme is not None else str
    known = [t.word for t in targets if t.known]
    lines = [translate("TargetsNote", "Only these words: {words}").format(words=", ".join(known) or "—")]
    for t in targets:
        if t.special:
            lines.append(translate("TargetsNote", "“{word}” is a special token of the model, not a word: "
                                   "left out").format(word=t.word))
        elif not t.known:
            lines.append(translate("TargetsNote", "“{word}” is not in the model's vocabulary: left out")
                         .format(word=t.word))
        elif t.split:
            lines.append(translate("TargetsNote",
                                   "“{word}” is {n} pieces ({pieces}): only its first, {first}, "
                                   "is a candidate")
                         .format(word=t.word, n=len(t.pieces), pieces=" · ".join(map(shown, t.pieces)),
                                 first=shown(t.token)))
    spaced = next((t for t in targets if t.after_space), None)
    if spaced is not None:
        lines.append(translate("TargetsNote",
                               "Words are matched as they read after a space, as a masked word "
                               "usually does ({word} as {token})")
                     .format(word=spaced.word, token=shown(spaced.token)))
    return "\n".join(lines)
