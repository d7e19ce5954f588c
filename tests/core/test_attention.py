"""Attention: every head, the means and the rollout, checked against transformers' own weights."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from transformers import AutoModelForMaskedLM

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import ANALYSES
from mlm_desktop.core.analyses.attention import run
from mlm_desktop.core.analyses.attention_types import AttentionRequest, request_for_result
from mlm_desktop.core.attention_math import check_any_kept, hide_special
from mlm_desktop.core.errors import AnalysisCancelled, InputError, MLMDesktopError
from mlm_desktop.core.loading import eager_attention

MASK = (3, 4, 8)
ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France."
FAMILIES = ["bert", "roberta"]


@pytest.fixture(scope="module", params=FAMILIES)
def case(request, notebook_text):
    """(family, loaded model, its folder, masked-LM result, attention result)."""
    family = request.param
    lm = request.getfixturevalue(f"tiny_{family}")
    folder = request.getfixturevalue(f"tiny_{family}_dir")
    text = notebook_text if family == "bert" else ROBERTA_TEXT
    parent = analyze(lm, AnalysisRequest(text, mask_positions=MASK, output_attentions=False))
    return family, lm, folder, parent, run(lm, request_for_result(parent))


def reference_attentions(folder, input_ids) -> np.ndarray:
    """(L, H, T, T) float64 from a model loaded eager by transformers itself, not by the app."""
    model = AutoModelForMaskedLM.from_pretrained(folder, attn_implementation="eager").eval()
    with torch.no_grad():
        out = model(input_ids=torch.tensor(np.asarray(input_ids))[None], output_attentions=True)
    return torch.stack([a[0] for a in out.attentions]).double().numpy()


def test_models_load_with_the_fast_attention_and_stay_with_it(tiny_bert, tiny_roberta):
    for lm in (tiny_bert, tiny_roberta):
        assert lm.attention_implementation == "sdpa"


def test_sdpa_and_eager_give_the_same_logits(case):
    _family, lm, _folder, parent, _result = case
    ids = torch.tensor(parent.masked_input_ids)[None]
    with torch.no_grad():
        fast = lm.model(input_ids=ids, output_hidden_states=True)
        with eager_attention(lm.model):
            assert lm.attention_implementation == "eager"
            slow = lm.model(input_ids=ids, output_hidden_states=True)
    assert lm.attention_implementation == "sdpa"
    torch.testing.assert_close(fast.logits, slow.logits, atol=1e-5, rtol=0)
    for a, b in zip(fast.hidden_states, slow.hidden_states, strict=True):
        torch.testing.assert_close(a, b, atol=1e-5, rtol=0)


def test_the_fast_implementation_comes_back_after_an_error(tiny_bert):
    with pytest.raises(RuntimeError), eager_attention(tiny_bert.model):
        raise RuntimeError("boom")
    assert tiny_bert.attention_implementation == "sdpa"


def test_the_masked_lm_pass_is_eager_only_when_attentions_are_asked_for(tiny_bert, monkeypatch):
    seen = []
    forward = type(tiny_bert.model).forward

    def spy(model, *args, **kwargs):
        seen.append(model.config._attn_implementation)
        return forward(model, *args, **kwargs)

    monkeypatch.setattr(type(tiny_bert.model), "forward", spy)
    plain = analyze(tiny_bert, AnalysisRequest("the cat sat on the mat.", output_attentions=False))
    weighed = analyze(tiny_bert, AnalysisRequest("the cat sat on the mat.", output_attentions=True))
    assert seen == ["sdpa", "eager"]
    assert plain.attentions is None
    assert weighed.attentions.shape == (2, 2, 9, 9)
    np.testing.assert_allclose(weighed.attentions.sum(-1), 1.0, atol=1e-5)
    assert tiny_bert.attention_implementation == "sdpa"


def test_shapes_are_layers_heads_tokens_tokens(case):
    _family, lm, _folder, parent, result = case
    layers, heads, tokens = lm.num_layers, lm.model.config.num_attention_heads, parent.num_tokens
    assert result.heads.shape == (layers, heads, tokens, tokens)
    assert result.layer_means.shape == result.rollout.shape == (layers, tokens, tokens)
    assert result.thumbnails.shape == (layers, heads, min(tokens, 32), min(tokens, 32))
    assert result.heads.dtype == np.float16 and result.layer_means.dtype == np.float32
    assert result.labels == parent.labels and result.implementation == "eager"
    assert result.input_ids.tolist() == parent.masked_input_ids.tolist()
    assert result.mask_positions.tolist() == list(MASK)
    assert not result.heads.flags.writeable and not result.rollout.flags.writeable


def test_every_row_sums_to_one(case):
    result = case[-1]
    np.testing.assert_allclose(result.heads.astype(np.float64).sum(-1), 1.0, atol=2e-3)
    np.testing.assert_allclose(result.layer_means.sum(-1), 1.0, atol=1e-5)
    np.testing.assert_allclose(result.rollout.sum(-1), 1.0, atol=1e-5)


def test_heads_and_means_equal_transformers_own_attentions(case):
    _family, _lm, folder, parent, result = case
    expected = reference_attentions(folder, parent.masked_input_ids)
    np.testing.assert_allclose(result.heads, expected, atol=1e-3, rtol=1e-3)  # float16
    np.testing.assert_allclose(result.layer_means, expected.mean(axis=1), atol=1e-6)
    np.testing.assert_allclose(result.matrix(1, 0), expected[1, 0], atol=1e-3)
    np.testing.assert_array_equal(result.matrix(1, None), result.layer_means[1])


def test_rollout_equals_a_step_by_step_computation(case):
    _family, _lm, folder, parent, result = case
    expected = reference_attentions(folder, parent.masked_input_ids)
    identity = np.eye(expected.shape[-1])
    rolled = identity
    for layer in range(expected.shape[0]):
        averaged = expected[layer].mean(axis=0)  # the heads' mean
        with_residual = averaged + identity  # the residual connection
        with_residual /= with_residual.sum(axis=1, keepdims=True)  # rows renormalised
        rolled = with_residual @ rolled  # this layer after the ones below
        np.testing.assert_allclose(result.rollout[layer], rolled, atol=1e-5)


def test_thumbnails_are_each_heads_map_pooled(case, tiny_bert):
    result = case[-1]
    heads = result.heads.astype(np.float64)
    # 62 tokens into 32 cells: the first cell averages tokens 0 and 1 of both axes
    if result.num_tokens > 32:
        np.testing.assert_allclose(result.thumbnails[..., 0, 0], heads[..., :2, :2].mean((-1, -2)),
                                   atol=1e-3)
    short = analyze(tiny_bert, AnalysisRequest("the cat sat.", output_attentions=False))
    small = run(tiny_bert, request_for_result(short))
    np.testing.assert_allclose(small.thumbnails, small.heads.astype(np.float32), atol=1e-3)
    # and without the special tokens: each head's map as hide_special shows it
    assert small.thumbnails_without_special.shape == (2, 2, 4, 4)
    for layer in range(2):
        for head in range(2):
            hidden, _ = hide_special(small.matrix(layer, head), small.special_mask)
            np.testing.assert_allclose(small.thumbnails_without_special[layer, head], hidden,
                                       atol=2e-3)


def test_hiding_special_tokens_renormalises_every_row(case):
    _family, _lm, _folder, parent, result = case
    for matrix in (result.matrix(0, 1), result.layer_means[1], result.rollout[-1]):
        hidden, positions = hide_special(matrix, result.special_mask)
        assert positions.tolist() == np.flatnonzero(~parent.special_mask).tolist()
        assert hidden.shape == (len(positions), len(positions))
        np.testing.assert_allclose(hidden.sum(axis=1), 1.0, atol=1e-5)
        kept = matrix[np.ix_(positions, positions)].astype(np.float64)
        np.testing.assert_allclose(hidden, kept / kept.sum(axis=1, keepdims=True), atol=1e-6)


def test_hiding_keeps_a_row_with_no_weight_left_at_zero():
    matrix = np.array([[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.2, 0.3, 0.5]])
    hidden, positions = hide_special(matrix, np.array([True, False, False]))
    assert positions.tolist() == [1, 2]
    np.testing.assert_allclose(hidden, [[1.0, 0.0], [0.375, 0.625]])
    zero, _ = hide_special(np.array([[1.0, 0.0], [1.0, 0.0]]), np.array([True, False]))
    np.testing.assert_array_equal(zero, [[0.0]])


def test_a_text_of_special_tokens_only_has_nothing_left_to_show():
    with pytest.raises(InputError, match="every token of this text is a special token"):
        check_any_kept(np.array([True, True]))


def test_the_unit_is_a_follow_up_of_the_masked_lm_result(case):
    _family, _lm, _folder, parent, _result = case
    unit = ANALYSES["attention"]
    assert unit.follows == "masked_lm"
    request = unit.request_for(parent, None, None)
    assert request.input_ids == tuple(parent.masked_input_ids.tolist())
    assert request.special_mask == tuple(parent.special_mask.tolist())


def test_it_stops_between_layers_when_cancelled(case):
    _family, lm, _folder, parent, _result = case
    done = []
    with pytest.raises(AnalysisCancelled):
        run(lm, request_for_result(parent), cancelled=lambda: len(done) >= 1,
            progress=lambda d, t: done.append((d, t)))
    assert done == [(1, lm.num_layers)]
    assert lm.attention_implementation == "sdpa"


def test_a_model_whose_attention_cannot_switch_says_so(tiny_bert, monkeypatch):
    def refuse(_implementation):
        raise ValueError("not supported")

    monkeypatch.setattr(tiny_bert.model, "set_attn_implementation", refuse)
    request = AttentionRequest("hi", (101, 7632, 102), (True, False, True), ("[CLS]", "hi", "[SEP]"))
    with pytest.raises(MLMDesktopError, match="does not return attention weights"):
        run(tiny_bert, request)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"input_ids": ()}, "between 1 and"),
        ({"input_ids": (101, -4, 102)}, "token id must be a whole number"),
        ({"input_ids": "abc"}, "list of whole numbers"),
        ({"labels": ("a",)}, "one special flag and one label per token"),
        ({"mask_positions": (7,)}, "mask position must be a whole number from 0 to 2"),
        ({"text": b"hi"}, "must be a string"),
    ],
)
def test_bad_requests_are_plain_errors(fields, message):
    base = {"text": "hi", "input_ids": (101, 7632, 102), "special_mask": (True, False, True),
            "labels": ("[CLS]", "hi", "[SEP]")}
    with pytest.raises(InputError, match=message):
        AttentionRequest(**{**base, **fields})


def test_more_tokens_than_the_model_takes_is_a_plain_error(tiny_bert):
    count = tiny_bert.max_length + 1
    request = AttentionRequest("x", (7,) * count, (False,) * count, ("x",) * count)
    with pytest.raises(InputError, match="more than .* takes"):
        run(tiny_bert, request)


def test_a_family_without_sdpa_loads_eager_and_shows_its_attention(tmp_path):
    """MegatronBERT has no SDPA: it loads eager, and nothing is switched for attention."""
    from tiny_models import BERT_VOCAB, SMALL
    from transformers import BertTokenizer, MegatronBertConfig, MegatronBertForMaskedLM

    from mlm_desktop.core import load_model

    tokenizer = BertTokenizer(vocab=str(BERT_VOCAB), do_lower_case=True)
    torch.manual_seed(0)
    config = MegatronBertConfig(vocab_size=tokenizer.vocab_size, max_position_embeddings=64, **SMALL)
    MegatronBertForMaskedLM(config).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    lm = load_model(str(tmp_path), device="cpu")
    assert lm.attention_implementation == "eager"
    parent = analyze(lm, AnalysisRequest("the cat sat on the mat.", mask_positions=(3,),
                                         output_attentions=True))
    result = run(lm, request_for_result(parent))
    assert result.heads.shape == (2, 2, 9, 9) and lm.attention_implementation == "eager"
    expected = reference_attentions(tmp_path, parent.masked_input_ids)
    np.testing.assert_allclose(result.layer_means, expected.mean(axis=1), atol=1e-6)
    np.testing.assert_allclose(parent.attentions, expected, atol=1e-6)
