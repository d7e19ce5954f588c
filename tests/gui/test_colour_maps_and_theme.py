"""The colour maps the user picks reach every map-coloured view; the dark theme reads well.

Each view is given a real result of the tiny BERT; after a new choice of map,
the colours it draws (its image's RGBA, a chip's fill, a cell's background)
are the new map's.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from widget_fixtures import colour_at, grab

from mlm_desktop.app.theme import ThemeController
from mlm_desktop.core.analyses import logit_lens, saliency
from mlm_desktop.core.analyses.attention import run as run_attention
from mlm_desktop.core.analyses.attention_types import request_for_result
from mlm_desktop.core.analyses.logit_lens_types import LensSettings
from mlm_desktop.core.analyses.saliency_types import SaliencySettings
from mlm_desktop.panels import LogitsHeatmap, TokenStrip
from mlm_desktop.panels.attention_panel import AttentionPanel
from mlm_desktop.panels.chip_overlay import overlay_colours
from mlm_desktop.panels.colour_maps import DEFAULT_MAPS, DIVERGING, SEQUENTIAL, colour_maps
from mlm_desktop.panels.hidden_states_view import HiddenStatesView
from mlm_desktop.panels.lens_grid import probability_colour
from mlm_desktop.panels.logit_lens_panel import LogitLensPanel
from mlm_desktop.panels.saliency_panel import SaliencyPanel
from mlm_desktop.panels.theme import is_dark, theme_colours

SIZE = (1000, 520)


@pytest.fixture(autouse=True)
def default_maps():
    """Every test starts and ends with the default maps."""
    colour_maps().set_maps(DEFAULT_MAPS[SEQUENTIAL], DEFAULT_MAPS[DIVERGING])
    yield colour_maps()
    colour_maps().set_maps(DEFAULT_MAPS[SEQUENTIAL], DEFAULT_MAPS[DIVERGING])


@pytest.fixture
def theme(qapp):
    controller = ThemeController(qapp)
    yield controller
    controller.restore_start()


def _lut(name: str) -> np.ndarray:
    return pg.colormap.get(name).getLookupTable(nPts=256, alpha=True)


def _uses_lut(rgba: np.ndarray, lut: np.ndarray) -> bool:
    """Every opaque colour of ``rgba`` is one of ``lut``'s."""
    colours = {tuple(c) for c in lut.tolist()}
    drawn = rgba.reshape(-1, 4)
    drawn = drawn[drawn[:, 3] > 0]
    return len(drawn) > 0 and all(tuple(c) in colours for c in drawn.tolist())


def test_the_defaults_are_perceptually_uniform_colour_blind_safe_maps():
    assert colour_maps().name(SEQUENTIAL) == "viridis"
    assert colour_maps().name(DIVERGING) == "CET-D1A"
    with pytest.raises(ValueError):
        colour_maps().set_maps(sequential="jet")


def test_a_new_sequential_map_recolours_the_logits_heatmap(place, full_logits_result, qtbot):
    view = place(LogitsHeatmap(), full_logits_result, size=SIZE)
    assert _uses_lut(view.heatmap().rgba_array(), _lut("viridis"))
    with qtbot.waitSignal(colour_maps().changed):
        colour_maps().set_maps(sequential="magma")
    assert view.heatmap().colormap_name() == "magma"
    assert _uses_lut(view.heatmap().rgba_array(), _lut("magma"))
    assert not _uses_lut(view.heatmap().rgba_array(), _lut("viridis"))


def test_a_new_diverging_map_recolours_the_hidden_states(place, result):
    view = place(HiddenStatesView(), result, size=SIZE)
    assert _uses_lut(view.heatmap().rgba_array(), _lut("CET-D1A"))
    colour_maps().set_maps(diverging="CET-CBD1")
    assert view.heatmap().colormap_name() == "CET-CBD1"
    assert _uses_lut(view.heatmap().rgba_array(), _lut("CET-CBD1"))


def test_the_attention_heatmap_and_its_thumbnails_follow_the_sequential_map(
        place, tiny_bert, result):
    panel = place(AttentionPanel(), run_attention(tiny_bert, request_for_result(result)), size=SIZE)
    before = panel.grid().mosaic().copy()
    colour_maps().set_maps(sequential="cividis")
    assert _uses_lut(panel.heatmap().rgba_array(), _lut("cividis"))
    assert panel.grid().colormap_name() == "cividis"
    assert _uses_lut(panel.grid().mosaic(), _lut("cividis"))
    assert not np.array_equal(before, panel.grid().mosaic())


