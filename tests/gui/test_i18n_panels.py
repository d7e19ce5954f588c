"""Every panel in Simplified Chinese: its words come from resources/i18n, its behaviour stays.

Each panel is built while the translation compiled from the .ts sources is
installed, shown with a real result (and empty), and every word-bearing
string it shows (labels, buttons, tabs, combo items, tooltips, headers, axis
titles) must be Chinese. Without the translation these tests fail: the
English strings hold no Chinese.
"""

from __future__ import annotations

import pytest
from zh_translation import is_chinese, untranslated

from mlm_desktop.core import AnalysisRequest
from mlm_desktop.core.analyses import attention, geometry, joint_fill, logit_lens, pll, saliency
from mlm_desktop.core.analyses.attention_types import request_for_result
from mlm_desktop.core.compare import compare_models
from mlm_desktop.panels.compare_panel import ComparePanel
from mlm_desktop.panels.hidden_states_view import ALL_LAYERS, DIMENSION, LAYER, HiddenStatesView
from mlm_desktop.panels.logits_heatmap import ALL_POSITIONS, PROBABILITIES, LogitsHeatmap
from mlm_desktop.panels.registry import PANELS
from mlm_desktop.panels.saliency_panel import SaliencyPanel

#: words the Chinese interface keeps as they are (the glossary's "logits", formula names)
KEPT = ("logits", "logit", "exp(loss)", "MLM", "PC1", "PC2", "argmax", "rollout", "Rollout", "log p", "id",
        "1 − cos")
#: widgets that show the text, its tokens or model names: data, not words to translate
DATA = {
    "saliency": lambda panel: (panel._position, panel._candidate),
    "jointFill": lambda panel: tuple(panel._sentences.values()),
    "compare": lambda panel: (panel._models, panel._split),  # the split words and their pieces
}


@pytest.fixture(scope="module")
def follow_ups(tiny_bert, tiny_roberta, result):
    """Each follow-up's result on the notebook text with three masks, and a comparison."""
    text = "After Abraham Lincoln won the November 1860 presidential election."
    return {
        "logit_lens": logit_lens.run(tiny_bert, logit_lens.request_for(result, None, None)),
        "attention": attention.run(tiny_bert, request_for_result(result)),
        "geometry": geometry.run(tiny_bert, geometry.request_for(result)),
        "pll": pll.run(tiny_bert, pll.request_for(result)),
        "joint_fill": joint_fill.run(tiny_bert, joint_fill.request_for(result, None, None)),
        "saliency": saliency.run(tiny_bert, saliency.request_for(result, None, None)),
        "compare": compare_models(tiny_bert, tiny_roberta, AnalysisRequest(text, mask_positions=(2, 3))),
    }


def _result_for(spec, result, follow_ups):
    return result if spec.kind == "masked_lm" else follow_ups[spec.kind]


@pytest.mark.parametrize("spec", PANELS, ids=[s.id for s in PANELS])
def test_each_panel_shows_its_words_in_chinese_with_a_result(zh, place, spec, result, follow_ups):
    panel = place(spec.factory(), _result_for(spec, result, follow_ups), size=(1000, 700))
    data = DATA[spec.id](panel) if spec.id in DATA else ()
    assert untranslated(panel, KEPT, data) == []


@pytest.mark.parametrize("spec", PANELS, ids=[s.id for s in PANELS])
def test_each_panel_shows_its_words_in_chinese_while_empty(zh, place, spec):
    panel = place(spec.factory(), size=(1000, 700))
    panel.set_result(None)
    assert untranslated(panel, KEPT) == []


def test_the_comparison_panel_speaks_chinese(zh, place, follow_ups):
    panel = place(ComparePanel(), follow_ups["compare"], size=(1000, 700))
    assert untranslated(panel, KEPT, DATA["compare"](panel)) == []
    assert is_chinese(panel.losses_text()) and is_chinese(panel.split_text())


def test_every_panel_title_is_translated_and_keeps_its_english_key(zh):
    for spec in PANELS:
        assert is_chinese(spec.shown_title), spec.id
        assert not is_chinese(spec.title)  # the key saved layouts and tests know
    assert {spec.id: spec.shown_title for spec in PANELS}["logitLens"] == "Logit 透镜"


def test_the_english_is_unchanged_without_the_translation(place, result):
    heatmap = place(LogitsHeatmap(), result, size=(800, 500))
    assert [heatmap.mode_box().itemText(i) for i in range(2)] == ["Masked positions", "All positions"]
    assert untranslated(heatmap, KEPT) != []  # the check above can fail


def test_translated_combo_items_keep_their_keys(zh, qtbot, place, result):
    heatmap = place(LogitsHeatmap(), result, size=(800, 500))
    assert heatmap.mode_box().itemText(1) == "所有位置"
    with qtbot.waitSignal(heatmap.choices_changed):
        heatmap.mode_box().setCurrentIndex(1)
    with qtbot.waitSignal(heatmap.choices_changed):
        heatmap.value_box().setCurrentIndex(1)
    assert heatmap.mode() == ALL_POSITIONS and heatmap.value_kind() == PROBABILITIES
    assert heatmap.image_array().shape[0] == result.num_tokens  # every position is a row

    view = place(HiddenStatesView(), result, size=(800, 500))
    seen = []
    view.scale_mode_changed.connect(seen.append)
    for index in range(3):
        view._scale_box.setCurrentIndex(index)
    assert seen == [LAYER, DIMENSION] and view.scale_mode() == DIMENSION
    view.set_scale_mode(ALL_LAYERS)  # the stored key still picks its item
    assert view._scale_box.currentText() == "所有层相同"


def test_the_saliency_method_keeps_its_key_under_a_translated_name(zh, place, follow_ups):
    panel = place(SaliencyPanel(), follow_ups["saliency"], size=(800, 500))
    box = panel._method
    assert [box.itemText(i) for i in range(box.count())] == ["积分梯度", "梯度 × 输入"]
    assert [box.itemData(i) for i in range(box.count())] == ["ig", "gxi"]
    assert "积分梯度" in panel.summary()


def test_numbers_and_tokens_survive_the_translation(zh, place, result):
    heatmap = place(LogitsHeatmap(), result, size=(800, 500))
    heatmap.set_mode(ALL_POSITIONS)
    note = heatmap.note_text()
    assert note.startswith("列：每个位置的前 3 个候选词")
    assert f"共 {result.candidate_ids.size} 个" in note


def test_a_subclass_of_a_panel_keeps_the_panel_s_translations(zh, place, result):
    """PySide6's tr() looks up the instance's class and then its bases (lupdate files the
    strings under the class that holds the code)."""

    class Wider(LogitsHeatmap):
        pass

    heatmap = place(Wider(), result, size=(800, 500))
    assert heatmap.mode_box().itemText(0) == "已掩码位置"
