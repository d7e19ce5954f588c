"""Errors the user can act on.

Every failure that bad input can cause is raised as :class:`MLMDesktopError`
with a one-line message that says what is wrong and how to fix it; the command
line prints it without a traceback and the window shows it in plain words.

A message raised as a :class:`~mlm_desktop.core.messages.Message` keeps its
template, so that the window can show it translated.
"""

from .messages import QT_TRANSLATE_NOOP, Message


class MLMDesktopError(Exception):
    """A problem with the user's input or environment, worded for the user."""


class ModelLoadError(MLMDesktopError):
    """The model could not be loaded (missing, offline, not a masked LM, broken)."""


class InputError(MLMDesktopError):
    """The text or the mask request cannot be analysed as given."""


class AnalysisCancelled(Exception):  # noqa: N818 - a signal to stop, not a failure
    """A long analysis stopped at a chunk boundary because a newer request came.

    Not an :class:`MLMDesktopError`: nothing went wrong, and nobody is told.
    """


class LoadCancelled(Exception):  # noqa: N818 - a signal to stop, not a failure
    """A model download stopped because the window closed or another model was chosen.

    Raised from the download's progress report; the partial file is removed
    by ``huggingface_hub``, and nobody is told.
    """


def user_message(exc: BaseException) -> str:
    """A plain one-line message: ours are already worded for the user (a :class:`Message`
    where it was raised as one)."""
    if isinstance(exc, MLMDesktopError):
        first = exc.args[0] if len(exc.args) == 1 else None
        return first if isinstance(first, Message) else str(exc)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0][:200] if lines else ""
    if detail:
        return QT_TRANSLATE_NOOP("core", "unexpected error ({kind}: {detail})").format(
            kind=type(exc).__name__, detail=detail)
    return QT_TRANSLATE_NOOP("core", "unexpected error ({kind})").format(kind=type(exc).__name__)
