"""One analysis: every number checked against an independent computation."""

import dataclasses

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mlm_desktop.core import AnalysisRequest, InputError, analyze
from mlm_desktop.core.loading import eager_attention

MASK = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)  # the notebook's 17


def _reference(lm, masked_ids):
    """A plain transformers forward, independent of the code under test.

    Eager, as the ``result`` below asks for attention weights: exact ranks
    could otherwise differ at a near tie by SDPA's rounding (1e-7).
    """
    ids = torch.tensor(masked_ids)[None]
    with torch.no_grad(), eager_attention(lm.model):
        out = lm.model(input_ids=ids, output_hidden_states=True)
    return out


@pytest.fixture(scope="module")
def result(tiny_bert, notebook_text):
    request = AnalysisRequest(notebook_text, mask_positions=MASK, top_k=7, output_attentions=True)
    return analyze(tiny_bert, request)


def test_masked_input_replaces_exactly_the_chosen_tokens(result, tiny_bert):
    assert result.mask_positions.tolist() == list(MASK)
    changed = np.flatnonzero(result.masked_input_ids != result.input_ids)
    assert changed.tolist() == list(MASK)
    assert (result.masked_input_ids[list(MASK)] == tiny_bert.mask_token_id).all()


def test_losses_equal_transformers_own_loss(result, tiny_bert):
    ids = torch.tensor(result.masked_input_ids)[None]
    original = torch.tensor(result.input_ids)[None]
    masked_only = torch.full_like(original, -100)
    masked_only[0, list(MASK)] = original[0, list(MASK)]
    with torch.no_grad():
        loss_masked = tiny_bert.model(input_ids=ids, labels=masked_only).loss.item()
        # the notebook's convention: labels are a copy of every input id
        loss_all = tiny_bert.model(input_ids=ids, labels=original).loss.item()
    assert result.loss_masked == pytest.approx(loss_masked, rel=1e-5)
    assert result.loss_all == pytest.approx(loss_all, rel=1e-5)
    assert result.perplexity_masked == pytest.approx(np.exp(loss_masked), rel=1e-5)


def test_losses_equal_a_plain_cross_entropy(result, tiny_bert):
    logits = _reference(tiny_bert, result.masked_input_ids).logits[0]
    labels = torch.tensor(result.input_ids)
    ce = torch.nn.CrossEntropyLoss()
    assert result.loss_all == pytest.approx(ce(logits, labels).item(), rel=1e-5)
    idx = list(MASK)
    assert result.loss_masked == pytest.approx(ce(logits[idx], labels[idx]).item(), rel=1e-5)
    per_token = F.cross_entropy(logits, labels, reduction="none").numpy()
    np.testing.assert_allclose(result.per_token_loss, per_token, rtol=1e-5, atol=1e-6)