def test_the_lens_grid_cells_follow_the_sequential_map(place, tiny_bert, result):
    lens = logit_lens.run(tiny_bert, logit_lens.request_for(result, None, LensSettings()))
    panel = place(LogitLensPanel(), lens, size=SIZE)
    model = panel.grid().model()
    p = float(lens.top_probs[1, 0, 0])
    colour_maps().set_maps(sequential="inferno")
    background = model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole)
    assert background == colour_maps().colour(SEQUENTIAL, p) == probability_colour(p)
    assert probability_colour(1.0).name() == pg.colormap.get("inferno").map(1.0, mode="qcolor").name()


def test_saliency_chips_follow_the_diverging_map(place, tiny_bert, result):
    explained = saliency.run(tiny_bert, saliency.request_for(result, None,
                                                             SaliencySettings(method="gxi")))
    panel = place(SaliencyPanel(), explained, size=SIZE)
    strongest = int(np.argmax(np.abs(explained.attributions)))
    before = panel.chips().fill_of(strongest)
    colour_maps().set_maps(diverging="CET-D4")
    after = panel.chips().fill_of(strongest)
    share = 0.5 + float(explained.attributions[strongest]) / (2 * explained.scale)
    assert after == colour_maps().colour(DIVERGING, share) and after != before


def test_the_surprisal_colouring_of_chips_follows_the_sequential_map(place, result):
    strip = place(TokenStrip(), result, size=(700, 200))
    values = np.linspace(0.0, 4.0, result.num_tokens)
    strip.set_overlay(values, "surprisal")
    last = result.num_tokens - 2  # a plain chip near the high end
    assert strip.overlay_fill(last) == overlay_colours(values)[last]
    colour_maps().set_maps(sequential="plasma")
    assert strip.overlay_fill(last) == colour_maps().colour(SEQUENTIAL, values[last] / 4.0)
    assert overlay_colours(values)[-1].name() == "#f0f921"  # plasma's high end


def _contrast(a, b) -> float:
    def luminance(c):
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_dark_makes_the_window_and_plots_dark_and_chips_stay_readable(
        theme, place, full_logits_result, result, qtbot):
    view = place(LogitsHeatmap(), full_logits_result, size=SIZE)
    strip = place(TokenStrip(), result, size=(700, 200))
    assert not is_dark()
    theme.set_theme("dark")
    QApplication.processEvents()
    assert is_dark(QGuiApplication.palette())
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.3
    background = view.heatmap().graphics_view().backgroundBrush().color()
    assert background.lightnessF() < 0.2, background.name()
    axis = view.heatmap().plot_item().getAxis("left")
    assert axis.textPen().color().lightnessF() > 0.7
    colours = theme_colours()
    assert _contrast(colours.text, colours.chip_fill) >= 7.0
    assert _contrast(colours.muted, colours.plot_background) >= 3.0
    image = grab(strip)
    plain = strip.chip_rect(1)
    assert colour_at(image, plain.center().x(), plain.top() + 2) == colours.chip_fill.name()
    theme.set_theme("light")
    QApplication.processEvents()
    assert not is_dark()
    assert view.heatmap().graphics_view().backgroundBrush().color().lightnessF() > 0.9
    assert _contrast(theme_colours().text, theme_colours().chip_fill) >= 7.0


def test_system_follows_a_change_of_the_colour_scheme_while_running(theme, monkeypatch, qapp):
    from mlm_desktop.app import theme as theme_module

    theme.set_theme("system")
    assert not is_dark()
    monkeypatch.setattr(theme_module, "system_is_dark", lambda _palette: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark()
    theme.set_theme("light")  # the user's choice holds whatever the system says
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark()


def test_a_desktop_that_names_no_scheme_is_read_by_its_palette(qapp):
    from mlm_desktop.app.theme import dark_palette, system_is_dark

    if QGuiApplication.styleHints().colorScheme() != Qt.ColorScheme.Unknown:
        pytest.skip("this platform names its colour scheme")
    assert system_is_dark(dark_palette()) is True
    assert system_is_dark(qapp.style().standardPalette()) is False
