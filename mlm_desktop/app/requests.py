"""Which request of each kind is the latest, so that nothing stale is shown.

Only the latest request of a kind may update the views. A follow-up request
(a logit lens of the result on screen, say) also names its parent request:
its result is shown only while its parent's result is still the one shown.
Plain Python, no Qt.
"""

from __future__ import annotations


class RequestLedger:
    """Latest request id per kind, each request's parent, and what is shown."""

    def __init__(self) -> None:
        self._latest: dict[str, int] = {}
        self._parents: dict[int, int | None] = {}
        self._shown: dict[str, int] = {}

    def sent(self, kind: str, request_id: int, parent_id: int | None = None) -> None:
        """``request_id`` is now the latest of ``kind``."""
        self._latest[kind] = int(request_id)
        self._parents[int(request_id)] = parent_id
        # only the latest and the shown requests are ever asked for their parent
        live = set(self._latest.values()) | set(self._shown.values())
        for old in [i for i in self._parents if i not in live]:
            del self._parents[old]

    def invalidate(self, kind: str) -> None:
        """Whatever of ``kind`` is on its way is stale (the text changed, say)."""
        self._latest.pop(kind, None)

    def latest(self, kind: str) -> int | None:
        return self._latest.get(kind)

    def is_latest(self, kind: str, request_id: int) -> bool:
        return self._latest.get(kind) == int(request_id)

    def parent_of(self, request_id: int) -> int | None:
        return self._parents.get(int(request_id))

    def accept(self, kind: str, request_id: int, parent_kind: str | None = None) -> bool:
        """True when the result of ``request_id`` may be shown now; records it as shown.

        A follow-up (``parent_kind`` given) is accepted only while its
        parent is the ``parent_kind`` result on screen.
        """
        if not self.is_latest(kind, request_id):
            return False
        if parent_kind is not None and self.parent_of(request_id) != self._shown.get(parent_kind):
            return False
        self._shown[kind] = int(request_id)
        return True

    def shown(self, kind: str) -> int | None:
        """The request id of the ``kind`` result on screen, if any."""
        return self._shown.get(kind)

    def clear_shown(self, kind: str) -> None:
        self._shown.pop(kind, None)
