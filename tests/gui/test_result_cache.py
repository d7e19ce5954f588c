"""A repeated request is answered from the cache of recent results, with no forward pass."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.result_cache import ResultCache, result_bytes
from mlm_desktop.app.worker import ModelWorker, WorkerThread
from mlm_desktop.core.analyses import ANALYSES, masked_lm
from mlm_desktop.core.analyses.masked_lm_types import KIND as MASKED_LM

TEXT = "Paris is the capital of France."


@dataclasses.dataclass(frozen=True)
class Fake:
    values: np.ndarray
    more: tuple = ()


def test_the_cache_keeps_the_latest_entries_and_bytes():
    cache = ResultCache(max_entries=2, max_bytes=1000)
    small = Fake(np.zeros(10, np.float32))
    assert result_bytes(small) == 40
    assert result_bytes(Fake(np.zeros(2), (np.zeros(3), "x"))) == 40
    cache.put("a", small)
    cache.put("b", small)
    assert cache.get("a") is small  # "a" is now the most recent
    cache.put("c", small)
    assert cache.get("b") is None and cache.get("a") is small and len(cache) == 2
    big = Fake(np.zeros(250, np.float32))  # 1000 bytes: the others must go
    cache.put("d", big)
    assert cache.get("d") is big and cache.bytes <= 1000 and len(cache) == 1
    cache.put("huge", Fake(np.zeros(1000)))  # larger than the whole cache: not kept
    assert cache.get("huge") is None and cache.get("d") is big
    cache.put(["unhashable"], small)
    assert cache.get(["unhashable"]) is None
    cache.clear()
    assert len(cache) == 0 and cache.bytes == 0


@pytest.fixture
def counted():
    calls = []

    def run(loaded, request, cancelled, progress):
        calls.append(request)
        return masked_lm.run(loaded, request, cancelled, progress)

    units = {**ANALYSES, MASKED_LM: dataclasses.replace(ANALYSES[MASKED_LM], run=run)}
    return calls, WorkerThread(ModelWorker(analyses=units))


def test_a_mask_toggled_off_and_on_again_comes_from_the_cache(qtbot, open_window, counted):
    calls, worker = counted
    controller = open_window(text=TEXT, worker=worker)
    panels = controller.window.panels
    position = controller.session.result.tokens.index("capital")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as masked:
        panels.mask_toggled.emit(position)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        panels.mask_toggled.emit(position)
    ran = len(calls)
    shown = []
    controller.result_applied.connect(shown.append)
    panels.mask_toggled.emit(position)  # answered before the call returns
    assert shown == [masked.args[0]] and len(calls) == ran
    assert controller.session.result is masked.args[0]
    assert position in controller.session.result.mask_positions.tolist()
    assert controller.window.figures.timing_label.text() == "from cache"
    # follow-ups are asked for the cached result as for a fresh one
    assert controller.analysis.ledger.shown(MASKED_LM) is not None


def test_another_model_empties_the_cache(qtbot, open_window, counted, tiny_roberta_dir):
    calls, worker = counted
    controller = open_window(text=TEXT, worker=worker)
    assert len(controller.analysis.cache) == 1
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.choose_model(str(tiny_roberta_dir))
    ran = len(calls)
    assert len(controller.analysis.cache) == 1  # only the new model's result
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.run_now()
    assert len(calls) == ran  # the same request on the same model: cached
