"""The core's messages as the window shows them: looked up in Qt's translations.

A :class:`~mlm_desktop.core.messages.Message` carries its English template and
named fields; here the template is translated in the ``"core"`` context and
the fields are filled in again (a field that is itself a message is
translated first). Anything else is shown as it reads.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.errors import user_message
from ..core.messages import CONTEXT, Message


def shown(message: object) -> str:
    """``message`` in the interface's language (English where no translation is installed)."""
    if not isinstance(message, Message):
        return str(message)
    template = QCoreApplication.translate(CONTEXT, message.template)
    if not message.fields:
        return template
    fields = {name: shown(value) if isinstance(value, Message) else value
              for name, value in message.fields.items()}
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English
        return message.template.format(**fields)


def shown_error(exc: BaseException) -> str:
    """The one-line message of ``exc`` (see :func:`~mlm_desktop.core.errors.user_message`), translated."""
    return shown(user_message(exc))
