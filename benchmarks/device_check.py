"""Every registered analysis on an accelerator gives what it gives on the CPU.

Run on a machine with CUDA (or MPS): ``python benchmarks/device_check.py``.
It loads the bundled demo model on the CPU and on the accelerator through the
app's own loader, runs each analysis unit of the registry through its
``run`` (as the worker does) on the notebook's paragraph with its 17 masks,
and compares every number the window shows. It also times the masked-LM pass
on both (medians of repeated runs) and prints one line per check; the exit
status is 1 when a check fails.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mlm_desktop.core import AnalysisRequest, load_model  # noqa: E402
from mlm_desktop.core.analyses import ANALYSES  # noqa: E402
from mlm_desktop.core.devices import available_devices  # noqa: E402
from mlm_desktop.core.resources import BUNDLED_MODEL, sample_text  # noqa: E402

NOTEBOOK_MASKS = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)
REPEATS = 20


def _median_ms(fn, repeats: int = REPEATS) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    accelerators = [d for d in available_devices() if d != "cpu"]
    if not accelerators:
        print("no accelerator on this machine: nothing to check")
        return 0
    device = accelerators[0]
    cpu = load_model(str(BUNDLED_MODEL), device="cpu")
    acc = load_model(str(BUNDLED_MODEL), device=device)
    print(f"model {BUNDLED_MODEL.name}: cpu and {acc.device} ({acc.model.dtype} there)")
    request = AnalysisRequest(
        sample_text(), mask_positions=NOTEBOOK_MASKS, head_check_all_positions=True,
        keep_full_logits=True,
    )
    failures = 0
    unit = ANALYSES["masked_lm"]
    a = unit.run(cpu, request)
    b = unit.run(acc, request)
    # fp16 weights on the accelerator against float32 on the CPU: loose tolerances
    checks = {
        "tokens": a.tokens == b.tokens,
        "mask positions": np.array_equal(a.mask_positions, b.mask_positions),
        "top-1 at masked positions": np.array_equal(
            a.top_ids[a.mask_positions, 0], b.top_ids[b.mask_positions, 0]
        ),
        "loss on masked tokens (|Δ| < 0.05)": abs(a.loss_masked - b.loss_masked) < 0.05,
        "loss on all tokens (|Δ| < 0.05)": abs(a.loss_all - b.loss_all) < 0.05,
        "hidden states (|Δ| < 0.1)": float(np.abs(a.hidden_states - b.hidden_states).max()) < 0.1,
        "head check passes on the accelerator": bool(b.head_check_passed),
        "result arrays are numpy, read-only": all(
            isinstance(v, np.ndarray) and not v.flags.writeable
            for v in (b.top_ids, b.top_probs, b.hidden_states, b.full_logits)
        ),
    }
    for name, ok in checks.items():
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    print(
        f"     loss masked {a.loss_masked:.4f} (cpu) vs {b.loss_masked:.4f} ({device}); "
        f"head check max |Δ| {b.head_check_max_abs_diff:.2e}"
    )
    cpu_ms = _median_ms(lambda: unit.run(cpu, request))
    acc_ms = _median_ms(lambda: unit.run(acc, request))
    print(f"masked-LM pass, 62 tokens, median of {REPEATS}: cpu {cpu_ms:.1f} ms, {device} {acc_ms:.1f} ms")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
