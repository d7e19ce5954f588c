#!/usr/bin/env python3
"""Top-5 predictions of a masked LM for probe sentences, and hit counts for scored probes.

Usage:
    python tools/probe_mlm.py MODEL_DIR [sentence with [MASK] ...]
    python tools/probe_mlm.py MODEL_DIR --file tools/probes_everyday.txt

Without sentences it prints the model card's fixed probes.  With --file it
reads one probe per line, ``sentence<TAB>expected word`` (exactly one [MASK]),
prints each probe's top-5 marked with the expected word's rank, and the
top-1 / top-5 hit counts.
"""
from __future__ import annotations

import argparse
import sys

import torch

PROBES = [
    "the cat sat on the [MASK].",
    "paris is the capital of [MASK].",
    "i drink a cup of [MASK] every morning.",
    "after abraham lincoln won the november 1860 presidential [MASK]",
    "she opened the [MASK] and walked into the room.",
    "the python [MASK] raises an exception if the file does not exist.",
    "it is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a [MASK].",
]


def read_probes(path):
    """[(sentence, expected word)] from a TAB-separated probe file."""
    probes = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip():
                sentence, expected = line.split("\t")
                probes.append((sentence, expected.strip()))
    return probes


def top5(model, tok, text, device="cpu"):
    """[(word, probability)] * 5 for every [MASK] in text."""
    enc = tok(text, return_tensors="pt").to(device)
    with torch.no_grad():
        logits = model(**enc).logits[0].float()
    out = []
    for p in (enc["input_ids"][0] == tok.mask_token_id).nonzero()[:, 0]:
        top = logits[p].softmax(-1).topk(5)
        out.append([(tok.convert_ids_to_tokens(int(i)), float(v))
                    for v, i in zip(top.values.tolist(), top.indices.tolist(), strict=True)])
    return out


def score_probes(model, tok, probes, device="cpu", echo=print):
    """Print each probe's top-5 and return (top-1 hits, top-5 hits, probes)."""
    hit1 = hit5 = 0
    for sentence, expected in probes:
        words = top5(model, tok, sentence, device)[0]
        ranked = [w for w, _ in words]
        rank = ranked.index(expected) + 1 if expected in ranked else 0
        hit1 += rank == 1
        hit5 += rank > 0
        mark = f"top-{rank}" if rank else "miss"
        shown = ", ".join(f"{w} ({p:.3f})" for w, p in words)
        echo(f"{sentence}\n    expected {expected}: {mark} -> {shown}")
    echo(f"everyday probes: top-1 {hit1}/{len(probes)}, top-5 {hit5}/{len(probes)}")
    return hit1, hit5, len(probes)


def load(model_dir, device="cpu"):
    from transformers import AutoModelForMaskedLM, AutoTokenizer
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForMaskedLM.from_pretrained(model_dir, dtype=torch.float32).to(device).eval()
    return model, tok


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("sentences", nargs="*")
    ap.add_argument("--file", help="scored probes: sentence<TAB>expected word per line")
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    model, tok = load(args.model, args.device)
    if args.file:
        score_probes(model, tok, read_probes(args.file), args.device)
        return 0
    for text in args.sentences or PROBES:
        for words in top5(model, tok, text, args.device):
            print(f"{text}\n    -> " + ", ".join(f"{w} ({p:.3f})" for w, p in words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
