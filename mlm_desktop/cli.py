"""Command line: ``mlm-desktop`` opens the window, ``mlm-desktop predict`` runs headless."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .core.devices import DEVICE_CHOICES
from .core.errors import MLMDesktopError
from .core.options import DEFAULT_MASK_PROBABILITY, DEFAULT_OPTIONS

PROG = "mlm-desktop"


class _OneLineParser(argparse.ArgumentParser):
    """Argument errors as one line on stderr, exit status 2."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parse_positions(value: str) -> list[int]:
    """``"3,4,8"`` → ``[3, 4, 8]``; ranges ``"3-5"`` allowed."""
    out: list[int] = []
    for part in value.replace(" ", "").split(","):
        if not part:
            continue
        try:
            if "-" in part[1:]:
                lo, hi = part.split("-", 1)
                out.extend(range(int(lo), int(hi) + 1))
            else:
                out.append(int(part))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"invalid mask positions {value!r}: give token indices like 3,4,8 or 3-5"
            ) from None
    return out


def _probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number between 0 and 1") from None
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError(f"mask probability must be between 0 and 1, got {p}")
    return p


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        help="hub id (e.g. bert-base-uncased) or local folder; default: the window's last "
        "model, else bert-base-uncased if cached, else the bundled demo model",
    )
    parser.add_argument("--device", choices=DEVICE_CHOICES, default="auto")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--text", help="the text to analyse")
    source.add_argument("--text-file", metavar="PATH", help="read the text from a UTF-8 file")
    parser.add_argument(
        "--mask", type=parse_positions, default=[], metavar="3,4,8",
        help="token positions to mask (0 is the first special token, as in the notebook)",
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
    _add_common(parser)
    parser.add_argument(
        "--mask-random", type=_probability, metavar="P",
        help="also mask each non-special token with probability P "
        f"(the notebook uses {DEFAULT_MASK_PROBABILITY})",
    )
    parser.add_argument("--seed", type=int, help="seed for --mask-random (reproducible)")
    parser.add_argument("--whole-word", action="store_true", help="mask whole words")
    parser.add_argument("--top-k", type=_positive_int, default=DEFAULT_OPTIONS.top_k)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def gui_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=PROG,
        description="Explore masked language models by pointing and clicking. "
        f"'{PROG} predict --help' runs one analysis headless.",
    )
    _add_common(parser)
    parser.add_argument(
        "--screenshot", metavar="PNG",
        help="open the window, wait for the first analysis, save a PNG of it and exit",
    )
    return parser


def read_text(args: argparse.Namespace) -> str | None:
    if args.text is not None:
        return args.text
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

    text = read_text(args)
    if text is None:
        raise MLMDesktopError("no text given: pass --text TEXT or --text-file PATH")
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
            return run_predict(predict_parser().parse_args(argv[1:]))
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
