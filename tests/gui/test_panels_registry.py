"""Every registered panel: a consistent registry entry and a widget that draws, clears and redraws.

The registry (:data:`mlm_desktop.panels.registry.PANELS`) is the list of
panels the window hosts; a panel added there is checked here with no new test.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Signal
from widget_fixtures import NOTEBOOK_MASK, ROBERTA_TEXT

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import ANALYSES
from mlm_desktop.core.analyses.base import never_cancelled, no_progress
from mlm_desktop.core.options import DEFAULT_OPTIONS
from mlm_desktop.panels.protocol import INTENT_SIGNALS, Panel
from mlm_desktop.panels.registry import OPTIONAL_OUTPUTS, PANELS, PanelSpec

SIZE = (700, 400)
# as the window asks: the head check follows the pass (the loss panel draws both)
EVERY_OUTPUT = {"output_hidden_states": True, "output_attentions": True, "keep_full_logits": True,
                "head_check_later": True}
NO_OUTPUT = {"output_hidden_states": False, "output_attentions": False, "keep_full_logits": False,
             "head_check_later": True}

each_panel = pytest.mark.parametrize("spec", PANELS, ids=[spec.id for spec in PANELS])


def with_follow_ups(lm, parent) -> dict:
    """The masked-LM result and every follow-up of it, by kind, as the window asks for them."""
    results = {"masked_lm": parent}
    for unit in ANALYSES.values():
        if unit.follows == "masked_lm":
            request = unit.request_for(parent, DEFAULT_OPTIONS, None)
            results[unit.kind] = unit.run(lm, request, never_cancelled, no_progress)
    return results


@pytest.fixture(scope="module")
def bert_results(tiny_bert, notebook_text):
    """Results of every analysis kind on the tiny BERT, with every optional output."""
    return with_follow_ups(tiny_bert, analyze(
        tiny_bert, AnalysisRequest(notebook_text, mask_positions=NOTEBOOK_MASK, **EVERY_OUTPUT)
    ))


@pytest.fixture(scope="module")
def bert_results_without_outputs(tiny_bert, notebook_text):
    """As ``bert_results``, with none of the optional outputs (what hidden panels leave out)."""
    return with_follow_ups(tiny_bert, analyze(
        tiny_bert, AnalysisRequest(notebook_text, mask_positions=NOTEBOOK_MASK, **NO_OUTPUT)
    ))


@pytest.fixture(scope="module")
def roberta_results(tiny_roberta):
    """Results of every analysis kind on the tiny RoBERTa (a typed <mask> among them)."""
    return with_follow_ups(tiny_roberta, analyze(
        tiny_roberta, AnalysisRequest(ROBERTA_TEXT, mask_positions=(2, 5), **EVERY_OUTPUT)
    ))


def result_of_kind(results: dict, spec: PanelSpec):
    assert spec.kind in results, f"no test result of kind {spec.kind!r} for panel {spec.id}"
    return results[spec.kind]


def draw_clear_draw(place, spec: PanelSpec, result):
    """Make the panel, show it with ``result``, clear it, draw it again and point at tokens."""
    panel = place(spec.factory(), size=SIZE)
    # a masked token; a text's score has no masks (it is of the text as typed): a scored one
    position = int(getattr(result, "mask_positions", getattr(result, "positions", None))[0])
    pointable = hasattr(panel, "highlight_token")
    panel.set_result(result)
    panel.set_result(None)
    if pointable:  # the host may pass on a hover while a panel is empty
        panel.highlight_token(position)
        panel.highlight_token(-1)
    panel.set_result(result)
    if pointable:
        panel.highlight_token(position)
        panel.highlight_token(-1)
    return panel


def test_panel_ids_are_unique():
    ids = [spec.id for spec in PANELS]
    assert len(ids) == len(set(ids))
    assert PANELS, "the window shows at least one panel"


@each_panel
def test_the_spec_names_a_known_kind_and_known_outputs(spec):
    assert spec.kind in ANALYSES
    assert spec.needs <= OPTIONAL_OUTPUTS


@each_panel
def test_the_panel_follows_the_protocol(place, spec):
    panel = place(spec.factory())
    assert isinstance(panel, Panel)
    for name in INTENT_SIGNALS:  # token_hovered among them
        if hasattr(panel, name):
            assert isinstance(getattr(type(panel), name), Signal), f"{spec.id}.{name}"


@each_panel
def test_the_panel_draws_clears_and_redraws_a_result_of_its_kind(place, spec, bert_results):
    draw_clear_draw(place, spec, result_of_kind(bert_results, spec))


@each_panel
def test_the_panel_draws_a_result_without_optional_outputs(place, spec,
                                                            bert_results_without_outputs):
    draw_clear_draw(place, spec, result_of_kind(bert_results_without_outputs, spec))


@each_panel
def test_the_panel_draws_clears_and_redraws_a_roberta_result(place, spec, roberta_results):
    draw_clear_draw(place, spec, result_of_kind(roberta_results, spec))
