"""Fixtures shared by core and GUI tests: tiny models built here, never downloaded.

The environment is set here, once, at import: pytest imports this file before
any test module, so every test runs offscreen and offline.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def notebook_text() -> str:
    from tiny_models import NOTEBOOK_TEXT

    return NOTEBOOK_TEXT


@pytest.fixture(scope="session")
def tiny_bert_dir(tmp_path_factory) -> Path:
    from tiny_models import build_bert

    return build_bert(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture(scope="session")
def tiny_roberta_dir(tmp_path_factory) -> Path:
    from tiny_models import build_roberta

    return build_roberta(tmp_path_factory.mktemp("tiny-roberta"))


@pytest.fixture(scope="session")
def tiny_bert(tiny_bert_dir):
    from mlm_desktop.core import load_model

    return load_model(str(tiny_bert_dir), device="cpu")


@pytest.fixture(scope="session")
def tiny_roberta(tiny_roberta_dir):
    from mlm_desktop.core import load_model

    return load_model(str(tiny_roberta_dir), device="cpu")


@pytest.fixture(autouse=True)
def _session_files_in_tmp_path(tmp_path, monkeypatch):
    """The window's session file goes to the test's own folder, never the user's."""
    monkeypatch.setenv("MLM_DESKTOP_DATA_DIR", str(tmp_path / "data"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """After each test, destroy the widgets it closed, at this safe point.

    pytest-qt closes a test's widgets and calls ``deleteLater``, but outside
    an event loop Qt never runs those deferred deletions, so closed windows
    and their plots pile up and are freed whenever the garbage collector
    happens to run, possibly while a later test paints. Deleting them here,
    then collecting, keeps every test's Qt objects inside that test.
    """
    result = yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result
