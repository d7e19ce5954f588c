"""A click's result is painted once: each plot in view draws it in one paint, not again when
its range and the panels' layouts catch up after the first."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.worker import ModelWorker, WorkerThread
from mlm_desktop.core.analyses import masked_lm
from mlm_desktop.core.analyses.masked_lm_types import KIND as MASKED_LM


class PaintCounter(QObject):
    def __init__(self, widgets: dict) -> None:
        super().__init__()
        self.widgets = widgets
        self.counts = dict.fromkeys(widgets, 0)
        for widget in widgets.values():
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            for name, widget in self.widgets.items():
                if widget is watched:
                    self.counts[name] += 1
        return False


def test_a_clicked_mask_paints_each_plot_in_view_once(qtbot, open_window):
    # the masked-LM pass alone: no follow-up comes later to change the panels again
    worker = WorkerThread(ModelWorker(analyses={MASKED_LM: masked_lm.UNIT}))
    controller = open_window(mask=[3], worker=worker)
    window = controller.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    plots = ("loss", "logitsHeatmap")
    counter = PaintCounter({pid: window.panel(pid).findChild(pg.GraphicsView).viewport() for pid in plots})
    strip = window.panel("tokens")

    def click(position: int) -> None:
        with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
            qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=strip.chip_rect(position).center())
        QApplication.processEvents()  # what is left to paint

    click(7)  # the first show's sizes settle meanwhile
    for _ in range(10):
        QApplication.processEvents()
    counter.counts = dict.fromkeys(plots, 0)
    click(5)
    assert 5 in window.panel("predictions").displayed_positions()
    assert window.panel("logitsHeatmap").row_positions().tolist() == [3, 5, 7]
    assert counter.counts == {"loss": 1, "logitsHeatmap": 1}
