"""The benchmark suite's table: rows of repeated figures, the machine record, and the
marked sections of benchmarks/RESULTS.md and the README that each run rewrites."""

from __future__ import annotations

import datetime
import os
import platform
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
README = ROOT / "README.md"
START = "<!-- bench-suite:start (written by `make bench`; edits between these lines are replaced) -->"
END = "<!-- bench-suite:end -->"


@dataclass
class Row:
    """One figure over repeated runs, with its baseline from the same runs when it has one.

    ``compare``: "ratio" (value / baseline, pair by pair) or "plus" (value - baseline).
    ``target``: (what is judged, limit), what being "median", "max", "ratio" or "plus"
    (the median of the pairs); ``note`` says in words what the target is when that is
    not enough.
    """

    what: str
    values: list[float]
    unit: str = "ms"
    baseline: list[float] | None = None
    compare: str = "ratio"
    target: tuple[str, float] | None = None
    note: str = ""

    def pairs(self) -> list[float]:
        if not self.baseline:
            return []
        if self.compare == "ratio":
            return [v / b for v, b in zip(self.values, self.baseline, strict=True)]
        return [v - b for v, b in zip(self.values, self.baseline, strict=True)]

    def judged(self) -> float | None:
        if self.target is None:
            return None
        what = self.target[0]
        if what == "max":
            return max(self.values)
        if what == "median":
            return statistics.median(self.values)
        return statistics.median(self.pairs())

    def met(self) -> str:
        if self.target is None:
            return ""
        return "yes" if self.judged() <= self.target[1] else "**no**"

    def target_text(self) -> str:
        if self.note:
            return self.note
        if self.target is None:
            return ""
        what, limit = self.target
        if what == "ratio":
            return f"≤ {limit:g}×"
        if what == "plus":
            return f"≤ baseline + {limit:g} {self.unit}"
        return f"{what} ≤ {limit:g} {self.unit}"


def _num(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f}"
    return f"{value:.1f}" if abs(value) < 100 else f"{value:.0f}"


def _against(row: Row) -> str:
    pairs = row.pairs()
    if not pairs:
        return ""
    base = statistics.median(row.baseline)
    if row.compare == "ratio":
        return (f"{statistics.median(pairs):.2f}× ({min(pairs):.2f}–{max(pairs):.2f}) "
                f"of {_num(base, row.unit)} {row.unit}")
    return (f"+{_num(statistics.median(pairs), row.unit)} {row.unit} "
            f"({_num(min(pairs), row.unit)} – {_num(max(pairs), row.unit)}) "
            f"over {_num(base, row.unit)} {row.unit}")


def table(rows: list[Row]) -> str:
    """The Markdown table: median, min, max, the comparison with the baseline, target, met."""
    lines = ["| what | median | min | max | against its baseline (same run) | target | met |",
             "| --- | ---: | ---: | ---: | --- | --- | --- |"]
    for row in rows:
        unit = row.unit
        lines.append(
            f"| {row.what} | {_num(statistics.median(row.values), unit)} {unit} "
            f"| {_num(min(row.values), unit)} | {_num(max(row.values), unit)} "
            f"| {_against(row)} | {row.target_text()} | {row.met()} |"
        )
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown CPU"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else "unknown CPU"


def machine_record(device: str) -> str:
    """CPU, cores, library versions, device, torch threads and date, as one paragraph."""
    import PySide6
    import torch
    import transformers

    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"Machine: {cpu_model()}, {os.cpu_count()} cores; device {device}, "
            f"{torch.get_num_threads()} torch threads; torch {torch.__version__}, "
            f"transformers {transformers.__version__}, PySide6 {PySide6.__version__}, "
            f"Python {platform.python_version()}; {date}.")


def replace_section(path: Path, body: str, anchor: str | None = None) -> bool:
    """Put ``body`` between the markers in ``path``, keeping the rest of the file.

    Without markers, they are added after the line ``anchor`` (a heading), or at
    the end of the file without one. False when ``anchor`` is asked for and missing.
    """
    text = path.read_text(encoding="utf-8")
    block = f"{START}\n{body.rstrip()}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _old, tail = rest.split(END, 1)
        text = head + block + tail
    elif anchor is not None:
        if f"\n{anchor}\n" not in text:
            return False
        text = text.replace(f"\n{anchor}\n", f"\n{anchor}\n\n{block}\n", 1)
    else:
        text = text.rstrip() + f"\n\n{block}\n"
    path.write_text(text, encoding="utf-8")
    return True
