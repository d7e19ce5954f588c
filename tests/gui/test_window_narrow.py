"""The window narrows to 800 pixels with every panel open: control rows wrap instead of widening it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.panels.flow_layout import FlowLayout

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
NARROW = 800


def test_flow_layout_wraps_and_keeps_each_label_with_its_control(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    row = FlowLayout(host)
    row.setContentsMargins(0, 0, 0, 0)
    labels = [QLabel(text) for text in ("Position:", "Candidate:", "Method:")]
    boxes = [QComboBox() for _ in labels]
    for label, box in zip(labels, boxes, strict=True):
        box.addItem("a rather long entry to make it wide")
        row.addWidget(label)
        row.addWidget(box)
    spin = QSpinBox()
    row.addWidget(spin)  # no label before it: on its own
    assert [label.buddy() for label in labels] == boxes  # each label names its control
    one_line = row.sizeHint().width()
    widest = max(label.sizeHint().width() + row.spacing() + box.sizeHint().width()
                 for label, box in zip(labels, boxes, strict=True))
    assert row.minimumSize().width() == widest < one_line / 2
    host.resize(one_line, 200)
    host.show()
    qtbot.waitExposed(host)
    assert len({w.geometry().center().y() for w in boxes}) == 1  # wide: one line
    host.resize(widest + 10, 400)
    qtbot.waitUntil(lambda: len({w.geometry().top() for w in boxes}) == 3)  # narrow: a line each
    for label, box in zip(labels, boxes, strict=True):
        assert abs(label.geometry().center().y() - box.geometry().center().y()) <= 1
        assert label.geometry().right() < box.geometry().left()
    for widget in (*labels, *boxes, spin):
        assert host.rect().contains(widget.geometry())
    assert row.heightForWidth(widest + 10) > row.heightForWidth(one_line)


def test_the_window_narrows_to_800_pixels_with_every_panel_open(qtbot, open_window, tiny_roberta_dir):
    controller = open_window(text=TEXT, mask=[2, 3])
    window = controller.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(controller.compare.compared, timeout=RESULT_TIMEOUT_MS):
        window.compare_model_chosen.emit(str(tiny_roberta_dir))
    docks = [*window.panels.docks.values(), controller.compare.dock]
    for dock in docks:
        dock.show()
    assert all(not dock.isHidden() for dock in docks) and len(docks) == 13
    widths = {dock.objectName(): dock.minimumSizeHint().width() for dock in docks}
    assert window.minimumSizeHint().width() <= NARROW, widths
    window.resize(NARROW, 900)
    qtbot.waitUntil(lambda: window.width() == NARROW)
    # each panel in front of its tabs lies inside the window, its controls inside the panel
    for dock in docks:
        if dock.visibleRegion().isEmpty():
            continue
        panel = dock.widget()
        assert window.rect().contains(dock.geometry()), dock.objectName()
        for child in panel.findChildren(QWidget):
            if child.isVisible() and child.parentWidget() is panel:
                assert panel.rect().adjusted(-1, -1, 1, 1).contains(child.geometry()), \
                    (dock.objectName(), type(child).__name__)


def test_a_narrow_banner_puts_its_buttons_under_the_text(qtbot):
    from mlm_desktop.app.banner import MessageBanner

    banner = MessageBanner()
    qtbot.addWidget(banner)
    banner.set_message("model", "A long message about the model that is shown above the text " * 2,
                       actions=[("Download bert-base-uncased", lambda: None),
                                ("Open hub model…", lambda: None)])
    banner.resize(1000, 120)
    banner.show()
    qtbot.waitExposed(banner)
    row = banner.findChild(QWidget, "banner_model")
    text = banner.findChild(QLabel, "bannerText")
    qtbot.waitUntil(lambda: row.buttons_beside())
    banner.resize(400, 200)
    qtbot.waitUntil(lambda: not row.buttons_beside())
    qtbot.waitUntil(lambda: text.width() > 300)  # the text keeps the row's width
