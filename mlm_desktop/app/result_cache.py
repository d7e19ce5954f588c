"""Recent masked-LM results, so that a repeat (a mask toggled off and on again, an undo)
is shown at once instead of running the model again.

Keyed by the frozen request, which holds the text, the masks (spans, positions or a
seeded random draw) and every option and output the result depends on; the cache
is emptied whenever another model is loaded. Results are immutable, so a cached one
is shown as it is. Bounded by entries and by the bytes of the arrays it holds.
Plain Python, no Qt.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Hashable

import numpy as np

MAX_ENTRIES = 16
MAX_BYTES = 256 * 2**20


def result_bytes(result: object) -> int:
    """The bytes of the numpy arrays a frozen result holds (its fields, one level down)."""
    if not dataclasses.is_dataclass(result):
        return 0
    total = 0
    for field in dataclasses.fields(result):
        value = getattr(result, field.name)
        values = value if isinstance(value, tuple) else (value,)
        total += sum(v.nbytes for v in values if isinstance(v, np.ndarray))
    return total


class ResultCache:
    """The latest results by request, least recently used dropped first."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _key(request: object) -> Hashable | None:
        try:
            hash(request)
        except TypeError:
            return None
        return request

    def get(self, request: object) -> object | None:
        key = self._key(request)
        if key is None or key not in self._entries:
            return None
        self._entries.move_to_end(key)
        return self._entries[key][0]

    def put(self, request: object, result: object) -> None:
        key = self._key(request)
        size = result_bytes(result)
        if key is None or size > self.max_bytes:
            return
        if key in self._entries:
            self.bytes -= self._entries.pop(key)[1]
        self._entries[key] = (result, size)
        self.bytes += size
        while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
            _old, (_result, old_size) = self._entries.popitem(last=False)
            self.bytes -= old_size

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0
