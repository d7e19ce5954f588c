"""``mlm-desktop geometry``: how a text's tokens sit and move through the layers.

The masked-LM pass resolves the masks exactly as ``predict`` does; the
geometry then runs on the ids that pass saw. With ``--json`` it prints one
object (documented in ``docs/COMMANDS.md`` and in ``--help``); without it, a
table of the mean similarity and the mean change per layer.
"""

from __future__ import annotations

import argparse
import json
import sys

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
from ..core.validation import whole_number

JSON_FORM = """\
--json prints one object:
  tokens, labels            one per token (labels are readable: no "##", no "Ġ")
  special_positions         the special tokens ([CLS], [SEP], <s>, </s>)
  masked_positions          the masked tokens (chosen and typed)
  num_hidden_states         S = layers + 1 (embeddings first; 13 for bert-base)
  anisotropy                S entries {"layer", "all_tokens", "without_special"}: the
                            mean cosine similarity of distinct tokens (i != j) at that
                            layer, over every token or over the non-special ones (null
                            when fewer than two)
  layer, similarity         the chosen layer (--layer, default the last) and its
                            tokens x tokens cosine similarities (rows and columns in
                            token order; the diagonal is 1)
  pca                       {"explained_variance": [pc1, pc2] (shares of the total),
                            "layers": S entries {"layer", "coordinates": [[x, y] per
                            token]}}: PCA over every layer's vectors together; each
                            component's largest coordinate is positive
  change                    L entries {"layer": l, "values": [1 - cos(h_l, h_l-1) per
                            token]} for l = 1..L
  warnings, model, device, timing_ms
Numbers are rounded to 6 decimals."""


def _layer(value: str) -> int:
    try:
        return whole_number(int(value) if value.lstrip("-").isdigit() else value, "the layer", 0)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(
        prog=f"{PROG} geometry",
        description="Cosine similarities of the tokens at each layer, a PCA map of every "
        "layer's vectors, and how much each layer changed each token.",
        epilog=JSON_FORM,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(out, HEADLESS_MODEL_HELP)
    add_mask_options(out, top_k=False)
    out.add_argument(
        "--layer", type=_layer, metavar="L",
        help="the hidden state whose similarity matrix is printed: 0 = embeddings, "
        "1..L = encoder layers (default: the last)",
    )
    out.add_argument("--json", action="store_true", help="print one JSON object (see below)")
    return out


def run(args: argparse.Namespace) -> int:
    from ..core.analyses import geometry

    text = required_text(args)
    _choice, loaded = load_for_command(args)
    if args.layer is not None and args.layer > loaded.num_layers:
        raise InputError(
            f"--layer {args.layer} is past this model's last layer: choose 0 (the embeddings) "
            f"to {loaded.num_layers}"
        )
    parent = masked_lm_of(loaded, text, args, top_k=1, head_check=False)
    warnings = [w for w in parent.warnings if w not in loaded.warnings]
    result = geometry.run(loaded, geometry.request_for(parent))
    if args.json:
        data = result.to_json(args.layer)
        data["warnings"] = list(parent.warnings)
        print(json.dumps(data, ensure_ascii=False))
        return 0
    for warning in warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    print(report(result, args.layer))
    return 0


def report(result, layer: int | None) -> str:
    """The per-layer table and the chosen layer's most similar pairs, as plain text."""
    import numpy as np

    share = result.explained_variance * 100
    lines = [
        f"{result.num_tokens} tokens, {result.num_hidden_states} hidden states "
        f"({result.model_name})",
        "layer  mean cos (all)  (no special)  mean change",
    ]
    for s in range(result.num_hidden_states):
        change = "—" if s == 0 else f"{result.change[s - 1].mean():.4g}"
        lines.append(f"{s:>5}  {result.anisotropy[s]:>14.4f}  "
                     f"{result.anisotropy_without_special[s]:>12.4f}  {change:>11}")
    lines.append(f"PCA of all layers together: PC1 {share[0]:.1f}%, PC2 {share[1]:.1f}% "
                 "of the variance")
    chosen = result.num_hidden_states - 1 if layer is None else layer
    matrix = np.triu(result.similarity[chosen], k=1)
    matrix[np.tril_indices_from(matrix)] = -np.inf
    pairs = result.num_tokens * (result.num_tokens - 1) // 2
    if not pairs:
        return "\n".join(lines)
    order = np.argsort(matrix, axis=None)[::-1][: min(5, pairs)]
    pairs = [np.unravel_index(i, matrix.shape) for i in order]
    lines.append(f"most similar pairs at layer {chosen}: " + ", ".join(
        f"{result.labels[i]}/{result.labels[j]} {matrix[i, j]:.3f}" for i, j in pairs))
    return "\n".join(lines)
