"""Tokens as people read them, checked against each tokenizer's own decoding."""

import numpy as np
import pytest

from mlm_desktop.core.token_text import (
    MORE_BYTES_MARK,
    WORD_START_MARK,
    TokenScheme,
    _tidied,
    chip_texts,
    token_scheme,
    with_own_mask,
)
from mlm_desktop.core.tokens import UNKNOWN_SHARE_WARNING, tokenize, unknown_token_warning

TEXTS = [
    "Paris is the capital of France.",
    "Emoji 🙂 and café, déjà vu, naïve résumé.",
    "After Abraham Lincoln won the November 1860 presidential election.",
    "東京 is a city; über alles.",
]


@pytest.fixture(params=["bert", "roberta"])
def lm(request, tiny_bert, tiny_roberta):
    return {"bert": tiny_bert, "roberta": tiny_roberta}[request.param]


def test_each_family_is_recognised(tiny_bert, tiny_roberta):
    assert token_scheme(tiny_bert.tokenizer) == TokenScheme(continuation="##", tidy_spaces=True)
    assert token_scheme(tiny_roberta.tokenizer) == TokenScheme(word_start="Ġ", byte_level=True)


@pytest.mark.parametrize("text", TEXTS)
def test_pieces_join_to_the_tokenizers_own_decoding(lm, text):
    tok = tokenize(lm.tokenizer, text, lm.max_length)
    content = np.flatnonzero(~tok.special_mask)
    pieces = token_scheme(lm.tokenizer).pieces([tok.tokens[i] for i in content])
    decoded = lm.tokenizer.decode(tok.input_ids[content].tolist())
    assert "".join(pieces).strip() == decoded.strip()


def test_candidates_show_the_decoded_piece_with_a_word_start_mark(lm):
    """marked(t) reads as the tokenizer decodes t after a word: "a" + " t" or "a" + "t"."""
    tokenizer = lm.tokenizer
    scheme = token_scheme(tokenizer)
    vocab = sorted(tokenizer.get_vocab(), key=tokenizer.get_vocab().get)[:3000]
    starts = continues = 0
    for token in vocab:
        if token in tokenizer.all_special_tokens or token.startswith("[unused"):
            continue
        whole = tokenizer.convert_tokens_to_string(["a", token])
        if "\ufffd" in whole:  # part of a longer character: its bytes are spelled out
            marked = scheme.marked(token)
            assert "<0x" in marked and "\ufffd" not in marked, token
            continue
        marked = scheme.marked(token)
        start = marked.startswith(WORD_START_MARK)
        starts, continues = starts + start, continues + (not start)
        expected = "a " + marked[1:] if start else "a" + marked
        # a tokenizer that tidies spaces joins "a" and "." as "a."
        assert whole in (expected, "".join(_tidied(("a", expected[1:])))), token
    assert starts and continues


def test_word_start_and_continuation_differ_for_byte_level(tiny_roberta):
    scheme = token_scheme(tiny_roberta.tokenizer)
    assert scheme.marked("Ġut") == WORD_START_MARK + "ut" and scheme.marked("ut") == "ut"
    assert scheme.marked("fÃ©") == "fé" and scheme.marked("<mask>") == "<mask>"
    # "ä" is the two bytes C3 A4: a piece holding one of them reads as that byte
    assert scheme.marked("Ã") == "<0xC3>" and scheme.marked("ĠÃ") == WORD_START_MARK + "<0xC3>"
    bert = TokenScheme(continuation="##")
    assert bert.marked("##ut") == "ut" and bert.marked("ut") == WORD_START_MARK + "ut"


def test_chips_show_the_characters_they_cover(tiny_roberta):
    text = "Emoji 🙂 and café"
    tok = tokenize(tiny_roberta.tokenizer, text, tiny_roberta.max_length)
    chips = chip_texts(text, tok.tokens, tok.offsets, tok.special_mask)
    assert "🙂" in chips and "ð" not in chips
    assert "".join(chips).count("🙂") == 1
    emoji = chips.index("🙂")
    assert chips[emoji + 1] == MORE_BYTES_MARK
    assert "fÃ©" in tok.tokens and not any("Ã" in c for c in chips)
    for chip, (start, end), special in zip(chips, tok.offsets, tok.special_mask, strict=True):
        if not special and chip not in (MORE_BYTES_MARK, WORD_START_MARK):
            assert chip == text[start:end]


