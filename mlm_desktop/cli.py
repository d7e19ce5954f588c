"""Command line: ``mlm-desktop`` opens the window, ``mlm-desktop predict`` runs headless."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .core.devices import DEVICE_CHOICES
from .core.errors import InputError, MLMDesktopError
from .core.options import DEFAULT_MASK_PROBABILITY, DEFAULT_OPTIONS, MAX_SEED, MAX_TOKENS, MAX_TOP_K
from .core.validation import analysable_text, command_line_text, probability, whole_number

PROG = "mlm-desktop"


class _OneLineParser(argparse.ArgumentParser):
    """Argument errors as one line on stderr, exit status 2."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parse_positions(value: str) -> list[int]:
    """``"3,4,8"`` → ``[3, 4, 8]``; ranges ``"3-5"`` allowed; sorted, each once.

    A position past the longest model input (``MAX_TOKENS``) is refused before
    any range is built, so a typo cannot fill the memory.
    """
    chosen: set[int] = set()
    for part in value.replace(" ", "").split(","):
        if not part:
            continue
        first, dash, last = part.partition("-")
        try:
            low = int(first)
            high = int(last) if dash else low
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"invalid mask positions {value[:40]!r}: give token positions (0 or more) "
                "like 3,4,8 or 3-5"
            ) from None
        for end in (low, high):
            _checked(whole_number, end, "mask position", 0, MAX_TOKENS - 1)
        if low > high:
            raise argparse.ArgumentTypeError(
                f"empty range {part}: write the smaller position first, as in {high}-{low}"
            )
        chosen.update(range(low, high + 1))
    return sorted(chosen)


def _checked(check, *args):
    """Run a core check; its message becomes argparse's one-line error."""
    try:
        return check(*args)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _number(value: str, parse):
    """``value`` parsed, or left as text for the check to name in its message."""
    try:
        return parse(value)
    except ValueError:
        return value


def _probability(value: str) -> float:
    return _checked(probability, _number(value, float))


def _top_k(value: str) -> int:
    return _checked(whole_number, _number(value, int), "top-k", 1, MAX_TOP_K)


def _seed(value: str) -> int:
    return _checked(whole_number, _number(value, int), "the seed", 0, MAX_SEED)


def _add_common(parser: argparse.ArgumentParser, model_help: str) -> None:
    parser.add_argument("--model", help=f"hub id (e.g. bert-base-uncased) or local folder; {model_help}")
    parser.add_argument("--device", choices=DEVICE_CHOICES, default="auto")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--text", help="the text to analyse")
    source.add_argument("--text-file", metavar="PATH", help="read the text from a UTF-8 file")
    parser.add_argument(
        "--mask", type=parse_positions, default=[], metavar="3,4,8",
        help="token positions to mask (0 is the first special token, as in the notebook); "
        "ranges like 3-5 allowed",
    )
    parser.add_argument(
        "--trust-remote-code", action="store_true",
        help="allow a model's own code from its repository to run (off by default)",
    )


def predict_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=f"{PROG} predict",
        description="Run one masked-LM analysis and print the result.",
    )
    _add_common(
        parser,
        "default: bert-base-uncased if it is in the local Hugging Face cache, else the bundled "
        "demo model (unlike the window, predict does not reopen the model used last)",
    )
    parser.add_argument(
        "--mask-random", type=_probability, metavar="P",
        help="also mask each non-special token with probability P "
        f"(the notebook uses {DEFAULT_MASK_PROBABILITY})",
    )
    parser.add_argument(
        "--seed", type=_seed, help=f"seed for --mask-random, 0 to {MAX_SEED} (reproducible)"
    )
    parser.add_argument("--whole-word", action="store_true", help="mask whole words")
    parser.add_argument(
        "--top-k", type=_top_k, default=DEFAULT_OPTIONS.top_k,
        help=f"candidates per masked token, 1 to {MAX_TOP_K} (default {DEFAULT_OPTIONS.top_k})",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def gui_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=PROG,
        description="Explore masked language models by pointing and clicking. "
        f"'{PROG} predict --help' runs one analysis headless.",
    )
    _add_common(
        parser,
        "default: the model used last in the window, else bert-base-uncased if it is in the "
        "local Hugging Face cache, else the bundled demo model",
    )
    parser.add_argument(
        "--screenshot", metavar="PNG",
        help="open the window, wait for the first analysis, save a PNG of it and exit",
    )
    return parser


def read_text(args: argparse.Namespace) -> str | None:
    """The text given on the command line or in a file, None when neither was given."""
    if args.text is not None:
        return command_line_text(args.text)
    if args.text_file is None:
        return None
    try:
        with open(args.text_file, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        raise MLMDesktopError(f"text file {args.text_file} does not exist") from None
    except IsADirectoryError:
        raise MLMDesktopError(f"{args.text_file} is a folder; give a text file") from None
    except UnicodeDecodeError:
        raise MLMDesktopError(f"{args.text_file} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise MLMDesktopError(f"cannot read {args.text_file}: {exc.strerror}") from None


def run_predict(args: argparse.Namespace) -> int:
    from .core import AnalysisRequest, analyze, load_model
    from .core.export import format_report, result_to_json
    from .core.loading import quiet_library_output
    from .core.model_resolution import default_model

    # the input is checked before the model is loaded, which can take a while
    text = read_text(args)
    if text is None:
        raise MLMDesktopError("no text given: pass --text TEXT or --text-file PATH")
    analysable_text(text)
    quiet_library_output()
    choice = default_model(args.model)
    loaded = load_model(choice.source, device=args.device, trust_remote_code=args.trust_remote_code)
    for warning in loaded.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    request = AnalysisRequest(
        text=text,
        mask_positions=tuple(args.mask),
        random_probability=args.mask_random,
        seed=args.seed,
        whole_word=args.whole_word,
        top_k=args.top_k,
        output_attentions=False,
        head_check_all_positions=True,
    )
    result = analyze(loaded, request)
    if args.json:
        print(json.dumps(result_to_json(result), ensure_ascii=False))
    else:
        if choice.is_demo:
            print("using the bundled demo model (a small model, far weaker than bert-base-uncased)")
        print(format_report(result))
    return 0


def run_window(args: argparse.Namespace) -> int:
    from .app.gui import run_gui

    return run_gui(
        model=args.model,
        device=args.device,
        text=read_text(args),
        mask=list(args.mask) or None,
        screenshot=args.screenshot,
        trust_remote_code=args.trust_remote_code,
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "predict":
            parser = predict_parser()
            args = parser.parse_args(argv[1:])
            if args.seed is not None and args.mask_random is None:
                parser.error("--seed only applies to --mask-random: add --mask-random P, or leave --seed out")
            return run_predict(args)
        return run_window(gui_parser().parse_args(argv))
    except MLMDesktopError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # argparse: --help, or a one-line usage error
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head and friends
        return 0
    except Exception as exc:  # noqa: BLE001 - never a traceback in the user's face
        if os.environ.get("MLM_DESKTOP_DEBUG"):
            raise
        print(
            f"{PROG}: unexpected error: {type(exc).__name__}: {exc} "
            "(set MLM_DESKTOP_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
