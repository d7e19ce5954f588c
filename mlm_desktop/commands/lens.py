"""``mlm-desktop lens``: the logit lens, every layer's guess at the masked tokens, as JSON or a table.

``--json`` prints one object whose ``layers`` has one entry per hidden state,
embeddings first (13 for bert-base): ``{"layer": l, "predictions": [...],
"targets": {...}}``. Each prediction has the keys of ``predict --json``'s
(``position``, ``original``, ``original_rank``, ``original_probability``,
``candidates``), so the last entry's predictions are ``predict``'s for the
same input. ``targets`` maps each target word to its rank (1 = top) and
probability at every position looked at.
"""

from __future__ import annotations

import argparse
import json

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
from ..core.analyses.logit_lens_types import MAX_TARGETS, target_words
from ..core.errors import InputError

_DESCRIPTION = """\
The logit lens: the model's own MLM head applied to every layer's hidden state
(embeddings first), at the masked positions or, with --all-positions, at every
position. A final norm the model applies before its head is applied at every
layer too (the output's notes say so).

With --json, one object whose "layers" holds one entry per hidden state:
  {"layer": l, "predictions": [...], "targets": {"WORD": [{"position": p,
   "rank": r, "probability": q}, ...]}}
Every prediction has the keys of 'predict --json' (position, original,
original_rank, original_probability, candidates), so the last layer's
predictions are predict's for the same input. Ranks are 1-based (1 = top)."""


def _targets(value: str) -> tuple[str, ...]:
    try:
        return target_words(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(
        prog=f"{PROG} lens",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=_DESCRIPTION,
    )
    add_common(out, HEADLESS_MODEL_HELP)
    add_mask_options(out)
    out.add_argument(
        "--all-positions", action="store_true",
        help="look at every position, not only the masked ones (costs one vocabulary-sized "
        "projection per layer and position)",
    )
    out.add_argument(
        "--targets", type=_targets, default=(), metavar="lincoln,president",
        help=f"words to follow through the layers, comma-separated (at most {MAX_TARGETS}); a word "
        "of several pieces is followed by its first piece",
    )
    out.add_argument("--json", action="store_true", help="print one JSON object")
    return out


def run(args: argparse.Namespace) -> int:
    from ..core.analyses import logit_lens
    from ..core.analyses.logit_lens_types import LensSettings
    from ..core.lens_export import format_lens_report, lens_to_json

    text = required_text(args)
    choice, loaded = load_for_command(args)
    parent = masked_lm_of(loaded, text, args, top_k=args.top_k)
    settings = LensSettings(all_positions=args.all_positions, targets=args.targets)
    lens = logit_lens.run(loaded, logit_lens.request_for(parent, None, settings))
    followed = {target.word for target in lens.targets}
    for word in settings.targets:
        if word not in followed:  # the window notes it; a command refuses it
            raise InputError(logit_lens.no_token_message(word))
    if args.json:
        print(json.dumps(lens_to_json(lens, parent), ensure_ascii=False))
    else:
        if choice.is_demo:
            print("using the bundled demo model (a small model, far weaker than bert-base-uncased)")
        print(format_lens_report(lens, parent))
    return 0