def test_a_character_split_across_pieces_is_shown_once(tiny_roberta):
    """Byte-level offsets overlap ("naÃ" covers "naï", then "¯" covers "ï" again): the chips
    spell each character of the text once."""
    text = "Garçon, naïve 日本"
    tok = tokenize(tiny_roberta.tokenizer, text, tiny_roberta.max_length)
    chips = chip_texts(text, tok.tokens, tok.offsets, tok.special_mask)
    shown = [c for c, special in zip(chips, tok.special_mask, strict=True)
             if not special and c not in (MORE_BYTES_MARK, WORD_START_MARK)]
    assert "".join(shown) == text.replace(" ", "")


@pytest.mark.parametrize("typed", ["[MASK]", "<mask>"])
def test_either_mask_spelling_is_the_models_mask(lm, typed):
    text = f"Paris is the {typed} of France."
    tok = tokenize(lm.tokenizer, text, lm.max_length)
    assert tok.typed_mask.sum() == 1
    position = int(np.flatnonzero(tok.typed_mask)[0])
    assert tok.input_ids[position] == lm.tokenizer.mask_token_id
    start, end = tok.offsets[position]
    assert text[start:end].strip() == typed
    # every other token's characters are where the tokenizer put them
    own, _where = with_own_mask(text, lm.tokenizer.mask_token)
    plain = tokenize(lm.tokenizer, own, lm.max_length)
    assert plain.input_ids.tolist() == tok.input_ids.tolist()


def test_a_mask_of_another_length_keeps_offsets_right():
    text = "a [MASK] b<mask>[MASK] c"
    own, where = with_own_mask(text, "<longer_mask>")
    assert own == "a <longer_mask> b<longer_mask><longer_mask> c"
    assert len(where) == len(own) + 1
    for start in (own.index("b"), len(own) - 1):
        assert text[where[start]] == own[start]
    first = own.index("<longer_mask>")
    assert text[where[first]:where[first + len("<longer_mask>")]] == "[MASK]"
    second = own.index("<longer_mask><")
    assert text[where[second]:where[second + 13]] == "<mask>"
    assert text[where[second + 13]:where[second + 26]] == "[MASK]"


def test_text_without_a_foreign_mask_is_unchanged():
    own, where = with_own_mask("plain text", "[MASK]")
    assert own == "plain text" and where.tolist() == list(range(11))


def test_unknown_tokens_are_marked_and_warned_about(tiny_bert):
    tokenizer = tiny_bert.tokenizer
    text = "ꙮꙮ ꙮ the ꙮ cat"
    tok = tokenize(tokenizer, text, tiny_bert.max_length)
    assert tok.unknown_mask.tolist() == (tok.input_ids == tokenizer.unk_token_id).tolist()
    unknown = int(tok.unknown_mask.sum())
    assert unknown >= 3
    (warning,) = unknown_token_warning(tok)
    assert f"{unknown} of {len(tok) - 2} tokens are [UNK]" in warning


def test_a_few_unknown_tokens_in_a_long_text_give_no_warning(tiny_bert, notebook_text):
    tok = tokenize(tiny_bert.tokenizer, notebook_text + " ꙮ", tiny_bert.max_length)
    assert tok.unknown_mask.sum() == 1
    assert 1 < UNKNOWN_SHARE_WARNING * (len(tok) - 2)
    assert unknown_token_warning(tok) == ()


def test_labels_of_part_of_a_character_spell_its_bytes(tiny_roberta):
    """Panels label tokens with ``labels``: a piece holding one byte of "ä" (C3 A4)
    reads as that byte, like its candidate, not as a stray glyph or U+FFFD."""
    from mlm_desktop.core.tokens import token_labels

    tokenizer = tiny_roberta.tokenizer
    labels = token_labels(tokenizer, ["Ã", "ĠÃ", "fÃ©", "Ġut"])
    assert labels == ("<0xC3>", "<0xC3>", "fé", "ut")
