#!/usr/bin/env python3
"""The reference notebook's masking test: 17 masks at once in the Civil War paragraph.

The notebook masks tokens 3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43,
48, 54 and 56 of the tokenised paragraph ([CLS] is token 0) all together and
asks the model to fill them in one pass.  This prints each mask's original
token and the model's top-5, then the top-1 and top-5 hit counts
(bert-base-uncased gets 13 at top-1).

Usage:
    python tools/notebook_masks.py MODEL_DIR [--device cuda]
"""
from __future__ import annotations

import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_mlm import load  # noqa: E402

TEXT = ("After Abraham Lincoln won the November 1860 presidential election on an anti-slavery platform, "
        "an initial seven slave states declared their secession from the country to form the Confederacy. "
        "War broke out in April 1861 when secessionist forces attacked Fort Sumter in South Carolina, "
        "just over a month after Lincoln's inauguration.")
POSITIONS = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)


def notebook_masks(model, tok, device="cpu", echo=print):
    """Print each mask's top-5 and return (top-1 hits, top-5 hits, masks)."""
    enc = tok(TEXT, return_tensors="pt")
    ids = enc["input_ids"].clone()
    original = [int(ids[0, p]) for p in POSITIONS]
    ids[0, list(POSITIONS)] = tok.mask_token_id
    with torch.no_grad():
        logits = model(input_ids=ids.to(device), attention_mask=enc["attention_mask"].to(device)).logits[0]
    hit1 = hit5 = 0
    for pos, orig in zip(POSITIONS, original, strict=True):
        best = logits[pos].float().topk(5).indices.tolist()
        hit1 += best[0] == orig
        hit5 += orig in best
        mark = "top-1" if best[0] == orig else ("top-5" if orig in best else "miss ")
        echo(f"  {pos:2d} {tok.convert_ids_to_tokens(orig):14s} {mark} -> "
             + ", ".join(tok.convert_ids_to_tokens(best)))
    echo(f"notebook masks: top-1 {hit1}/{len(POSITIONS)}, top-5 {hit5}/{len(POSITIONS)}")
    return hit1, hit5, len(POSITIONS)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    model, tok = load(args.model, args.device)
    notebook_masks(model, tok, args.device)
    return 0


if __name__ == "__main__":
    sys.exit(main())
