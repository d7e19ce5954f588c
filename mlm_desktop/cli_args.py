"""What every command line shares: the one-line parser, text, masks, options, the model.

``mlm-desktop`` (the window) and each headless command (``predict`` and the
analyses beside it, see :mod:`mlm_desktop.commands`) build their parsers from
these pieces, so a position, a seed or a text file is checked the same way
everywhere, and before any model is loaded.
"""

from __future__ import annotations

import argparse
import sys

from .core.devices import DEVICE_CHOICES
from .core.errors import InputError, MLMDesktopError
from .core.options import DEFAULT_MASK_PROBABILITY, DEFAULT_OPTIONS, MAX_SEED, MAX_TOKENS, MAX_TOP_K
from .core.targets import target_words
from .core.validation import analysable_text, command_line_text, probability, whole_number

PROG = "mlm-desktop"

#: the --model help of the headless commands
HEADLESS_MODEL_HELP = (
    "default: bert-base-uncased if it is in the local Hugging Face cache, else the bundled "
    "demo model (unlike the window, a headless command does not reopen the model used last)"
)


class OneLineParser(argparse.ArgumentParser):
    """Argument errors as one line on stderr, exit status 2."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parse_positions(value: str) -> list[int]:
    """``"3,4,8"`` → ``[3, 4, 8]``; ranges ``"3-5"`` allowed; sorted, each once.

    A position past the longest model input (``MAX_TOKENS``) is refused before
    any range is built, so a typo cannot fill the memory; overlapping ranges
    are merged before they are expanded, so repeating them costs nothing.
    """
    ranges: list[tuple[int, int]] = []
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
        ranges.append((low, high))
    chosen: list[int] = []
    reached = -1  # the last position taken
    for low, high in sorted(ranges):
        chosen.extend(range(max(low, reached + 1), high + 1))
        reached = max(reached, high)
    return chosen


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


def _targets(value: str) -> tuple[str, ...]:
    return _checked(target_words, value)


def add_targets_option(parser: argparse.ArgumentParser) -> None:
    """--targets: candidates restricted to a word list, as the fill-mask pipeline's ``targets``."""
    parser.add_argument(
        "--targets", type=_targets, default=(), metavar="WORDS",
        help="only these words as candidates (comma- or space-separated, e.g. 'Paris,London'), "
        "ranked by their probability over the whole vocabulary; a word of several pieces stands "
        "as its first piece",
    )


def add_common(parser: argparse.ArgumentParser, model_help: str) -> None:
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


def add_mask_options(parser: argparse.ArgumentParser, top_k: bool = True) -> None:
    """--mask-random, --seed, --whole-word and --top-k (unless ``top_k`` is False), as in predict."""
    parser.add_argument(
        "--mask-random", type=_probability, metavar="P",
        help="also mask each non-special token with probability P "
        f"(the notebook uses {DEFAULT_MASK_PROBABILITY})",
    )
    parser.add_argument(
        "--seed", type=_seed, help=f"seed for --mask-random, 0 to {MAX_SEED} (reproducible)"
    )
    parser.add_argument("--whole-word", action="store_true", help="mask whole words")
    if not top_k:
        return
    parser.add_argument(
        "--top-k", type=_top_k, default=DEFAULT_OPTIONS.top_k,
        help=f"candidates per masked token, 1 to {MAX_TOP_K} (default {DEFAULT_OPTIONS.top_k})",
    )


def check_mask_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What argparse cannot check alone: a seed needs a random draw."""
    if getattr(args, "seed", None) is not None and getattr(args, "mask_random", None) is None:
        parser.error("--seed only applies to --mask-random: add --mask-random P, or leave --seed out")


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


def required_text(args: argparse.Namespace) -> str:
    """The text to analyse, checked before any model is loaded (loading takes a while)."""
    text = read_text(args)
    if text is None:
        raise MLMDesktopError("no text given: pass --text TEXT or --text-file PATH")
    analysable_text(text)
    return text


def load_for_command(args: argparse.Namespace):
    """(the model choice, the loaded model), with the model's warnings on stderr."""
    from .core import load_model
    from .core.loading import quiet_library_output
    from .core.model_resolution import default_model

    quiet_library_output()
    choice = default_model(args.model)
    loaded = load_model(choice.source, device=args.device, trust_remote_code=args.trust_remote_code)
    for warning in loaded.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    return choice, loaded


def masked_lm_of(loaded, text: str, args: argparse.Namespace, top_k: int | None = None, **extra):
    """The masked-LM pass a headless view starts from: ``text`` with the command line's masks.

    ``top_k`` defaults to ``--top-k`` where the command has it; ``extra`` goes to the request
    (``head_check=False``, say). Hidden states are not kept: each view asks for its own.
    """
    from .core import AnalysisRequest, analyze

    if top_k is None:
        top_k = getattr(args, "top_k", None) or DEFAULT_OPTIONS.top_k
    return analyze(loaded, AnalysisRequest(
        text=text, mask_positions=tuple(args.mask), random_probability=args.mask_random,
        seed=args.seed, whole_word=args.whole_word, top_k=top_k, output_hidden_states=False,
        **extra,
    ))
