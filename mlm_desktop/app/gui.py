"""Opening the window: ``run_gui`` is what ``mlm-desktop`` (no sub-command) calls."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from ..core.analyses import ANALYSES, AnalysisUnit
from ..core.loading import quiet_library_output
from ..core.model_resolution import default_model
from ..panels.registry import PANELS, PanelSpec
from .controller import Controller
from .main_window import MainWindow
from .settings import APPLICATION, ORGANIZATION, AppSettings
from .worker import ModelWorker, WorkerThread


def choose_model(model: str | None, last_used: str | None) -> str:
    """The model to open: the one named, else the default order of the core."""
    return default_model(model, last_used=last_used).source


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    return app


def _quiet_libraries() -> None:
    quiet_library_output()
    # Qt's font database reports every font lacking OpenType tables on stderr.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false")


def build_window(
    model: str | None = None,
    device: str = "auto",
    text: str | None = None,
    mask: Sequence[int] | None = None,
    trust_remote_code: bool = False,
    settings: AppSettings | None = None,
    persist: bool = True,
    worker: WorkerThread | None = None,
    panels: Sequence[PanelSpec] = PANELS,
    analyses: Mapping[str, AnalysisUnit] = ANALYSES,
    data_dir: Path | None = None,
) -> Controller:
    """The window in the asked-for state, its model loading; returns its controller.

    ``panels`` and ``analyses`` default to the registries; a test or a plug-in
    may extend them. ``data_dir`` holds the session file (default: see
    :func:`~.session_store.data_folder`). Without ``model`` the last model
    opens, on the last device.
    """
    settings = settings or AppSettings(QSettings(ORGANIZATION, APPLICATION))
    window = MainWindow(recent_models=lambda: settings.recent_models, panels=panels)
    worker = worker or WorkerThread(ModelWorker(analyses=analyses))
    controller = Controller(
        window, settings, worker=worker, persist=persist, analyses=analyses, data_dir=data_dir
    )
    window.controller = controller  # the window keeps its controller alive
    try:
        controller.start(
            model,
            device=device,
            text=text,
            mask=mask,
            trust_remote_code=trust_remote_code,
            restore=persist,
        )
    except BaseException:
        # a running QThread must never be destroyed: stop it before giving up
        controller.shutdown()
        raise
    return controller


def _save_screenshot(app: QApplication, controller: Controller, path: str) -> int:
    """Wait for the first drawn result, save the whole window as PNG, close it.

    Runs a local event loop rather than ``app.exec()`` and keeps the
    application from quitting on the closed window, so that nothing is left
    queued for whoever uses the application next (tests do).
    """
    outcome: dict[str, object] = {"code": 1, "message": "the window closed before a result"}
    window = controller.window
    loop = QEventLoop()

    def grab() -> None:
        if window.grab().save(path):
            outcome.update(code=0, message=None)
        else:
            outcome.update(message=f"could not write the screenshot to {path}")
        loop.quit()

    def on_result(_result) -> None:
        # let every view paint the result before grabbing
        QTimer.singleShot(200, grab)

    def on_failure(message: str) -> None:
        outcome.update(code=1, message=message)
        loop.quit()

    controller.result_applied.connect(on_result)
    controller.model_load_failed.connect(on_failure)
    controller.analysis_error.connect(on_failure)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        window.show()
        loop.exec()
        window.close()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    if outcome["message"]:
        print(f"mlm-desktop: error: {outcome['message']}", file=sys.stderr)
    return int(outcome["code"])


def run_gui(
    model: str | None = None,
    device: str = "auto",
    text: str | None = None,
    mask: list[int] | None = None,
    screenshot: str | None = None,
    trust_remote_code: bool = False,
    settings: AppSettings | None = None,
) -> int:
    """Open the window (or, with ``screenshot``, save a PNG of it and exit).

    A screenshot run neither restores nor saves the window's settings, apart
    from the last model, which stands in for ``model=None``.
    """
    _quiet_libraries()
    app = _application()
    controller = build_window(
        model=model,
        device=device,
        text=text,
        mask=mask,
        trust_remote_code=trust_remote_code,
        settings=settings,
        persist=screenshot is None,
    )
    if screenshot:
        return _save_screenshot(app, controller, screenshot)
    close_on_signals(controller.window)
    controller.window.show()
    code = app.exec()
    controller.shutdown()  # saved and stopped already when the window closed
    return finish(controller, code)


def finish(controller: Controller, code: int) -> int:
    """``code``, or end the process at once when a job kept the worker thread running.

    Settings and the session file are already on disk (closing saved them);
    Python must not destroy a running QThread, which would abort the process.
    """
    if controller.worker_stopped:
        return code
    controller.settings.sync()
    if controller.store is not None:
        controller.store.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def close_on_signals(window: MainWindow) -> None:
    """Ctrl+C (SIGINT) and SIGTERM close the window properly: session saved, worker stopped."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: window.close())
    # Python runs signal handlers only between bytecodes: wake it up now and then
    waker = QTimer(window)
    waker.timeout.connect(lambda: None)
    waker.start(250)
