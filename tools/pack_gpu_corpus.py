#!/usr/bin/env python3
"""Pack the corpus for a GPU training run into one small folder (default gpu_carry/).

Writes:
* train.txt.xz - the training split (xz, preset 9e), without any line of the
  repository's held-out test file tests/data/heldout_en.txt;
* heldout_mixed.txt - a seeded sample of the held-out split with a quota per
  source (the new general-knowledge and narrative sources included), lines of
  8 to 260 words (the evaluation truncates at 128 tokens);
* manifest.json - the corpus manifest (sources, licences, sizes).

Usage:
    python tools/pack_gpu_corpus.py --corpus build/demo-model/corpus --out gpu_carry [--max-mib 13.5]
"""
from __future__ import annotations

import argparse
import lzma
import os
import random
import shutil
import sys

QUOTA = {"factbook": 250, "sotu": 300, "moby-dick": 200, "austen": 200, "wordnet": 300, "jargon": 100,
         "devil": 50, "python-docs": 100, "postgresql-docs": 50, "sqlite-docs": 100, "django-docs": 50,
         "nodejs-docs": 50, "rust-books": 50}


def mixed_sample(tagged, seed=11, min_words=8, max_words=260):
    by_src = {}
    with open(tagged, encoding="utf-8") as f:
        for line in f:
            src, text = line.rstrip("\n").split("\t", 1)
            if min_words <= len(text.split()) <= max_words:
                by_src.setdefault(src, []).append(text)
    rng = random.Random(seed)
    out = []
    for src, n in QUOTA.items():
        pool = by_src.get(src, [])
        pick = rng.sample(pool, min(n, len(pool)))
        print(f"held-out sample {src}: {len(pick)} of {len(pool)}", file=sys.stderr)
        out.extend(pick)
    rng.shuffle(out)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="build/demo-model/corpus")
    ap.add_argument("--out", default="gpu_carry")
    ap.add_argument("--test-file", default="tests/data/heldout_en.txt")
    ap.add_argument("--max-mib", type=float, default=13.5, help="fail if the folder grows past this")
    ap.add_argument("--max-lines", type=int, default=None, help="only the first N training lines (tests)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    test_lines = {ln.strip() for ln in open(args.test_file, encoding="utf-8") if ln.strip()}
    dropped = kept = 0
    with open(os.path.join(args.corpus, "train.txt"), encoding="utf-8") as src, \
            lzma.open(os.path.join(args.out, "train.txt.xz"), "wt", encoding="utf-8",
                      preset=9 | lzma.PRESET_EXTREME) as dst:
        for line in src:
            if args.max_lines and kept >= args.max_lines:
                break
            if line.strip() in test_lines:
                dropped += 1
                continue
            dst.write(line)
            kept += 1
    with open(os.path.join(args.out, "heldout_mixed.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(mixed_sample(os.path.join(args.corpus, "heldout_tagged.tsv"))) + "\n")
    if os.path.exists(os.path.join(args.corpus, "manifest.json")):
        shutil.copyfile(os.path.join(args.corpus, "manifest.json"), os.path.join(args.out, "manifest.json"))
    size = sum(os.path.getsize(os.path.join(args.out, n)) for n in os.listdir(args.out))
    print(f"{args.out}: {kept:,} training lines ({dropped} test-file lines left out), "
          f"{size / 2**20:.2f} MiB", file=sys.stderr)
    if size > args.max_mib * 2**20:
        print(f"too large: over {args.max_mib} MiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
