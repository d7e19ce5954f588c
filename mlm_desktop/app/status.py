"""What the window says about its state: banners, status-bar text and figures.

The controllers report events here; the wording lives in one place and
reaches the window only through its setters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from ..core.analyses.masked_lm_types import AnalysisResult
from ..core.loading import DEFAULT_HUB_MODEL
from ..core.model_catalog import display_name
from ..core.model_info import ModelInfo, device_label
from ..core.model_resolution import bundled_model_available, is_bundled_demo
from ..core.resources import BUNDLED_MODEL
from ..panels.core_text import shown
from .main_window import MainWindow

#: how long a passing status-bar message stays, in ms
PASSING_MS = 10_000


def shown_name(source: str) -> str:
    """How the window names a model, in the interface's language: the bundled demo as such."""
    if is_bundled_demo(source):
        return QCoreApplication.translate("StatusPresenter", "{name} (bundled demo)").format(
            name=Path(source).name)
    return display_name(source)


def could_not_open(source: str | None) -> str:
    """The sentence that a model could not be opened, naming it: a folder by its whole path,
    no source as "the model". Each case is a message of its own, so that a language spaces
    a name of its own words (该模型, 文件夹) unlike a model's name in Latin letters."""
    if source is None:
        return QCoreApplication.translate("StatusPresenter", "Could not open the model")
    if not is_bundled_demo(source) and Path(source).is_absolute():
        return QCoreApplication.translate(
            "StatusPresenter", "Could not open the folder {path}").format(path=source)
    return QCoreApplication.translate("StatusPresenter", "Could not open {name}").format(
        name=shown_name(source))


