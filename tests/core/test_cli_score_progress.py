"""``mlm-desktop score``'s progress bar: drawn on a terminal, never in piped or redirected output.

The command runs as a user runs it, in its own process: once with its
standard streams on a pseudo-terminal (as ``script -qc`` gives), once with
them on pipes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = ["The cat sat on the mat.", "Dogs bark.", "A third line of text."]
#: a table line: pll, pseudo-perplexity, scored tokens, text
ROW = re.compile(r"^-?\d+\.\d{4}\t[\d.]+\t\d+\t")


@pytest.fixture
def command(tmp_path, tiny_bert_dir):
    path = tmp_path / "sentences.txt"
    path.write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    return [sys.executable, "-m", "mlm_desktop", "score", "--model", str(tiny_bert_dir), str(path)]


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TERM="xterm")
    for name in ("COLUMNS", "LINES", "TQDM_DISABLE"):
        env.pop(name, None)
    return env


def test_piped_output_holds_the_scores_and_nothing_else(command):
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), cwd=ROOT,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no bar, no library chatter
    lines = done.stdout.split("\n")
    assert lines[-1] == "" and len(lines) == len(SENTENCES) + 1
    assert all(ROW.match(line) for line in lines[:-1])
    assert "\r" not in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("columns", [0, 100])  # 0: a terminal that reports no size
def test_a_terminal_shows_the_bar_apart_from_the_scores(command, columns):
    import fcntl
    import struct
    import termios

    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24 if columns else 0,
                                                          columns, 0, 0))
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower,
                               env=_env(), cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=300) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert re.search(r"scoring: 100%.*\d+/\d+ ", shown), shown
    # each score starts a line of its own: the bar never runs into it
    pieces = re.split(r"[\r\n]+", shown)
    rows = [piece for piece in pieces if "\t" in piece]
    assert len(rows) == len(SENTENCES) and all(ROW.match(row) for row in rows), shown
