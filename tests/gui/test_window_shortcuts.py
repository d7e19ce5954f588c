"""Every menu entry is reachable from the keyboard, and no two actions share a shortcut."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from mlm_desktop.app.mnemonics import mark_mnemonics, mnemonic

#: shortcut contexts that reach beyond one widget
_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def _dynamic_menus(window) -> set:
    """Menus filled from data (recent files, cached models, the plots in view)."""
    file_menu, model_menu = window.file_menu, window.model_menu
    return {file_menu.recent_menu, file_menu.plot_menu, file_menu.table_menu,
            model_menu.cached_menu, model_menu.recent_menu}


def _walk(menu: QMenu, skip: set, path: str = ""):
    """(path, action) for every entry of ``menu`` and its static submenus."""
    for action in menu.actions():
        if action.isSeparator():
            continue
        here = f"{path} > {action.text()}" if path else action.text()
        yield here, action
        sub = action.menu()
        if sub is not None and sub not in skip:
            yield from _walk(sub, skip, here)


def _menu_entries(window):
    skip = _dynamic_menus(window)
    for top in window.menuBar().actions():
        yield top.text(), top
        yield from _walk(top.menu(), skip, top.text())


def test_every_menu_entry_has_a_shortcut_or_an_accelerator(open_window):
    window = open_window(wait=False).window
    entries = list(_menu_entries(window))
    assert len(entries) > 40
    assert {"masksMenu", "navigateMenu"} <= {a.menu().objectName() for _p, a in entries if a.menu()}
    missing = [path for path, action in entries
               if action.text() and not mnemonic(action.text()) and action.shortcut().isEmpty()]
    assert missing == []


def test_accelerators_are_unique_within_each_menu(open_window):
    window = open_window(wait=False).window
    menus = [window.menuBar(), *(a.menu() for _p, a in _menu_entries(window) if a.menu())]
    clashes = []
    for menu in menus:
        letters = defaultdict(list)
        for action in menu.actions():
            if mnemonic(action.text()):
                letters[mnemonic(action.text())].append(action.text())
        clashes += [texts for texts in letters.values() if len(texts) > 1]
    assert clashes == []


def test_no_two_actions_share_a_shortcut(open_window):
    window = open_window(wait=False).window
    owners = defaultdict(list)
    for action in window.findChildren(QAction):
        if action.shortcutContext() not in _WIDE:
            continue
        for sequence in action.shortcuts():
            owners[sequence.toString()].append(action.text())
    shared = {keys: texts for keys, texts in owners.items() if len(texts) > 1}
    assert shared == {}
    # the keys the Masks and Navigate menus promise are among them, once each
    for keys in ("Ctrl+M", "Ctrl+Shift+M", "F8", "Shift+F8", "Ctrl+]", "Ctrl+[", "F6", "Shift+F6",
                 "Ctrl+E", "Ctrl+T"):
        assert len(owners[keys]) == 1, keys


def test_the_menus_show_the_masks_and_layer_keys(open_window):
    window = open_window(wait=False).window
    shown = {action.objectName(): action.shortcut().toString()
             for _path, action in _menu_entries(window)}
    assert shown["maskAtCursorAction"] == "Ctrl+M"
    assert shown["nextMaskAction"] == "F8"
    assert shown["nextLayerAction"] == "Ctrl+]"
    assert shown["nextPanelAction"] == "F6"


def test_mark_mnemonics_picks_free_letters_and_keeps_given_ones():
    actions = [QAction(text) for text in ("Sentences", "Loss", "&Logits", "Sentence too", "…")]
    mark_mnemonics(actions, taken=["r"])
    # the shortest chooses first: Loss takes o before Sentences; nothing to mark in "…"
    assert [a.text() for a in actions] == ["&Sentences", "L&oss", "&Logits", "S&entence too", "…"]
