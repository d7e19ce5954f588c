"""GUI fixtures: offscreen Qt, isolated settings, windows on tiny local models."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

RESULT_TIMEOUT_MS = 60_000


@pytest.fixture
def settings_path(tmp_path) -> Path:
    return tmp_path / "settings" / "mlm-desktop.ini"


@pytest.fixture
def app_settings(settings_path):
    """Settings in an INI file under tmp_path: never the user's own."""
    from PySide6.QtCore import QSettings

    from mlm_desktop.app.settings import AppSettings

    return AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))


@pytest.fixture
def reopen_settings(settings_path):
    """A fresh AppSettings on the same file, as a second run of the app would see it."""
    from PySide6.QtCore import QSettings

    from mlm_desktop.app.settings import AppSettings

    def _reopen():
        return AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))

    return _reopen


@pytest.fixture
def open_window(qtbot, app_settings, tiny_bert_dir):
    """Open a window on the tiny BERT (or ``model``); waits for its first result."""
    from mlm_desktop.app.gui import build_window

    def _open(
        model="tiny", text=None, mask=None, settings=None, wait=True, device="cpu", worker=None,
        **extra,
    ):
        """``model=None`` opens what the settings remember, as a plain start would.

        ``extra`` goes to ``build_window`` (``panels``, ``analyses``).
        """
        controller = build_window(
            model=str(tiny_bert_dir) if model == "tiny" else model,
            device=device,
            text=text,
            mask=mask,
            settings=settings or app_settings,
            worker=worker,
            **extra,
        )
        qtbot.addWidget(controller.window)
        if wait:
            with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
                pass
        return controller

    return _open


@pytest.fixture(scope="session")
def broken_model_dir(tmp_path_factory, tiny_bert_dir) -> Path:
    """A copy of the tiny BERT whose config.json is not JSON."""
    import shutil

    folder = tmp_path_factory.mktemp("broken-bert") / "model"
    shutil.copytree(tiny_bert_dir, folder)
    (folder / "config.json").write_text("{ this is not json", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def causal_model_dir(tmp_path_factory) -> Path:
    """A tiny GPT-2 (a causal LM, not a masked LM) with a BERT tokenizer beside it."""
    import torch
    from tiny_models import BERT_VOCAB
    from transformers import BertTokenizer, GPT2Config, GPT2LMHeadModel

    folder = tmp_path_factory.mktemp("tiny-gpt2")
    tokenizer = BertTokenizer(vocab=str(BERT_VOCAB), do_lower_case=True)
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=tokenizer.vocab_size, n_positions=64, n_embd=16, n_layer=1,
                        n_head=2)
    GPT2LMHeadModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    assert json.loads((folder / "config.json").read_text())["model_type"] == "gpt2"
    return folder


_THREAD_TROUBLE = ("QThread", "Timers cannot", "moveToThread", "another thread")


@pytest.fixture(autouse=True)
def _no_thread_warnings(qtlog):
    """Fail a test whose Qt log shows a thread being misused or destroyed while running."""
    yield
    trouble = [r.message for r in qtlog.records if any(t in r.message for t in _THREAD_TROUBLE)]
    assert not trouble, f"Qt reported thread trouble: {trouble}"
