"""A first run (no stored session) opens on the notebook's own state, so every panel is at work."""

from __future__ import annotations

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.options import DEFAULT_OPTIONS
from mlm_desktop.core.resources import sample_text


def test_first_run_shows_the_sample_with_the_notebooks_random_masks(open_window, tiny_bert):
    controller = open_window()
    result = controller.session.result
    assert result.text == sample_text()
    expected = analyze(tiny_bert, AnalysisRequest(
        sample_text(), random_probability=DEFAULT_OPTIONS.mask_probability,
        seed=DEFAULT_OPTIONS.seed))
    assert result.mask_positions.tolist() == expected.mask_positions.tolist()
    assert len(result.mask_positions) > 0
    assert controller.window.panel("predictions").tree().topLevelItemCount() > 0


def test_a_later_run_keeps_the_users_own_masks(open_window, reopen_settings, qtbot):
    first = open_window()
    with qtbot.waitSignal(first.result_applied, timeout=60_000):
        first.window.clear_masks_requested.emit()
    first.shutdown()
    again = open_window(settings=reopen_settings())
    assert again.session.result.mask_positions.tolist() == []
