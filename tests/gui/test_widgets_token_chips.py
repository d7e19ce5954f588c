"""Token chips read as the text: characters from offsets, unknown tokens marked, stable widths."""

from __future__ import annotations

import pytest
from widget_fixtures import unmasked_result

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.token_text import MORE_BYTES_MARK
from mlm_desktop.panels import TokenStrip


def test_masking_a_chip_moves_no_other_chip(place, result, notebook_text, tiny_bert):
    """Masked chips are bold and marked, but no wider: fast clicks along a line hit their aim."""
    strip = place(TokenStrip(), unmasked_result(tiny_bert, notebook_text), size=(600, 300))
    before = [strip.chip_rect(p) for p in range(strip.chip_count())]
    strip.set_result(result)  # tokens 3, 4 and 8 masked
    assert [strip.chip_kind(p) for p in (3, 4, 8)] == ["masked"] * 3
    assert [strip.chip_rect(p) for p in range(strip.chip_count())] == before


def test_byte_level_chips_show_the_characters_they_cover(place, tiny_roberta):
    text = "Emoji 🙂 and café"
    result = analyze(tiny_roberta, AnalysisRequest(text))
    strip = place(TokenStrip(), result, size=(600, 200))
    chips = [strip.chip_text(p) for p in range(strip.chip_count())]
    assert "🙂" in chips and "ð" not in chips and MORE_BYTES_MARK in chips
    assert "fé" in chips and not any("Ã" in chip for chip in chips)
    emoji = chips.index("🙂")
    tooltip = strip.tooltip_text(emoji)
    assert result.tokens[emoji] in tooltip and "“🙂”" in tooltip  # the raw piece, and its text


def test_bert_chips_show_the_texts_own_case(place, result):
    strip = place(TokenStrip(), result, size=(600, 260))
    assert result.tokens[2] == "abraham" and strip.chip_text(2) == "Abraham"
    sumter = result.tokens.index("##ter")
    assert strip.chip_text(sumter) == "ter" and strip.chip_text(0) == "[CLS]"


@pytest.fixture
def unknown_result(tiny_bert):
    return analyze(tiny_bert, AnalysisRequest("ꙮꙮ the ꙮ cat", mask_positions=(1,)))


def test_unknown_tokens_are_marked_and_explained(place, unknown_result):
    strip = place(TokenStrip(), unknown_result, size=(600, 200))
    unknown = [p for p in range(strip.chip_count()) if strip.chip_unknown(p)]
    assert unknown == [p for p, t in enumerate(unknown_result.tokens) if t == "[UNK]"]
    assert unknown and not strip.chip_unknown(unknown_result.tokens.index("the"))
    assert strip.chip_text(unknown[0]) == "ꙮꙮ"
    tooltip = strip.tooltip_text(unknown[0])
    assert "unknown to the vocabulary" in tooltip and "scored against [UNK]" in tooltip
    assert any("[UNK]" in w for w in unknown_result.warnings)


def test_a_typed_mask_says_which_mask_token_the_model_uses(place, tiny_bert, tiny_roberta):
    for lm, foreign, own in ((tiny_bert, "<mask>", "[MASK]"), (tiny_roberta, "[MASK]", "<mask>")):
        text = f"Paris is the {foreign} of France."
        result = analyze(lm, AnalysisRequest(text))
        strip = place(TokenStrip(), result, size=(600, 200))
        (typed,) = result.typed_mask_positions.tolist()
        assert strip.chip_kind(typed) == "typed" and strip.chip_text(typed) == foreign
        assert f"this model's mask token is {own.replace('<', '&lt;').replace('>', '&gt;')}" \
            in strip.tooltip_text(typed)
