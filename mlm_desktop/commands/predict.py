"""``mlm-desktop predict``: one masked-LM analysis, printed as a report or as JSON."""

from __future__ import annotations

import argparse
import json

from ..cli_args import (
    HEADLESS_MODEL_HELP,
    PROG,
    OneLineParser,
    add_common,
    add_mask_options,
    add_targets_option,
    load_for_command,
    required_text,
)


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(
        prog=f"{PROG} predict",
        description="Run one masked-LM analysis and print the result.",
    )
    add_common(out, HEADLESS_MODEL_HELP)
    add_mask_options(out)
    add_targets_option(out)
    out.add_argument("--json", action="store_true", help="print one JSON object")
    return out


def run(args: argparse.Namespace) -> int:
    from ..core import AnalysisRequest, analyze
    from ..core.export import format_report, result_to_json

    text = required_text(args)
    choice, loaded = load_for_command(args)
    request = AnalysisRequest(
        text=text,
        mask_positions=tuple(args.mask),
        random_probability=args.mask_random,
        seed=args.seed,
        whole_word=args.whole_word,
        top_k=args.top_k,
        output_attentions=False,
        head_check_all_positions=True,
        targets=args.targets,
    )
    result = analyze(loaded, request)
    if args.json:
        print(json.dumps(result_to_json(result), ensure_ascii=False))
    else:
        if choice.is_demo:
            print("using the bundled demo model (a small model, far weaker than bert-base-uncased)")
        print(format_report(result))
    return 0
