"""Pseudo-log-likelihood scoring: ``mlm-desktop score``'s batching against minicons, side by side.

One run, one model, the same sentences: minicons'
``scorer.MaskedLMScorer(model).sequence_score(batch, reduction=lambda x: x.sum())``
(the peer, a benchmark-only dependency) and this app's scorer (the code the
``score`` command runs: tokenize, then every sentence's masked copies batched
together), each over all sentences, in sentences per second; the two PLLs of
each sentence are compared too. Both variants: the original PLL and the
whole-word one (minicons' ``PLL_metric="within_word_l2r"``). Then the PLL of
the notebook's 62-token paragraph, batched (the chunk the memory allows) and
one masked copy at a time. Each repeat runs every job back to back, so all
see the same machine load; the figures are medians.

The model is bert-base-sized (12 layers, 768 wide, bert-base-uncased's
vocabulary) with random weights, built and saved to a temporary folder here
(no download); ``--quick`` uses the tiny 2-layer test model and a few
sentences, to check that the script runs.

    python benchmarks/score_vs_minicons.py [--repeats 3] [--device cpu] [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's code, not an installed copy

from tiny_models import NOTEBOOK_TEXT, build_bert, build_bert_base_sized  # noqa: E402

from mlm_desktop.core import load_model  # noqa: E402
from mlm_desktop.core.analyses import pll  # noqa: E402
from mlm_desktop.core.loading import quiet_library_output  # noqa: E402
from mlm_desktop.core.pll_batch import ScoringText, score_texts  # noqa: E402
from mlm_desktop.core.tokens import tokenize  # noqa: E402

_SUBJECTS = ["The old farmer", "A young student", "My neighbour", "The committee", "Our teacher",
             "The small dog", "A famous writer", "The city council", "Her brother", "The pilot"]
_VERBS = ["quietly repaired", "carefully read", "suddenly noticed", "finally approved",
          "happily painted"]
_OBJECTS = ["the broken wooden fence behind the house", "an unbelievably long letter",
            "the new proposal before the meeting ended", "a map of the northern islands",
            "the kitchen"]


def sentences(count: int) -> list[str]:
    """``count`` varied sentences (5 to 15 words), the same on every run."""
    combos = itertools.product(_SUBJECTS, _VERBS, _OBJECTS)
    picked = list(itertools.islice(combos, 0, None, 5))[:count]
    return [f"{s} {v} {o}." for s, v, o in picked]


def ours(loaded, texts: list[str], whole_word: bool) -> list[float]:
    """What ``mlm-desktop score`` does: tokenize every line, batch every copy together."""
    scoring = []
    for text in texts:
        t = tokenize(loaded.tokenizer, text, loaded.max_length)
        scoring.append(ScoringText(t.input_ids, t.word_ids,
                                   np.asarray(pll.scored_positions(t.special_mask, t.typed_mask))))
    return [float(s.log_probs.sum()) for s in score_texts(loaded, scoring, whole_word, top_k=1)]


def _restore_batch_encode_plus(tokenizer) -> None:
    """minicons 0.3.39 calls ``tokenizer.batch_encode_plus``, which transformers 5 removed;
    calling the tokenizer itself is what that method did."""
    if not hasattr(tokenizer, "batch_encode_plus"):
        tokenizer.batch_encode_plus = lambda texts, **kw: tokenizer(list(texts), **kw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--sentences", type=int, default=50)
    parser.add_argument("--minicons-batch", type=int, default=8,
                        help="sentences per minicons sequence_score call")
    parser.add_argument("--quick", action="store_true",
                        help="tiny model, 6 sentences, 1 repeat: only checks that it runs")
    args = parser.parse_args()
    if args.quick:
        args.repeats, args.sentences = 1, 6
    quiet_library_output()
    from minicons import scorer

    texts = sentences(args.sentences)
    with tempfile.TemporaryDirectory() as tmp:
        folder = (build_bert if args.quick else build_bert_base_sized)(Path(tmp))
        loaded = load_model(str(folder), device=args.device)
        peers = {metric: scorer.MaskedLMScorer(str(folder), device=loaded.device, PLL_metric=metric)
                 for metric in ("original", "within_word_l2r")}
    for peer in peers.values():
        _restore_batch_encode_plus(peer.tokenizer)

    def sync() -> None:
        if loaded.device.startswith("cuda"):
            torch.cuda.synchronize()

    def minicons(metric: str) -> list[float]:
        out = []
        for first in range(0, len(texts), args.minicons_batch):
            batch = texts[first:first + args.minicons_batch]
            out += [float(v) for v in peers[metric].sequence_score(batch, reduction=lambda x: x.sum())]
        return out

    notebook = pll.request_for_text(loaded, NOTEBOOK_TEXT)
    jobs = {
        "minicons, original PLL": lambda: minicons("original"),
        "mlm-desktop score, original PLL": lambda: ours(loaded, texts, False),
        "minicons, within_word_l2r": lambda: minicons("within_word_l2r"),
        "mlm-desktop score --whole-word": lambda: ours(loaded, texts, True),
        "notebook text, batched": lambda: pll.run(loaded, notebook).pll,
        "notebook text, one copy at a time": lambda: pll.run(loaded, notebook, batch_size=1).pll,
    }
    times: dict[str, list[float]] = {name: [] for name in jobs}
    values: dict[str, object] = {}
    for _ in range(args.repeats):
        for name, job in jobs.items():
            sync()
            start = time.perf_counter()
            values[name] = job()
            sync()
            times[name].append(time.perf_counter() - start)
    model = "tiny 2-layer BERT (--quick)" if args.quick else "bert-base-sized random BERT"
    print(f"{model} on {loaded.device} ({torch.get_num_threads()} threads), "
          f"{len(texts)} sentences, median of {args.repeats}")
    print(f"{'job':36} {'median s':>9} {'sentences/s':>12}")
    for name in list(jobs)[:4]:
        median = statistics.median(times[name])
        print(f"{name:36} {median:9.3f} {len(texts) / median:12.1f}")
    for peer, mine in (("minicons, original PLL", "mlm-desktop score, original PLL"),
                       ("minicons, within_word_l2r", "mlm-desktop score --whole-word")):
        gap = np.max(np.abs(np.subtract(values[peer], values[mine])))
        print(f"largest PLL difference, {mine} vs {peer}: {gap:.2e}")
    print(f"notebook text: {len(notebook.scored)} scored of {len(notebook.tokens)} tokens")
    for name in list(jobs)[4:]:
        median = statistics.median(times[name])
        print(f"{name:36} {median * 1000:9.1f} ms   PLL {values[name]:.4f}")


if __name__ == "__main__":
    main()
