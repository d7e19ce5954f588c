"""How long GUI tests wait for work done on the worker thread."""

from __future__ import annotations

#: a result, a follow-up analysis or a failed load on the tiny models; generous for slow CI machines
RESULT_TIMEOUT_MS = 60_000
