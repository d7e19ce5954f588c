"""The Model and Device menus, and finding masked LMs in the local Hugging Face cache."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ..core.devices import DEVICE_CHOICES, available_devices
from ..core.loading import DEFAULT_HUB_MODEL
from ..core.model_resolution import BUNDLED_MODEL, bundled_model_available

log = logging.getLogger(__name__)

#: model types whose checkpoints are masked LMs when the config names no architecture
MASKED_LM_TYPES = frozenset(
    {
        "albert",
        "bert",
        "camembert",
        "data2vec-text",
        "deberta",
        "deberta-v2",
        "distilbert",
        "flaubert",
        "modernbert",
        "mpnet",
        "roberta",
        "xlm-roberta",
        "xmod",
    }
)
_WEIGHT_SUFFIXES = (".safetensors", ".bin")


def is_masked_lm_config(config: dict) -> bool:
    """True for a config.json that describes a masked LM."""
    architectures = config.get("architectures") or []
    if architectures:
        return any(str(a).endswith("ForMaskedLM") for a in architectures)
    return str(config.get("model_type", "")) in MASKED_LM_TYPES


def cached_masked_lms(cache_dir: str | Path | None = None) -> list[str]:
    """Hub ids of masked LMs with weights in the local Hugging Face cache, sorted.

    A missing, empty or partly corrupt cache gives what can be read (often
    nothing); this never raises.
    """
    try:
        from huggingface_hub import scan_cache_dir

        info = scan_cache_dir(cache_dir)
    except Exception:  # noqa: BLE001 - no cache or an unreadable one: nothing to offer
        log.debug("scanning the Hugging Face cache failed", exc_info=True)
        return []
    found = set()
    for repo in getattr(info, "repos", ()):
        try:
            if repo.repo_type != "model":
                continue
            for revision in repo.revisions:
                files = {f.file_name: f.file_path for f in revision.files}
                config_path = files.get("config.json")
                has_weights = any(name.endswith(_WEIGHT_SUFFIXES) for name in files)
                if config_path is None or not has_weights:
                    continue
                config = json.loads(Path(config_path).read_text(encoding="utf-8"))
                if isinstance(config, dict) and is_masked_lm_config(config):
                    found.add(repo.repo_id)
                    break
        except Exception:  # noqa: BLE001 - one broken repo does not hide the others
            log.debug("skipping cached repo %s", getattr(repo, "repo_id", "?"), exc_info=True)
    return sorted(found, key=str.lower)


def model_label(source: str) -> str:
    """A short menu label: the hub id, or a folder's name with its parent."""
    path = Path(source)
    if path.is_absolute():
        return f"{path.name}  ({path.parent})"
    return source


class ModelMenu(QMenu):
    """Open a hub model, a local folder, a cached or a recent model.

    Emits intents only; the controller shows dialogs and loads.
    """

    hub_model_requested = Signal()
    folder_requested = Signal()
    model_chosen = Signal(str)

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
            self.bundled_action = self.addAction("Use the bundled &demo model")
            self.bundled_action.setToolTip("A small English model shipped with the app; works offline")
            self.bundled_action.triggered.connect(lambda: self.model_chosen.emit(str(BUNDLED_MODEL)))
        self.cached_menu = self.addMenu("&Cached masked LMs")
        self.cached_menu.aboutToShow.connect(self.refresh_cached)
        self.recent_menu = self.addMenu("&Recent models")
        self.recent_menu.aboutToShow.connect(self.refresh_recent)
        self.addSeparator()
        self.trust_remote_code_action = self.addAction("&Trust remote code")
        self.trust_remote_code_action.setCheckable(True)
        self.trust_remote_code_action.setToolTip(
            "Let a model run its own code from its repository (only for authors you trust)"
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
        usable = set(available_devices())
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_by_device: dict[str, QAction] = {}
        for choice in DEVICE_CHOICES:
            action = self.addAction(self.LABELS.get(choice, choice))
            action.setCheckable(True)
            action.setData(choice)
            action.setEnabled(choice == "auto" or choice in usable)
            if not action.isEnabled():
                action.setToolTip(f"{choice} is not available on this machine")
            self.group.addAction(action)
            self.actions_by_device[choice] = action
            action.triggered.connect(lambda _=False, c=choice: self.device_chosen.emit(c))
        self.actions_by_device["auto"].setChecked(True)

    def set_device(self, choice: str) -> None:
        action = self.actions_by_device.get(choice)
        if action is not None and action.isEnabled():
            action.setChecked(True)
