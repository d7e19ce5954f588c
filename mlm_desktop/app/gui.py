"""Opening the window: ``run_gui`` is what ``mlm-desktop`` (no sub-command) calls."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ..core.analyses import ANALYSES, AnalysisUnit
from ..core.errors import MLMDesktopError
from ..core.model_resolution import default_model
from ..panels.registry import PANELS, PanelSpec
from .app_icon import app_icon
from .controller import Controller
from .main_window import MainWindow
from .settings import APPLICATION, ORGANIZATION, AppSettings
from .translations import choose_language, show_language_note
from .window_fit import fit_to_screen
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
    app.setWindowIcon(app_icon())
    # the desktop file's name, so that a Wayland or X11 shell matches the window to its menu entry
    app.setDesktopFileName("mlm-desktop")
    return app


def _quiet_libraries() -> None:
    # transformers is quietened by the worker, which imports it (see ModelWorker.warm_up)
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


#: the window's size when a screenshot of one panel is taken
PANEL_SHOT_SIZE = (1700, 1150)


def _save_screenshot(app: QApplication, controller: Controller, path: str, panel: str | None = None) -> int:
    """Wait for the first drawn result, save the window (or one panel) as PNG, close it.

    With ``panel``, the PNG is of that panel's dock alone, taken once its own
    result (a follow-up's, for a layer view) is drawn. Runs a local event
    loop rather than ``app.exec()`` and keeps the application from quitting
    on the closed window, so that nothing is left queued for whoever uses
    the application next (tests do).
    """
    outcome: dict[str, object] = {"code": 1, "message": "the window closed before a result"}
    window = controller.window
    loop = QEventLoop()
    kind = window.panels.specs[panel].kind if panel else None
    target = window.panels.docks[panel] if panel else window

    def grab() -> None:
        if target.grab().save(path):
            outcome.update(code=0, message=None)
        else:
            outcome.update(message=f"could not write the screenshot to {path}")
        loop.quit()

    def on_result(*args) -> None:
        if len(args) == 2 and args[0] != kind:
            return  # another follow-up
        # let every view paint the result before grabbing
        QTimer.singleShot(300, grab)

    def on_failure(message: str) -> None:
        outcome.update(code=1, message=message)
        loop.quit()

    if kind is None or kind == "masked_lm":
        controller.result_applied.connect(on_result)
    else:
        controller.analysis.follow_up_applied.connect(on_result)
    controller.model_load_failed.connect(on_failure)
    controller.analysis_error.connect(on_failure)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    if panel:  # room for the panel: a large window, whatever the screen
        window.resize(max(window.width(), PANEL_SHOT_SIZE[0]), max(window.height(), PANEL_SHOT_SIZE[1]))
    try:
        window.show()
        loop.exec()
        window.close()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    if outcome["message"]:
        print(f"mlm-desktop: error: {outcome['message']}", file=sys.stderr)
    return int(outcome["code"])


class ReleaseAfterFirstPaint(QObject):
    """Calls ``release`` once ``window`` has painted (after the paint events then queued)."""

    def __init__(self, window, release, parent: QObject) -> None:
        super().__init__(parent)
        self._window = window
        self._release = release
        self._done = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if (not self._done and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                and obj.window() is self._window):
            self._done = True
            QTimer.singleShot(0, self._release)
            QTimer.singleShot(0, self.deleteLater)
        return False


def check_panel(panel: str | None) -> None:
    """A --panel that names no panel is refused before anything starts."""
    ids = [spec.id for spec in PANELS]
    if panel is not None and panel not in ids:
        raise MLMDesktopError(f"there is no panel {panel!r}; the panels are: {', '.join(ids)}")


def bring_forward(controller: Controller, panel: str) -> None:
    """Open ``panel``'s dock and bring it in front of its tab group."""
    dock = controller.window.panels.docks[panel]
    dock.show()
    dock.raise_()


def run_gui(
    model: str | None = None,
    device: str = "auto",
    text: str | None = None,
    mask: list[int] | None = None,
    screenshot: str | None = None,
    trust_remote_code: bool = False,
    settings: AppSettings | None = None,
    panel: str | None = None,
    language: str | None = None,
) -> int:
    """Open the window (or, with ``screenshot``, save a PNG of it and exit).

    ``panel`` brings that panel's dock forward; with ``screenshot`` the PNG is
    of that panel alone. A screenshot run neither restores nor saves the
    window's settings, apart from the last model, which stands in for
    ``model=None``. ``language`` (``"zh_CN"``, say) overrides the one chosen in
    the settings for this run.
    """
    check_panel(panel)
    _quiet_libraries()
    app = _application()
    asked_language = language
    language, translated = choose_language(app, settings, language)
    worker = WorkerThread(ModelWorker(), hold=True)
    controller = build_window(
        model=model,
        device=device,
        text=text,
        mask=mask,
        trust_remote_code=trust_remote_code,
        settings=settings,
        persist=screenshot is None,
        worker=worker,
    )
    # the worker imports torch and transformers once the window has painted
    app.installEventFilter(ReleaseAfterFirstPaint(controller.window, worker.release, app))
    controller.preferences.running_language = language if translated else "en"
    controller.preferences.language_from_command_line = bool(asked_language)
    if not translated:
        show_language_note(controller.window, language)
    if panel:
        bring_forward(controller, panel)
    if screenshot:
        return _save_screenshot(app, controller, screenshot, panel)
    close_on_signals(controller.window)
    controller.window.show()
    # 1400 x 900, or the saved size, on a smaller screen (once shown: the docks are laid out)
    fit_to_screen(controller.window)
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
    """Ctrl+C (SIGINT), SIGTERM and SIGHUP (the terminal closed) close the window properly:
    session saved, worker stopped."""
    numbers = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGHUP"):  # not on Windows
        numbers.append(signal.SIGHUP)
    for number in numbers:
        signal.signal(number, lambda *_: window.close())
    # Python runs signal handlers only between bytecodes: wake it up now and then
    waker = QTimer(window)
    waker.timeout.connect(lambda: None)
    waker.start(250)
