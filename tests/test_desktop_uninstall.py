"""`make uninstall-desktop` leaves the data home as it found it: no empty icon folders, no
cache that describes nothing; another app's entry and icons, and their caches, are kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "desktop_entry.py"


def _cache_tools(folder: Path) -> Path:
    """Stand-ins for update-desktop-database and gtk-update-icon-cache: each writes its cache
    into the folder it is given (the last argument)."""
    folder.mkdir()
    for name, cache in (("update-desktop-database", "mimeinfo.cache"),
                        ("gtk-update-icon-cache", "icon-theme.cache")):
        tool = folder / name
        tool.write_text(f'#!/bin/sh\nfor last; do :; done\necho cache > "$last/{cache}"\n',
                        encoding="utf-8")
        tool.chmod(0o755)
    return folder


def _run(command: str, home: Path, path: str) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(home), "PATH": path}
    subprocess.run([sys.executable, str(TOOL), command], env=env, check=True, capture_output=True)


def _everything(home: Path) -> set[str]:
    return {p.relative_to(home).as_posix() for p in home.rglob("*")}


def test_uninstalling_removes_the_folders_and_caches_it_left(tmp_path):
    home = tmp_path / "share"
    home.mkdir()
    path = f"{_cache_tools(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"
    _run("install", home, path)
    assert "applications/mimeinfo.cache" in _everything(home)
    assert "icons/hicolor/icon-theme.cache" in _everything(home)
    _run("uninstall", home, path)
    assert _everything(home) == set()


def test_another_apps_files_folders_and_caches_are_kept(tmp_path):
    home = tmp_path / "share"
    other_icon = home / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    other_entry = home / "applications" / "other.desktop"
    for file in (other_icon, other_entry):
        file.parent.mkdir(parents=True)
        file.write_text("x", encoding="utf-8")
    path = f"{_cache_tools(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"
    _run("install", home, path)
    _run("uninstall", home, path)
    assert _everything(home) == {
        "applications", "applications/other.desktop", "applications/mimeinfo.cache",
        "icons", "icons/hicolor", "icons/hicolor/icon-theme.cache", "icons/hicolor/48x48",
        "icons/hicolor/48x48/apps", "icons/hicolor/48x48/apps/other.png"}


def test_without_the_cache_tools_uninstalling_still_succeeds(tmp_path):
    home = tmp_path / "share"
    empty = tmp_path / "no-tools"
    empty.mkdir()
    _run("install", home, str(empty))
    _run("uninstall", home, str(empty))
    assert _everything(home) == set()
