"""Attention timings: SDPA against eager, the masked-LM pass before and after, the attention unit.

Uses a bert-base-sized model (12 layers × 12 heads, 768 wide, the real
bert-base-uncased vocabulary) with random weights built here (no download),
at 62 tokens (the notebook's paragraph, its 17 masks) and at 512 (the
paragraph repeated, cut at the model's maximum). Each repeat runs every
variant back to back, so all see the same machine load; the figures are
medians, and each ratio is against the bare SDPA forward of the same run.

- bare forward, SDPA / eager: ``model(input_ids)`` of the masked ids.
- masked-LM pass, before / after: the window's request (no hidden states,
  no attention weights, the head check) with the model eager, as every
  model was loaded before, and with SDPA, as it is loaded now.
- attention unit: its eager forward and the per-layer means, rollout,
  thumbnails and float16 copies of every head.

It also prints the bytes the attention result holds (float16 heads) against
what float32 heads would take.

    python benchmarks/attention_timing.py [--repeats 7] [--device cpu]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's code, and the test models

from tiny_models import NOTEBOOK_TEXT, build_bert_base_sized  # noqa: E402

from mlm_desktop.core import AnalysisRequest, analyze, load_model  # noqa: E402
from mlm_desktop.core.analyses.attention import run as attention  # noqa: E402
from mlm_desktop.core.analyses.attention_types import request_for_result  # noqa: E402
from mlm_desktop.core.loading import eager_attention, quiet_library_output  # noqa: E402

MASK = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)
BASE = "bare forward, SDPA"


def variants(loaded, text: str) -> tuple[int, dict]:
    """(tokens, name -> a callable that runs it once)."""
    window_request = AnalysisRequest(text, mask_positions=MASK, output_hidden_states=False,
                                     output_attentions=False)
    parent = analyze(loaded, window_request)
    ids = torch.tensor(parent.masked_input_ids.tolist(), device=loaded.device)[None]
    follow_up = request_for_result(parent)
    model = loaded.model

    def sync() -> None:
        if loaded.device == "cuda":
            torch.cuda.synchronize()

    def bare() -> None:
        with torch.inference_mode():
            model(input_ids=ids)
        sync()

    def bare_eager() -> None:
        with eager_attention(model):
            bare()

    def before() -> None:
        with eager_attention(model):
            analyze(loaded, window_request)
        sync()

    def after() -> None:
        analyze(loaded, window_request)
        sync()

    def unit() -> None:
        attention(loaded, follow_up)
        sync()

    return parent.num_tokens, {
        BASE: bare,
        "bare forward, eager": bare_eager,
        "masked-LM pass, before (eager)": before,
        "masked-LM pass, after (SDPA)": after,
        "attention unit (eager, all heads)": unit,
    }


def measure(loaded, text: str, repeats: int) -> None:
    tokens, runs = variants(loaded, text)
    for _ in range(2):  # warm-up
        for run in runs.values():
            run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times[BASE])
    print(f"\ntokens: {tokens}")
    print(f"{'what':<40} {'median ms':>10} {'ratio':>7}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<40} {med * 1000:>10.1f} {med / base:>7.2f}")
    parent = analyze(loaded, AnalysisRequest(text, mask_positions=MASK, output_attentions=False))
    result = attention(loaded, request_for_result(parent))
    as_float32 = result.nbytes + result.heads.nbytes  # float32 heads would take twice the bytes
    print(f"attention result: {result.nbytes / 1e6:.1f} MB held (heads float16: "
          f"{result.heads.nbytes / 1e6:.1f} MB); with float32 heads {as_float32 / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    quiet_library_output()
    with tempfile.TemporaryDirectory() as tmp:
        loaded = load_model(str(build_bert_base_sized(Path(tmp))), device=args.device)
    print(f"device: {loaded.device}   repeats: {args.repeats}   "
          f"torch threads: {torch.get_num_threads()}   loaded with: {loaded.attention_implementation}")
    long_text = " ".join([NOTEBOOK_TEXT] * 12)  # cut at the model's 512 tokens
    for text in (NOTEBOOK_TEXT, long_text):
        measure(loaded, text, args.repeats)


if __name__ == "__main__":
    main()
