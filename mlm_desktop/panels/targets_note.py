"""The line above the predictions that names the word list the candidates come from.

It says which words stand for themselves, which stand for their first piece, which
are left out (not in the vocabulary, or one of the model's special tokens),
and, for a byte-level BPE model, that the
words are matched as they read after a space.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from ..core.targets import TargetWord

translate = QCoreApplication.translate


def targets_note(targets: Sequence[TargetWord]) -> str:
    """One paragraph (plain text) on ``targets``; "" when the candidates are not restricted."""
    if not targets:
        return ""
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
                         .format(word=t.word, n=len(t.pieces), pieces=" · ".join(t.pieces),
                                 first=t.token))
    spaced = next((t for t in targets if t.after_space), None)
    if spaced is not None:
        lines.append(translate("TargetsNote",
                               "Words are matched as they read after a space, as a masked word "
                               "usually does ({word} as {token})")
                     .format(word=spaced.word, token=spaced.token))
    return "\n".join(lines)
