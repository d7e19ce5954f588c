"""``mlm-desktop FILE``: the desktop entry's Open With passes a text file, which the window opens."""

from __future__ import annotations

import pytest

import mlm_desktop.app.gui as gui
from mlm_desktop.cli import main


@pytest.fixture
def opened(monkeypatch):
    calls = []
    monkeypatch.setattr(gui, "run_gui", lambda **kwargs: calls.append(kwargs) or 0)
    return calls


def test_a_file_given_alone_is_the_windows_text(opened, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Paris is the capital of France.", encoding="utf-8")
    assert main([str(path), "--language", "en"]) == 0
    assert opened[0]["text"] == "Paris is the capital of France."
    assert opened[0]["language"] == "en"


def test_a_file_and_a_text_together_are_refused(opened, tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    assert main([str(path), "--text", "y"]) == 2
    assert "give the text once" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not opened
