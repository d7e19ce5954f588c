"""Model loading: which model and device, loads in the worker, download progress.

A failed load keeps the model already loaded; only a model that loaded is
remembered as the last one. A device this machine lacks falls back to
automatic, with a note. A model may run its own code only when the user
trusted that model ("Trust remote code" ticked while it was the model, or
the command line's flag for the model it names); the trust is remembered per
model, so a new model starts untrusted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from ..core.devices import known_devices
from ..core.model_info import ModelInfo
from ..panels.core_text import shown
from .main_window import MainWindow
from .settings import AppSettings
from .status import StatusPresenter
from .worker import LOAD, WorkerThread


class ModelController(QObject):
    """Loads what the window asks for; reports to the status presenter."""

    #: a model finished loading: its ModelInfo
    model_ready = Signal(object)
    #: a model could not be loaded: the plain message
    model_load_failed = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        worker: WorkerThread,
        status: StatusPresenter,
        settings: AppSettings,
        persist: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.worker = worker
        self.status = status
        self.settings = settings
        self.persist = persist
        self.model: ModelInfo | None = None
        self.device_choice = "auto"
        self.loading_source: str | None = None
        #: the model asked for last, loaded or not
        self.asked_source: str | None = None
        #: models trusted for this run only (the command line's flag)
        self.trusted_for_now: set[str] = set()
        self._load_id: int | None = None
        #: this machine's devices; None until the worker has imported torch
        self.usable: tuple[str, ...] | None = known_devices()
        #: a load that waits for ``usable`` to check its device
        self._deferred: tuple[str, str] | None = None
        self.closed = False
        worker.worker.devices_found.connect(self._on_worker_devices_found)
        if self.usable is None and worker.worker.devices is not None:  # found before we listened
            self.usable = worker.worker.devices
            window.device_menu.set_usable(self.usable)
        worker.worker.job_finished.connect(self._on_worker_job_finished)
        worker.worker.job_failed.connect(self._on_worker_job_failed)
        worker.worker.job_progressed.connect(self._on_worker_job_progressed)
        window.model_chosen.connect(self._on_window_model_chosen)
        window.device_chosen.connect(self._on_window_device_chosen)
        window.trust_remote_code_chosen.connect(self._on_window_trust_remote_code_chosen)

    def load(self, source: str, device: str | None = None) -> None:
        """Load ``source`` in the worker; the window stays usable meanwhile."""
        source = str(source).strip()
        if not source:
            return
        self._deferred = None  # the newest load wins
        if device is not None and self.usable is None and device not in ("auto", "cpu"):
            # a GPU asked for before the worker knows whether there is one
            self._deferred = (source, device)
            self.status.model_loading(source, self.model)
            return
        if device is not None:
            self.device_choice = self._usable(device)
        self.window.set_device_choice(self.device_choice)
        self.loading_source = self.asked_source = source
        trusted = self.is_trusted(source)
        self.window.set_trust_remote_code(trusted)
        self.status.model_loading(source, self.model)
        self._load_id = self.worker.load_model(source, self.device_choice, trusted)

    @Slot(object)
    def _on_worker_devices_found(self, devices: tuple[str, ...]) -> None:
        """Told once per worker thread: enable the device menu, run a load that waited."""
        self.usable = tuple(devices)
        self.window.device_menu.set_usable(self.usable)
        if self._deferred is not None and not self.closed:
            source, device = self._deferred
            self.load(source, device)

    def _usable(self, device: str) -> str:
        usable = self.usable or ("cpu",)
        if device == "auto" or device in usable:
            self.status.device_usable()
            return device
        self.status.device_unavailable(device, usable)
        return "auto"

    # -- trust -------------------------------------------------------------------
    @staticmethod
    def trust_key(source: str) -> str:
        """A model's name for trust: a folder by its full path, a hub id as it is."""
        folder = Path(source).expanduser()
        return str(folder.resolve()) if folder.is_dir() else source

    def is_trusted(self, source: str) -> bool:
        key = self.trust_key(source)
        return key in self.trusted_for_now or (self.persist and key in self.settings.trusted_sources)

    def trust_for_now(self, source: str) -> None:
        """Trust ``source`` for this run only (the command line's flag names it)."""
        self.trusted_for_now.add(self.trust_key(source))

    def set_trusted(self, source: str, trusted: bool) -> None:
        """Trust ``source`` from now on (or no longer); a newly trusted model is opened again."""
        key = self.trust_key(source)
        if self.persist:
            stored = self.settings.trusted_sources
            self.settings.trusted_sources = stored | {key} if trusted else stored - {key}
        if trusted:
            self.trusted_for_now.add(key)
            self.load(source)
        else:
            self.trusted_for_now.discard(key)

    # -- worker ------------------------------------------------------------------
    @Slot(str, int, object)
    def _on_worker_job_finished(self, kind: str, request_id: int, info: object) -> None:
        # every load that succeeds is the worker's model now, even one replaced
        # by a later choice that is still loading
        if kind != LOAD or self.closed:
            return
        self.model = info  # type: ignore[assignment]
        if request_id == self._load_id:
            self.loading_source = None
        if self.persist:
            self.settings.last_model = info.name
            self.settings.last_device = self.device_choice
            self.settings.add_recent_model(info.name)
        self.status.model_loaded(info)
        self.model_ready.emit(info)

    @Slot(str, int, object)
    def _on_worker_job_failed(self, kind: str, request_id: int, message: str) -> None:
        if kind != LOAD or self.closed or request_id != self._load_id:
            return
        source, self.loading_source = self.loading_source, None
        trust = None
        if source and "trust remote code" in message and not self.is_trusted(source):
            trust = lambda: self.set_trusted(source, True)  # noqa: E731
        self.status.model_failed(source, shown(message), self.model, trust)
        self.model_load_failed.emit(message)

    @Slot(str, int, int, int)
    def _on_worker_job_progressed(self, kind: str, request_id: int, done: int, total: int) -> None:
        if kind != LOAD or self.closed or request_id != self._load_id:
            return
        self.status.download_progressed(self.loading_source or self.tr("the model"), done, total)

    # -- window ------------------------------------------------------------------
    @Slot(str)
    def _on_window_model_chosen(self, source: str) -> None:
        self.load(source)

    @Slot(str)
    def _on_window_device_chosen(self, device: str) -> None:
        if device == self.device_choice:
            return
        if self._already_on(device):
            # automatic runs on that device already (or the other way round): no reload
            self.device_choice = self._usable(device)
            self.window.set_device_choice(self.device_choice)
            if self.persist:
                self.settings.last_device = device
            return
        source = self.loading_source or (self.model.name if self.model else None)
        self.device_choice = self._usable(device)
        if self.persist:
            self.settings.last_device = device
        if source:
            self.load(source, device)

    def _already_on(self, device: str) -> bool:
        """Whether the model loaded (and none loading) runs where ``device`` would put it."""
        if self.model is None or self.loading_source is not None or not self.usable:
            return False
        target = self.usable[0] if device == "auto" else device
        return target in self.usable and str(self.model.device).split(":")[0] == target

    @Slot(bool)
    def _on_window_trust_remote_code_chosen(self, trusted: bool) -> None:
        source = self.loading_source or (self.model.name if self.model else self.asked_source)
        if source:
            self.set_trusted(source, trusted)
