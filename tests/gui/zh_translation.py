"""The Simplified Chinese translation of the panels and the core, for the tests.

``zh_translator(folder)`` compiles ``resources/i18n/panels_zh_CN.ts`` and
``core_zh_CN.ts`` into ``folder`` with lrelease and installs the result on
the application while the ``with`` block runs. ``visible_strings(widget)``
gathers what a widget shows as words: labels, buttons, tabs, combo items,
tooltips, placeholders, table and tree headers, actions and plot axis titles.
"""

from __future__ import annotations

import contextlib
import html
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyqtgraph as pg
import PySide6
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
SOURCES = ("panels_zh_CN.ts", "core_zh_CN.ts")
_CJK = re.compile("[\u4e00-\u9fff]")
_TAG = re.compile(r"<[^>]+>")


def qt_tool(name: str) -> str:
    """PySide6's ``lrelease`` or ``lupdate``: beside this Python, in PySide6's own folder, or on PATH."""
    here = Path(sys.executable).with_name(f"pyside6-{name}")
    for candidate in (here, Path(PySide6.__file__).parent / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"no {name} for the translations")
    return found


def lrelease() -> str:
    return qt_tool("lrelease")


def compile_qm(folder: Path) -> Path:
    qm = folder / "panels_core_zh_CN.qm"
    subprocess.run([lrelease(), *(str(I18N / name) for name in SOURCES), "-qm", str(qm)],
                   check=True, capture_output=True)
    return qm


@contextlib.contextmanager
def zh_translator(folder: Path) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(compile_qm(folder))), "the compiled translation does not load"
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        yield translator
    finally:
        app.removeTranslator(translator)


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).strip()


def visible_strings(widget: QWidget, data: tuple[QWidget, ...] = ()) -> list[str]:
    """Every word-bearing string ``widget`` and its children show, tags removed, empties left out
    (``data``: widgets that show the text, tokens or model names, left out too)."""
    found: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if w in data:
            continue
        found.append(w.toolTip())
        found += [a.text() for a in w.actions()] + [a.toolTip() for a in w.actions()]
        if isinstance(w, QLabel):
            found.append(w.text())
        elif isinstance(w, QAbstractButton):
            found.append(w.text())
        elif isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
            found += [w.itemData(i, 3) or "" for i in range(w.count())]  # 3: ToolTipRole
        elif isinstance(w, QTabBar):
            found += [w.tabText(i) for i in range(w.count())] + [w.tabToolTip(i) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            found += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount())
                      if w.horizontalHeaderItem(i) is not None]
        elif isinstance(w, QTreeWidget):
            found += [w.headerItem().text(i) for i in range(w.columnCount())]
        elif isinstance(w, QGraphicsView) and w.scene() is not None:
            found += [item.labelText for item in w.scene().items() if isinstance(item, pg.AxisItem)]
    return [s for s in (plain(str(t)) for t in found) if s]


def untranslated(widget: QWidget, allowed: tuple[str, ...] = (), data: tuple[QWidget, ...] = ()) -> list[str]:
    """The visible strings with words in them but no Chinese (``allowed``: words left as they are)."""
    out = []
    for text in visible_strings(widget, data):
        rest = text
        for word in allowed:
            rest = rest.replace(word, "")
        if re.search("[A-Za-z]{2,}", rest) and not is_chinese(text):
            out.append(text)
    return out
