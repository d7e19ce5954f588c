"""Menu entries get an accelerator each (the underlined letter of "&File")."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence


def mnemonic(text: str) -> str:
    """The accelerator letter of ``text`` (lower case), "" for none."""
    sequence = QKeySequence.mnemonic(text)
    return sequence.toString().rsplit("+", 1)[-1].lower() if not sequence.isEmpty() else ""


def mark_mnemonics(actions: Iterable[QAction], taken: Iterable[str] = ()) -> None:
    """Give each action without an accelerator the first letter of its text not taken yet.

    The texts with the fewest letters choose first. Letters already used by
    ``taken`` entries and by the actions that have one are kept clear; a text
    with no free letter (or none at all) is left as it is.
    """
    actions = list(actions)
    used = {letter.lower() for letter in taken}
    used |= {mnemonic(a.text()) for a in actions} - {""}
    def letters(action: QAction) -> int:
        return len({c.lower() for c in action.text() if c.isalnum() and c.isascii()})

    # the texts with the fewest letters choose first, so that a short one ("Loss") finds one
    for action in sorted(actions, key=letters):
        text = action.text()
        if not text or mnemonic(text):
            continue
        for index, char in enumerate(text):
            if char.isalnum() and char.isascii() and char.lower() not in used:
                used.add(char.lower())
                action.setText(f"{text[:index]}&{text[index:]}")
                break
