"""Messages the window translates: an English template and its named fields.

The core imports no Qt, yet several of its messages reach the window (errors,
notes on a result, warnings). Each is written as

    QT_TRANSLATE_NOOP("core", "'{word}' is not in the vocabulary").format(word=word)

``QT_TRANSLATE_NOOP`` marks the template for ``pyside6-lupdate`` (it finds the
calls by name) and returns a :class:`Template`; its ``format`` returns a
:class:`Message`. Both are ``str``: the command line prints them, JSON stores
them and tests compare them as plain English text. The window looks the
template up in Qt's translations and fills in the same fields
(``mlm_desktop.panels.core_text.shown``); a message made any other way (a
plain string, or text joined onto a message) is shown as it reads.
"""

from __future__ import annotations

from typing import Any

#: the translation context of every core message
CONTEXT = "core"


class Message(str):
    """English text that remembers the template and fields it was made from."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, fields: dict[str, Any] | None = None) -> Message:
        fields = dict(fields or {})
        text = super().__new__(cls, template.format(**fields) if fields else template)
        text.template = str(template)
        text.fields = fields
        return text

    def __reduce__(self):
        return (Message, (self.template, self.fields))


class Template(Message):
    """A marked template without fields yet: ``format`` fills them in."""

    def format(self, *args: Any, **fields: Any) -> Message:  # noqa: A003 - str's own name
        if args:
            raise TypeError("a translatable template takes named fields only")
        return Message(self.template, fields)


def QT_TRANSLATE_NOOP(context: str, text: str) -> Template:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` (always :data:`CONTEXT` in the core)."""
    return Template(text)


def is_message(value: object) -> bool:
    return isinstance(value, Message)
