"""The logit lens: every layer's cells checked against the model's own modules, step by step."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mlm_desktop.core import AnalysisRequest, InputError, analyze
from mlm_desktop.core.analyses import ANALYSES
from mlm_desktop.core.analyses import logit_lens as lens
from mlm_desktop.core.analyses.logit_lens_types import LensSettings
from mlm_desktop.core.errors import AnalysisCancelled, MLMDesktopError

MASK = (3, 4, 8)
ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France. <mask> café"


def _head_by_hand(model, hidden: torch.Tensor) -> torch.Tensor:
    """The family's head written out module by module (independent of mlm_head)."""
    if hasattr(model, "cls"):  # BERT: transform (dense, activation, norm), then decoder
        t = model.cls.predictions.transform
        return model.cls.predictions.decoder(t.LayerNorm(t.transform_act_fn(t.dense(hidden))))
    head = model.lm_head  # RoBERTa: dense, gelu, layer norm, decoder
    return head.decoder(head.layer_norm(F.gelu(head.dense(hidden))))


def _reference(lm, parent, rows):
    """(Y, R, V) logits of every layer at ``rows``, from a plain transformers forward."""
    ids = torch.tensor(parent.masked_input_ids)[None]
    with torch.no_grad():
        out = lm.model(input_ids=ids, output_hidden_states=True)
        layers = [_head_by_hand(lm.model, h[0, rows]) for h in out.hidden_states]
    return torch.stack(layers), out.logits[0, rows]


def _lens(lm, parent, **settings):
    return lens.run(lm, lens.request_for(parent, None, LensSettings(**settings)))


@pytest.fixture(scope="module")
def bert_parent(tiny_bert, notebook_text):
    return analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=MASK, top_k=7))


@pytest.fixture(scope="module")
def roberta_parent(tiny_roberta):
    return analyze(tiny_roberta, AnalysisRequest(ROBERTA_TEXT, mask_positions=(2, 5)))


@pytest.fixture(params=["bert", "roberta"])
def family(request, tiny_bert, tiny_roberta, bert_parent, roberta_parent):
    return {"bert": (tiny_bert, bert_parent), "roberta": (tiny_roberta, roberta_parent)}[request.param]


def test_the_unit_is_registered_as_a_follow_up_of_the_masked_lm_pass():
    unit = ANALYSES["logit_lens"]
    assert unit.follows == "masked_lm" and unit.run.resolve() is lens.run


@pytest.mark.parametrize("all_positions", [False, True])
def test_every_cell_equals_the_head_applied_by_hand(family, all_positions):
    lm, parent = family
    result = _lens(lm, parent, all_positions=all_positions)
    rows = list(range(parent.num_tokens)) if all_positions else parent.prediction_positions.tolist()
    assert result.rows.tolist() == rows
    assert result.num_layers == lm.num_layers + 1 == 3
    logits, model_logits = _reference(lm, parent, rows)
    torch.testing.assert_close(logits[-1], model_logits, rtol=1e-5, atol=1e-5)
    probs = logits.softmax(-1)
    top_probs, top_ids = probs.topk(parent.top_k, dim=-1)
    np.testing.assert_array_equal(result.top_ids, top_ids.numpy())
    np.testing.assert_allclose(result.top_probs, top_probs.numpy(), rtol=1e-5, atol=1e-7)
    for row, position in enumerate(rows):
        if position in parent.typed_mask_positions:
            assert result.original_ids[row] == -1 and result.original_rank[:, row].tolist() == [0] * 3
            assert np.isnan(result.original_logprob[:, row]).all()
            continue
        original = int(parent.input_ids[position])
        beaten = (logits[:, row] > logits[:, row, original, None]).sum(-1) + 1
        assert result.original_rank[:, row].tolist() == beaten.tolist()
        np.testing.assert_allclose(result.original_probability()[:, row],
                                   probs[:, row, original].numpy(), rtol=1e-5, atol=1e-8)


