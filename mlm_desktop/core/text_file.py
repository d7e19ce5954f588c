"""A text file opened for analysis: UTF-8 text, checked before it reaches the editor.

A file that is not text (it holds NUL bytes, as images and archives do) or is
not UTF-8 is refused with one plain :class:`TextFileError`; a text longer
than the editor holds is given whole, and the editor cuts it and says so.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .messages import QT_TRANSLATE_NOOP

#: read no more than this many bytes (the editor holds 200,000 characters, at most 4 bytes each)
MAX_BYTES = 4 * 200_000 + 4


class TextFileError(InputError):
    """The file cannot be opened as text."""


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text (a leading byte-order mark dropped, line breaks as they are).

    Only the first ``max_bytes`` are read: a longer file is cut there, at a
    character boundary.
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except IsADirectoryError:
        raise TextFileError(QT_TRANSLATE_NOOP(
            "core", "{path} is a folder, not a text file").format(path=str(path))) from None
    except OSError as exc:
        raise TextFileError(QT_TRANSLATE_NOOP("core", "{path} could not be read ({reason})").format(
            path=str(path), reason=str(exc.strerror or exc))) from None
    cut = len(data) > max_bytes
    data = data[:max_bytes]
    if b"\x00" in data:
        raise TextFileError(QT_TRANSLATE_NOOP(
            "core", "{name} is not a text file (it holds binary data)").format(
            name=path.name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if cut and exc.reason == "unexpected end of data":  # the cut split one character
            return data[:exc.start].decode("utf-8-sig")
        line = data[:exc.start].count(b"\n") + 1
        raise TextFileError(QT_TRANSLATE_NOOP(
            "core", "{name} is not UTF-8 text (byte {byte}, line {line}); save it as UTF-8 and open it again"
        ).format(name=path.name, byte=exc.start + 1, line=line)) from None
