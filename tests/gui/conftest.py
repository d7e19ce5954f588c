"""GUI fixtures: isolated settings, windows on tiny local models, results and placed widgets.

Qt runs offscreen: tests/conftest.py sets the environment before any of this
is imported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import widget_fixtures
from timeouts import RESULT_TIMEOUT_MS  # also imported from here by older tests
from zh_translation import zh_translator

# Results are frozen (their arrays read-only), so one of each serves every test.


@pytest.fixture(scope="session")
def result(tiny_bert, notebook_text):
    """The notebook text on the tiny BERT with tokens 3, 4 and 8 masked."""
    return widget_fixtures.notebook_result(tiny_bert, notebook_text)


@pytest.fixture(scope="session")
def full_logits_result(tiny_bert, notebook_text):
    """As ``result``, keeping the logits over the whole vocabulary."""
    return widget_fixtures.notebook_result(tiny_bert, notebook_text, keep_full_logits=True)


@pytest.fixture(scope="session")
def typed(tiny_bert):
    """A text holding a typed [MASK] (position 6) with token 2 masked by click."""
    return widget_fixtures.typed_result(tiny_bert)


@pytest.fixture(scope="session")
def unmasked(tiny_bert, notebook_text):
    """The notebook text on the tiny BERT with nothing masked."""
    return widget_fixtures.unmasked_result(tiny_bert, notebook_text)


@pytest.fixture(scope="session")
def roberta_result(tiny_roberta):
    """A byte-level BPE result: two tokens masked by click, one <mask> typed, an accented word."""
    return widget_fixtures.roberta_result(tiny_roberta)


@pytest.fixture
def place(qtbot):
    """Hand a widget to qtbot, optionally give it a result, size it and show it.

    ``place(widget, result, size=(w, h))`` resizes, sets the result, shows the
    widget and waits until it is exposed; without ``size`` the widget stays
    hidden. Returns the widget.
    """

    def _place(widget, result=None, *, size: tuple[int, int] | None = None):
        qtbot.addWidget(widget)
        if size is not None:
            widget.resize(*size)
        if result is not None:
            widget.set_result(result)
        if size is not None:
            widget.show()
            qtbot.waitExposed(widget)
        return widget

    return _place


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


@pytest.fixture(scope="module")
def qm_folder(tmp_path_factory):
    """Where a module's tests compile the panels' and core's Chinese translation."""
    return tmp_path_factory.mktemp("i18n")


@pytest.fixture
def zh(qapp, qm_folder):
    """The panels' and core's Simplified Chinese translation, installed for one test."""
    with zh_translator(qm_folder) as translator:
        yield translator
