"""`make system-deps` names the fonts the window needs when the machine lacks them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fake_tool(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)


def _system_deps(tmp_path: Path, fonts: str) -> str:
    """The output of `make system-deps` as a user (not root) whose fc-list prints ``fonts``."""
    tools = tmp_path / "bin"
    tools.mkdir()
    # fc-list prints the families for any pattern; id says "not root", so nothing is installed
    _fake_tool(tools, "fc-list", f"printf '%s\\n' {fonts}")
    _fake_tool(tools, "id", "echo 1000")
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "DISPLAY": ":0"}
    venv = Path(sys.executable).parents[1]
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "-o", "install", f"VENV={venv}",
                           "system-deps"], env=env, check=True, capture_output=True, text=True)
    return done.stdout


def test_a_missing_emoji_font_is_named(tmp_path):
    out = _system_deps(tmp_path, "'Noto Sans CJK SC'")
    assert "fonts-noto-color-emoji" in out.split(), out


def test_an_installed_emoji_font_is_not_named(tmp_path):
    out = _system_deps(tmp_path, "'Noto Sans CJK SC' 'Noto Color Emoji'")
    assert "fonts-noto-color-emoji" not in out, out
    assert "fonts-noto-cjk" not in out, out
