"""What the window says about its state: banners, status-bar text and figures.

The controllers report events here; the wording lives in one place and
reaches the window only through its setters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

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


def failed_name(source: str) -> str:
    """A model that could not be opened, as a sentence names it: a folder by its whole path."""
    if not is_bundled_demo(source) and Path(source).is_absolute():
        return f"the folder {source}"
    return display_name(source)


class StatusPresenter:
    """Turns model and analysis events into the window's banners and labels."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # -- model --------------------------------------------------------------
    def model_loading(self, source: str, current: ModelInfo | None) -> None:
        w = self.window
        w.clear_message("model")
        w.show_status(f"Loading {display_name(source)}…")
        if current is None:
            w.figures.show_model(f"loading {display_name(source)}…")

    def download_progressed(self, source: str, done: int, total: int) -> None:
        self.window.figures.show_progress(done, total)
        if total > 0:
            amount = f"{done / 1e6:.0f} of {total / 1e6:.0f} MB"
        else:
            amount = f"{done / 1e6:.0f} MB"
        self.window.show_status(f"Downloading {display_name(source)}: {amount}")

    def model_loaded(self, info: ModelInfo) -> None:
        w = self.window
        name = display_name(info.name)
        w.clear_status()
        w.figures.show_model(name, f"{info.name}\n{shown(info.summary)}", info.device_label)
        w.setWindowTitle(f"MLM Desktop — {name}")
        w.editor.set_mask_token(info.mask_token)
        w.clear_message("model")
        if is_bundled_demo(info.name):
            w.show_message(
                "demo",
                "Using the small bundled demo model: it runs anywhere but guesses far "
                f"worse than {DEFAULT_HUB_MODEL}. Open a hub model from the Model menu "
                "for better predictions.",
                "info",
                [
                    (f"Download {DEFAULT_HUB_MODEL}", lambda: w.choose_model(DEFAULT_HUB_MODEL)),
                    ("Open hub model…", w.ask_hub_model),
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
        source = source or "the model"
        w.show_status(f"Could not open {failed_name(source)}", PASSING_MS)
        if current is not None:
            still = f" Still using {display_name(current.name)}."
        else:
            still = ""
            w.figures.show_model("no model")
        actions = [("Open hub model…", w.ask_hub_model), ("Open folder…", w.ask_model_folder)]
        if trust is not None:
            actions.insert(0, ("Trust its code and open", trust))
        if current is None and bundled_model_available():
            demo = str(BUNDLED_MODEL)
            actions.append(("Use the demo model", lambda: w.choose_model(demo)))
        what = "the model" if source in message else source
        w.show_message(
            "model",
            f"Could not open {what}: {message.rstrip('.')}.{still} Choose another model: a hub id "
            f"such as {DEFAULT_HUB_MODEL}, a folder saved with save_pretrained, or one "
            "from Model ▸ Cached masked LMs.",
            "error",
            actions,
        )

    def device_unavailable(self, device: str, usable: Sequence[str]) -> None:
        self.window.show_message(
            "device",
            f"The device {device} is not available on this machine (it has "
            f"{', '.join(usable)}): using Automatic ({usable[0]}) instead.",
            "warning",
        )

    def device_usable(self) -> None:
        self.window.clear_message("device")

    # -- start-up and the saved session ------------------------------------------
    def settings_ignored(self, notes: Sequence[str]) -> None:
        if notes:
            self.window.show_message(
                "settings",
                "Some saved settings could not be used and were reset to their defaults: "
                + "; ".join(map(shown, notes)) + ".",
                "warning",
            )

    def startup_failed(self, message: str) -> None:
        self.window.show_message(
            "startup",
            f"The last session could not be restored ({message.rstrip('.')}): MLM Desktop "
            "started with default settings.",
            "warning",
        )

    def session_problem(self, message: str) -> None:
        self.window.show_message("session", message, "warning")

    def session_unsaved(self, message: str) -> None:
        self.window.show_message(
            "sessionSave",
            f"{message.rstrip('.')}. Check that the folder can be written (free space, "
            "permissions, no file in its place); MLM Desktop keeps trying after each change.",
            "error",
        )
        self.window.show_status("Your work is not being saved")

    def text_cut(self, kept: int, dropped: int) -> None:
        self.window.show_message(
            "textCut",
            f"The text was cut to {kept:,} characters: {dropped:,} more were left out. A model "
            "reads only its first few thousand characters, and the editor slows down on longer "
            "texts; analyse long files with 'mlm-desktop predict --text-file'.",
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
        self.window.show_status("Type or paste some text to analyse")

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
        self.window.figures.timing_label.setText("from cache")

    def masks_kept(self) -> None:
        self.window.clear_message("masks")

    def masks_dropped(self, message: str) -> None:
        self.window.show_message(
            "masks", f"The masks given for this text were dropped: {message}.", "warning"
        )

    def analysis_failed(self, title: str, message: str) -> None:
        self.window.show_message("analysis", f"The {title} failed: {message}.", "error")
