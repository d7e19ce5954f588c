"""Time one full analysis against a bare ``model(**inputs)`` forward, side by side.

Uses a bert-base-sized model (12 layers, 768 wide, the real bert-base-uncased
vocabulary) with random weights built here (no download), the notebook's
Civil War paragraph and its 17 masked positions. Each repeat runs the bare
forward and the analysis back to back, so both see the same machine load;
the figures are medians.

    python benchmarks/analysis_vs_forward.py [--repeats 15] [--device cpu]
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
sys.path.insert(0, str(ROOT / "tests"))

from tiny_models import NOTEBOOK_TEXT, build_bert_base_sized  # noqa: E402

from mlm_desktop.core import AnalysisRequest, analyze, load_model  # noqa: E402
from mlm_desktop.core.loading import quiet_library_output  # noqa: E402

MASK = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    quiet_library_output()
    with tempfile.TemporaryDirectory() as tmp:
        loaded = load_model(str(build_bert_base_sized(Path(tmp))), device=args.device)
    model, tokenizer = loaded.model, loaded.tokenizer
    inputs = tokenizer(NOTEBOOK_TEXT, return_tensors="pt").to(loaded.device)
    inputs["input_ids"][0, list(MASK)] = tokenizer.mask_token_id
    variants = {
        "analysis (hidden states + attentions + head check)": AnalysisRequest(
            NOTEBOOK_TEXT, mask_positions=MASK
        ),
        "analysis without attentions": AnalysisRequest(
            NOTEBOOK_TEXT, mask_positions=MASK, output_attentions=False
        ),
    }

    def sync() -> None:
        if loaded.device == "cuda":
            torch.cuda.synchronize()

    def bare() -> None:
        with torch.inference_mode():
            model(**inputs)
        sync()

    for _ in range(2):  # warm-up
        bare()
        for request in variants.values():
            analyze(loaded, request)
    times: dict[str, list[float]] = {"bare model(**inputs)": []}
    times.update({name: [] for name in variants})
    for _ in range(args.repeats):
        start = time.perf_counter()
        bare()
        times["bare model(**inputs)"].append(time.perf_counter() - start)
        for name, request in variants.items():
            start = time.perf_counter()
            analyze(loaded, request)
            sync()
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["bare model(**inputs)"])
    print(f"device: {loaded.device}   tokens: {inputs['input_ids'].shape[1]}   "
          f"repeats: {args.repeats}   torch threads: {torch.get_num_threads()}")
    print(f"{'what':<55} {'median ms':>10} {'ratio':>7}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<55} {med * 1000:>10.1f} {med / base:>7.2f}")


if __name__ == "__main__":
    main()
