"""Tokenizing: real bert-base-uncased tokenization, offsets, specials, odd text."""

import numpy as np
import pytest

from mlm_desktop.core import InputError, tokens
from mlm_desktop.core.token_text import with_own_mask
from mlm_desktop.core.tokens import tokenize

# The notebook's input ids for its Civil War paragraph (bert-base-uncased).
NOTEBOOK_IDS = [
    101, 2044, 8181, 5367, 2180, 1996, 2281, 7313, 4883, 2602, 2006, 2019, 3424, 1011, 8864,
    4132, 1010, 2019, 3988, 2698, 6658, 2163, 4161, 2037, 22965, 2013, 1996, 2406, 2000, 2433,
    1996, 18179, 1012, 2162, 3631, 2041, 1999, 2258, 6863, 2043, 22965, 2923, 2749, 4457, 3481,
    7680, 3334, 1999, 2148, 3792, 1010, 2074, 2058, 1037, 3204, 2044, 5367, 1005, 1055, 17331,
    1012, 102,
]


def test_notebook_text_gives_the_notebooks_62_tokens(tiny_bert, notebook_text):
    tok = tokenize(tiny_bert.tokenizer, notebook_text, tiny_bert.max_length)
    assert len(tok) == 62
    assert tok.input_ids.tolist() == NOTEBOOK_IDS
    assert " ".join(tok.tokens).startswith("[CLS] after abraham lincoln won")
    assert tok.tokens[45:47] == ("sum", "##ter")
    assert tok.truncated_tokens == 0


def test_offsets_point_at_the_tokens_characters(tiny_bert, notebook_text):
    tok = tokenize(tiny_bert.tokenizer, notebook_text, tiny_bert.max_length)
    for i, (start, end) in enumerate(tok.offsets):
        if tok.special_mask[i]:
            continue
        piece = tok.tokens[i].removeprefix("##")
        assert notebook_text[start:end].lower() == piece


def test_special_tokens_and_word_ids(tiny_bert, notebook_text):
    tok = tokenize(tiny_bert.tokenizer, notebook_text, tiny_bert.max_length)
    assert tok.special_mask[0] and tok.special_mask[-1]
    assert tok.special_mask.sum() == 2
    assert tok.word_ids[0] == -1 and tok.word_ids[-1] == -1
    # "sum" and "##ter" are one word; "secession ##ist" too
    assert tok.word_ids[45] == tok.word_ids[46]
    assert tok.word_ids[40] == tok.word_ids[41]
    assert tok.word_ids[44] != tok.word_ids[45]


def test_typed_mask_token_is_masked_not_special(tiny_bert):
    tok = tokenize(tiny_bert.tokenizer, "the cat sat on the [MASK].", tiny_bert.max_length)
    pos = tok.tokens.index("[MASK]")
    assert tok.typed_mask[pos] and not tok.special_mask[pos]
    assert not tok.maskable[pos]


def test_roberta_typed_mask_and_offsets(tiny_roberta):
    text = "Paris is the capital of <mask>."
    tok = tokenize(tiny_roberta.tokenizer, text, tiny_roberta.max_length)
    assert tok.typed_mask.sum() == 1
    assert tok.tokens[0] == tiny_roberta.tokenizer.cls_token
    for i, (start, end) in enumerate(tok.offsets):
        if not tok.special_mask[i] and not tok.typed_mask[i]:
            assert end > start
            assert text[start:end].strip()
    # byte-level markers are not hard-coded: labels come from the tokenizer
    assert "capital" in "".join(tok.labels)


@pytest.mark.parametrize("text", ["Emoji 🙂 here", "東京 is a city", "déjà vu, naïve café"])
def test_odd_text_tokenizes_with_sane_offsets(tiny_bert, tiny_roberta, text):
    for lm in (tiny_bert, tiny_roberta):
        tok = tokenize(lm.tokenizer, text, lm.max_length)
        assert len(tok) >= 3
        spans = tok.offsets[~tok.special_mask]
        assert (spans[:, 1] >= spans[:, 0]).all() and spans.max() <= len(text)


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_is_a_clear_error(tiny_bert, text):
    with pytest.raises(InputError, match="empty"):
        tokenize(tiny_bert.tokenizer, text, tiny_bert.max_length)


