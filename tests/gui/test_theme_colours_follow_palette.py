"""The views' colours are kept between paints, and follow each new palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from mlm_desktop.panels.theme import theme_colours


def test_the_colours_follow_a_new_application_palette(qapp):
    before = QGuiApplication.palette()
    assert theme_colours() is theme_colours()  # kept while the palette stays
    night = QPalette(before)
    for role, colour in ((QPalette.ColorRole.Base, "#101418"), (QPalette.ColorRole.Text, "#f0f0f0"),
                         (QPalette.ColorRole.Window, "#101418")):
        night.setColor(role, QColor(colour))
    try:
        QGuiApplication.setPalette(night)
        colours = theme_colours()
        assert colours.plot_background.name() == "#101418"
        assert colours.text.name() == "#f0f0f0"
        assert colours.dark
        # a palette handed in is read as it is
        assert theme_colours(before).plot_background == before.color(QPalette.ColorRole.Base)
        assert theme_colours().plot_background.name() == "#101418"
    finally:
        QGuiApplication.setPalette(before)
    assert theme_colours().plot_background == before.color(QPalette.ColorRole.Base)
