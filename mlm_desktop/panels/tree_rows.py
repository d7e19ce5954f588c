"""Rows of a QTreeWidget updated in place, rather than cleared and made again.

A tree redrawn for each result keeps its items where it can: an item's text
and data are set on the item already there, so the view keeps its selection,
its scroll position and its row layout, and does not delete and make a hundred
items and lay them out several times (clearing and ``expandAll`` did).

``QTreeView`` lays its rows out again when an item's data changes, one row at
a time, unless a full layout is already due; :func:`defer_layout` makes it due,
so that a whole result's changes cost one layout, at the next paint.
Spanning a row over the columns lays the rows out at once (Qt), so rows are
spanned once, when made, and no more.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_level_item(tree: QTreeWidget, index: int, key_role: int, key: object) -> tuple[QTreeWidgetItem, bool]:
    """The top-level item at ``index`` when its ``key_role`` data is ``key``, else a new one
    put there; and whether it is new."""
    item = tree.topLevelItem(index)
    if item is not None and item.data(0, key_role) == key:
        return item, False
    item = QTreeWidgetItem()
    item.setData(0, key_role, key)
    tree.insertTopLevelItem(index, item)
    return item, True


def child_item(parent: QTreeWidgetItem, index: int, spanned: bool) -> tuple[QTreeWidgetItem, bool]:
    """``parent``'s child at ``index`` when it is spanned over the columns as asked, else a
    new one put there (to be spanned by the caller: see :func:`span`); and whether it is new."""
    item = parent.child(index)
    if item is not None and item.isFirstColumnSpanned() == spanned:
        return item, False
    item = QTreeWidgetItem()
    parent.insertChild(index, item)
    return item, True


def span(items: list[QTreeWidgetItem]) -> None:
    """Span ``items`` (in the tree) over the columns: the rows are laid out once, for all."""
    for item in items:
        item.setFirstColumnSpanned(True)


def keep_top_level(tree: QTreeWidget, count: int) -> None:
    """Remove the top-level items after the first ``count``."""
    while tree.topLevelItemCount() > count:
        tree.takeTopLevelItem(tree.topLevelItemCount() - 1)


def keep_children(parent: QTreeWidgetItem, count: int) -> None:
    """Remove ``parent``'s children after the first ``count``."""
    while parent.childCount() > count:
        parent.takeChild(parent.childCount() - 1)


def defer_layout(tree: QTreeWidget) -> None:
    """Lay the rows out once, before the next paint, rather than row by row as data changes."""
    tree.scheduleDelayedItemsLayout()
