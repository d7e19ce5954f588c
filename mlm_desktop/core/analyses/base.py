"""What every analysis unit is: a kind, a frozen request, a frozen result, a pure run.

``run(loaded, request, cancelled) -> result`` takes a loaded model and the
unit's own frozen request and returns its own frozen, numpy-only result. It
never touches Qt. A long analysis calls ``cancelled()`` between chunks and
stops with :func:`stop_if_cancelled` when a newer request has come; it may
report progress through ``progress(done, total)``.

A *follow-up* analysis (``follows`` names another kind) works on a result
already shown: ``request_for(parent_result, options, settings)`` builds its
request (``settings``: what its panel asks for, or None),
and the app tags it with the parent's request id so that a follow-up of an
older result is never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import AnalysisCancelled

#: asked between chunks: True when the caller no longer wants the result
CancelCheck = Callable[[], bool]
#: told ``(done, total)`` work units as a long analysis goes
ProgressReport = Callable[[int, int], None]


def never_cancelled() -> bool:
    return False


def no_progress(_done: int, _total: int) -> None:
    return None


def stop_if_cancelled(cancelled: CancelCheck) -> None:
    """Raise :class:`AnalysisCancelled` when ``cancelled()`` says so."""
    if cancelled():
        raise AnalysisCancelled


@dataclass(frozen=True)
class AnalysisUnit:
    """One analysis: how to run it and, for a follow-up, how to ask for it.

    ``kind``: the registry key, also the worker's request slot.
    ``title``: how a person names it (status bar, errors).
    ``request_type`` and ``result_type``: its frozen dataclasses.
    ``run``: ``run(loaded, request, cancelled, progress) -> result``.
    ``follows``: the kind whose shown result this unit works on, or None.
    ``request_for``: ``request_for(parent_result, options, settings) -> request``
    for a follow-up; ``settings`` is what the unit's panel offers through
    ``follow_up_settings()`` (None when no panel offers any).
    ``interleaves``: a long follow-up whose request does not change with the
    masks (the pseudo-log-likelihood of the text): a newer request of the
    kind it follows runs between its chunks instead of stopping it.
    """

    kind: str
    title: str
    request_type: type
    result_type: type
    run: Callable[..., Any]
    follows: str | None = None
    request_for: Callable[[Any, Any, Any], Any] | None = None
    interleaves: bool = False

    def __post_init__(self) -> None:
        if (self.follows is None) != (self.request_for is None):
            raise ValueError(f"{self.kind}: a follow-up names both 'follows' and 'request_for'")


__all__ = [
    "AnalysisCancelled",
    "AnalysisUnit",
    "CancelCheck",
    "ProgressReport",
    "never_cancelled",
    "no_progress",
    "stop_if_cancelled",
]
