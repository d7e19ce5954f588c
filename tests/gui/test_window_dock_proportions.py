"""The docks keep their share of the window when it is shrunk and grown again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mlm_desktop.app.main_window import MainWindow


def _shares(window: MainWindow) -> tuple[float, float]:
    right = window.panels.docks["loss"]
    bottom = window.panels.docks["logitsHeatmap"]
    return right.width() / window.width(), bottom.height() / window.height()


def test_docks_regain_their_share_after_the_window_is_shrunk_and_grown(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    # the first-run sizes are in place
    qtbot.waitUntil(lambda: bool(window.panels.shares.shares()) and _shares(window)[1] < 0.45)
    before = _shares(window)
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: window.width() < 1100)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.width() == 1400)

    def regained() -> None:
        after = _shares(window)
        assert abs(after[0] - before[0]) < 0.05 and abs(after[1] - before[1]) < 0.05, (before, after)

    qtbot.waitUntil(regained)


def test_a_dock_the_user_resized_keeps_its_new_share(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bool(window.panels.shares.shares()) and _shares(window)[1] < 0.45)
    right = window.panels.docks["loss"]
    window.resizeDocks([right], [600], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(right.width() - 600) < 10)
    window.remember_dock_shares()  # what a separator drag ends with
    window.resize(1120, 900)
    qtbot.waitUntil(lambda: window.width() == 1120)
    qtbot.waitUntil(lambda: abs(right.width() - 480) < 15)
