"""The .ts sources of the panels and the core: complete, current, and true to their placeholders."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from zh_translation import I18N, is_chinese, qt_tool

ROOT = I18N.parents[1]
#: words the glossary keeps in Latin letters ("logits" stays): a translation of only these needs no Chinese
KEPT = re.compile(r"\{[^}]*\}|\b(logits?|Logits?|exp|loss|id|p|PC[12])\b")
AREAS = {"panels_zh_CN.ts": "mlm_desktop/panels", "core_zh_CN.ts": "mlm_desktop/core"}


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    return [(context.findtext("name"), message.findtext("source"), message.find("translation"))
            for context in ET.parse(path).getroot() for message in context.iter("message")]


def _fields(text: str) -> list[tuple[str, str]]:
    return sorted((name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("name", sorted(AREAS))
def test_every_string_is_translated_with_its_placeholders(name):
    messages = _messages(I18N / name)
    assert len(messages) > 90
    for context, source, translation in messages:
        assert translation.get("type") is None, (context, source)  # not unfinished, not obsolete
        words = re.search("[A-Za-z]{2,}", KEPT.sub("", translation.text or ""))
        assert is_chinese(translation.text or "") or not words, (context, source)
        assert _fields(translation.text) == _fields(source), (context, source)


@pytest.mark.parametrize("name", sorted(AREAS))
def test_the_sources_hold_every_string_the_code_marks(tmp_path, name):
    copy = tmp_path / name
    shutil.copy(I18N / name, copy)
    run = subprocess.run([qt_tool("lupdate"), "-extensions", "py", str(ROOT / AREAS[name]), "-ts", str(copy),
                          "-no-obsolete"], capture_output=True, text=True, check=True)
    assert "(0 new and" in run.stdout, "run `make translations` (or lupdate) and translate the new strings"
    before = {(c, s) for c, s, _ in _messages(I18N / name)}
    assert {(c, s) for c, s, _ in _messages(copy)} == before
