"""Every string a window shows, gathered from its widgets, actions, menus and plots.

``visible_strings(root)`` walks ``root`` and its children and yields
``(where, text)`` pairs: window and dock titles, labels, buttons, tooltips,
status tips, accessible names, placeholders, combo-box items, tab texts, header
labels, menus and their actions, and the text items of every plot scene. Cell
contents, typed text and spin-box values are data, not the interface's words,
and are left out. ``untranslated`` says which of them still hold English words.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator

import numpy as np
from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QAction, Qt, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

#: words that stay as they are in every language: names, units, formats, notation
ALLOWED_WORDS = frozenset(
    """
    mlm desktop logits logit exp log cos mask unk cls sep pad cpu gpu cuda mps nvidia apple ms mb kb gb
    png svg csv json npz utf hub hugging face huggingface pyside qt python torch transformers id ids
    bert roberta base uncased save_pretrained predict text file pretrained minilm en top nats bits
    english
    """.split()
)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def english_words(text: str, allowed: frozenset[str]) -> list[str]:
    """The words of ``text`` that are neither allowed nor data (two letters or more; ``h_l``,
    single letters joined by underscores, is notation)."""
    words = []
    for word in _WORD.findall(text):
        parts = [word.lower(), *word.lower().split("_")]
        if all(len(p) <= 1 for p in parts[1:]):
            continue
        if not any(p in allowed or p in ALLOWED_WORDS for p in parts):
            words.append(word)
    return words


def untranslated(pairs: Iterable[tuple[str, str]], allowed: frozenset[str]) -> list[tuple[str, str]]:
    """The ``(where, line)`` pairs whose line holds English words and no Chinese."""
    found = []
    for where, text in pairs:
        text = str(text)
        if Qt.mightBeRichText(text):  # the words, not the markup
            text = QTextDocumentFragment.fromHtml(text).toPlainText()
        for line in text.splitlines():
            if line.strip() and not has_cjk(line) and english_words(line, allowed):
                found.append((where, line))
    return sorted(set(found))


def data_words(*values: object) -> frozenset[str]:
    """The words in ``values`` (results, names, paths): what the window shows as data.

    Results are walked field by field; notes and warnings are the interface's
    words, not data, and are left out.
    """
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            words.update(w.lower() for w in _WORD.findall(value))
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
        elif isinstance(value, np.ndarray):
            if value.dtype.kind in "US":
                for item in value.ravel():
                    walk(str(item))
            elif value.dtype == object:
                for item in value.ravel():
                    walk(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                if field.name not in ("warnings", "notes", "note", "message", "messages"):
                    walk(getattr(value, field.name))

    for value in values:
        walk(value)
    return frozenset(words)


Skip = Callable[[QObject], bool]


def _never(_obj: QObject) -> bool:
    return False


def _action_strings(action: QAction, where: str, skip: Skip = _never) -> Iterator[tuple[str, str]]:
    if action.isSeparator() or skip(action):
        return
    yield f"{where} action", action.text()
    tip = action.toolTip()
    if tip and tip.replace("&", "") != action.text().replace("&", ""):
        yield f"{where} action tooltip", tip
    yield f"{where} action status tip", action.statusTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield from menu_strings(menu, f"{where} ▸ {menu.title()}", skip)


def menu_strings(menu: QMenu, where: str = "menu", skip: Skip = _never) -> Iterator[tuple[str, str]]:
    """A menu's title and every action in it, submenus walked."""
    yield where, menu.title()
    for action in menu.actions():
        yield from _action_strings(action, where, skip)


def _scene_strings(view: QGraphicsView, where: str) -> Iterator[tuple[str, str]]:
    scene = view.scene()
    if scene is None:
        return
    for item in scene.items():
        if isinstance(item, QGraphicsTextItem):
            yield f"{where} plot text", item.toPlainText()
        elif isinstance(item, QGraphicsSimpleTextItem):
            yield f"{where} plot text", item.text()
        if item.toolTip():
            yield f"{where} plot tooltip", item.toolTip()


def _headers(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps its one column to itself
        columns = 1
    for column in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"{where} header", value


def widget_strings(widget: QWidget, skip: Skip = _never) -> Iterator[tuple[str, str]]:
    """The interface's words one widget shows (its children not included)."""
    where = f"{type(widget).__name__} {widget.objectName()!r}"
    if widget.isWindow() or isinstance(widget, QDockWidget):
        yield f"{where} title", widget.windowTitle()
    yield f"{where} tooltip", widget.toolTip()
    yield f"{where} status tip", widget.statusTip()
    yield f"{where} what's this", widget.whatsThis()
    yield f"{where} accessible name", widget.accessibleName()
    yield f"{where} accessible description", widget.accessibleDescription()
    if isinstance(widget, QLabel):
        yield f"{where} text", widget.text()
    elif isinstance(widget, QAbstractButton):
        yield f"{where} text", widget.text()
    elif isinstance(widget, QGroupBox):
        yield f"{where} title", widget.title()
    elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield f"{where} placeholder", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield f"{where} item", widget.itemText(index)
            tip = widget.itemData(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield f"{where} item tooltip", tip
    elif isinstance(widget, QAbstractSpinBox):
        yield f"{where} special value", getattr(widget, "specialValueText", lambda: "")()
        yield f"{where} prefix", getattr(widget, "prefix", lambda: "")()
        yield f"{where} suffix", getattr(widget, "suffix", lambda: "")()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield f"{where} tab", widget.tabText(index)
            yield f"{where} tab tooltip", widget.tabToolTip(index)
    elif isinstance(widget, QStatusBar):
        yield f"{where} message", widget.currentMessage()
    elif isinstance(widget, QMenu):
        yield from menu_strings(widget, f"{where} menu", skip)
    if isinstance(widget, QAbstractItemView):
        yield from _headers(widget, where)
    if isinstance(widget, QGraphicsView):
        yield from _scene_strings(widget, where)
    for action in widget.actions():
        if not isinstance(widget, QMenu):
            yield from _action_strings(action, where, skip)


def visible_strings(root: QWidget, skip: Skip = _never) -> list[tuple[str, str]]:
    """``(where, text)`` for ``root`` and every widget under it that ``skip`` lets through."""
    for menu in root.findChildren(QMenu):  # menus filled as they open fill now
        menu.aboutToShow.emit()
    pairs = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not skip(widget):
            pairs.extend((w, t) for w, t in widget_strings(widget, skip) if t)
    for action in root.findChildren(QAction):
        pairs.extend((w, t) for w, t in _action_strings(action, "window", skip) if t)
    return pairs
