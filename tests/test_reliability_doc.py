"""docs/RELIABILITY.md names a test for every case; each named test must exist.

The table's test column uses the abbreviations its introduction defines; this
expands them and checks that each file holds a test function of that name, so
a renamed or deleted test cannot leave a row claiming a coverage it lost.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "RELIABILITY.md"

ABBREVIATIONS = {
    "cli": "tests/core/test_cli.py",
    "cbi": "tests/core/test_cli_bad_input.py",
    "val": "tests/core/test_validation.py",
    "prop": "tests/core/test_properties.py",
    "ed": "tests/gui/test_editor_spans.py",
    "wf": "tests/gui/test_worker_faults.py",
    "WS": "tests/gui/test_window_session.py",
    "walk": "tests/gui/test_stress_walk.py",
}
SHORT_NAMES = {
    "P": ("cbi", "test_bad_input_is_refused_before_the_model_loads"),
    "R": ("val", "test_bad_request_values_are_refused_plainly"),
    "W": ("ed", "test_window_hover_and_mask_highlight_exactly_the_word_after"),
    "BM": ("tests/core/test_bad_models.py", "test_bad_model_is_refused_with_a_plain_message"),
    "SO": (
        "tests/gui/test_window_startup_faults.py",
        "test_a_stored_option_out_of_range_falls_back_to_its_default_and_is_named",
    ),
    "SF": ("tests/core/test_session_file.py", "test_a_file_that_is_not_a_usable_session_is_refused_plainly"),
    "SD": (
        "tests/core/test_session_file.py",
        "test_a_field_that_cannot_be_used_takes_its_default_and_is_named",
    ),
}


def _rows() -> list[str]:
    return [line for line in DOC.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| what was tried")]


def _references(cell: str) -> list[tuple[str, str]]:
    """(file, test function) for every test the cell names."""
    out = []
    for code in re.findall(r"`([^`]+)`", cell):
        code = code.split("[", 1)[0]
        if "::" in code:
            path, name = code.split("::", 1)
            if name in SHORT_NAMES:
                path, name = SHORT_NAMES[name]
            out.append((ABBREVIATIONS.get(path, path), name))
        elif code in SHORT_NAMES:
            path, name = SHORT_NAMES[code]
            out.append((ABBREVIATIONS.get(path, path), name))
    return out


def _cases(kind: str) -> int:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {kind}")
    end = text.find("\n## ", start + 1)
    section = text[start:] if end < 0 else text[start:end]
    return sum(1 for line in section.splitlines()
               if line.startswith("| ") and not line.startswith("| what was tried"))


def test_every_row_names_a_test_that_exists():
    missing = []
    for row in _rows():
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        refs = _references(cells[-1])
        if not refs:
            missing.append(f"no test named: {row[:80]}")
        for path, name in refs:
            source = ROOT / path
            if not source.is_file() or not re.search(rf"def {re.escape(name)}\b",
                                                      source.read_text(encoding="utf-8")):
                missing.append(f"{path}::{name}")
    assert not missing, "\n".join(missing)


def test_the_table_covers_the_cases_asked_for():
    assert _cases("Bad input") >= 40
    assert _cases("Bad models") >= 15
    assert _cases("Faults") >= 10
