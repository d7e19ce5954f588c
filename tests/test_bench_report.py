"""The benchmark suite's table and the marked sections it rewrites (no timing here)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_report import END, START, Row, replace_section, table  # noqa: E402


def test_ratio_row_is_judged_on_the_median_of_its_pairs():
    row = Row("pass", [110.0, 99.0, 130.0], baseline=[100.0, 100.0, 100.0],
              target=("ratio", 1.05))
    assert row.pairs() == [1.1, 0.99, 1.3]
    assert row.judged() == 1.1
    assert row.met() == "**no**"
    assert Row("pass", [104.0], baseline=[100.0], target=("ratio", 1.05)).met() == "yes"


def test_plus_and_max_targets():
    click = Row("click", [140.0, 150.0, 190.0], baseline=[100.0, 110.0, 100.0], compare="plus",
                target=("plus", 50.0))
    assert click.judged() == 40.0 and click.met() == "yes"
    gaps = Row("gap", [10.0, 20.0, 51.0], target=("max", 50.0))
    assert gaps.met() == "**no**"
    assert Row("note only", [1.0]).met() == ""


def test_table_has_a_line_per_row_with_median_min_max_and_comparison():
    text = table([
        Row("bare", [100.0, 90.0, 120.0]),
        Row("pass", [110.0, 99.0, 132.0], baseline=[100.0, 90.0, 120.0], target=("ratio", 1.05)),
    ])
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[2].startswith("| bare | 100 ms | 90.0 | 120 |")
    assert "1.10× (1.10–1.10) of 100 ms" in lines[3]
    assert lines[3].endswith("| ≤ 1.05× | **no** |")


def test_section_is_replaced_between_markers_and_the_rest_kept(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text(f"# Results\n\nintro\n\n{START}\nold table\n{END}\n\n## Older\nkept\n")
    assert replace_section(path, "new table\n")
    assert replace_section(path, "new table\n")  # a second run gives the same file
    assert path.read_text() == f"# Results\n\nintro\n\n{START}\nnew table\n{END}\n\n## Older\nkept\n"


def test_markers_are_added_under_the_heading_or_at_the_end(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# App\n\n## Speed\n\nold words\n\n## Next\n")
    assert replace_section(readme, "table", anchor="## Speed")
    assert readme.read_text() == f"# App\n\n## Speed\n\n{START}\ntable\n{END}\n\nold words\n\n## Next\n"
    other = tmp_path / "OTHER.md"
    other.write_text("# Other\n")
    assert not replace_section(other, "table", anchor="## Speed")
    assert other.read_text() == "# Other\n"
    assert replace_section(other, "table")
    assert other.read_text() == f"# Other\n\n{START}\ntable\n{END}\n"
