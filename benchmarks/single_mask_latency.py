"""Instant single masks: the answer read from the scoring pass against a fresh analysis.

    python benchmarks/single_mask_latency.py [--repeats 7]

A bert-base-sized random model (built locally, nothing downloaded) and the
notebook's 62-token paragraph. The pseudo-likelihood pass runs once; then, for
several tokens, the time to answer "this token alone masked" from it (the
lookup and the Predictions panel drawing it) is set beside a fresh masked-LM
analysis with that token masked. Medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    import torch
    from PySide6.QtWidgets import QApplication
    from tiny_models import build_bert_base_sized

    from mlm_desktop.core import AnalysisRequest, analyze, load_model
    from mlm_desktop.core.analyses import pll
    from mlm_desktop.panels.predictions_panel import PredictionsPanel

    app = QApplication.instance() or QApplication([])
    text = (ROOT / "resources" / "samples" / "civil_war.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_model(str(build_bert_base_sized(Path(folder))), device="cpu")
    shown = analyze(loaded, AnalysisRequest(text))
    started = time.perf_counter()
    scoring = pll.run(loaded, pll.request_for_text(loaded, text))
    scoring_s = time.perf_counter() - started
    panel = PredictionsPanel()
    panel.resize(500, 400)
    panel.show()
    app.processEvents()
    quick, fresh = [], []
    for _ in range(args.repeats):
        for position in (3, 12, 30, 48):
            t = time.perf_counter()
            prediction = scoring.single_mask_prediction(position)
            panel.show_provisional(shown, prediction, "from the scoring pass")
            app.processEvents()
            quick.append(time.perf_counter() - t)
            t = time.perf_counter()
            analyze(loaded, AnalysisRequest(text, mask_positions=(position,)))
            fresh.append(time.perf_counter() - t)
    print(f"bert-base-sized random model on cpu ({torch.get_num_threads()} threads), "
          f"{shown.num_tokens} tokens; the scoring pass itself took {scoring_s * 1000:.0f} ms once")
    q, f = statistics.median(quick) * 1000, statistics.median(fresh) * 1000
    print(f"single mask from the scoring pass, drawn   median {q:8.2f} ms")
    print(f"fresh masked-LM analysis of that mask       median {f:8.2f} ms   ({f / q:.0f} times longer)")


if __name__ == "__main__":
    main()
