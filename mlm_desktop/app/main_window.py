"""The main window: the text editor, dockable views, toolbar, menus and status bar.

The window only lays things out and emits intents; :mod:`mlm_desktop.controller`
decides what they mean.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QFont,
    QKeySequence,
    QShowEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QSpinBox,
    QTextEdit,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..panels import (
    HiddenStatesView,
    LogitsHeatmap,
    LossPanel,
    PredictionsPanel,
    SentencesPanel,
    TokenStrip,
)
from .model_menu import DeviceMenu, ModelMenu

SAMPLE_TEXT_PATH = Path(__file__).resolve().parents[2] / "resources" / "samples" / "civil_war.txt"
FALLBACK_SAMPLE = (
    "After Abraham Lincoln won the November 1860 presidential election on an "
    "anti-slavery platform, an initial seven slave states declared their secession "
    "from the country to form the Confederacy."
)

_LEVEL_COLOURS = {
    "error": ("#fdecea", "#b71c1c"),
    "warning": ("#fff8e1", "#8d6e00"),
    "info": ("#e8f1fb", "#0d47a1"),
}
_LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


def sample_text() -> str:
    """The notebook's Civil War paragraph, shown on first run."""
    try:
        return SAMPLE_TEXT_PATH.read_text(encoding="utf-8").strip()
    except OSError:
        return FALLBACK_SAMPLE


