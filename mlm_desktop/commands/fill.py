"""``mlm-desktop fill``: the masks filled jointly, most confident first, next to the independent argmax.

``--json`` prints one object with three fills, ``joint`` (greedy), ``beam``
and ``argmax``, each ``{"text", "logprob", "tokens", "steps"}``; see
:data:`_DESCRIPTION` and docs/COMMANDS.md.
"""

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
from ..core.analyses.joint_fill_types import MAX_BEAM_WIDTH, FillPath, FillResult, beam_width
from ..core.errors import InputError

_DESCRIPTION = f"""\
Fill several masks jointly: one at a time, most confident first (the still-masked
position whose top-1 is the most probable), the model rerun after each fill with
the filled token in place. With --beam N (2 to {MAX_BEAM_WIDTH}), a beam of N fills
scored by summed log-probability as well. Printed next to the independent argmax
(every mask given its own top-1, read alone, as 'predict' shows it).

With --json, one object:
  {{"model", "device", "text", "tokens", "masked_positions", "beam_width",
   "joint": FILL, "beam": FILL, "argmax": FILL, "differs": [positions],
   "notes", "warnings", "timing_ms"}}
where each FILL is {{"text": the filled text decoded, "logprob": summed natural-log
probability of its steps, "tokens": every token of the filled text, "steps":
[{{"step": 1, "position": p, "token": t, "id": i, "probability": q}}, ...]}} in
the order of filling (the argmax's in text order, each probability read alone).
"beam" is the beam's best fill, or "joint" itself with --beam 1 or when no fill
the beam kept scores higher; "differs" lists the masked positions where "joint"
and "argmax" put different tokens."""


def _beam(value: str) -> int:
    try:
        number: object = int(value)
    except ValueError:
        number = value  # named as typed in the message
    try:
        return beam_width(number)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(
        prog=f"{PROG} fill",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=_DESCRIPTION,
    )
    add_common(out, HEADLESS_MODEL_HELP)
    add_mask_options(out, top_k=False)
    out.add_argument(
        "--beam", type=_beam, default=1, metavar="N",
        help=f"beam width, 1 (greedy only, the default) to {MAX_BEAM_WIDTH}; each step then runs "
        "N copies of the text",
    )
    out.add_argument("--json", action="store_true", help="print one JSON object")
    return out


def path_to_json(path: FillPath, tokens: tuple[str, ...] | None = None) -> dict[str, Any]:
    """One fill: its decoded text, summed log-probability, tokens and steps in order."""
    return {
        "text": path.text,
        "logprob": path.logprob,
        "tokens": list(tokens if tokens is not None else path.sentence_labels),
        "steps": [
            {"step": number, "position": int(position), "token": token, "id": int(token_id),
             "probability": float(probability)}
            for number, (position, token, token_id, probability) in enumerate(
                zip(path.order, path.tokens, path.ids, path.probabilities, strict=True), start=1)
        ],
    }


def fill_to_json(result: FillResult, device: str, warnings: tuple[str, ...],
                 tokenizer: Any) -> dict[str, Any]:
    def path(p: FillPath) -> dict[str, Any]:
        return path_to_json(p, tuple(tokenizer.convert_ids_to_tokens(p.sentence_ids.tolist())))

    return {
        "model": result.model_name,
        "device": device,
        "text": result.text,
        "tokens": list(result.tokens),
        "masked_positions": result.positions.tolist(),
        "beam_width": result.beam_width,
        "joint": path(result.greedy),
        "beam": path(result.beam),
        "argmax": path(result.argmax),
        "differs": result.positions[result.differs()].tolist(),
        "notes": list(result.notes),
        "warnings": list(warnings),
        "timing_ms": result.timing_ms,
    }


def format_fill_report(result: FillResult) -> str:
    """The joint fill and the argmax as sentences, and the order of filling."""
    if not result.num_masks:
        return "no token is masked: pass --mask or --mask-random to choose tokens to fill"
    lines = [f"joint  (log-prob {result.greedy.logprob:9.4f}): {result.greedy.text}"]
    if result.beam_width > 1:
        lines.append(f"beam {result.beam_width} (log-prob {result.beam.logprob:9.4f}): "
                     f"{result.beam.text}")
    lines.append(f"argmax (log-prob {result.argmax.logprob:9.4f}): {result.argmax.text}")
    lines += ["", "order of filling (joint):", " step  position  token                probability"]
    greedy = result.greedy
    for step in range(greedy.num_steps):
        position = int(greedy.order[step])
        alone = result.argmax.labels[int(result.argmax.step_of(position))]
        changed = "" if alone == greedy.labels[step] else f"   (alone: {alone})"
        lines.append(f" {step + 1:4d}  {position:8d}  {greedy.labels[step]:<20} "
                     f"{greedy.probabilities[step]:.4f}{changed}")
    lines += list(result.notes)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..core.analyses import joint_fill
    from ..core.analyses.joint_fill_types import FillSettings

    text = required_text(args)
    choice, loaded = load_for_command(args)
    parent = masked_lm_of(loaded, text, args, top_k=1)
    if not len(parent.prediction_positions):
        raise InputError("no token is masked: pass --mask or --mask-random to choose tokens to fill")
    result = joint_fill.run(loaded, joint_fill.request_for(parent, None, FillSettings(args.beam)))
    if args.json:
        print(json.dumps(fill_to_json(result, parent.device, parent.warnings, loaded.tokenizer),
                         ensure_ascii=False))
    else:
        if choice.is_demo:
            print("using the bundled demo model (a small model, far weaker than bert-base-uncased)")
        print(format_fill_report(result))
    return 0