def test_the_last_layer_is_exactly_the_masked_lm_prediction(family):
    lm, parent = family
    result = _lens(lm, parent)
    last = result.num_layers - 1
    assert [result.prediction(last, i) for i in range(result.num_rows)] == list(parent.predictions())
    every = _lens(lm, parent, all_positions=True)
    np.testing.assert_array_equal(every.top_ids[-1], parent.top_ids)
    np.testing.assert_array_equal(every.top_probs[-1], parent.top_probs)
    known = ~parent.typed_mask
    np.testing.assert_array_equal(every.original_rank[-1][known], parent.original_rank[known])


def test_target_words_are_ranked_at_every_layer(tiny_bert, bert_parent):
    result = _lens(tiny_bert, bert_parent, targets=("lincoln", "president", "lincolnite"))
    words = [t.word for t in result.targets]
    assert words == ["lincoln", "president", "lincolnite"]
    rows = bert_parent.prediction_positions.tolist()
    logits, _ = _reference(tiny_bert, bert_parent, rows)
    for g, target in enumerate(result.targets):
        assert target.tracked_id == tiny_bert.tokenizer.convert_tokens_to_ids(target.pieces[0])
        picked = logits[..., target.tracked_id]
        np.testing.assert_array_equal(result.target_rank[..., g],
                                      ((logits > picked[..., None]).sum(-1) + 1).numpy())
        np.testing.assert_allclose(result.target_probability()[..., g],
                                   logits.softmax(-1)[..., target.tracked_id].numpy(), rtol=1e-5)
    several = result.targets[2]
    assert several.first_piece_only and several.pieces == ("lincoln", "##ite")
    assert any("'lincolnite' is 2 pieces" in n and "first piece 'lincoln'" in n for n in result.notes)
    assert not result.targets[0].first_piece_only


def test_a_target_is_read_as_a_word_inside_a_sentence(tiny_roberta, roberta_parent):
    result = _lens(tiny_roberta, roberta_parent, targets=("the", "Paris"))
    the, paris = result.targets
    # byte-level BPE: the word after a space, as "sat on the mat" holds it
    assert the.pieces == ("Ġthe",) and the.tracked_label == "the"
    # this tiny vocabulary has " Paris" as a bare space marker and two pieces: the marker is no piece
    assert paris.pieces == ("Par", "is") and paris.first_piece_only


def test_no_final_norm_is_claimed_for_bert_and_roberta(family):
    lm, parent = family
    result = _lens(lm, parent)
    assert result.final_norm is None
    assert not any("final norm" in n for n in result.notes)


def test_no_masked_token_gives_empty_rows(tiny_bert, notebook_text):
    parent = analyze(tiny_bert, AnalysisRequest(notebook_text))
    result = _lens(tiny_bert, parent)
    assert result.top_ids.shape == (3, 0, 5) and result.num_rows == 0


