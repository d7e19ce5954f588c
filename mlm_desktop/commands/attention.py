"""``mlm-desktop attention``: one layer's attention (a head or their mean) and the rollout, as JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..cli_args import (
    HEADLESS_MODEL_HELP,
    PROG,
    OneLineParser,
    add_common,
    add_mask_options,
    load_for_command,
    masked_lm_of,
    required_text,
)
from ..core.errors import InputError
from ..core.options import DEFAULT_OPTIONS

DIGITS = 6  # weights are rounded to this many decimals in the JSON

JSON_HELP = """\
The JSON object printed:
  model, device       the model and where it ran
  implementation      "eager" (the attention implementation that returns weights)
  num_layers, num_heads
  tokens              every token of the text, as the tokenizer wrote it
  masked_positions    the positions masked, chosen or typed (as in predict's JSON)
  special_positions   the positions of special tokens ([CLS], [SEP], <s>, ...)
  hide_special        whether --hide-special was given
  positions           the token positions the rows and columns below stand for
                      (every position, or the non-special ones with --hide-special)
  attention           {"layer": L, "head": H or "mean", "matrix": rows}: row i is
                      how token positions[i] spreads its attention over
                      positions[j]; each row sums to 1
  rollout             with --rollout: {"through_layer": L, "matrix": rows},
                      attention rollout (Abnar and Zuidema, 2020) of layers 1..L
Layers and heads count from 1. With --hide-special the special tokens' rows
and columns are left out and every row is rescaled to sum to 1 again.
Weights are rounded to 6 decimals."""


def _layer(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"--layer must be a layer number of 1 or more, got {value[:40]!r}")
    return number


def _head(value: str) -> int | str:
    if value.strip().lower() == "mean":
        return "mean"
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"--head must be a head number of 1 or more, or 'mean', got {value[:40]!r}"
        )
    return number


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(
        prog=f"{PROG} attention",
        description="Print the attention weights of one layer (a head, or the mean of its heads) "
        "and optionally the attention rollout across layers.",
        epilog=JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(out, HEADLESS_MODEL_HELP)
    add_mask_options(out)
    out.add_argument("--layer", type=_layer, help="the layer, from 1 (default: the last)")
    out.add_argument("--head", type=_head, default="mean",
                     help="the head, from 1, or 'mean' for the mean of the layer's heads (default)")
    out.add_argument("--rollout", action="store_true",
                     help="also print the attention rollout through --layer")
    out.add_argument("--hide-special", action="store_true",
                     help="leave out special tokens and renormalise every row")
    out.add_argument("--json", action="store_true",
                     help="print one JSON object (below); without it, each token's strongest links")
    for action in out._actions:  # noqa: SLF001 - the masked-LM's top-k means nothing here
        if action.dest == "top_k":
            action.help = argparse.SUPPRESS
    return out


def run(args: argparse.Namespace) -> int:
    from ..core.analyses.attention import run as attention
    from ..core.analyses.attention_types import request_for_result
    from ..core.attention_math import check_any_kept

    text = required_text(args)
    _choice, loaded = load_for_command(args)
    _check_layer_and_head(loaded, args)
    parent = masked_lm_of(loaded, text, args, top_k=DEFAULT_OPTIONS.top_k, head_check=False)
    if args.hide_special:
        check_any_kept(parent.special_mask)
    result = attention(loaded, request_for_result(parent))
    data = attention_json(parent, result, args)
    print(json.dumps(data, ensure_ascii=False) if args.json else report(data))
    return 0


def _check_layer_and_head(loaded, args: argparse.Namespace) -> None:
    layers = loaded.num_layers
    heads = int(loaded.model.config.num_attention_heads)
    if args.layer is not None and args.layer > layers:
        raise InputError(f"--layer {args.layer} does not exist: {loaded.name} has layers 1 to {layers}")
    if args.head != "mean" and args.head > heads:
        raise InputError(f"--head {args.head} does not exist: each layer has heads 1 to {heads}")


def report(data: dict[str, Any], strongest: int = 3) -> str:
    """Each token's ``strongest`` links in the chosen matrix (and the rollout), as text."""
    tokens, positions = data["tokens"], data["positions"]
    masked = ", ".join(str(p) for p in data["masked_positions"]) or "none"
    lines = [f"masked positions: {masked}"]
    views = [(data["attention"], "layer {layer}, head {head}")]
    if "rollout" in data:
        views.append((data["rollout"], "rollout through layer {through_layer}"))
    for view, title in views:
        lines.append(title.format(**view) + (" (special tokens hidden)" if data["hide_special"] else ""))
        for position, row in zip(positions, view["matrix"], strict=True):
            order = sorted(range(len(row)), key=lambda j: -row[j])[:strongest]
            links = ", ".join(f"{tokens[positions[j]]} {row[j]:.3f}" for j in order)
            lines.append(f"  {position:>3} {tokens[position]:<14} -> {links}")
    return "\n".join(lines)


def attention_json(parent, result, args: argparse.Namespace) -> dict[str, Any]:
    """The documented JSON object (see ``JSON_HELP``) for ``result`` of ``parent``'s input."""
    from ..core.attention_math import hide_special

    layers, heads = result.num_layers, result.num_heads
    layer = layers if args.layer is None else args.layer
    head = args.head

    def shown(matrix):
        if args.hide_special:
            matrix, _ = hide_special(matrix, result.special_mask)
        return [[round(float(v), DIGITS) for v in row] for row in matrix.tolist()]

    positions = list(range(result.num_tokens))
    if args.hide_special:
        positions = [p for p in positions if not result.special_mask[p]]
    out: dict[str, Any] = {
        "model": result.model_name,
        "device": result.device,
        "implementation": result.implementation,
        "num_layers": layers,
        "num_heads": heads,
        "tokens": list(parent.tokens),
        "masked_positions": parent.prediction_positions.tolist(),
        "special_positions": [int(p) for p in result.special_mask.nonzero()[0]],
        "hide_special": bool(args.hide_special),
        "positions": positions,
        "attention": {
            "layer": layer,
            "head": head,
            "matrix": shown(result.matrix(layer - 1, None if head == "mean" else head - 1)),
        },
    }
    if args.rollout:
        out["rollout"] = {"through_layer": layer, "matrix": shown(result.rollout[layer - 1])}
    return out
