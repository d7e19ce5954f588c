#!/usr/bin/env python3
"""Held-out masked-token accuracy of a masked language model.

Protocol (deterministic, documented so that tests can reproduce it exactly):

* one text per non-empty line; each line is tokenised on its own with
  truncation to --max-length tokens (special tokens included);
* a single ``random.Random(seed)`` walks the lines in file order; for a line
  with n non-special tokens it masks k = max(1, floor(p * n + 0.5)) of them,
  chosen with ``rng.sample(range(n), k)``;
* every chosen token is replaced by [MASK] (no 80/10/10 at evaluation);
* top-1 / top-5 accuracy = share of masked positions whose original token is
  the model's best / among its five best predictions.

The unigram baseline always predicts the most frequent tokens.  Token counts
come from --unigram-text (e.g. the training corpus) when given, otherwise
from the evaluated file itself (an optimistic, in-sample baseline).

Usage:
    python tools/evaluate_mlm.py resources/models/minilm-l6-mlm-en tests/data/heldout_en.txt
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time

import torch

DEFAULT_SEED = 1234
DEFAULT_P = 0.15
DEFAULT_MAX_LENGTH = 128


def read_lines(path, limit=None):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                out.append(line)
                if limit and len(out) >= limit:
                    break
    return out


def build_masked_examples(tokenizer, lines, seed=DEFAULT_SEED, p=DEFAULT_P, max_length=DEFAULT_MAX_LENGTH):
    """Return a list of (input_ids with [MASK]s, [(position, original_id), ...])."""
    rng = random.Random(seed)
    special = set(tokenizer.all_special_ids)
    examples = []
    for line in lines:
        ids = tokenizer(line, truncation=True, max_length=max_length)["input_ids"]
        positions = [i for i, t in enumerate(ids) if t not in special]
        n = len(positions)
        if n == 0:
            continue
        k = max(1, int(p * n + 0.5))
        chosen = sorted(rng.sample(range(n), k))
        masked = list(ids)
        targets = []
        for c in chosen:
            pos = positions[c]
            targets.append((pos, ids[pos]))
            masked[pos] = tokenizer.mask_token_id
        examples.append((masked, targets))
    return examples


def _masked_logits(model, input_ids, attention_mask, positions):
    """Logits at (row, column) positions only.

    For BERT-style models the prediction head is applied to the gathered hidden
    states (much cheaper than the 30k-way decoder at every position); any other
    masked LM falls back to the full forward pass.
    """
    rows, cols = positions
    base = getattr(model, "bert", None)
    head = getattr(model, "cls", None)
    if base is not None and head is not None:
        hidden = base(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return head(hidden[rows, cols])
    return model(input_ids=input_ids, attention_mask=attention_mask).logits[rows, cols]


@torch.no_grad()
def masked_accuracy(model, tokenizer, examples, batch_size=32, topk=5):
    model.eval()
    device = next(model.parameters()).device
    n = hit1 = hitk = 0
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))  # less padding
    for start in range(0, len(order), batch_size):
        batch = [examples[i] for i in order[start:start + batch_size]]
        width = max(len(ids) for ids, _ in batch)
        input_ids = torch.full((len(batch), width), tokenizer.pad_token_id, dtype=torch.long)
        attn = torch.zeros((len(batch), width), dtype=torch.long)
        rows, cols, gold = [], [], []
        for i, (ids, targets) in enumerate(batch):
            input_ids[i, :len(ids)] = torch.tensor(ids)
            attn[i, :len(ids)] = 1
            for pos, tid in targets:
                rows.append(i)
                cols.append(pos)
                gold.append(tid)
        logits = _masked_logits(model, input_ids.to(device), attn.to(device),
                                (torch.tensor(rows, device=device), torch.tensor(cols, device=device)))
        gold = torch.tensor(gold, device=device)
        top = logits.float().topk(topk, dim=-1).indices
        hit1 += (top[:, 0] == gold).sum().item()
        hitk += (top == gold[:, None]).any(-1).sum().item()
        n += len(gold)
    return {"masked_tokens": n, "top1": hit1 / max(n, 1), f"top{topk}": hitk / max(n, 1)}


def unigram_counts(tokenizer, lines, max_length=None):
    special = set(tokenizer.all_special_ids)
    counts = collections.Counter()
    for i in range(0, len(lines), 1000):
        enc = tokenizer(lines[i:i + 1000], add_special_tokens=False, truncation=max_length is not None,
                        max_length=max_length)["input_ids"]
        for ids in enc:
            counts.update(t for t in ids if t not in special)
    return counts


def unigram_accuracy(counts, examples, topk=5):
    best = [t for t, _ in counts.most_common(topk)]
    n = hit1 = hitk = 0
    for _, targets in examples:
        for _, t in targets:
            n += 1
            hit1 += t == best[0]
            hitk += t in best
    return {"masked_tokens": n, "top1": hit1 / max(n, 1), f"top{topk}": hitk / max(n, 1),
            "predicts": best}


def evaluate(model, tokenizer, lines, seed=DEFAULT_SEED, p=DEFAULT_P, max_length=DEFAULT_MAX_LENGTH,
             unigram_lines=None, batch_size=32):
    examples = build_masked_examples(tokenizer, lines, seed=seed, p=p, max_length=max_length)
    t0 = time.time()
    res = masked_accuracy(model, tokenizer, examples, batch_size=batch_size)
    res["seconds"] = round(time.time() - t0, 2)
    counts = unigram_counts(tokenizer, unigram_lines if unigram_lines is not None else lines)
    res["unigram"] = unigram_accuracy(counts, examples)
    res["unigram_source"] = "given text" if unigram_lines is not None else "evaluated text (in-sample)"
    res["settings"] = {"seed": seed, "p": p, "max_length": max_length, "lines": len(lines)}
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description="Held-out masked-token top-1/top-5 accuracy.")
    ap.add_argument("model", help="model folder (save_pretrained layout)")
    ap.add_argument("text", help="UTF-8 text file, one example per line")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--p", type=float, default=DEFAULT_P, help="share of non-special tokens masked")
    ap.add_argument("--max-length", type=int, default=DEFAULT_MAX_LENGTH)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N lines")
    ap.add_argument("--unigram-text", default=None, help="text to count unigram frequencies on")
    ap.add_argument("--unigram-limit", type=int, default=200000, help="lines of --unigram-text to count")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the result as JSON only")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForMaskedLM.from_pretrained(args.model, dtype=torch.float32)
    lines = read_lines(args.text, args.limit)
    uni = read_lines(args.unigram_text, args.unigram_limit) if args.unigram_text else None
    res = evaluate(model, tok, lines, seed=args.seed, p=args.p, max_length=args.max_length, unigram_lines=uni)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        s = res["settings"]
        print(f"text: {args.text} ({s['lines']} lines), seed={s['seed']} p={s['p']} max_length={s['max_length']}")
        print(f"masked tokens: {res['masked_tokens']}")
        print(f"model   top-1 {100 * res['top1']:.2f}%  top-5 {100 * res['top5']:.2f}%")
        u = res["unigram"]
        print(f"unigram top-1 {100 * u['top1']:.2f}%  top-5 {100 * u['top5']:.2f}%  "
              f"(counts from {res['unigram_source']}; predicts {tok.convert_ids_to_tokens(u['predicts'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
