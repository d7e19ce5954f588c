"""Speed you can feel: every figure of the app's speed in one table (``make bench``).

    python benchmarks/suite.py [--quick] [--no-write]

A bert-base-sized model (12 layers, 768 wide, bert-base-uncased's vocabulary, random
weights built here, nothing downloaded) on the notebook's paragraph (62 tokens, its 17
masks) and on a 512-token text (15% random masks, seeded); the bundled demo model for
the launches. Every figure is a median with min and max over repeated runs; every speed
is set against its baseline measured in the same run, interleaved, so both see the same
load. Prints one Markdown table with the machine record, and writes both into the marked
sections of benchmarks/RESULTS.md and of the README's "Speed" section.

Take figures for the record only on an otherwise idle machine. ``--quick`` is a smoke
test of the suite itself (a repeat or two of everything); its figures mean nothing and
it writes nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench_report import README, RESULTS, Row, machine_record, replace_section, table  # noqa: E402

#: repeats of a full run (about 5 minutes on a quiet 2-core machine) and of --quick
FULL = dict(forward={62: 15, 512: 7}, clicks=15, analyses=300, settled=20, launches=5,
            loads=5, switches=20)
QUICK = dict(forward={62: 2, 512: 1}, clicks=2, analyses=12, settled=4, launches=1,
             loads=1, switches=3)

NOTES = """\
Rows: the baseline is `AutoModelForMaskedLM.from_pretrained(folder)` (the library's default
SDPA attention) and `model(**inputs)` under `torch.inference_mode()` on the same masked ids;
the `fill-mask` pipeline reads the same text with the same masks. The app's pass is
`masked_lm.run` through `load_model`: as the window asks for it (the head check follows as its
own small analysis; no hidden states, their panel being behind a tab), and with the request's
defaults (hidden states, the head check inside). The click row clicks a token chip of the real
window (offscreen) until the predictions panel has the new mask and the window has painted it;
its baseline is a bare forward run just before each click, with the worker idle, at torch's own
thread count (one per core), which the window's worker uses too (see
`mlm_desktop.app.worker.worker_threads`). The cache row clicks the same chip again: the request
before, answered from the result cache. The speed row counts the bare forward's operations with
torch's `FlopCounterMode` and sets its GFLOP/s against an fp32 2048 × 2048 matrix product timed
in the same repeats. Gaps: the longest stretch without a tick of a 10 ms GUI-thread timer during
each analysis, the next started as soon as one is applied, each one new (one mask moved); the
memory row is the resident size after the last of them minus after the settled-th. The layer
switch moves the hidden-state viewer's slider on a 512-token result and paints. Each launch is a
fresh `python` process running the app's command line with the bundled model, timed from its
spawn to the window's first paint and to the first `result_applied`; the model load
beside it is `load_model` of the same model in a warm process."""


def build_model(folder: Path) -> str:
    from tiny_models import build_bert_base_sized

    return str(build_bert_base_sized(folder / "bert-base-random"))


def measure(counts: dict, say, window_only: bool = False) -> list[Row]:
    from bench_forward import forward_rows, model_load_row
    from bench_launch import launch_rows
    from bench_window import layer_switch_row, window_rows

    from mlm_desktop.core.loading import quiet_library_output
    from mlm_desktop.core.resources import BUNDLED_MODEL, SAMPLE_TEXT_PATH

    quiet_library_output()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        say("building the bert-base-sized random model")
        folder = build_model(Path(tmp))
        if not window_only:
            say("the masked-LM pass against the bare forward and the pipeline, 62 and 512 tokens")
            rows += forward_rows(folder, counts["forward"])
            gc.collect()
        say("the window: clicks, the cache, analyses back to back")
        rows += window_rows(folder, counts["clicks"], counts["analyses"], counts["settled"])
        gc.collect()
        if window_only:
            return rows
        say("the hidden-state viewer at 512 tokens")
        rows.append(layer_switch_row(folder, counts["switches"]))
        gc.collect()
    say("the bundled model's load in this process, then whole-process launches")
    load, _median = model_load_row(str(BUNDLED_MODEL), counts["loads"])
    rows += launch_rows(str(BUNDLED_MODEL), str(SAMPLE_TEXT_PATH), counts["launches"], load)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a repeat or two of everything, to check the suite runs; writes nothing")
    parser.add_argument("--no-write", action="store_true",
                        help="print the table only; leave RESULTS.md and the README alone")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch's thread count for everything the suite runs (default: torch's "
                        "own, one per core); with --window-only, to compare thread counts")
    parser.add_argument("--window-only", action="store_true",
                        help="only the window's rows (clicks, cache, gaps, memory); writes nothing")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    def say(what: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {what}", file=sys.stderr, flush=True)

    rows = measure(QUICK if args.quick else FULL, say, window_only=args.window_only)
    record = machine_record("cpu")
    took = time.perf_counter() - started
    body = (f"{record} The suite took {took:.0f} s "
            f"(`python benchmarks/suite.py{' --quick' if args.quick else ''}`).\n\n{table(rows)}\n")
    print(body)
    if args.quick or args.no_write or args.window_only:
        return 0
    replace_section(RESULTS, f"## Speed you can feel: the suite\n\n{body}\n{NOTES}\n")
    if not replace_section(README, body, anchor="## Speed"):
        print("README.md has no '## Speed' section; the table went to RESULTS.md only",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
