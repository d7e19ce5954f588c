"""``mlm-desktop score``: the pseudo-log-likelihood of every line of a file.

Each non-blank line is one sentence, scored as the window's PLL panel scores
a text (see :mod:`mlm_desktop.core.pll_batch`): every token that is not
special is masked in its own copy and the log-probability (natural log) of
the original token there is its score. The copies of many sentences are run
together in batches; a progress bar goes to standard error while that is a
terminal, and stays out of piped or redirected output. Scores written while
it shows clear it first, so the two never share a line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys

from ..cli_args import HEADLESS_MODEL_HELP, PROG, OneLineParser, load_for_command, read_text
from ..core.devices import DEVICE_CHOICES
from ..core.errors import InputError, MLMDesktopError
from ..core.validation import whole_number

#: the most copies one batch may hold
MAX_BATCH_SIZE = 65536
#: sentences scored (and written) per group, so a long file streams out
GROUP_SENTENCES = 256
#: the progress bar's (columns, lines) on a terminal that reports no size
FALLBACK_SIZE = (80, 24)

_DESCRIPTION = """\
Score one sentence per line of FILE (UTF-8; '-' reads standard input) by its
pseudo-log-likelihood (Salazar et al. 2020): each token that is not special is
masked in its own copy of the sentence, and the model's log-probability
(natural log) of the original token there is that token's score. With
--whole-word (Kauf and Ivanova 2023), a copy that scores a word piece also
masks the later pieces of the same word. Blank lines are skipped.

With --json, JSON Lines: one object per sentence, in file order:
  {"line": n, "text": ..., "tokens": [...], "positions": [...],
   "log_probs": [...], "pll": sum of log_probs,
   "pseudo_perplexity": exp(-pll / len(tokens)) or null, "truncated_tokens": t}
"tokens" are the scored tokens as the tokenizer writes them, in order, one
per log-probability; "positions" their token positions (0 is the first
special token). Without --json, one tab-separated line per sentence:
pll, pseudo-perplexity, scored tokens, text."""


def _batch_size(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = value  # named in the message below
    try:
        return whole_number(number, "the batch size", 1, MAX_BATCH_SIZE)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    out = OneLineParser(
        prog=f"{PROG} score",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=_DESCRIPTION,
    )
    out.add_argument("file", metavar="FILE", help="UTF-8 text, one sentence per line ('-': stdin)")
    out.add_argument("--model", help=f"hub id (e.g. bert-base-uncased) or local folder; "
                     f"{HEADLESS_MODEL_HELP}")
    out.add_argument("--device", choices=DEVICE_CHOICES, default="auto")
    out.add_argument("--whole-word", action="store_true",
                     help="also mask the later pieces of the word a scored piece belongs to")
    out.add_argument("--batch-size", type=_batch_size, metavar="N",
                     help="masked copies run at once (default: as many as the memory allows)")
    out.add_argument("--json", action="store_true", help="write JSON Lines, one object a sentence")
    out.add_argument("--trust-remote-code", action="store_true",
                     help="allow a model's own code from its repository to run (off by default)")
    return out


def read_sentences(path: str) -> list[tuple[int, str]]:
    """(line number, sentence) of every non-blank line; a file with none is refused."""
    if path == "-":
        content = sys.stdin.read()
    else:
        content = read_text(argparse.Namespace(text=None, text_file=path))
    lines = [(n, line.rstrip("\r")) for n, line in enumerate(content.split("\n"), start=1)]
    found = [(n, line) for n, line in lines if line.strip()]
    if not found:
        raise MLMDesktopError(f"{path} holds no sentences: give one sentence per line")
    return found


def run(args: argparse.Namespace) -> int:
    import numpy as np
    from tqdm.auto import tqdm

    from ..core.analyses.pll import scored_positions
    from ..core.pll_batch import ScoringText, copy_masks, score_texts
    from ..core.tokens import tokenize

    sentences = read_sentences(args.file)
    _choice, loaded = load_for_command(args)
    tokenized = [tokenize(loaded.tokenizer, text, loaded.max_length) for _, text in sentences]
    texts = [ScoringText(t.input_ids, t.word_ids,
                         np.asarray(scored_positions(t.special_mask, t.typed_mask), np.int64))
             for t in tokenized]
    total = sum(len(copy_masks(t, False)) for t in texts)
    with tqdm(total=total, unit="copy", desc="scoring", file=sys.stderr, disable=None,
              **_bar_size(sys.stderr)) as bar:
        for first in range(0, len(texts), GROUP_SENTENCES):
            group = slice(first, first + GROUP_SENTENCES)
            reported = [0]

            def advance(done: int, _total: int, reported=reported) -> None:
                bar.update(done - reported[0])
                reported[0] = done

            scores = score_texts(loaded, texts[group], args.whole_word, 1, args.batch_size,
                                 advance)
            with bar.external_write_mode(file=sys.stdout):  # the bar steps aside, then returns
                for (line, sentence), tok, text, score in zip(
                        sentences[group], tokenized[group], texts[group], scores, strict=True):
                    _write(args.json, line, sentence, tok, text, score)
    return 0


def _bar_size(stream) -> dict[str, int]:
    """The bar's width and height where the terminal reports none (a bare pseudo-terminal,
    as ``script`` or some consoles give, which would hide the bar); else it fits the terminal."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return {}
    if size.columns > 0 and size.lines > 0:
        return {}
    return {"ncols": size.columns if size.columns > 0 else FALLBACK_SIZE[0],
            "nrows": size.lines if size.lines > 0 else FALLBACK_SIZE[1]}


def _write(as_json: bool, line: int, sentence: str, tokenized, text, scores) -> None:
    log_probs = [float(v) for v in scores.log_probs]
    pll = float(sum(log_probs))
    ppl = math.exp(-pll / len(log_probs)) if log_probs else None
    tokens = [tokenized.tokens[int(p)] for p in text.scored]
    if tokenized.truncated_tokens:
        print(f"{PROG}: warning: line {line} is longer than the model's maximum of "
              f"{tokenized.max_length} tokens: only its first part was scored", file=sys.stderr)
    if as_json:
        print(json.dumps({
            "line": line, "text": sentence, "tokens": tokens,
            "positions": [int(p) for p in text.scored], "log_probs": log_probs,
            "pll": pll, "pseudo_perplexity": ppl,
            "truncated_tokens": int(tokenized.truncated_tokens),
        }, ensure_ascii=False), flush=True)
    else:
        shown = "-" if ppl is None else f"{ppl:.3f}"
        print(f"{pll:.4f}\t{shown}\t{len(tokens)}\t{sentence}", flush=True)
