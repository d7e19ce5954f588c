"""Hidden-state geometry, checked against explicit computations from transformers' own hidden states.

Each number the unit returns is recomputed here the plain way: cosines pair by
pair, means over distinct pairs by masking, PCA by numpy's SVD of the centred
stack, on the tiny BERT and the tiny RoBERTa (a typed <mask> among its tokens).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mlm_desktop.core import AnalysisRequest, InputError, analyze
from mlm_desktop.core.analyses import ANALYSES
from mlm_desktop.core.analyses.geometry import KIND, request_for, run
from mlm_desktop.core.analyses.geometry_types import GeometryRequest
from mlm_desktop.core.errors import AnalysisCancelled

ROBERTA_TEXT = "The cat sat on the mat. Paris is the capital of France. <mask> café"
MODELS = ("tiny_bert", "tiny_roberta")


@pytest.fixture(scope="module", params=MODELS)
def case(request, notebook_text):
    """(loaded model, masked-LM parent, geometry result, transformers' hidden states (S, T, D))."""
    lm = request.getfixturevalue(request.param)
    if request.param == "tiny_bert":
        parent = analyze(lm, AnalysisRequest(notebook_text, mask_positions=(3, 4, 8)))
    else:
        parent = analyze(lm, AnalysisRequest(ROBERTA_TEXT, mask_positions=(2, 5)))
    result = run(lm, request_for(parent))
    with torch.no_grad():
        out = lm.model(input_ids=torch.tensor(parent.masked_input_ids)[None],
                       output_hidden_states=True)
    hidden = torch.stack([h[0] for h in out.hidden_states]).double().numpy()
    return lm, parent, result, hidden


def direct_cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_the_unit_is_a_registered_follow_up_of_the_masked_lm_pass():
    unit = ANALYSES[KIND]
    assert unit.follows == "masked_lm" and unit.run.resolve() is run


def test_it_runs_exactly_the_ids_the_masked_lm_pass_saw(case):
    lm, parent, result, hidden = case
    np.testing.assert_array_equal(result.input_ids, parent.masked_input_ids)
    assert result.labels == parent.labels and result.tokens == tuple(
        lm.tokenizer.convert_ids_to_tokens(parent.masked_input_ids.tolist()))
    np.testing.assert_array_equal(result.special_mask, parent.special_mask)
    np.testing.assert_array_equal(result.mask_positions, parent.prediction_positions)
    layers, tokens = lm.num_layers + 1, parent.num_tokens
    assert hidden.shape[:2] == (layers, tokens)
    assert result.similarity.shape == (layers, tokens, tokens)
    assert result.similarity.dtype == np.float32 and not result.similarity.flags.writeable
    assert result.pca.shape == (layers, tokens, 2)
    assert result.change.shape == (layers - 1, tokens)
    assert result.anisotropy.shape == result.anisotropy_without_special.shape == (layers,)


def test_cosine_similarity_has_diagonal_one_and_equals_each_pair_computed_directly(case):
    _lm, _parent, result, hidden = case
    layers, tokens, _ = hidden.shape
    for layer in range(layers):
        np.testing.assert_allclose(np.diagonal(result.similarity[layer]), 1.0, atol=1e-5)
        direct = np.array([[direct_cosine(hidden[layer, i], hidden[layer, j])
                            for j in range(tokens)] for i in range(tokens)])
        np.testing.assert_allclose(result.similarity[layer], direct, atol=2e-5)


def test_anisotropy_is_the_mean_cosine_of_distinct_positions_with_and_without_special(case):
    _lm, parent, result, _hidden = case
    tokens = parent.num_tokens
    distinct = ~np.eye(tokens, dtype=bool)
    words = ~parent.special_mask.astype(bool)
    assert 2 <= words.sum() < tokens
    for layer, matrix in enumerate(result.similarity.astype(np.float64)):
        assert result.anisotropy[layer] == pytest.approx(matrix[distinct].mean(), abs=1e-6)
        kept = matrix[np.ix_(words, words)]
        expected = kept[~np.eye(int(words.sum()), dtype=bool)].mean()
        assert result.anisotropy_without_special[layer] == pytest.approx(expected, abs=1e-6)


def test_change_is_one_minus_the_cosine_of_a_token_before_and_after_each_layer(case):
    _lm, _parent, result, hidden = case
    layers, tokens, _ = hidden.shape
    direct = np.array([[1.0 - direct_cosine(hidden[layer, t], hidden[layer - 1, t])
                        for t in range(tokens)] for layer in range(1, layers)])
    np.testing.assert_allclose(result.change, direct, atol=2e-5)


def svd_projection(hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates on the first two principal components by numpy's SVD, and their variance shares.

    Sign convention (the unit's): each component's coordinate of largest magnitude is positive.
    """
    layers, tokens, width = hidden.shape
    stack = hidden.reshape(layers * tokens, width)
    centred = stack - stack.mean(axis=0)
    u, s, _vt = np.linalg.svd(centred, full_matrices=False)
    coordinates = u[:, :2] * s[:2]
    for k in range(2):
        coordinates[:, k] *= np.sign(coordinates[np.argmax(np.abs(coordinates[:, k])), k])
    return coordinates.reshape(layers, tokens, 2), s[:2] ** 2 / np.sum(s**2)


def test_pca_coordinates_equal_a_direct_svd_projection_of_all_layers_together(case):
    _lm, _parent, result, hidden = case
    expected, shares = svd_projection(hidden)
    scale = np.abs(expected).max()
    np.testing.assert_allclose(result.pca, expected, atol=1e-4 * scale)
    np.testing.assert_allclose(result.explained_variance, shares, rtol=1e-5)
    assert 0 < result.explained_variance[1] <= result.explained_variance[0] < 1


def test_each_pca_component_has_its_largest_coordinate_positive(case):
    result = case[2]
    flat = result.pca.reshape(-1, 2)
    for k in range(2):
        assert flat[np.argmax(np.abs(flat[:, k])), k] > 0


def test_the_work_reports_progress_and_stops_at_each_step_when_cancelled(tiny_bert):
    request = GeometryRequest(input_ids=(101, 1996, 4937, 102))
    seen = []
    run(tiny_bert, request, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    for step in range(4):
        calls = []

        def cancelled(step=step, calls=calls):
            calls.append(1)
            return len(calls) > step

        with pytest.raises(AnalysisCancelled):
            run(tiny_bert, request, cancelled=cancelled)


def test_labels_and_special_tokens_come_from_the_tokenizer_when_not_given(tiny_bert):
    ids = tuple(tiny_bert.tokenizer("the cat sat")["input_ids"])
    result = run(tiny_bert, GeometryRequest(input_ids=ids, text="the cat sat"))
    assert result.labels[1:4] == ("the", "cat", "sat")
    assert result.special_mask.tolist() == [True, False, False, False, True]


def test_without_two_ordinary_tokens_the_anisotropy_without_special_is_nan(tiny_bert):
    result = run(tiny_bert, GeometryRequest(input_ids=(101, 102)))
    assert np.isnan(result.anisotropy_without_special).all()
    assert np.isfinite(result.anisotropy).all()
    data = result.to_json()
    assert data["anisotropy"][0]["without_special"] is None
    single = run(tiny_bert, GeometryRequest(input_ids=(101,)))
    assert np.isnan(single.anisotropy).all() and single.similarity.shape == (3, 1, 1)


@pytest.mark.parametrize(("fields", "words"), [
    ({"input_ids": ()}, "no tokens"),
    ({"input_ids": (101, -3)}, "token id must be a whole number"),
    ({"input_ids": "101 102"}, "list of token ids"),
    ({"input_ids": (101, 2.5)}, "token id must be a whole number"),
    ({"input_ids": (101, 102), "labels": ("a",)}, "1 labels for 2 tokens"),
    ({"input_ids": (101, 102), "special_positions": (2,)}, "from 0 to 1"),
    ({"input_ids": (101, 102), "masked_positions": (5,)}, "from 0 to 1"),
])
def test_a_request_that_cannot_be_analysed_is_refused_in_plain_words(fields, words):
    with pytest.raises(InputError, match=words):
        GeometryRequest(**fields)


def test_ids_outside_the_model_or_past_its_length_are_refused_in_plain_words(tiny_bert):
    with pytest.raises(InputError, match="not in this model's vocabulary"):
        run(tiny_bert, GeometryRequest(input_ids=(101, 10**6, 102)))
    too_long = (101,) + (1996,) * tiny_bert.max_length + (102,)
    with pytest.raises(InputError, match="more than this model reads"):
        run(tiny_bert, GeometryRequest(input_ids=too_long))


def test_the_json_form_holds_the_chosen_layer_and_refuses_one_past_the_last(case):
    _lm, parent, result, _hidden = case
    data = result.to_json(layer=1)
    assert data["layer"] == 1 and data["num_hidden_states"] == 3
    np.testing.assert_allclose(data["similarity"], result.similarity[1], atol=1e-6)
    assert len(data["pca"]["layers"]) == 3 and len(data["change"]) == 2
    assert data["change"][0]["layer"] == 1
    assert data["masked_positions"] == parent.prediction_positions.tolist()
    assert result.to_json()["layer"] == 2
    with pytest.raises(InputError, match="the layer must be a whole number from 0 to 2"):
        result.to_json(layer=3)
