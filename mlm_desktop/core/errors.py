"""Errors the user can act on.

Every failure that bad input can cause is raised as :class:`MLMDesktopError`
with a one-line message that says what is wrong and how to fix it; the command
line prints it without a traceback and the window shows it in plain words.
"""


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
    """A plain one-line message: ours are already worded for the user."""
    if isinstance(exc, MLMDesktopError):
        return str(exc)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0][:200] if lines else ""
    return f"unexpected error ({type(exc).__name__}{': ' + detail if detail else ''})"