def test_chunks_bound_the_logits_held_and_do_not_change_the_numbers(tiny_bert, bert_parent,
                                                                     monkeypatch):
    whole = _lens(tiny_bert, bert_parent, all_positions=True, targets=("the",))
    held = []
    cell_logits = lens._cell_logits
    monkeypatch.setattr(lens, "_cell_logits", lambda *a: held.append(cell_logits(*a)) or held[-1])
    vocab = tiny_bert.model.config.vocab_size
    monkeypatch.setattr(lens, "CHUNK_BYTES", 4 * vocab * 10)  # ten cells at a time
    chunked = _lens(tiny_bert, bert_parent, all_positions=True, targets=("the",))
    cells = 3 * bert_parent.num_tokens
    assert len(held) == -(-cells // 10) and max(len(h) for h in held) == 10
    for name in ("top_ids", "original_rank", "target_rank"):
        np.testing.assert_array_equal(getattr(chunked, name), getattr(whole, name))
    # another chunk shape sums the matrix product in another order: float32 rounding only
    np.testing.assert_allclose(chunked.top_probs, whole.top_probs, rtol=1e-5)


def test_progress_is_reported_and_cancelling_stops_between_chunks(tiny_bert, bert_parent,
                                                                  monkeypatch):
    monkeypatch.setattr(lens, "CHUNK_BYTES", 4 * tiny_bert.model.config.vocab_size * 10)
    request = lens.request_for(bert_parent, None, LensSettings(all_positions=True))
    reports = []
    lens.run(tiny_bert, request, progress=lambda done, total: reports.append((done, total)))
    total = reports[-1][1]
    assert reports == [(done, total) for done in range(1, total + 1)] and total > 3
    asked = []

    def cancelled():
        asked.append(True)
        return len(asked) > 3  # a newer request came while the third chunk ran

    with pytest.raises(AnalysisCancelled):
        lens.run(tiny_bert, request, cancelled=cancelled)
    assert len(asked) == 4


@pytest.mark.parametrize(
    "settings, message",
    [
        pytest.param({"targets": ("x" * 61,)}, "longer than 60 characters", id="61-character target"),
        pytest.param({"targets": tuple(f"w{i}" for i in range(21))}, "at most 20 target words",
                     id="21 targets"),
        pytest.param({"targets": (b"lincoln",)}, "must be a string", id="bytes target"),
        pytest.param({"all_positions": "yes"}, "must be True or False", id="all_positions text"),
    ],
)
def test_bad_settings_are_one_plain_message(settings, message):
    with pytest.raises(InputError, match=message):
        LensSettings(**settings)


def test_target_words_are_split_on_commas_stripped_and_kept_once():
    assert LensSettings(targets="lincoln, president,, lincoln ").targets == ("lincoln", "president")


def test_a_target_that_gives_no_token_is_noted_and_left_out(tiny_bert, bert_parent):
    invisible = "\u200b"  # a zero-width space: named by its escape, since it cannot be seen
    result = _lens(tiny_bert, bert_parent, targets=(invisible, "lincoln"))
    assert [t.word for t in result.targets] == ["lincoln"]
    assert result.target_rank.shape == (3, 3, 1)
    assert "The target word '\\u200b' gives no token of this model's vocabulary: it is not " \
        "followed." in result.notes


def test_a_word_outside_the_vocabulary_is_noted_as_tracked_by_the_unknown_token(tiny_bert,
                                                                                bert_parent):
    result = _lens(tiny_bert, bert_parent, targets=("🙂",))
    assert result.targets[0].tracked_label == "[UNK]"
    assert "'🙂' is not in the vocabulary: it is tracked as [UNK]." in result.notes


def test_a_model_that_gives_no_hidden_states_is_one_plain_message(tiny_bert, bert_parent,
                                                                  monkeypatch):
    forward = tiny_bert.model.forward

    def without_hidden_states(*args, **kwargs):
        output = forward(*args, **kwargs)
        output.hidden_states = None
        return output

    monkeypatch.setattr(tiny_bert.model, "forward", without_hidden_states)
    with pytest.raises(MLMDesktopError, match="does not give its hidden states"):
        lens.run(tiny_bert, lens.request_for(bert_parent))


def test_ids_of_another_model_are_refused(tiny_roberta, bert_parent):
    with pytest.raises(InputError, match="tokenized for another model"):
        lens.run(tiny_roberta, lens.request_for(bert_parent))


def test_a_request_whose_rows_lie_outside_the_text_is_refused(bert_parent):
    request = lens.request_for(bert_parent)
    with pytest.raises(InputError, match="mask position"):
        type(request)(**{**request.__dict__, "rows": (bert_parent.num_tokens,)})


def test_a_text_longer_than_the_model_reads_is_refused(tiny_roberta, tiny_bert):
    """A lens asked of a result of a model that reads more tokens (as after a model switch)."""
    # characters the BERT vocabulary lacks: every token is [UNK], an id RoBERTa's vocabulary has
    parent = analyze(tiny_bert, AnalysisRequest("\u2603 " * 200, mask_positions=MASK))
    assert parent.num_tokens > tiny_roberta.max_length
    assert max(parent.masked_input_ids) < tiny_roberta.model.get_input_embeddings().num_embeddings
    with pytest.raises(InputError, match="tokenized for another model"):
        _lens(tiny_roberta, parent)
