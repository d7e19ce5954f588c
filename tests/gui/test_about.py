"""Help ▸ About MLM Desktop: the versions and the device in use."""

from __future__ import annotations

from importlib.metadata import version

import PySide6
from PySide6.QtCore import qVersion

import mlm_desktop


def test_help_menu_opens_about_with_versions_and_device(qtbot, open_window):
    controller = open_window(text="A short text.")
    window = controller.window
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "&Help"
    assert window.about_action.text() == "&About MLM Desktop"
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text()
    assert f"MLM Desktop {mlm_desktop.__version__}" in text
    assert f"torch {version('torch')}" in text
    assert f"transformers {version('transformers')}" in text
    assert f"PySide6 {PySide6.__version__}" in text
    assert f"Qt {qVersion()}" in text
    assert "Device: CPU" in text
    dialog.close()


def test_about_before_a_model_is_loaded_says_so(qtbot):
    from mlm_desktop.app.about import AboutDialog

    dialog = AboutDialog("")
    qtbot.addWidget(dialog)
    assert "Device: no model loaded" in dialog.text()


def test_about_does_not_import_torch():
    import subprocess
    import sys

    code = ("import sys; from mlm_desktop.app.about import about_lines; about_lines('CPU'); "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
