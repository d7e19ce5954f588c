"""Install MLM Desktop's menu entry and icons for the current user (freedesktop.org), or remove them:

    python tools/desktop_entry.py install      # or: make install-desktop
    python tools/desktop_entry.py uninstall    # or: make uninstall-desktop

Writes ``$XDG_DATA_HOME/applications/mlm-desktop.desktop`` and the icon as
``$XDG_DATA_HOME/icons/hicolor/<size>x<size>/apps/mlm-desktop.png`` (and the SVG as
``scalable/apps/mlm-desktop.svg``); ``XDG_DATA_HOME`` defaults to ``~/.local/share``.
The entry runs ``mlm-desktop``, so the app must be on PATH (``pipx install .``).
Uninstalling also removes the folders left empty and the desktop's caches that describe
nothing any more; the caches are refreshed where their tools are installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
DESKTOP_FILE = RESOURCES / "mlm-desktop.desktop"
ICONS = RESOURCES / "icons"
NAME = "mlm-desktop"


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(value) if value else Path.home() / ".local" / "share"


def targets(home: Path) -> list[tuple[Path, Path]]:
    """(source, destination) of every file the entry installs."""
    pairs = [(DESKTOP_FILE, home / "applications" / f"{NAME}.desktop"),
             (ICONS / f"{NAME}.svg", home / "icons" / "hicolor" / "scalable" / "apps" / f"{NAME}.svg")]
    for png in sorted(ICONS.glob(f"{NAME}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        pairs.append((png, home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"))
    return pairs


#: the cache each refresh tool writes, by the folder it describes (relative to the data home)
CACHES = {Path("applications"): "mimeinfo.cache", Path("icons") / "hicolor": "icon-theme.cache"}


def _refresh_caches(home: Path) -> None:
    """Tell the desktop about the change, where its tools are installed (optional)."""
    commands = (["update-desktop-database", "-q", str(home / "applications")],
                ["gtk-update-icon-cache", "-q", "-t", "-f", str(home / "icons" / "hicolor")])
    for command in commands:
        if Path(command[-1]).is_dir() and shutil.which(command[0]):
            subprocess.run(command, check=False, capture_output=True)


def _remove_if_empty(folder: Path) -> None:
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        print(f"removed {folder}{os.sep}")


def _remove_stale_caches(home: Path) -> None:
    """A cache in a folder that holds nothing else describes nothing: remove it."""
    for folder, name in CACHES.items():
        cache = home / folder / name
        if cache.is_file() and not any(p for p in (home / folder).rglob("*")
                                       if p.is_file() and p != cache):
            cache.unlink()
            print(f"removed {cache}")


def _prune(home: Path) -> None:
    """Remove the folders the uninstall left empty, deepest first, up to (not) the data home."""
    folders = {d for _source, destination in targets(home) for d in destination.parents
               if home in d.parents}
    for folder in sorted(folders, key=lambda d: len(d.parts), reverse=True):
        _remove_if_empty(folder)


def install(home: Path) -> None:
    for source, destination in targets(home):
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        print(destination)
    _refresh_caches(home)


def uninstall(home: Path) -> None:
    for _source, destination in targets(home):
        if destination.exists():
            destination.unlink()
            print(f"removed {destination}")
    _refresh_caches(home)
    _remove_stale_caches(home)
    _prune(home)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in ("install", "uninstall"):
        print("usage: desktop_entry.py install|uninstall", file=sys.stderr)
        return 2
    (install if argv[0] == "install" else uninstall)(data_home())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
