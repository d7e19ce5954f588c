#!/usr/bin/env python3
"""Load a re-joined model folder with the app's own loading code and check it.

Loads JOINED through ``mlm_desktop.core.loading.load_model`` (as the app does,
fp32 on the CPU), fails on any loading warning, prints the notebook masks and
the everyday probes, and with REFERENCE (the folder before chunking) checks
that both give the same logits on those texts.

Usage:
    PYTHONPATH=. python tools/check_joined_model.py build/gpu-model [build/model-before-chunking]
"""
from __future__ import annotations

import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notebook_masks import TEXT, notebook_masks  # noqa: E402
from probe_mlm import read_probes, score_probes  # noqa: E402

PROBES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probes_everyday.txt")


def logits(loaded, texts):
    out = []
    for text in texts:
        enc = loaded.tokenizer(text, return_tensors="pt")
        with torch.no_grad():
            out.append(loaded.model(**enc).logits[0])
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    torch.set_num_threads(2)
    from mlm_desktop.core.loading import load_model
    joined = load_model(argv[0], device="cpu", local_files_only=True)
    if joined.warnings:
        print("loading warnings:", *joined.warnings, sep="\n  ")
        return 1
    print(f"{argv[0]}: loaded with the app's code ({joined.model_type}, {joined.dtype}, no warnings)")
    notebook_masks(joined.model, joined.tokenizer)
    probes = read_probes(PROBES)
    score_probes(joined.model, joined.tokenizer, probes)
    if len(argv) > 1:
        reference = load_model(argv[1], device="cpu", local_files_only=True)
        texts = [TEXT] + [s for s, _ in probes]
        for a, b in zip(logits(joined, texts), logits(reference, texts), strict=True):
            if not torch.equal(a, b):
                print(f"DIFFERENT from {argv[1]}: max |diff| {(a - b).abs().max():.3g}")
                return 1
        print(f"identical logits to {argv[1]} on the notebook text and {len(probes)} probes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
