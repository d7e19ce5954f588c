"""``mlm-desktop compare``: two models on the same text and masks, side by side."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from ..cli_args import (
    HEADLESS_MODEL_HELP,
    PROG,
    OneLineParser,
    add_common,
    add_mask_options,
    load_for_command,
    required_text,
)

_DESCRIPTION = """\
Run the same text and masks through two masked LMs and compare them.

--mask counts the first model's tokens (--model). The second model (--model-b)
masks every one of its own tokens that covers the same characters, so both hide
the same words even where their tokenizers split a word differently.

With --json, one object:
  "a", "b": {"model", "masked_positions", "loss_masked", "loss_all"}
  "masked_words": one entry per masked stretch of characters:
     {"text", "start", "end", "same_split", "agree",
      "a": {"guess", "predictions": [...]}, "b": {...}}
     each prediction with the keys of 'predict --json'; "agree" when both
     top-1 guesses read the same (word-start marks stripped, case ignored)
  "words": every word of the text, {"text", "start", "end", "same_split",
     "a": {"tokens", "loss"}, "b": {...}}, the loss summed over the word's
     tokens (nats; null where a mask was typed)
  "split_differently": the words the two tokenizers split differently"""


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(
        prog=f"{PROG} compare",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=_DESCRIPTION,
    )
    add_common(out, HEADLESS_MODEL_HELP)
    out.add_argument("--model-b", required=True, metavar="MODEL",
                     help="the second model: hub id or local folder (any masked LM --model could be)")
    add_mask_options(out)
    out.add_argument("--json", action="store_true", help="print one JSON object")
    return out


def check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not args.model_b.strip():
        parser.error("--model-b is empty: give a hub id or a local folder")


def _num(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def comparison_to_json(c) -> dict[str, Any]:
    from ..core.export import prediction_to_json

    def side(result) -> dict[str, Any]:
        return {"model": result.model_name, "masked_positions": result.mask_positions.tolist(),
                "loss_masked": _num(result.loss_masked), "loss_all": _num(result.loss_all)}

    def predictions(result, positions) -> list:
        return [prediction_to_json(result.prediction_at(p)) for p in positions]

    return {
        "text": c.a.text,
        "a": side(c.a),
        "b": side(c.b),
        "agreements": c.agreements,
        "masked_words": [
            {"text": w.text, "start": w.start, "end": w.end, "same_split": w.same_split,
             "agree": w.agree,
             "a": {"guess": w.a_guess, "predictions": predictions(c.a, w.a_positions)},
             "b": {"guess": w.b_guess, "predictions": predictions(c.b, w.b_positions)}}
            for w in c.masked
        ],
        "words": [
            {"text": w.text, "start": w.start, "end": w.end, "same_split": w.same_split,
             "a": {"tokens": [c.a.tokens[p] for p in w.a_positions], "loss": _num(w.a_loss)},
             "b": {"tokens": [c.b.tokens[p] for p in w.b_positions], "loss": _num(w.b_loss)}}
            for w in c.words
        ],
        "split_differently": [w.text for w in c.split_differently],
    }


def _fmt(value: float | None) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.4f}"


def format_comparison(c) -> str:
    lines = [f"A: {c.a.model_name}", f"B: {c.b.model_name}",
             f"loss on masked tokens  A {_fmt(c.a.loss_masked)}   B {_fmt(c.b.loss_masked)}",
             f"loss on every token    A {_fmt(c.a.loss_all)}   B {_fmt(c.b.loss_all)}",
             f"masked words: {len(c.masked)}, the top guesses agree on {c.agreements}", ""]
    for w in c.masked:
        mark = "=" if w.agree else "≠"
        split = "" if w.same_split else "   (split differently)"
        lines.append(f"{w.text!r}: A {w.a_guess!r} {mark} B {w.b_guess!r}{split}")
        for name, result, positions in (("A", c.a, w.a_positions), ("B", c.b, w.b_positions)):
            for p in positions:
                top = ", ".join(f"{label} {prob:.3f}" for label, prob
                                in zip(result.top_labels[p], result.top_probs[p].tolist(), strict=True))
                lines.append(f"  {name} {result.labels[p]!r}: {top}")
    differ = [w.text for w in c.split_differently]
    lines.append("")
    lines.append("split differently: " + (", ".join(differ) if differ else "none"))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..core import AnalysisRequest, load_model
    from ..core.compare import compare_models

    text = required_text(args)
    _choice, first = load_for_command(args)
    second = load_model(args.model_b.strip(), device=args.device,
                        trust_remote_code=args.trust_remote_code)
    for warning in second.warnings:
        print(f"{PROG}: warning (model B): {warning}", file=sys.stderr)
    request = AnalysisRequest(
        text=text,
        mask_positions=tuple(args.mask),
        random_probability=args.mask_random,
        seed=args.seed,
        whole_word=args.whole_word,
        top_k=args.top_k,
        output_hidden_states=False,
    )
    comparison = compare_models(first, second, request)
    if args.json:
        print(json.dumps(comparison_to_json(comparison), ensure_ascii=False))
    else:
        print(format_comparison(comparison))
    return 0
