"""A seeded random walk through the real window ends showing exactly the final state.

Hundreds of clicks, edits, pastes, model switches, re-rolls, option changes
and dock toggles, most without waiting, so that requests pile up and replace
one another. Once the window is idle, what it shows must equal a fresh
analysis of the final text, masks and model computed by the core alone; no
result may ever have been shown out of order or for another text; nothing may
have raised or logged an error (pytest-qt fails a test on an exception in a
Qt slot; tests/gui/conftest.py fails one on Qt's thread warnings); and
closing must stop the worker thread. A follow-up analysis (a token count of the result on screen) with its own
dock rides along, so that follow-ups are replaced, dropped and redrawn too.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from count_follow_up import COUNT, COUNT_SPEC, COUNT_UNIT
from PySide6.QtWidgets import QApplication
from random_walk import RandomWalk
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import ANALYSES, registry
from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM
from mlm_desktop.core.spans import positions_for_spans
from mlm_desktop.panels.registry import PANELS

STEPS = 300


def settled(controller) -> bool:
    """Nothing left to do: no debounce, no load, no work, the latest results shown."""
    analysis = controller.analysis
    ledger = analysis.ledger
    window = controller.window
    if analysis.debounce.isActive() or controller.models.loading_source is not None:
        return False
    if window.figures.busy_bar.isVisibleTo(window) or controller.session.result is None:
        return False
    shown = ledger.shown(MASKED_LM)
    if shown is None or shown != ledger.latest(MASKED_LM):
        return False
    in_view = window.panels.kinds_in_view()
    for kind, unit in analysis.analyses.items():
        if unit.follows == MASKED_LM and kind in in_view:
            done = ledger.shown(kind)
            if done is None or ledger.parent_of(done) != shown:
                return False
    return True


def wait_until_settled(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: settled(controller), timeout=RESULT_TIMEOUT_MS)


@pytest.fixture
def walk_window(qtbot, open_window, tiny_bert_dir):
    controller = open_window(
        text="After Abraham Lincoln won the November 1860 presidential election.",
        panels=(*PANELS, COUNT_SPEC), analyses=registry([*ANALYSES.values(), COUNT_UNIT]),
    )
    controller.window.show()
    qtbot.waitExposed(controller.window)
    return controller


class Record:
    """Everything the window showed or reported during the walk."""

    def __init__(self, controller) -> None:
        self.controller = controller
        #: per result shown: its request id, and whether it was for the text and model of the moment
        self.shown: list[tuple[int, bool, bool]] = []
        self.failures: list[str] = []
        self.load_failures: list[str] = []
        #: per follow-up shown: whether it followed the result on screen
        self.follow_ups: list[bool] = []
        controller.result_applied.connect(self._on_result)
        controller.analysis.follow_up_applied.connect(self._on_follow_up)
        controller.analysis_error.connect(self.failures.append)
        controller.model_load_failed.connect(self.load_failures.append)

    def _on_result(self, result) -> None:
        c = self.controller
        fresh_text = result.text == c.session.text == c.window.text()
        self.shown.append((c.analysis.ledger.shown(MASKED_LM), fresh_text,
                           result.model_name == c.model.name))


    def _on_follow_up(self, kind, result) -> None:
        """Every follow-up shown belongs to the masked-LM result on screen."""
        shown = self.controller.session.result
        if kind == COUNT:
            self.follow_ups.append(
                result.text == shown.text and result.masked == tuple(shown.mask_positions.tolist()))
            return
        # the layer views: the same text, model and (where they keep them) token ids
        same = result.text == shown.text and result.model_name == shown.model_name
        ids = getattr(result, "input_ids", None)
        if ids is not None:
            same = same and np.array_equal(np.asarray(ids), shown.masked_input_ids)
        if not same:
            print(f"stale {kind}: {result.text[:40]!r} vs {shown.text[:40]!r}, "
                  f"{result.model_name} vs {shown.model_name}, ids {ids} vs {shown.masked_input_ids}")
        self.follow_ups.append(bool(same))


def _fresh(loaded, text, options, positions=(), draw=None):
    request = AnalysisRequest(
        text=text, mask_positions=positions, top_k=options.top_k, whole_word=options.whole_word,
        random_probability=None if draw is None else draw[0],
        seed=None if draw is None else draw[1],
        output_hidden_states=False, output_attentions=False,
    )
    return analyze(loaded, request)


def _check_display_equals_fresh_analysis(controller, loaded, draw):
    """What the window shows is the core's analysis of the final text, masks and model.

    The masks are those on screen, or, when the walk's last mask action was
    a random draw that no result had shown yet, that draw.
    """
    window, session = controller.window, controller.session
    shown = session.result
    text = window.text()
    options = window.options_bar.options()
    strip = window.panel("tokens")
    chips = [p for p in range(strip.chip_count()) if strip.chip_kind(p) == "masked"]
    fresh = _fresh(loaded, text, options, tuple(chips), draw)

    assert shown.text == session.text == text
    assert shown.model_name == fresh.model_name
    assert Path(loaded.name).name in window.figures.model_label.text()
    assert shown.tokens == fresh.tokens
    assert strip.chip_count() == fresh.num_tokens
    assert shown.mask_positions.tolist() == fresh.mask_positions.tolist() == chips
    # the session's masks, resolved against the model's own tokenization, are those shown
    maskable = ~np.asarray(fresh.special_mask) & ~np.asarray(fresh.typed_mask)
    assert positions_for_spans(fresh.offsets, maskable, session.mask_spans) == tuple(chips)
    assert shown.top_k == fresh.top_k == window.options_bar.top_k_spin.value()
    rows = fresh.prediction_positions
    np.testing.assert_array_equal(shown.prediction_positions, rows)
    np.testing.assert_array_equal(shown.top_ids[rows], fresh.top_ids[rows])
    np.testing.assert_allclose(shown.per_token_loss, fresh.per_token_loss, atol=1e-5)
    np.testing.assert_allclose(shown.loss_all, fresh.loss_all, atol=1e-5)
    if fresh.loss_masked is None:
        assert shown.loss_masked is None
    else:
        np.testing.assert_allclose(shown.loss_masked, fresh.loss_masked, atol=1e-5)
    # every panel in view draws that result
    assert window.panels.result(MASKED_LM) is shown
    assert window.panel("predictions").displayed_positions() == rows.tolist()
    # the status bar, the banner and the editor's shading describe it too
    assert window.figures.length_label.text() == f"{fresh.num_tokens} tokens"
    assert (window.banner.message("warnings") is not None) == bool(fresh.warnings)
    assert window.banner.message("analysis") is None
    _check_shading(window, fresh, chips)
    count = window.panel(COUNT).current
    assert count is not None and count.text == text
    assert count.masked == tuple(chips) and count.tokens == fresh.num_tokens


def _check_shading(window, fresh, chips):
    """The editor shades exactly the characters of the masked tokens (code points, emoji too)."""
    text = fresh.text
    selections = window.editor.extraSelections()
    spans_now = window.editor.highlighted_spans()
    shaded = [span for span, sel in zip(spans_now, selections, strict=True)
              if not sel.format.fontUnderline()]  # the hovered token is underlined
    spans = [(int(a), int(b)) for a, b in fresh.offsets[chips].tolist()]
    assert sorted(text[a:b] for a, b in shaded) == sorted(text[a:b] for a, b in spans if b > a)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_walk_ends_showing_a_fresh_analysis_of_the_final_state(
    qtbot, walk_window, seed, tiny_bert_dir, tiny_roberta_dir, tiny_bert, tiny_roberta,
    broken_model_dir, caplog
):
    controller = walk_window
    caplog.set_level(logging.WARNING, logger="mlm_desktop")
    models = {str(tiny_bert_dir): tiny_bert, str(tiny_roberta_dir): tiny_roberta}
    record = Record(controller)
    walk = RandomWalk(qtbot, controller, list(models), seed, broken=str(broken_model_dir))

    walk.run(STEPS)
    walk.ensure_text()
    draw = walk.draw
    wait_until_settled(qtbot, controller)
    # every dock back in view: each panel draws what it missed while hidden
    controller.window.panels.show_all()
    wait_until_settled(qtbot, controller)

    trail = "\n".join(walk.log[-30:])
    assert not record.failures, f"{record.failures}\nlast steps:\n{trail}"
    assert all("config.json" in m for m in record.load_failures), record.load_failures
    # a failed load keeps the model loaded before it
    loaded = {str(Path(m).resolve()): m for m in models}
    model = loaded[controller.model.name]
    if walk.chosen_model in models:
        assert model == walk.chosen_model, trail
    try:
        _check_display_equals_fresh_analysis(controller, models[model], draw)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\nlast steps:\n{trail}") from exc
    ids = [request_id for request_id, _text, _model in record.shown]
    assert ids == sorted(set(ids)), "an older result was shown after a newer one"
    assert all(text for _id, text, _model in record.shown), "a result for another text was shown"
    assert all(model for _id, _text, model in record.shown), "a result of another model was shown"
    assert record.follow_ups and all(record.follow_ups), "a follow-up of an older result was shown"
    assert controller.analysis.ledger.shown(MASKED_LM) == controller.analysis.ledger.latest(MASKED_LM)
    assert len(ids) < STEPS, "superseded requests were not skipped"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors

    controller.window.close()
    assert not controller.worker.running


def test_window_closed_in_the_middle_of_a_walk_stops_its_worker(
    qtbot, walk_window, tiny_bert_dir, tiny_roberta_dir, caplog
):
    controller = walk_window
    caplog.set_level(logging.WARNING, logger="mlm_desktop")
    record = Record(controller)
    walk = RandomWalk(qtbot, controller, [str(tiny_bert_dir), str(tiny_roberta_dir)], seed=7)
    walk.run(60)
    # requests, a load perhaps, still on their way
    walk.switch_model()
    walk.type_words()
    controller.window.close()
    assert not controller.worker.running
    shown = len(record.shown)
    # what the worker had sent before it stopped reaches a closed window: it is ignored
    QApplication.processEvents()
    assert len(record.shown) == shown
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
