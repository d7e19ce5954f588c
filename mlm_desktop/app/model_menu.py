"""The Model and Device menus (the cache scan and model names are in core.model_catalog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ..core.devices import DEVICE_CHOICES, known_devices
from ..core.loading import DEFAULT_HUB_MODEL
from ..core.model_catalog import cached_masked_lms, model_label
from ..core.model_resolution import bundled_model_available
from ..core.resources import BUNDLED_MODEL


class ModelMenu(QMenu):
    """Open a hub model, a local folder, a cached or a recent model.

    Emits intents only; the controller shows dialogs and loads.
    """

    hub_model_requested = Signal()
    folder_requested = Signal()
    model_chosen = Signal(str)
    compare_requested = Signal()
    stop_comparing_requested = Signal()

    def __init__(
        self,
        recent: Callable[[], list[str]],
        cached: Callable[[], list[str]] = cached_masked_lms,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("&Model", parent)
        self._recent = recent
        self._cached = cached
        self.open_hub_action = self.addAction("Open &hub model…")
        self.open_hub_action.setShortcut("Ctrl+Shift+O")
        self.open_hub_action.triggered.connect(self.hub_model_requested)
        self.open_folder_action = self.addAction("Open local &folder…")
        self.open_folder_action.setShortcut("Ctrl+O")
        self.open_folder_action.triggered.connect(self.folder_requested)
        self.download_default_action = self.addAction(f"&Download {DEFAULT_HUB_MODEL}")
        self.download_default_action.setToolTip(
            f"Download {DEFAULT_HUB_MODEL}, the reference notebook's model (needs the hub), "
            "or open it from the local cache"
        )
        self.download_default_action.triggered.connect(
            lambda: self.model_chosen.emit(DEFAULT_HUB_MODEL)
        )
        if bundled_model_available():
            self.bundled_action = self.addAction("Use the bundled de&mo model")
            self.bundled_action.setToolTip("A small English model shipped with the app; works offline")
            self.bundled_action.triggered.connect(lambda: self.model_chosen.emit(str(BUNDLED_MODEL)))
        self.cached_menu = self.addMenu("&Cached masked LMs")
        self.cached_menu.aboutToShow.connect(self.refresh_cached)
        self.recent_menu = self.addMenu("&Recent models")
        self.recent_menu.aboutToShow.connect(self.refresh_recent)
        self.addSeparator()
        self.compare_action = self.addAction("Com&pare with model…")
        self.compare_action.setToolTip("Open a second masked LM and compare it with this one")
        self.compare_action.triggered.connect(self.compare_requested)
        self.stop_comparing_action = self.addAction("&Stop comparing")
        self.stop_comparing_action.setEnabled(False)
        self.stop_comparing_action.triggered.connect(self.stop_comparing_requested)
        self.addSeparator()
        self.trust_remote_code_action = self.addAction("&Trust remote code")
        self.trust_remote_code_action.setCheckable(True)
        self.trust_remote_code_action.setToolTip(
            "Let this model run its own code from its repository (only for authors you trust); "
            "remembered for this model only, every other model is asked again"
        )
        self.refresh_recent()

    def _fill(self, menu: QMenu, sources: list[str], empty: str) -> None:
        menu.clear()
        if not sources:
            placeholder = menu.addAction(empty)
            placeholder.setEnabled(False)
            return
        for source in sources:
            action = menu.addAction(model_label(source))
            action.setToolTip(source)
            action.setData(source)
            action.triggered.connect(lambda _=False, s=source: self.model_chosen.emit(s))

    def refresh_cached(self) -> None:
        self._fill(self.cached_menu, self._cached(), "No masked LMs in the local cache")

    def refresh_recent(self) -> None:
        self._fill(self.recent_menu, self._recent(), "No recent models")


class DeviceMenu(QMenu):
    """auto / CPU / CUDA / MPS, the ones this machine lacks disabled."""

    device_chosen = Signal(str)

    LABELS = {"auto": "&Automatic", "cpu": "&CPU", "cuda": "C&UDA (NVIDIA GPU)", "mps": "&MPS (Apple GPU)"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("&Device", parent)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_by_device: dict[str, QAction] = {}
        for choice in DEVICE_CHOICES:
            action = self.addAction(self.LABELS.get(choice, choice))
            action.setCheckable(True)
            action.setData(choice)
            self.group.addAction(action)
            self.actions_by_device[choice] = action
            action.triggered.connect(lambda _=False, c=choice: self.device_chosen.emit(c))
        self.actions_by_device["auto"].setChecked(True)
        self.set_usable(known_devices())

    def set_usable(self, usable: tuple[str, ...] | None) -> None:
        """Enable the devices this machine has; None: not known yet (torch still loading)."""
        for choice, action in self.actions_by_device.items():
            known = usable is not None or choice == "cpu"
            action.setEnabled(choice == "auto" or choice in (usable or ("cpu",)))
            if action.isEnabled():
                action.setToolTip("")
            elif not known:
                action.setToolTip(f"looking for a {choice} device while the model libraries load")
            else:
                action.setToolTip(f"{choice} is not available on this machine")

    def set_device(self, choice: str) -> None:
        action = self.actions_by_device.get(choice)
        if action is not None and action.isEnabled():
            action.setChecked(True)
