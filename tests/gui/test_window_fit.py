"""The window fits the screen: on a small one it shrinks, down to its minimum, and moves inside."""

from __future__ import annotations

from PySide6.QtCore import QRect

from mlm_desktop.app.window_fit import fit_to_screen


def _shown(open_window, qtbot):
    window = open_window().window
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_window_larger_than_the_screen_is_fitted_inside_it(open_window, qtbot):
    window = _shown(open_window, qtbot)
    window.resize(1400, 900)
    window.move(300, 200)
    area = QRect(0, 0, 1024, 700)
    assert fit_to_screen(window, area)
    frame = window.frameGeometry()
    assert area.contains(frame), (frame, area)
    # the smaller side is used to the full, not shrunk further
    assert (frame.width(), frame.height()) == (1024, 700)


def test_a_tiny_screen_keeps_the_windows_minimum_and_its_top_left_corner_in_view(open_window, qtbot):
    window = _shown(open_window, qtbot)
    window.resize(1400, 900)
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    fit_to_screen(window, QRect(0, 0, 300, 200))
    assert window.width() == max(300, minimum.width()) and window.height() == max(200, minimum.height())
    assert (window.frameGeometry().x(), window.frameGeometry().y()) == (0, 0)


def test_a_window_that_fits_is_left_alone(open_window, qtbot):
    window = _shown(open_window, qtbot)
    window.resize(1400, 900)
    window.move(10, 20)
    assert not fit_to_screen(window, QRect(0, 0, 2560, 1440))
    assert (window.width(), window.height(), window.x(), window.y()) == (1400, 900, 10, 20)