def test_long_text_is_truncated_with_a_count(tiny_bert):
    text = " ".join(["word"] * 300)  # 300 tokens + 2 specials
    tok = tokenize(tiny_bert.tokenizer, text, tiny_bert.max_length)
    assert len(tok) == tiny_bert.max_length == 128
    assert tok.truncated_tokens == 302 - 128
    assert tok.special_mask[-1]


def test_arrays_are_read_only(tiny_bert):
    tok = tokenize(tiny_bert.tokenizer, "hello world", tiny_bert.max_length)
    with pytest.raises(ValueError):
        tok.input_ids[0] = 5
    assert isinstance(tok.offsets, np.ndarray)


class _Recording:
    """A tokenizer that notes the length of every text it is given."""

    def __init__(self, tokenizer):
        self._tokenizer = tokenizer
        self.lengths: list[int] = []

    def __call__(self, text, *args, **kwargs):
        self.lengths.append(len(text))
        return self._tokenizer(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._tokenizer, name)


def _whole_then_truncated(lm, text):
    """What tokenizing the whole text and truncating it gives (the reference), a typed
    mask of either spelling read as the model's own, offsets in ``text``."""
    own, where = with_own_mask(text, lm.tokenizer.mask_token)
    enc = lm.tokenizer(
        own, truncation=True, max_length=lm.max_length,
        return_offsets_mapping=True, return_special_tokens_mask=True,
    )
    offsets = [(int(where[s]), int(where[e])) for s, e in enc["offset_mapping"]]
    return enc["input_ids"], offsets, enc.word_ids()


@pytest.mark.parametrize("family", ["bert", "roberta"])
def test_a_long_text_is_read_only_as_far_as_the_model_can_use(request, family):
    lm = request.getfixturevalue(f"tiny_{family}")
    text = "the cat sat on the mat. " * 40_000  # about 1 MB
    recording = _Recording(lm.tokenizer)
    tok = tokenize(recording, text, lm.max_length)
    assert max(recording.lengths) <= 64 * lm.max_length
    ids, offsets, words = _whole_then_truncated(lm, text[: 64 * lm.max_length])
    assert tok.input_ids.tolist() == ids
    assert len(tok) == lm.max_length and tok.truncated_tokens > 0
    assert tok.read_chars < len(text)


@pytest.mark.parametrize("family", ["bert", "roberta"])
@pytest.mark.parametrize("chars_per_token", [1, 2, 3, 5])
@pytest.mark.parametrize(
    "text",
    [
        "after abraham lincoln won the november 1860 presidential election " * 6,
        "supercalifragilisticexpialidocious " * 40,
        "unbelievably" * 300 + " tail",
        "東京 is a city. Emoji 🙂🙂 and accents: über, déjà vu.  two  spaces " * 10,
        "x\u0007y \u0000z e\u0301 a\u200bb, it's   [MASK] <mask> " * 20,
    ],
)
def test_reading_a_prefix_gives_what_the_whole_text_gives(
    request, monkeypatch, family, chars_per_token, text
):
    lm = request.getfixturevalue(f"tiny_{family}")
    monkeypatch.setattr(tokens, "PREFIX_CHARS_PER_TOKEN", chars_per_token)
    tokens._tokenize.cache_clear()
    tok = tokenize(lm.tokenizer, text, lm.max_length)
    ids, offsets, words = _whole_then_truncated(lm, text)
    assert tok.input_ids.tolist() == ids
    assert [tuple(o) for o in tok.offsets.tolist()] == offsets
    assert tok.word_ids.tolist() == [-1 if w is None else w for w in words]