class MessageBanner(QFrame):
    """Inline messages above the editor (never a modal dialog).

    Each message has a key, so that a new message of the same kind replaces
    the old one; errors come first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._messages: dict[str, tuple[str, str, Sequence[tuple[str, Callable[[], None]]]]] = {}
        self._rows: dict[str, QFrame] = {}
        self.setVisible(False)

    def set_message(
        self,
        key: str,
        text: str,
        level: str = "info",
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
    ) -> None:
        self._messages[key] = (text, level, tuple(actions))
        self._rebuild()

    def clear_message(self, key: str) -> None:
        if self._messages.pop(key, None) is not None:
            self._rebuild()

    def message(self, key: str) -> str | None:
        entry = self._messages.get(key)
        return None if entry is None else entry[0]

    def texts(self) -> list[str]:
        return [text for text, _level, _actions in self._messages.values()]

    def _rebuild(self) -> None:
        for row in self._rows.values():
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = {}
        ordered = sorted(self._messages.items(), key=lambda kv: _LEVEL_ORDER.get(kv[1][1], 3))
        for key, (text, level, actions) in ordered:
            row = self._make_row(key, text, level, actions)
            self._layout.addWidget(row)
            self._rows[key] = row
        self.setVisible(bool(self._messages))

    def _make_row(self, key, text, level, actions) -> QFrame:
        background, foreground = _LEVEL_COLOURS.get(level, _LEVEL_COLOURS["info"])
        row = QFrame(self)
        row.setObjectName(f"banner_{key}")
        row.setStyleSheet(
            f"QFrame#banner_{key} {{ background: {background}; border: 1px solid {foreground};"
            " border-radius: 4px; }"
            f" QLabel {{ color: {foreground}; }}"
        )
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 4, 4, 4)
        label = QLabel(text, row)
        label.setObjectName("bannerText")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label, 1)
        for caption, callback in actions:
            button = QToolButton(row)
            button.setText(caption)
            button.clicked.connect(lambda _=False, cb=callback: cb())
            layout.addWidget(button)
        close = QToolButton(row)
        close.setText("×")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(lambda _=False, k=key: self.clear_message(k))
        layout.addWidget(close)
        return row


class _RunShortcutFilter(QObject):
    """Ctrl+Enter in the editor runs the analysis instead of inserting a line."""

    def __init__(self, action: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._action.trigger()
                return True
        return False


class MainWindow(QMainWindow):
    """Editor in the middle, views in docks; emits ``closing`` before it closes."""

    closing = Signal()

    def __init__(self, recent_models: Callable[[], list[str]] = list, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("mlmDesktopMainWindow")
        self.setWindowTitle("MLM Desktop")
        self.resize(1400, 900)
        self.setDockOptions(
            QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AnimatedDocks
        )
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

        self._build_central()
        self._build_views()
        self._build_actions()
        self._build_toolbar()
        self._build_menus(recent_models)
        self._build_status_bar()
        self._default_state = self.saveState()
        self.layout_restored = False
        self._first_show = True

    # -- construction -------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        self.banner = MessageBanner(central)
        layout.addWidget(self.banner)
        self.editor = QPlainTextEdit(central)
        self.editor.setObjectName("textEditor")
        self.editor.setPlaceholderText("Type or paste text here; click tokens below to mask them.")
        font = QFont(self.editor.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.editor.setFont(font)
        layout.addWidget(self.editor)
        self.setCentralWidget(central)

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        widget.setParent(dock)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def _build_views(self) -> None:
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.docks: dict[str, QDockWidget] = {}
        self.token_strip = TokenStrip()
        self.predictions = PredictionsPanel()
        self.sentences = SentencesPanel()
        self.loss_panel = LossPanel()
        self.heatmap = LogitsHeatmap()
        self.hidden_states = HiddenStatesView()
        tokens = self._dock("Tokens", "tokensDock", self.token_strip, bottom)
        heatmap = self._dock("Logits heatmap", "logitsHeatmapDock", self.heatmap, bottom)
        hidden = self._dock("Hidden states", "hiddenStatesDock", self.hidden_states, bottom)
        predictions = self._dock("Predictions", "predictionsDock", self.predictions, right)
        loss = self._dock("Loss", "lossDock", self.loss_panel, right)
        sentences = self._dock("Sentences", "sentencesDock", self.sentences, right)
        self.splitDockWidget(tokens, heatmap, Qt.Orientation.Vertical)
        self.tabifyDockWidget(heatmap, hidden)
        heatmap.raise_()
        self.splitDockWidget(predictions, loss, Qt.Orientation.Vertical)
        self.tabifyDockWidget(loss, sentences)
        loss.raise_()

    def apply_default_sizes(self) -> None:
        """Dock sizes for a first run: a short editor, the views taking the rest."""
        docks = self.docks
        height = max(self.height(), 600)
        self.resizeDocks([docks["predictionsDock"]], [max(460, self.width() // 3)],
                         Qt.Orientation.Horizontal)
        self.resizeDocks(
            [docks["predictionsDock"], docks["lossDock"]],
            [int(height * 0.48), int(height * 0.52)],
            Qt.Orientation.Vertical,
        )
        self.resizeDocks(
            [docks["tokensDock"], docks["logitsHeatmapDock"]],
            [int(height * 0.25), int(height * 0.42)],
            Qt.Orientation.Vertical,
        )

    def _build_actions(self) -> None:
        self.run_action = QAction("▶ Run", self)
        self.run_action.setObjectName("runAction")
        self.run_action.setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.run_action.setToolTip("Analyse the text now (Ctrl+Enter)")
        self.random_mask_action = QAction("Random mask", self)
        self.random_mask_action.setObjectName("randomMaskAction")
        self.random_mask_action.setShortcut(QKeySequence("Ctrl+R"))
        self.random_mask_action.setToolTip(
            "Mask each token with the given probability, drawn with the given seed"
        )
        self.reroll_action = QAction("↻ Re-roll", self)
        self.reroll_action.setObjectName("rerollAction")
        self.reroll_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.reroll_action.setToolTip("A new random mask with a new seed")
        self.clear_masks_action = QAction("✕ Clear masks", self)
        self.clear_masks_action.setObjectName("clearMasksAction")
        self.clear_masks_action.setShortcut(QKeySequence("Ctrl+Shift+Backspace"))
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.reset_layout_action = QAction("&Reset layout", self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.editor.installEventFilter(_RunShortcutFilter(self.run_action, self))

    def _build_toolbar(self) -> None:
        bar = QToolBar("Analysis", self)
        bar.setObjectName("analysisToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        bar.addAction(self.run_action)
        bar.addSeparator()
        bar.addAction(self.random_mask_action)
        bar.addWidget(QLabel(" p ", bar))
        self.probability_spin = QDoubleSpinBox(bar)
        self.probability_spin.setObjectName("maskProbabilitySpin")
        self.probability_spin.setRange(0.0, 1.0)
        self.probability_spin.setSingleStep(0.05)
        self.probability_spin.setDecimals(2)
        self.probability_spin.setValue(0.15)
        self.probability_spin.setToolTip("Probability of masking each token")
        bar.addWidget(self.probability_spin)
        bar.addWidget(QLabel(" seed ", bar))
        self.seed_spin = QSpinBox(bar)
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setToolTip("Seed of the random mask (the same seed masks the same tokens)")
        bar.addWidget(self.seed_spin)
        bar.addAction(self.reroll_action)
        bar.addAction(self.clear_masks_action)
        bar.addSeparator()
        bar.addWidget(QLabel(" top-k ", bar))
        self.top_k_spin = QSpinBox(bar)
        self.top_k_spin.setObjectName("topKSpin")
        self.top_k_spin.setRange(1, 100)
        self.top_k_spin.setValue(5)
        self.top_k_spin.setToolTip("Candidates shown per masked token")
        bar.addWidget(self.top_k_spin)
        bar.addSeparator()
        self.whole_word_check = QCheckBox("Whole words", bar)
        self.whole_word_check.setObjectName("wholeWordCheck")
        self.whole_word_check.setToolTip("Masking a piece of a word masks the whole word")
        bar.addWidget(self.whole_word_check)

    def _build_menus(self, recent_models: Callable[[], list[str]]) -> None:
        menubar = self.menuBar()
        file_menu = menubar.addMenu("&File")
        file_menu.addAction(self.quit_action)
        self.model_menu = ModelMenu(recent_models, parent=self)
        menubar.addMenu(self.model_menu)
        self.device_menu = DeviceMenu(self)
        menubar.addMenu(self.device_menu)
        analysis_menu = menubar.addMenu("&Analysis")
        for action in (
            self.run_action,
            self.random_mask_action,
            self.reroll_action,
            self.clear_masks_action,
        ):
            analysis_menu.addAction(action)
        view_menu = menubar.addMenu("&View")
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.toolbar.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.reset_layout_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.model_label = QLabel("no model", status)
        self.model_label.setObjectName("modelLabel")
        self.device_label = QLabel("", status)
        self.device_label.setObjectName("deviceLabel")
        self.length_label = QLabel("", status)
        self.length_label.setObjectName("lengthLabel")
        self.timing_label = QLabel("", status)
        self.timing_label.setObjectName("timingLabel")
        self.busy_bar = QProgressBar(status)
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setVisible(False)
        for widget in (
            self.busy_bar,
            self.model_label,
            self.device_label,
            self.length_label,
            self.timing_label,
        ):
            status.addPermanentWidget(widget)

    # -- helpers used by the controller ------------------------------------
    def views(self) -> tuple[QWidget, ...]:
        """Every widget that draws a result."""
        return (
            self.token_strip,
            self.predictions,
            self.sentences,
            self.loss_panel,
            self.heatmap,
            self.hidden_states,
        )

    def view_docks(self) -> list[tuple[QWidget, QDockWidget]]:
        """Each view with the dock that holds it."""
        return [(view, view.parentWidget()) for view in self.views()]

    def highlight_spans(self, masked: Sequence[tuple[int, int]], hovered: tuple[int, int] | None):
        """Shade masked characters in the editor and outline the hovered token's."""
        selections = []
        length = len(self.editor.toPlainText())

        def selection(start: int, end: int, colour: str, underline: bool = False):
            start, end = max(0, min(start, length)), max(0, min(end, length))
            if end <= start:
                return None
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format.setBackground(QColor(colour))
            if underline:
                sel.format.setFontUnderline(True)
            return sel

        for start, end in masked:
            sel = selection(start, end, "#ffe082")
            if sel is not None:
                selections.append(sel)
        if hovered is not None:
            sel = selection(hovered[0], hovered[1], "#90caf9", underline=True)
            if sel is not None:
                selections.append(sel)
        self.editor.setExtraSelections(selections)

    def restore_layout(self, geometry: QByteArray | None, state: QByteArray | None) -> None:
        """Geometry and dock arrangement saved by an earlier run, where there is one."""
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.layout_restored = self.restoreState(state)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self.apply_default_sizes()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if not self.layout_restored:
                # once laid out, so that the sizes apply to the real window
                QTimer.singleShot(0, self.apply_default_sizes)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.closing.emit()
        super().closeEvent(event)
