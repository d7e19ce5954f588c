"""The main window: the text editor, the hosted panels, toolbar, menus and status bar.

The window lays things out, owns its dialogs, declares what the user wants
as signals (intents) and offers setters; the controllers decide what the
intents mean and never reach into its widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from ..core.loading import DEFAULT_HUB_MODEL
from ..core.options import AnalysisOptions
from ..panels.registry import PANELS, PanelSpec
from .about import AboutDialog
from .banner import MessageBanner
from .compare_dialog import CompareModelDialog, hub_cache_folder
from .file_menu import FileMenu
from .mnemonics import mark_mnemonics, mnemonic
from .model_menu import DeviceMenu, ModelMenu
from .navigation_actions import NavigationActions
from .options_bar import OptionsBar
from .panel_host import PanelHost
from .status_bar import StatusFigures
from .text_editor import TextEditor


def _action(parent: QObject, text: str, name: str, shortcut: str, tip: str = "") -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
    return action


class _RunShortcutFilter(QObject):
    """Ctrl+Enter in the editor runs the analysis instead of inserting a line."""

    def __init__(self, action: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress:
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._action.trigger()
                return True
        return False


class MainWindow(QMainWindow):
    """Editor in the middle, panels in docks; speaks in intents."""

    text_edited = Signal(str)
    run_requested = Signal()
    random_mask_requested = Signal()
    reroll_requested = Signal()
    clear_masks_requested = Signal()
    options_changed = Signal(object)  # AnalysisOptions
    model_chosen = Signal(str)
    device_chosen = Signal(str)
    trust_remote_code_chosen = Signal(bool)
    compare_model_chosen = Signal(str)
    stop_comparing_requested = Signal()
    preferences_requested = Signal()
    #: a model folder was chosen in a folder dialog (the next one starts there)
    model_folder_chosen = Signal(str)
    closing = Signal()

    def __init__(
        self,
        recent_models: Callable[[], list[str]] = list,
        panels: Sequence[PanelSpec] = PANELS,
        parent=None,
    ) -> None:
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
        self.panels = PanelHost(self, panels)
        self._build_actions()
        self.options_bar = OptionsBar(
            self.run_action, self.random_mask_action, self.reroll_action, self.clear_masks_action,
            self,
        )
        self.options_bar.options_changed.connect(self.options_changed)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.options_bar)
        self._build_menus(recent_models)
        self.figures = StatusFigures(self.statusBar())
        self._default_state = self.saveState()
        self.layout_restored = False
        self._first_show = True
        #: the model folder chosen last (either picker starts there); "" for none yet
        self.last_model_folder = ""

    # -- construction -------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        self.banner = MessageBanner(central)
        layout.addWidget(self.banner)
        self.editor = TextEditor(central)
        self.editor.text_edited.connect(self.text_edited)
        layout.addWidget(self.editor)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        self.run_action = _action(self, "▶ Run", "runAction", "Ctrl+Return",
                                  "Analyse the text now (Ctrl+Enter)")
        self.run_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.random_mask_action = _action(
            self, "Random mask", "randomMaskAction", "Ctrl+R",
            "Mask each token with the given probability, drawn with the given seed")
        self.reroll_action = _action(self, "↻ Re-roll", "rerollAction", "Ctrl+Shift+R",
                                     "A new random mask with a new seed")
        self.clear_masks_action = _action(self, "✕ Clear masks", "clearMasksAction",
                                          "Ctrl+Shift+Backspace")
        self.run_action.triggered.connect(self.run_requested)
        self.random_mask_action.triggered.connect(self.random_mask_requested)
        self.reroll_action.triggered.connect(self.reroll_requested)
        self.clear_masks_action.triggered.connect(self.clear_masks_requested)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.reset_layout_action = QAction("&Reset layout", self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.preferences_action = QAction(self.tr("&Preferences…"), self)
        self.preferences_action.setObjectName("preferencesAction")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
            or [QKeySequence("Ctrl+,")])
        self.preferences_action.triggered.connect(self.preferences_requested)
        self.about_action = QAction("&About MLM Desktop", self)
        self.about_action.triggered.connect(self.show_about)
        self.about_dialog: AboutDialog | None = None
        self.editor.installEventFilter(_RunShortcutFilter(self.run_action, self))

    def _build_menus(self, recent_models: Callable[[], list[str]]) -> None:
        menubar = self.menuBar()
        self.file_menu = FileMenu(self.panels, self)
        self.file_menu.addAction(self.quit_action)
        menubar.addMenu(self.file_menu)
        self.edit_menu = menubar.addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.preferences_action)
        self.model_menu = ModelMenu(recent_models, parent=self)
        self.model_menu.hub_model_requested.connect(self.ask_hub_model)
        self.model_menu.folder_requested.connect(self.ask_model_folder)
        self.model_menu.model_chosen.connect(self.model_chosen)
        self.model_menu.compare_requested.connect(self.ask_compare_model)
        self.model_menu.stop_comparing_requested.connect(self.stop_comparing_requested)
        self.model_menu.trust_remote_code_action.triggered.connect(self.trust_remote_code_chosen)
        menubar.addMenu(self.model_menu)
        self.device_menu = DeviceMenu(self)
        self.device_menu.device_chosen.connect(self.device_chosen)
        menubar.addMenu(self.device_menu)
        analysis_menu = menubar.addMenu("&Analysis")
        for action in (self.run_action, self.random_mask_action, self.reroll_action,
                       self.clear_masks_action):
            analysis_menu.addAction(action)
        self.navigation = NavigationActions(self, self.editor, self.panels)
        for menu in self.navigation.menus():
            menubar.addMenu(menu)
        view_menu = menubar.addMenu("&View")
        toggles = [*self.panels.toggle_actions(), self.options_bar.toggleViewAction()]
        mark_mnemonics(toggles, taken=[mnemonic(self.reset_layout_action.text())])
        view_menu.addActions(toggles)
        view_menu.addSeparator()
        view_menu.addAction(self.reset_layout_action)
        menubar.addMenu("&Help").addAction(self.about_action)

    # -- dialogs (their answers come back as intents) ---------------------------
    def choose_model(self, source: str) -> None:
        """As if the user chose ``source`` from the Model menu (banner buttons do)."""
        self.model_chosen.emit(str(source))

    def ask_hub_model(self) -> None:
        source, ok = QInputDialog.getText(
            self, "Open hub model",
            "Hugging Face model id (a masked LM, e.g. bert-base-uncased, roberta-base):",
            QLineEdit.EchoMode.Normal, DEFAULT_HUB_MODEL,
        )
        if ok and source.strip():
            self.model_chosen.emit(source.strip())

    def ask_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Open a model folder (saved with save_pretrained)",
            self.last_model_folder or hub_cache_folder())
        if folder:
            self.remember_model_folder(folder)
            self.model_chosen.emit(folder)

    def ask_compare_model(self) -> CompareModelDialog:
        """Open the Compare models dialog (window-modal); its answer comes back as an intent."""
        dialog = CompareModelDialog(self.last_model_folder, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.folder_chosen.connect(self.remember_model_folder)
        dialog.accepted.connect(
            lambda: dialog.source() and self.compare_model_chosen.emit(dialog.source()))
        dialog.open()
        return dialog

    def remember_model_folder(self, folder: str) -> None:
        self.last_model_folder = str(folder)
        self.model_folder_chosen.emit(self.last_model_folder)

    def show_about(self) -> AboutDialog:
        """Open the About dialog (window-modal), naming the loaded model's device."""
        if self.about_dialog is None:
            self.about_dialog = AboutDialog("", self)
        self.about_dialog.set_device(self.figures.device_label.text())
        self.about_dialog.open()
        return self.about_dialog

    # -- setters -------------------------------------------------------------
    def panel(self, panel_id: str) -> QWidget:
        return self.panels.panel(panel_id)

    def text(self) -> str:
        return self.editor.text()

    def set_text(self, text: str) -> None:
        """Show ``text`` without emitting ``text_edited``."""
        self.editor.set_text(text)

    def show_options(self, options: AnalysisOptions) -> None:
        self.options_bar.show_options(options)

    def set_device_choice(self, choice: str) -> None:
        self.device_menu.set_device(choice)

    def trust_remote_code(self) -> bool:
        return self.model_menu.trust_remote_code_action.isChecked()

    def set_trust_remote_code(self, trusted: bool) -> None:
        self.model_menu.trust_remote_code_action.setChecked(bool(trusted))

    def set_comparing(self, comparing: bool) -> None:
        self.model_menu.stop_comparing_action.setEnabled(bool(comparing))

    def refresh_recent_models(self) -> None:
        self.model_menu.refresh_recent()

    def show_message(self, key: str, text: str, level: str = "info",
                     actions: Sequence[tuple[str, Callable[[], None]]] = ()) -> None:
        self.banner.set_message(key, text, level, actions)

    def clear_message(self, key: str) -> None:
        self.banner.clear_message(key)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def clear_status(self) -> None:
        self.statusBar().clearMessage()

    def highlight_spans(self, masked: Sequence[tuple[int, int]], hovered: tuple[int, int] | None):
        """Shade masked characters in the editor and outline the hovered token's."""
        self.editor.highlight_spans(masked, hovered)

    # -- layout ----------------------------------------------------------------
    def restore_layout(self, geometry: QByteArray | None, state: QByteArray | None) -> None:
        """Geometry and dock arrangement saved by an earlier run, where there is one."""
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.layout_restored = self.restoreState(state)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        self.panels.show_all()
        self.panels.apply_default_sizes()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if not self.layout_restored:
                # once laid out, so that the sizes apply to the real window
                QTimer.singleShot(0, self.panels.apply_default_sizes)
            else:  # the restored sizes are the docks' shares of the window
                QTimer.singleShot(0, self.panels.shares.remember)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.closing.emit()
        super().closeEvent(event)
