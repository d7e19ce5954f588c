"""The analysis core never imports Qt or pyqtgraph (it must run headless)."""

import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys, mlm_desktop.core, mlm_desktop.core.export, mlm_desktop.core.model_resolution, "
        "mlm_desktop.core.model_catalog, mlm_desktop.core.levels, mlm_desktop.cli\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "print(','.join(bad))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
