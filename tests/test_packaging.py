"""What an installed app needs: every sub-package and the shipped files are in the wheel,
the application icon renders at every size, and the desktop entry installs and uninstalls."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _declared_packages() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]["packages"]


def test_every_sub_package_is_declared():
    found = sorted(
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "mlm_desktop").rglob("__init__.py")
    )
    declared = _declared_packages()
    assert set(found) <= set(declared), f"add {set(found) - set(declared)} to pyproject.toml"
    assert "mlm_desktop.resources" in declared


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source")
    # build from a copy, so the checkout is left as it was
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, listed):
        path = ROOT / os.fsdecode(name)
        if path.is_file():
            (source / path.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, source / path.relative_to(ROOT))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(out), str(source)], check=True)
    (built,) = out.glob("mlm_desktop-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_the_model_the_sample_and_the_icons(wheel):
    names = set(wheel.namelist())
    shipped = [p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert shipped
    for path in shipped:
        assert f"mlm_desktop/resources/{path.as_posix()}" in names, path
    for must in ("models/minilm-l6-mlm-en/model.safetensors", "samples/civil_war.txt",
                 "icons/mlm-desktop.svg", "icons/mlm-desktop-16.png", "icons/mlm-desktop-256.png"):
        assert f"mlm_desktop/resources/{must}" in names
    assert "mlm_desktop/app/app_icon.py" in names


def test_the_wheel_holds_every_file_of_the_package(wheel):
    names = set(wheel.namelist())
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "mlm_desktop"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert listed
    missing = [name for name in listed if (ROOT / name).is_file() and name not in names]
    assert not missing, f"add these to [tool.setuptools.package-data] in pyproject.toml: {missing}"


def test_installed_resources_are_found_beside_the_package(tmp_path):
    # an installed layout: the package with its resources folder inside it
    package = tmp_path / "mlm_desktop"
    shutil.copytree(ROOT / "mlm_desktop", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "resources" / "samples").mkdir(parents=True)
    (package / "resources" / "samples" / "civil_war.txt").write_text("Installed sample.", encoding="utf-8")
    code = ("from mlm_desktop.core import resources as r; "
            "print(r.RESOURCES); print(r.sample_text()); print(r.BUNDLED_MODEL)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(tmp_path)}).stdout.splitlines()
    assert out[0] == str(package / "resources")
    assert out[1] == "Installed sample."
    assert out[2] == str(package / "resources" / "models" / "minilm-l6-mlm-en")


def test_a_checkout_finds_the_resources_at_its_top():
    from mlm_desktop.core.resources import BUNDLED_MODEL, RESOURCES

    assert RESOURCES == ROOT / "resources"
    assert (BUNDLED_MODEL / "config.json").is_file()


def test_icon_pngs_are_the_svg_rendered_at_each_size(qapp):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import render_icons
    finally:
        sys.path.remove(str(ROOT / "tools"))
    from PySide6.QtGui import QImage

    from mlm_desktop.core.resources import ICON_SIZES, icon_png

    assert ICON_SIZES[0] == 16 and ICON_SIZES[-1] == 256
    for size in ICON_SIZES:
        stored = QImage(str(icon_png(size)))
        assert (stored.width(), stored.height()) == (size, size)
        fresh = render_icons.render(size).convertToFormat(stored.format())
        assert fresh == stored, f"run `make icons`: {icon_png(size).name} differs from the SVG"
        # an icon, not an empty square: opaque in the middle, transparent in the corner
        assert stored.pixelColor(size // 2, size // 2).alpha() == 255
        assert stored.pixelColor(0, 0).alpha() == 0


def _installed(home: Path) -> set[str]:
    return {p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()}


def test_make_install_desktop_installs_into_xdg_data_home_and_uninstalls(tmp_path):
    home = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(home), "PYTHON": sys.executable}
    subprocess.run(["make", "-s", "-C", str(ROOT), "install-desktop"], env=env, check=True,
                   capture_output=True)
    files = _installed(home)
    assert "applications/mlm-desktop.desktop" in files
    assert "icons/hicolor/scalable/apps/mlm-desktop.svg" in files
    for size in (16, 32, 48, 64, 128, 256):
        assert f"icons/hicolor/{size}x{size}/apps/mlm-desktop.png" in files
    entry = home / "applications" / "mlm-desktop.desktop"
    _check_desktop_entry(entry)
    subprocess.run(["make", "-s", "-C", str(ROOT), "uninstall-desktop"], env=env, check=True,
                   capture_output=True)
    assert not any(name.endswith((".desktop", ".png", ".svg")) for name in _installed(home))


def _check_desktop_entry(path: Path) -> None:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "MLM Desktop"
    assert entry["Comment"]
    assert entry["Exec"] == "mlm-desktop %f"  # one file: the window opens one text
    assert entry["Icon"] == "mlm-desktop"
    # one main category, so that the entry is listed once in the applications menu
    assert entry["Categories"] == "Education;ComputerScience;"
    assert entry["MimeType"] == "text/plain;"
    validator = shutil.which("desktop-file-validate")
    if validator:
        checked = subprocess.run([validator, str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "more than one main category" not in checked.stdout + checked.stderr