def test_top_k_equals_softmax_of_the_logits(result, tiny_bert):
    logits = _reference(tiny_bert, result.masked_input_ids).logits[0]
    probs = torch.softmax(logits, dim=-1)
    top = probs.topk(7, dim=-1)
    np.testing.assert_array_equal(result.top_ids, top.indices.numpy())
    np.testing.assert_allclose(result.top_probs, top.values.numpy(), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(
        result.top_logits, logits.gather(1, top.indices).numpy(), rtol=1e-5, atol=1e-6
    )
    assert result.predicted_ids.tolist() == logits.argmax(-1).tolist()


def test_predictions_carry_the_original_tokens_rank_and_probability(result, tiny_bert):
    logits = _reference(tiny_bert, result.masked_input_ids).logits[0]
    probs = torch.softmax(logits, dim=-1)
    preds = result.predictions()
    assert [p.position for p in preds] == list(MASK)
    for pred in preds:
        original_id = int(result.input_ids[pred.position])
        row = probs[pred.position]
        assert pred.original_id == original_id
        assert pred.original == result.tokens[pred.position]
        # 1-based: 1 + how many tokens the model scores higher
        assert pred.original_rank == 1 + int((row > row[original_id]).sum())
        assert pred.correct == (int(row.argmax()) == original_id)
        assert pred.original_probability == pytest.approx(row[original_id].item(), rel=1e-4)
        assert len(pred.candidates) == 7
        assert pred.candidates[0].id == int(row.argmax())
    expected_acc = np.mean([p.original_rank == 1 for p in preds])
    assert result.accuracy_masked == pytest.approx(expected_acc)


def test_original_rank_is_one_based_at_every_position(result, tiny_bert):
    logits = _reference(tiny_bert, result.masked_input_ids).logits[0]
    labels = torch.tensor(result.input_ids)
    original_logit = logits.gather(1, labels[:, None])
    expected = [1 + int((row > value).sum()) for row, value in zip(logits, original_logit, strict=True)]
    assert result.original_rank.tolist() == expected
    top = logits.argmax(-1) == labels
    assert (result.original_rank[top.numpy()] == 1).all()
    assert (result.original_rank[~top.numpy()] > 1).all()


def test_a_top_candidate_is_rank_one_and_correct(result):
    pred = result.prediction_at(MASK[0])
    assert dataclasses.replace(pred, original_rank=1).correct is True
    assert dataclasses.replace(pred, original_rank=2).correct is False
    assert dataclasses.replace(pred, original_rank=None).correct is None


def test_hidden_states_and_attentions(result, tiny_bert):
    ref = _reference(tiny_bert, result.masked_input_ids)
    layers = tiny_bert.model.config.num_hidden_layers
    assert result.hidden_states.shape == (layers + 1, 62, 32)
    assert result.num_hidden_states == layers + 1
    for i, h in enumerate(ref.hidden_states):
        np.testing.assert_allclose(result.hidden_states[i], h[0].numpy(), rtol=1e-5, atol=1e-5)
    assert result.attentions.shape == (layers, 2, 62, 62)
    np.testing.assert_allclose(result.attentions.sum(-1), 1.0, rtol=1e-5)


def test_head_check_reproduces_logits_from_scratch(result, tiny_bert):
    """The notebook's section 4: cls(hidden_states[-1]) equals the logits."""
    assert result.head_check_max_abs_diff is not None
    assert result.head_check_max_abs_diff < 1e-5
    last = torch.tensor(result.hidden_states[-1])[None]
    with torch.no_grad():
        transformed = tiny_bert.model.cls.predictions.transform(last)
        logits = tiny_bert.model.cls.predictions.decoder(transformed)[0]
    labels = torch.tensor(result.input_ids)
    idx = list(MASK)
    plain = torch.nn.CrossEntropyLoss()(logits[idx], labels[idx]).item()
    assert result.head_check_loss_masked == pytest.approx(plain, rel=1e-5)


def test_head_check_over_every_position_as_the_notebook(tiny_bert, notebook_text):
    r = analyze(
        tiny_bert,
        AnalysisRequest(notebook_text, mask_positions=MASK, head_check_all_positions=True),
    )
    assert r.head_check_row_count == 62
    assert r.head_check_max_abs_diff < 1e-5
    assert r.head_check_loss_all == pytest.approx(r.loss_all, rel=1e-5)
    default = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASK))
    assert default.head_check_row_count == len(MASK) + 2  # masked rows, first and last
    assert default.head_check_loss_all is None


def test_heatmap_candidates_and_probabilities(result, tiny_bert):
    logits = _reference(tiny_bert, result.masked_input_ids).logits[0]
    union = list(dict.fromkeys(result.top_ids.reshape(-1).tolist()))
    assert result.candidate_ids.tolist() == union
    np.testing.assert_allclose(
        result.candidate_logits, logits[:, union].numpy(), rtol=1e-5, atol=1e-5
    )
    probs = result.probabilities(result.candidate_logits)
    np.testing.assert_allclose(
        probs, torch.softmax(logits, -1)[:, union].numpy(), rtol=1e-4, atol=1e-7
    )


def test_notebook_sentences(result):
    assert result.original_text.split() == list(result.tokens)
    masked = result.masked_text.split()
    assert [i for i, t in enumerate(masked) if t == "[MASK]"] == list(MASK)
    assert len(result.predicted_text.split()) == 62


