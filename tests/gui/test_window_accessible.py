"""Every control and plot of the window has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from timeouts import RESULT_TIMEOUT_MS

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
#: what a user works or reads with (plots are graphics views)
INTERACTIVE = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit,
               QAbstractItemView, QPlainTextEdit, QTextEdit, QTabBar, QGraphicsView)


def _qt_part(widget: QWidget) -> bool:
    """A piece Qt builds inside another control (a spin box's line edit, a combo's list,
    a scroll bar, a header, a viewport), which that control speaks for."""
    if widget.objectName().startswith("qt_") or isinstance(widget, (QScrollBar, QHeaderView)):
        return True
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
        return True
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return False


def _counts(widget: QWidget) -> bool:
    keyboard = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return (keyboard or isinstance(widget, INTERACTIVE)) and not _qt_part(widget)


def spoken_name(widget: QWidget) -> str:
    """The name assistive technology reads: the accessible name, a button's text, a label's."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _where(widget: QWidget) -> str:
    chain, node = [], widget
    while node is not None and len(chain) < 4:
        chain.append(f"{type(node).__name__}:{node.objectName()}")
        node = node.parentWidget()
    return " < ".join(chain)


def test_every_control_and_plot_of_the_full_window_has_a_name(qtbot, open_window, tiny_roberta_dir):
    controller = open_window(text=TEXT, mask=[2, 3])
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(controller.compare.compared, timeout=RESULT_TIMEOUT_MS):
        window.compare_model_chosen.emit(str(tiny_roberta_dir))
    for dock in [*window.panels.docks.values(), controller.compare.dock]:
        dock.show()
    widgets = [w for w in window.findChildren(QWidget) if _counts(w)]
    assert len(widgets) > 60  # every panel's controls, plots, lists and chips are walked
    unnamed = [_where(w) for w in widgets if not spoken_name(w)]
    assert unnamed == []
    # names say what a thing is
    names = {spoken_name(w) for w in widgets}
    assert {"Text", "Token chips", "Predictions", "Heatmap: token by hidden dimension",
            "Position:", "Candidate:", "Targets:", "Random mask seed"} <= names


def test_the_walk_finds_a_control_left_unnamed(qtbot):
    """The check above can fail: a bare spin box or plot has no name."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QSpinBox, QVBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    spin, plot = QSpinBox(), pg.PlotWidget()
    layout.addWidget(spin)
    layout.addWidget(plot)
    found = [w for w in host.findChildren(QWidget) if _counts(w) and not spoken_name(w)]
    assert spin in found and plot in found
