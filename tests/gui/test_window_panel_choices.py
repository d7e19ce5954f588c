"""The panels' choices (hidden-state layer and scale, logits heatmap rows and colour) outlive a restart."""

from __future__ import annotations

import pytest

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _shown_hidden_states(controller, qtbot):
    """The hidden-state view, brought to the front and drawn."""
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    window.panels.docks["hiddenStates"].raise_()
    hidden = controller.window.panel("hiddenStates")
    qtbot.waitUntil(lambda: hidden.layer_count() > 0, timeout=60_000)
    return hidden


def test_the_panels_choices_come_back_after_a_restart(open_window, reopen_settings, qtbot):
    first = open_window(text=TEXT)
    hidden = _shown_hidden_states(first, qtbot)
    logits = first.window.panel("logitsHeatmap")
    # as the user would: the slider, then the combo boxes
    hidden.layer_slider().setValue(2)
    hidden.scale_box().setCurrentIndex(hidden.scale_box().findData("dimension"))
    logits.mode_box().setCurrentIndex(logits.mode_box().findData("all"))
    logits.value_box().setCurrentIndex(logits.value_box().findData("probabilities"))
    first.shutdown()

    second = open_window(model=None, settings=reopen_settings())
    hidden = second.window.panel("hiddenStates")
    logits = second.window.panel("logitsHeatmap")
    assert hidden.chosen_layer() == 2 and hidden.scale_mode() == "dimension"
    assert logits.mode() == "all" and logits.value_kind() == "probabilities"
    assert not second.settings.ignored


def test_a_layer_shown_after_the_restart_is_the_one_remembered(open_window, reopen_settings,
                                                               qtbot):
    first = open_window(text=TEXT)
    _shown_hidden_states(first, qtbot).layer_slider().setValue(1)
    first.shutdown()

    second = open_window(model=None, settings=reopen_settings())
    hidden = _shown_hidden_states(second, qtbot)
    assert hidden.current_layer() == 1 and hidden.layer_name().startswith("layer 1")


@pytest.mark.parametrize(
    ("key", "value"),
    [("panels/hidden_layer", "minus one"), ("panels/hidden_layer", -3),
     ("panels/hidden_scale", "rainbow"), ("panels/logits_rows", 7),
     ("panels/logits_colour", "loudness")],
)
def test_a_stored_choice_that_cannot_be_used_gives_the_default(
    open_window, app_settings, key, value
):
    app_settings.hidden_layer = 2
    app_settings.qsettings.setValue(key, value)
    app_settings.sync()
    controller = open_window(text=TEXT)
    hidden = controller.window.panel("hiddenStates")
    logits = controller.window.panel("logitsHeatmap")
    expected_layer = 0 if key == "panels/hidden_layer" else 2
    assert hidden.chosen_layer() == expected_layer
    assert hidden.scale_mode() == "all layers"
    assert (logits.mode(), logits.value_kind()) == ("masked", "logits")
    assert key in controller.settings.ignored
