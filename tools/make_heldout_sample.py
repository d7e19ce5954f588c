#!/usr/bin/env python3
"""Pick the small public-domain held-out test set (tests/data/heldout_en.txt).

Reads OUT/heldout_tagged.tsv written by build_corpus.py (text never used for
training) and takes a fixed, seeded sample of medium-length paragraphs from
the public-domain sources only, so the file in the repository carries no
licence conditions:

* austen  - Jane Austen's novels (public domain)
* jargon  - The Jargon File 4.4.7 (public domain)
* devil   - Ambrose Bierce, The Devil's Dictionary (public domain)
* sqlite-docs - SQLite documentation (public domain)

Usage:
    python tools/make_heldout_sample.py --corpus build/corpus --out tests/data/heldout_en.txt
"""
import argparse
import random
import sys

QUOTA = {"austen": 150, "jargon": 110, "devil": 50, "sqlite-docs": 110}


def main(argv=None):
    ap = argparse.ArgumentParser(description="Pick the public-domain held-out test set.")
    ap.add_argument("--corpus", default="build/corpus")
    ap.add_argument("--out", default="tests/data/heldout_en.txt")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-words", type=int, default=12)
    ap.add_argument("--max-words", type=int, default=70)
    args = ap.parse_args(argv)
    by_src = {k: [] for k in QUOTA}
    with open(f"{args.corpus}/heldout_tagged.tsv", encoding="utf-8") as f:
        for line in f:
            src, text = line.rstrip("\n").split("\t", 1)
            if src in by_src and args.min_words <= len(text.split()) <= args.max_words:
                by_src[src].append(text)
    rng = random.Random(args.seed)
    out = []
    for src, n in QUOTA.items():
        pool = by_src[src]
        pick = rng.sample(pool, min(n, len(pool)))
        print(f"{src}: {len(pick)} of {len(pool)}", file=sys.stderr)
        out.extend(pick)
    rng.shuffle(out)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {len(out)} lines to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
