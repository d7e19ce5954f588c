"""The window on text a newcomer types: masks of another family, characters the vocabulary lacks."""

from __future__ import annotations

from mlm_desktop.core.token_text import MASK_SPELLINGS


def test_a_typed_mask_of_another_family_is_the_models_mask(open_window, tiny_roberta_dir):
    controller = open_window(text="Paris is the <mask> of France.")
    window = controller.window
    result = controller.session.result
    assert result.typed_mask_positions.size == 1
    assert "<" not in result.tokens and "mask" not in result.tokens
    predictions = window.panel("predictions")
    assert predictions.displayed_positions() == result.typed_mask_positions.tolist()
    (position,) = result.typed_mask_positions.tolist()
    assert predictions.row_texts()[0] == f"Position {position} · <mask> typed in the text"
    placeholder = window.editor.placeholderText()
    assert all(spelling in placeholder for spelling in MASK_SPELLINGS)
    assert "this model's mask token is [MASK]" in placeholder
    assert "this model's mask token is [MASK]" in window.editor.toolTip()

    roberta = open_window(model=str(tiny_roberta_dir), text="Paris is the [MASK] of France.")
    assert roberta.session.result.typed_mask_positions.size == 1
    assert "this model's mask token is <mask>" in roberta.window.editor.placeholderText()


def test_text_the_vocabulary_lacks_is_warned_about_and_marked(open_window):
    controller = open_window(text="ꙮꙮ ꙮ the ꙮ cat")
    window = controller.window
    result = controller.session.result
    unknown = [p for p, token in enumerate(result.tokens) if token == "[UNK]"]
    warning = window.banner.message("warnings")
    assert warning is not None and f"{len(unknown)} of " in warning and "[UNK]" in warning
    strip = window.panel("tokens")
    assert [p for p in range(strip.chip_count()) if strip.chip_unknown(p)] == unknown
