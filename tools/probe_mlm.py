#!/usr/bin/env python3
"""Print the top-5 predictions of a masked LM for a few fixed probe sentences.

Usage:
    python tools/probe_mlm.py resources/models/minilm-l6-mlm-en [sentence with [MASK] ...]
"""
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


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    torch.set_num_threads(2)
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(argv[0])
    model = AutoModelForMaskedLM.from_pretrained(argv[0], dtype=torch.float32).eval()
    for text in argv[1:] or PROBES:
        enc = tok(text, return_tensors="pt")
        with torch.no_grad():
            logits = model(**enc).logits[0]
        pos = (enc["input_ids"][0] == tok.mask_token_id).nonzero()[:, 0]
        for p in pos:
            probs = logits[p].softmax(-1)
            top = probs.topk(5)
            words = ", ".join(f"{tok.convert_ids_to_tokens(int(i))} ({v:.3f})"
                              for v, i in zip(top.values.tolist(), top.indices.tolist(), strict=True))
            print(f"{text}\n    -> {words}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