class StatusPresenter(QObject):
    """Turns model and analysis events into the window's banners and labels."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    # -- model --------------------------------------------------------------
    def model_loading(self, source: str, current: ModelInfo | None) -> None:
        w = self.window
        w.clear_message("model")
        w.show_status(self.tr("Loading {name}…").format(name=shown_name(source)))
        if current is None:
            w.figures.show_model(self.tr("loading {name}…").format(name=shown_name(source)))

    def download_progressed(self, source: str, done: int, total: int) -> None:
        self.window.figures.show_progress(done, total)
        if total > 0:
            amount = self.tr("{done:.0f} of {total:.0f} MB").format(done=done / 1e6, total=total / 1e6)
        else:
            amount = self.tr("{done:.0f} MB").format(done=done / 1e6)
        self.window.show_status(self.tr("Downloading {name}: {amount}").format(
            name=shown_name(source), amount=amount))

    def model_loaded(self, info: ModelInfo) -> None:
        w = self.window
        name = shown_name(info.name)
        w.clear_status()
        summary = self.tr("{family}, {layers} layers, {millions:.1f}M parameters, "
                          "up to {tokens} tokens").format(
            family=info.model_type, layers=info.num_layers, millions=info.parameters / 1e6,
            tokens=info.max_length)
        w.figures.show_model(name, f"{info.name}\n{summary}", info.device_label)
        w.setWindowTitle(self.tr("MLM Desktop — {name}").format(name=name))
        w.editor.set_mask_token(info.mask_token)
        w.clear_message("model")
        if is_bundled_demo(info.name):
            w.show_message(
                "demo",
                self.tr("Using the small bundled demo model: it runs anywhere but guesses "
                        "far worse than {model}. Open a hub model from the Model menu for better "
                        "predictions.").format(model=DEFAULT_HUB_MODEL),
                "info",
                [
                    (self.tr("Download {model}").format(model=DEFAULT_HUB_MODEL),
                     lambda: w.choose_model(DEFAULT_HUB_MODEL)),
                    (self.tr("Open hub model…"), w.ask_hub_model),
                ],
            )
        else:
            w.clear_message("demo")
        w.refresh_recent_models()

    def model_failed(
        self,
        source: str | None,
        message: str,
        current: ModelInfo | None,
        trust: Callable[[], None] | None = None,
    ) -> None:
        w = self.window
        w.show_status(could_not_open(source), PASSING_MS)
        if current is not None:
            still = self.tr(" Still using {name}.").format(name=shown_name(current.name))
        else:
            still = ""
            w.figures.show_model(self.tr("no model"))
        actions = [(self.tr("Open hub model…"), w.ask_hub_model),
                   (self.tr("Open folder…"), w.ask_model_folder)]
        if trust is not None:
            actions.insert(0, (self.tr("Trust its code and open"), trust))
        if current is None and bundled_model_available():
            demo = str(BUNDLED_MODEL)
            actions.append((self.tr("Use the demo model"), lambda: w.choose_model(demo)))
        # the message names the source already: the sentence before it does not
        named = source if source and source not in message else None
        w.show_message(
            "model",
            self.tr("{could_not_open}: {message}.{still} Choose another model: a hub id "
                    "such as {model}, a folder saved with save_pretrained, or one "
                    "from Model ▸ Cached masked LMs.").format(
                could_not_open=could_not_open(named), message=message.rstrip("."), still=still,
                model=DEFAULT_HUB_MODEL),
            "error",
            actions,
        )

    def device_unavailable(self, device: str, usable: Sequence[str]) -> None:
        self.window.show_message(
            "device",
            self.tr("The device {device} is not available on this machine (it has "
                    "{usable}): using Automatic ({first}) instead.").format(
                device=device, usable=", ".join(usable), first=usable[0]),
            "warning",
        )

    def device_usable(self) -> None:
        self.window.clear_message("device")

    # -- start-up and the saved session ------------------------------------------
    def settings_ignored(self, notes: Sequence[str]) -> None:
        if notes:
            self.window.show_message(
                "settings",
                self.tr("Some saved settings could not be used and were reset to their "
                        "defaults: {notes}.").format(notes="; ".join(map(shown, notes))),
                "warning",
            )

    def startup_failed(self, message: str) -> None:
        self.window.show_message(
            "startup",
            self.tr("The last session could not be restored ({message}): MLM Desktop "
                    "started with default settings.").format(message=message.rstrip(".")),
            "warning",
        )

    def session_problem(self, message: str) -> None:
        self.window.show_message("session", message, "warning")

    def session_unsaved(self, message: str) -> None:
        self.window.show_message(
            "sessionSave",
            self.tr("{message}. Check that the folder can be written (free space, "
                    "permissions, no file in its place); MLM Desktop keeps trying after each "
                    "change.").format(message=message.rstrip(".")),
            "error",
        )
        self.window.show_status(self.tr("Your work is not being saved"))

    def text_cut(self, kept: int, dropped: int) -> None:
        self.window.show_message(
            "textCut",
            self.tr("The text was cut to {kept:,} characters: {dropped:,} more were left "
                    "out. A model reads only its first few thousand characters, and the editor "
                    "slows down on longer texts; analyse long files with "
                    "'mlm-desktop predict --text-file'.").format(kept=kept, dropped=dropped),
            "warning",
        )

    def session_saved(self) -> None:
        self.window.clear_message("sessionSave")

    # -- analyses --------------------------------------------------------------
    def busy(self, busy: bool) -> None:
        self.window.figures.show_busy(busy)

    def progressed(self, done: int, total: int) -> None:
        """A long analysis's progress in the busy bar."""
        self.window.figures.show_progress(done, total)

    def no_text(self) -> None:
        self.window.clear_message("analysis")
        self.window.figures.clear_run()
        self.window.show_status(self.tr("Type or paste some text to analyse"))

    def result_shown(self, result: AnalysisResult) -> None:
        w = self.window
        w.figures.show_run(result.num_tokens, result.timing_ms, device_label(result.device))
        w.clear_message("analysis")
        if result.warnings:
            text = "; ".join(map(shown, result.warnings))  # capitalize() would lower "[UNK]" too
            w.show_message("warnings", text[:1].upper() + text[1:] + ".", "warning")
        else:
            w.clear_message("warnings")

    def result_from_cache(self) -> None:
        """The result shown was computed before for the same request."""
        self.window.figures.timing_label.setText(self.tr("from cache"))

    def masks_kept(self) -> None:
        self.window.clear_message("masks")

    def masks_dropped(self, message: str) -> None:
        self.window.show_message(
            "masks",
            self.tr("The masks given for this text were dropped: {message}.").format(message=message),
            "warning",
        )

    def analysis_failed(self, title: str, message: str) -> None:
        self.window.show_message(
            "analysis", self.tr("The {title} failed: {message}.").format(title=title, message=message),
            "error")
