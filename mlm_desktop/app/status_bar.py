"""The status bar's permanent figures: busy bar, model, device, length, timing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

#: the busy bar counts a known amount in this many steps
PROGRESS_STEPS = 1000


class StatusFigures:
    """Labels and a busy bar added to ``status`` as permanent widgets."""

    def __init__(self, status: QStatusBar) -> None:
        self.model_label = QLabel(QCoreApplication.translate("StatusFigures", "no model"), status)
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

    def show_model(self, name: str, tooltip: str = "", device: str = "") -> None:
        self.model_label.setText(name)
        self.model_label.setToolTip(tooltip)
        self.device_label.setText(device)

    def show_run(self, num_tokens: int, timing_ms: float, device: str) -> None:
        tokens = QCoreApplication.translate("StatusFigures", "{n} tokens")
        self.length_label.setText(tokens.format(n=num_tokens))
        timing = QCoreApplication.translate("StatusFigures", "{ms:.0f} ms")
        self.timing_label.setText(timing.format(ms=timing_ms))
        self.device_label.setText(device)

    def clear_run(self) -> None:
        """No analysis on screen (the text is empty): no token count, no timing."""
        self.length_label.setText("")
        self.timing_label.setText("")

    def show_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        if not busy:
            self.busy_bar.setRange(0, 0)  # back to "busy", no amount

    def show_progress(self, done: int, total: int) -> None:
        """A known fraction when ``total`` > 0, else plain "busy"."""
        if total > 0:
            self.busy_bar.setRange(0, PROGRESS_STEPS)
            self.busy_bar.setValue(int(PROGRESS_STEPS * min(done, total) / total))
        else:
            self.busy_bar.setRange(0, 0)
