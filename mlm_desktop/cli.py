"""Command line: ``mlm-desktop`` opens the window; ``mlm-desktop NAME`` runs a headless command.

The commands (``predict`` and the analyses beside it) are listed in
:mod:`mlm_desktop.commands`; what their parsers share is in
:mod:`mlm_desktop.cli_args`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .cli_args import PROG, OneLineParser, add_common, check_mask_options, read_text
from .commands import COMMANDS, command
from .core.errors import MLMDesktopError


def predict_parser() -> argparse.ArgumentParser:
    return command("predict").parser()


def gui_parser() -> argparse.ArgumentParser:
    names = ", ".join(COMMANDS)
    parser = OneLineParser(
        prog=PROG,
        description="Explore masked language models by pointing and clicking. "
        f"Headless commands: {names} ('{PROG} NAME --help' for each).",
    )
    add_common(
        parser,
        "default: the model used last in the window, else bert-base-uncased if it is in the "
        "local Hugging Face cache, else the bundled demo model",
    )
    parser.add_argument(
        "--screenshot", metavar="PNG",
        help="open the window, wait for the first analysis, save a PNG of it and exit",
    )
    parser.add_argument(
        "--panel", metavar="ID",
        help="bring this panel forward (e.g. geometry); with --screenshot, save only that panel",
    )
    parser.add_argument(
        "--language", metavar="CODE",
        help="the interface's language for this run: en or zh_CN (default: the one chosen in the "
        "settings, else English)",
    )
    parser.add_argument(
        "file", nargs="?", metavar="FILE",
        help="a text file to open, as --text-file (how the desktop's Open With passes one)",
    )
    return parser


def run_window(args: argparse.Namespace) -> int:
    from .app.gui import run_gui

    if getattr(args, "file", None) is not None:
        if args.text is not None or args.text_file is not None:
            gui_parser().error("give the text once: a FILE, --text or --text-file")
        args.text_file = args.file
    return run_gui(
        model=args.model,
        device=args.device,
        text=read_text(args),
        mask=list(args.mask) or None,
        screenshot=args.screenshot,
        trust_remote_code=args.trust_remote_code,
        panel=args.panel,
        language=args.language,
    )


def _run_command(name: str, argv: list[str]) -> int:
    module = command(name)
    parser = module.parser()
    args = parser.parse_args(argv)
    check_mask_options(parser, args)  # every command: a seed needs a random draw
    check = getattr(module, "check", None)  # what a command checks beyond that
    if check is not None:
        check(parser, args)
    return module.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            return _run_command(argv[0], argv[1:])
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
