"""Time the logit lens against a bare ``model(**inputs)`` forward, side by side.

Uses a bert-base-sized model (12 layers, 768 wide, the real bert-base-uncased
vocabulary: 13 hidden states) with random weights built here (no download).
Two lengths: the notebook's paragraph (62 tokens, its 17 masked positions)
and that paragraph repeated to the model's limit (512 tokens, 15% masked,
seeded). For each, the lens over the masked rows and over every row (each
run includes the lens's own forward pass). Each repeat runs the bare forward
and the lens variants back to back, so all see the same machine load; the
figures are medians, and the ratio is to the bare forward of the same length.

    python benchmarks/lens_timing.py [--repeats 7] [--device cpu]
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
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's code, not an installed copy

from tiny_models import NOTEBOOK_TEXT, build_bert_base_sized  # noqa: E402

from mlm_desktop.core import AnalysisRequest, analyze, load_model  # noqa: E402
from mlm_desktop.core.analyses import logit_lens  # noqa: E402
from mlm_desktop.core.analyses.logit_lens_types import LensSettings  # noqa: E402
from mlm_desktop.core.loading import quiet_library_output  # noqa: E402

MASK = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)


def _parents(loaded) -> dict[str, object]:
    """The masked-LM results the lens follows: 62 tokens and 512 tokens."""
    short = AnalysisRequest(NOTEBOOK_TEXT, mask_positions=MASK, output_hidden_states=False,
                            output_attentions=False)
    long = AnalysisRequest(" ".join([NOTEBOOK_TEXT] * 10), random_probability=0.15, seed=0,
                           output_hidden_states=False, output_attentions=False)
    out = {}
    for request in (short, long):
        parent = analyze(loaded, request)
        out[f"{parent.num_tokens} tokens"] = parent
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    quiet_library_output()
    with tempfile.TemporaryDirectory() as tmp:
        loaded = load_model(str(build_bert_base_sized(Path(tmp))), device=args.device)

    def sync() -> None:
        if loaded.device.startswith("cuda"):
            torch.cuda.synchronize()

    def bare(parent) -> None:
        ids = torch.tensor(parent.masked_input_ids.tolist(), device=loaded.device)[None]
        with torch.inference_mode():
            loaded.model(input_ids=ids, attention_mask=torch.ones_like(ids))
        sync()

    def lens(parent, all_positions: bool) -> None:
        settings = LensSettings(all_positions=all_positions)
        logit_lens.run(loaded, logit_lens.request_for(parent, None, settings))
        sync()

    parents = _parents(loaded)
    jobs = {}
    for length, parent in parents.items():
        rows = len(parent.prediction_positions)
        jobs[(length, "bare model(**inputs)")] = lambda p=parent: bare(p)
        jobs[(length, f"lens, masked rows ({rows})")] = lambda p=parent: lens(p, False)
        jobs[(length, f"lens, all rows ({parent.num_tokens})")] = lambda p=parent: lens(p, True)
    for job in jobs.values():  # warm-up
        job()
    times: dict[tuple[str, str], list[float]] = {key: [] for key in jobs}
    for _ in range(args.repeats):
        for key, job in jobs.items():
            start = time.perf_counter()
            job()
            times[key].append(time.perf_counter() - start)
    print(f"device: {loaded.device}   hidden states: {loaded.num_layers + 1}   "
          f"repeats: {args.repeats}   torch threads: {torch.get_num_threads()}")
    print(f"{'length':<12} {'what':<28} {'median ms':>10} {'ratio':>7}")
    for length in parents:
        base = statistics.median(times[(length, "bare model(**inputs)")])
        for (at, name), values in times.items():
            if at == length:
                med = statistics.median(values)
                print(f"{length:<12} {name:<28} {med * 1000:>10.1f} {med / base:>7.2f}")


if __name__ == "__main__":
    main()
