"""The real window in a child process: killed, it restores the typed text and masks;
SIGTERM, SIGINT and SIGHUP close it cleanly.

The child is ``tests/session_driver.py``, which opens the window through
``run_gui`` (as ``mlm-desktop`` does), types a text, masks a word and says
when the session file holds them. Settings and the session file go to the
test's own folders.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mlm_desktop.core.session_file import loads

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("session_driver.py")
TYPED = "Abraham Lincoln typed this before the kill."
#: how long a child may take to open the window and analyse (slow CI machines)
CHILD_TIMEOUT_S = 120

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def child_env(tmp_path):
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        MLM_DESKTOP_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    return env


def _start(model: Path, mode: str, env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(model), mode],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _driver_line(child: subprocess.Popen) -> dict:
    """The child's report, read as it comes (a child that hangs fails the test)."""
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        while selector.select(timeout=CHILD_TIMEOUT_S):
            line = child.stdout.readline()
            if not line:
                break
            if line.startswith("DRIVER "):
                return json.loads(line[len("DRIVER "):])
    child.kill()
    _out, err = child.communicate()
    pytest.fail(f"the child said nothing (exit {child.returncode}): {err[-2000:]}")


def _typed_session(tiny_bert_dir, env) -> subprocess.Popen:
    child = _start(tiny_bert_dir, "type", env)
    said = _driver_line(child)
    assert said == {"text": TYPED, "masked": ["Lincoln"]}
    return child


def test_the_typed_text_and_masks_come_back_after_a_kill(tiny_bert_dir, child_env):
    child = _typed_session(tiny_bert_dir, child_env)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=CHILD_TIMEOUT_S)
    assert child.returncode == -signal.SIGKILL

    again = _start(tiny_bert_dir, "report", child_env)
    said = _driver_line(again)
    _out, err = again.communicate(timeout=CHILD_TIMEOUT_S)
    assert said == {"text": TYPED, "masked": ["lincoln"]}
    assert again.returncode == 0, err[-2000:]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_sigterm_and_sigint_close_the_window_cleanly(tiny_bert_dir, child_env, tmp_path, number):
    child = _typed_session(tiny_bert_dir, child_env)
    child.send_signal(number)
    _out, err = child.communicate(timeout=CHILD_TIMEOUT_S)
    assert child.returncode == 0, err[-2000:]
    assert "QThread" not in err
    state = loads((tmp_path / "data" / "session.json").read_text(encoding="utf-8")).state
    assert state.text == TYPED and len(state.mask_spans) == 1
    settings = tmp_path / "config" / "MLM Desktop" / "MLM Desktop.conf"
    assert "typed this before the kill" in settings.read_text(encoding="utf-8")
