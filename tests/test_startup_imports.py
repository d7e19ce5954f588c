"""The window shows before torch and transformers are imported; the worker imports them."""

from __future__ import annotations

import dataclasses
import importlib
import subprocess
import sys

import pytest

from mlm_desktop.core import model_resolution
from mlm_desktop.core.analyses import ANALYSES, Deferred

WINDOW_WITHOUT_TORCH = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from mlm_desktop.app.gui import build_window  # noqa: F401 - the whole window's import chain
from mlm_desktop.app.main_window import MainWindow
window = MainWindow(recent_models=lambda: [])
window.show()
app.processEvents()
print(sorted(m for m in ("torch", "transformers") if m in sys.modules))
# closed before the interpreter ends, as the app closes its window: Python tearing down a
# shown window's pyqtgraph views in its own order can crash the process at exit
window.close()
app.processEvents()
"""


def test_the_window_is_built_and_shown_without_importing_torch_or_transformers():
    out = subprocess.run(
        [sys.executable, "-c", WINDOW_WITHOUT_TORCH], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("kind", sorted(ANALYSES))
def test_the_registry_declares_each_unit_as_its_module_defines_it(kind):
    declared = ANALYSES[kind]
    module = importlib.import_module(f"mlm_desktop.core.analyses.{declared.run.module}")
    unit = module.UNIT
    fields = ("kind", "title", "request_type", "result_type", "follows", "interleaves")
    assert [getattr(declared, f) for f in fields] == [getattr(unit, f) for f in fields]
    assert isinstance(declared.run, Deferred) and declared.run.resolve() is unit.run
    if unit.request_for is None:
        assert declared.request_for is None
    else:
        assert declared.request_for.resolve() is unit.request_for
    # a test may still swap a unit's run, as it could before
    assert dataclasses.replace(declared, run=len).run is len


def _fake_cache(root, repo_id, revision="abc123", with_config=True):
    repo = root / ("models--" + repo_id.replace("/", "--"))
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(revision)
    snap = repo / "snapshots" / revision
    snap.mkdir(parents=True)
    if with_config:
        (snap / "config.json").write_text("{}")
    return repo


@pytest.mark.parametrize(("repo_id", "with_config", "expected"), [
    ("bert-base-uncased", True, True),
    ("google/electra-small-generator", True, True),
    ("bert-base-uncased", False, False),
])
def test_the_hub_cache_lookup_agrees_with_huggingface_hub(
    tmp_path, monkeypatch, repo_id, with_config, expected
):
    from huggingface_hub import constants, try_to_load_from_cache

    _fake_cache(tmp_path, repo_id, with_config=with_config)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    assert model_resolution.in_hub_cache(repo_id) is expected
    library = try_to_load_from_cache(repo_id, "config.json", cache_dir=str(tmp_path))
    assert isinstance(library, str) is expected
    assert model_resolution.in_hub_cache("nobody/else") is False