def test_result_is_immutable_and_numpy_only(result):
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.loss_all = 0.0
    with pytest.raises(ValueError):
        result.hidden_states[0, 0, 0] = 1.0
    for f in dataclasses.fields(result):
        assert not isinstance(getattr(result, f.name), torch.Tensor)
    assert result.full_logits is None


def test_full_logits_only_when_asked(tiny_bert, notebook_text):
    r = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3,), keep_full_logits=True))
    assert r.full_logits.shape == (62, tiny_bert.tokenizer.vocab_size)


def test_nothing_masked_gives_no_masked_loss(tiny_bert, notebook_text):
    r = analyze(tiny_bert, AnalysisRequest(notebook_text))
    assert r.loss_masked is None and r.accuracy_masked is None
    assert r.predictions() == ()
    assert np.isfinite(r.loss_all)


def test_typed_mask_gets_predictions_but_no_loss(tiny_bert):
    text = "the cat sat on the [MASK]."
    r = analyze(tiny_bert, AnalysisRequest(text, mask_positions=(2,)))
    typed = r.tokens.index("[MASK]")
    assert r.typed_mask_positions.tolist() == [typed]
    assert r.prediction_positions.tolist() == [2, typed]
    pred = r.prediction_at(typed)
    assert pred.original is None and pred.original_rank is None and len(pred.candidates) == 5
    assert np.isnan(r.per_token_loss[typed])
    # loss_all averages every position except the typed mask
    scored = [i for i in range(r.num_tokens) if i != typed]
    assert r.loss_all == pytest.approx(float(np.mean(r.per_token_loss[scored])), rel=1e-6)
    assert r.loss_masked == pytest.approx(float(r.per_token_loss[2]), rel=1e-6)


def test_roberta_family_analysis(tiny_roberta):
    text = "Paris is the capital of <mask>."
    r = analyze(tiny_roberta, AnalysisRequest(text, random_probability=0.5, seed=3))
    assert r.mask_token == "<mask>"
    assert r.head_check_max_abs_diff < 1e-5
    assert not r.special_mask[r.mask_positions].any()
    assert len(r.predictions()) == len(r.mask_positions) + 1


def test_truncation_notice_in_result(tiny_bert):
    r = analyze(tiny_bert, AnalysisRequest(" ".join(["word"] * 300), mask_positions=(5,)))
    assert r.truncated_tokens == 174
    assert any("174 tokens were dropped" in w for w in r.warnings)


def test_bad_requests_are_clear_errors(tiny_bert):
    with pytest.raises(InputError, match="top-k"):
        AnalysisRequest("text", top_k=0)
    with pytest.raises(InputError, match="special token"):
        analyze(tiny_bert, AnalysisRequest("hello world", mask_positions=(0,)))


def test_a_very_long_text_says_how_much_of_it_was_analysed(tiny_bert):
    text = "word " * 200_000  # 1,000,000 characters, read only as far as 128 tokens need
    r = analyze(tiny_bert, AnalysisRequest(text, mask_positions=(5,)))
    assert r.num_tokens == 128 and r.truncated_tokens > 0
    assert r.text == text
    analysed = int(r.offsets[:, 1].max())
    assert analysed == 126 * 5 - 1
    assert f"only its first {analysed:,} of 1,000,000 characters were analysed" in r.warnings[-1]


def test_row_reductions_in_blocks_equal_whole_matrix_reductions():
    """The blocked reductions give exactly what torch gives on the whole matrix."""
    import torch

    from mlm_desktop.core.analyses.masked_lm import REDUCTION_ROWS, row_reductions

    torch.manual_seed(0)
    for rows in (1, REDUCTION_ROWS - 1, REDUCTION_ROWS, 3 * REDUCTION_ROWS + 5):
        logits = torch.randn(rows, 997)
        original = logits[torch.arange(rows), torch.randint(0, 997, (rows,))]
        lse, rank, top_logits, top_ids = row_reductions(logits, original, 7)
        assert torch.equal(lse, torch.logsumexp(logits, dim=-1))
        assert torch.equal(rank, (logits > original[:, None]).sum(dim=-1) + 1)
        expected_logits, expected_ids = logits.topk(7, dim=-1)
        assert torch.equal(top_logits, expected_logits) and torch.equal(top_ids, expected_ids)
