"""``mlm-desktop saliency``: which input tokens drove one candidate at a masked position.

``--json`` prints one object: the explained ``position`` and ``candidate``,
its ``log_probability`` (natural log) and, for integrated gradients, the
``baseline_log_probability`` and Captum's ``convergence_delta``, then
``tokens``: one entry per token with its signed ``attribution``.
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
from ..core.analyses.saliency_types import (
    DEFAULT_STEPS,
    MAX_STEPS,
    METHODS,
    MIN_STEPS,
    steps_value,
)
from ..core.errors import InputError
from ..core.validation import whole_number

_DESCRIPTION = """\
Saliency: attribute one candidate's log-probability at a masked position to
the input tokens, by integrated gradients over the input embeddings (ig; the
baseline replaces every non-special token with the mask token) or by
gradient x input (gxi). By default the first masked position and the model's
top candidate there are explained.

With --json, one object:
  {"position": p, "candidate": {"id", "token", "label"}, "method": "ig",
   "steps": n, "log_probability": f, "baseline_log_probability": b,
   "convergence_delta": d, "tokens": [{"position", "token", "label",
   "attribution", "special", "masked"}, ...], "notes": [...]}
Attributions are signed (positive: the token raised the candidate's
log-probability); for ig they sum to log_probability - baseline_log_probability
up to convergence_delta. baseline_log_probability and convergence_delta are
null for gxi."""


def _checked(check, *args):
    try:
        return check(*args)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _position(value: str) -> int:
    try:
        number: object = int(value)
    except ValueError:
        number = value
    return _checked(whole_number, number, "the position", 0)


def _steps(value: str) -> int:
    try:
        number: object = int(value)
    except ValueError:
        number = value
    return _checked(steps_value, number)


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(prog=f"{PROG} saliency", formatter_class=argparse.RawDescriptionHelpFormatter,
                        description=_DESCRIPTION)
    add_common(out, HEADLESS_MODEL_HELP)
    add_mask_options(out)
    out.add_argument("--position", type=_position, metavar="P",
                     help="the masked position to explain (default: the first masked one)")
    out.add_argument("--candidate", metavar="WORD",
                     help="the candidate to explain (default: the model's top-1 there); a word of "
                     "several pieces is explained by its first piece")
    out.add_argument("--method", choices=tuple(METHODS), default="ig",
                     help="ig: integrated gradients (default); gxi: gradient x input")
    out.add_argument("--steps", type=_steps, default=DEFAULT_STEPS,
                     help=f"integrated-gradients steps, {MIN_STEPS} to {MAX_STEPS} "
                     f"(default {DEFAULT_STEPS})")
    out.add_argument("--json", action="store_true", help="print one JSON object")
    return out


def _settings(loaded, parent, args):
    from ..core.analyses.logit_lens import no_token_message, target_of
    from ..core.analyses.saliency_types import SaliencySettings

    positions = parent.prediction_positions.tolist()
    if not positions:
        raise InputError("saliency explains a masked token: mask one with --mask P")
    position = positions[0] if args.position is None else args.position
    if position not in positions:
        raise InputError(f"position {position} is not masked: choose one of "
                         f"{', '.join(map(str, positions))}")
    candidate, notes = None, []
    if args.candidate is not None:
        vocab = loaded.model.get_input_embeddings().num_embeddings
        target = target_of(loaded.tokenizer, args.candidate.strip(), vocab) \
            if args.candidate.strip() else None
        if target is None:
            raise InputError(no_token_message(args.candidate))
        candidate = target.tracked_id
        if candidate == loaded.tokenizer.unk_token_id:
            raise InputError(f"the candidate {args.candidate!r} is not in this model's vocabulary "
                             f"(it reads as {target.tracked_label})")
        if target.first_piece_only:
            notes.append(f"'{target.word}' is {len(target.pieces)} pieces: explained by its first "
                         f"piece '{target.tracked_label}'.")
    return SaliencySettings(position, candidate, args.method, args.steps), tuple(notes)


def to_json(result, notes: tuple[str, ...] = ()) -> dict:
    """The result as a JSON-ready dict (see the module's docstring)."""
    ig = result.method == "ig"
    return {
        "model": result.model_name,
        "text": result.text,
        "masked_positions": list(result.positions),
        "position": result.position,
        "candidate": {"id": result.candidate_id, "token": result.candidate_token,
                      "label": result.candidate_label},
        "method": result.method,
        "steps": result.steps if ig else None,
        "log_probability": result.log_prob,
        "baseline_log_probability": result.baseline_log_prob,
        "convergence_delta": result.delta,
        "tokens": [
            {"position": i, "token": token, "label": label, "attribution": float(value),
             "special": bool(special), "masked": bool(masked)}
            for i, (token, label, value, special, masked) in enumerate(zip(
                result.tokens, result.labels, result.attributions.tolist(),
                result.special_mask, result.masked, strict=True))
        ],
        "notes": [*result.notes, *notes],
    }


def format_report(data: dict) -> str:
    lines = [f"{data['position']}: '{data['candidate']['label']}' "
             f"(log-probability {data['log_probability']:.4f}), "
             + ("integrated gradients, "
                f"{data['steps']} steps, convergence delta {data['convergence_delta']:.2e}"
                if data["method"] == "ig" else "gradient x input")]
    lines += [f"{t['position']:>5}  {t['label']:<20} {t['attribution']:+.5f}" for t in data["tokens"]]
    return "\n".join([*lines, *data["notes"]])


def run(args: argparse.Namespace) -> int:
    from ..core.analyses import saliency

    text = required_text(args)
    choice, loaded = load_for_command(args)
    parent = masked_lm_of(loaded, text, args, top_k=args.top_k, head_check=False)
    settings, notes = _settings(loaded, parent, args)
    result = saliency.run(loaded, saliency.request_for(parent, None, settings))
    data = to_json(result, notes)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        if choice.is_demo:
            print("using the bundled demo model (a small model, far weaker than bert-base-uncased)")
        print(format_report(data))
    return 0
