"""The Masks and Navigate menus: every action on masks, layers and panels from the keyboard.

The actions speak in intents (the text cursor's position, a step); what they
mean is the :class:`~.navigation.Navigator`'s business. Moving the keyboard
focus is the window's own, so it is done here:

- Ctrl+E the text, Ctrl+T the token chips;
- F6 and Shift+F6 the next and previous open panel (the text counts as
  one), bringing a panel behind a tab to the front.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QWidget

from ..core.text_positions import TextPositions
from .panel_host import PanelHost
from .text_editor import TextEditor


def focus_target(widget: QWidget) -> QWidget | None:
    """The first widget in ``widget`` that the keyboard can reach (``widget`` itself first)."""
    if widget.focusProxy() is not None:
        widget = widget.focusProxy()
    candidates = [widget, *widget.findChildren(QWidget)]
    for candidate in candidates:
        if (candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isVisibleTo(widget.window())
                and candidate.isEnabled() and not candidate.objectName().startswith("qt_")):
            return candidate
    return None


class NavigationActions(QObject):
    """The Masks and Navigate menus' actions; intents out."""

    #: the text cursor's position in code points: mask or unmask the token there
    mask_at_cursor_requested = Signal(int)
    #: the same for the whole word there
    word_mask_at_cursor_requested = Signal(int)
    #: +1 the next masked token after the text cursor, -1 the previous one
    mask_step_requested = Signal(int)
    #: +1 the next layer, -1 the previous one, in the panels in view that show one
    layer_step_requested = Signal(int)

    def __init__(self, window: QMainWindow, editor: TextEditor, panels: PanelHost) -> None:
        super().__init__(window)
        self._window = window
        self._editor = editor
        self._panels = panels
        self.mask_action = self._add(self.tr("&Mask or unmask token at cursor"), "maskAtCursorAction",
                                     "Ctrl+M", self.tr("Mask the token under the text cursor, or unmask it"))
        self.mask_word_action = self._add(self.tr("Mask or unmask &word at cursor"),
                                          "maskWordAtCursorAction", "Ctrl+Shift+M",
                                          self.tr("Mask every piece of the word under the text cursor"))
        self.next_mask_action = self._add(self.tr("&Next masked token"), "nextMaskAction", "F8",
                                          self.tr("Select the next masked token in the text and chips"))
        self.previous_mask_action = self._add(self.tr("&Previous masked token"), "previousMaskAction",
                                              "Shift+F8")
        self.next_layer_action = self._add(self.tr("Next &layer"), "nextLayerAction", "Ctrl+]",
                                           self.tr("The next layer in the panels in view that show one"))
        self.previous_layer_action = self._add(self.tr("Pre&vious layer"), "previousLayerAction",
                                               "Ctrl+[")
        self.focus_editor_action = self._add(self.tr("Go to the &text"), "focusEditorAction", "Ctrl+E")
        self.focus_tokens_action = self._add(self.tr("Go to the to&ken chips"), "focusTokensAction",
                                             "Ctrl+T")
        self.next_panel_action = self._add(self.tr("Next &panel"), "nextPanelAction", "F6",
                                           self.tr("Move the keyboard to the next open panel"))
        self.previous_panel_action = self._add(self.tr("Previous pa&nel"), "previousPanelAction",
                                               "Shift+F6")
        self.mask_action.triggered.connect(
            lambda: self.mask_at_cursor_requested.emit(self.cursor_position()))
        self.mask_word_action.triggered.connect(
            lambda: self.word_mask_at_cursor_requested.emit(self.cursor_position()))
        self.next_mask_action.triggered.connect(lambda: self.mask_step_requested.emit(1))
        self.previous_mask_action.triggered.connect(lambda: self.mask_step_requested.emit(-1))
        self.next_layer_action.triggered.connect(lambda: self.layer_step_requested.emit(1))
        self.previous_layer_action.triggered.connect(lambda: self.layer_step_requested.emit(-1))
        self.focus_editor_action.triggered.connect(self.focus_editor)
        self.focus_tokens_action.triggered.connect(lambda: self.focus_panel("tokens"))
        self.next_panel_action.triggered.connect(lambda: self.cycle_focus(1))
        self.previous_panel_action.triggered.connect(lambda: self.cycle_focus(-1))

    def _add(self, text: str, name: str, shortcut: str, tip: str = "") -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
        self._window.addAction(action)  # the shortcut works while the menu is closed
        return action

    def menus(self) -> tuple[QMenu, QMenu]:
        """The Masks menu and the Navigate menu, filled."""
        masks = QMenu(self.tr("Mas&ks"), self._window)
        masks.setObjectName("masksMenu")
        for action in (self.mask_action, self.mask_word_action, None,
                       self.next_mask_action, self.previous_mask_action):
            masks.addSeparator() if action is None else masks.addAction(action)
        navigate = QMenu(self.tr("&Navigate"), self._window)
        navigate.setObjectName("navigateMenu")
        for action in (self.next_layer_action, self.previous_layer_action, None,
                       self.focus_editor_action, self.focus_tokens_action,
                       self.next_panel_action, self.previous_panel_action):
            navigate.addSeparator() if action is None else navigate.addAction(action)
        return masks, navigate

    # -- where the text cursor is ------------------------------------------------------
    def cursor_position(self) -> int:
        """The text cursor's position (the start of a selection) in code points."""
        cursor = self._editor.textCursor()
        utf16 = min(cursor.selectionStart(), cursor.selectionEnd())
        return TextPositions(self._editor.text()).span_to_code_points(utf16, utf16)[0]

    # -- focus ---------------------------------------------------------------------------
    def focus_editor(self) -> None:
        self._editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_panel(self, panel_id: str) -> None:
        """Show ``panel_id``'s dock in front and give it the keyboard."""
        dock = self._panels.docks[panel_id]
        if dock.isHidden():
            dock.show()
        dock.raise_()
        (focus_target(dock.widget()) or dock.widget()).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def stops(self) -> list[QWidget]:
        """The editor, then each open dock (one behind a tab too: it comes to the front)."""
        docks = [d for d in self._panels.docks.values() if not d.isHidden()]
        docks += [d for d in self._window.findChildren(QDockWidget)
                  if d not in docks and d not in self._panels.docks.values() and not d.isHidden()]
        return [self._editor, *docks]

    def cycle_focus(self, step: int) -> QWidget:
        """Move the keyboard to the next (``step`` 1) or previous (-1) stop; returns it."""
        stops = self.stops()
        focus = QApplication.focusWidget()
        here = next((i for i, stop in enumerate(stops)
                     if focus is not None and (stop is focus or stop.isAncestorOf(focus))), -1)
        stop = stops[(here + step) % len(stops) if here >= 0 else (0 if step > 0 else -1)]
        if stop is self._editor:
            target = stop
        else:  # a panel with nothing to type into yet (no masks: no predictions) holds it itself
            stop.raise_()
            target = focus_target(stop.widget()) or stop.widget()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return stop
