"""Candidates restricted to a word list: the same numbers as the fill-mask pipeline's ``targets``."""

from __future__ import annotations

import numpy as np
import pytest
from transformers import pipeline

from mlm_desktop.core import AnalysisRequest, InputError, analyze
from mlm_desktop.core.options import AnalysisOptions
from mlm_desktop.core.targets import parse_target_words, target_notes, target_words

BERT_TEXT = "Paris is the [MASK] of france, and the [MASK] sat on the mat."
BERT_WORDS = ["capital", "city", "Cat", "dog", "washington", "##ing", "unaffable", "the", "city"]
ROBERTA_TEXT = "Paris is the capital of<mask>. The cat sat on the<mask>."
ROBERTA_WORDS = ["France", "mat", "cat", "Paris", "coffee", "the", "Ġof"]


def _pipeline_rows(folder, text, targets, top_k):
    fill = pipeline("fill-mask", model=str(folder), tokenizer=str(folder), device="cpu")
    rows = fill(text, targets=targets, top_k=top_k)
    return rows if isinstance(rows[0], list) else [rows]


def _ours(loaded, text, words, top_k):
    result = analyze(loaded, AnalysisRequest(text, targets=tuple(words), top_k=top_k))
    return result, [[(c.id, c.probability) for c in p.candidates] for p in result.predictions()]


def _assert_same(ours, theirs):
    assert len(ours) == len(theirs) >= 2
    for mine, row in zip(ours, theirs, strict=True):
        assert [i for i, _ in mine] == [r["token"] for r in row]
        np.testing.assert_allclose([p for _, p in mine], [r["score"] for r in row], rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("top_k", [3, 20])
def test_bert_candidates_match_the_pipeline(tiny_bert, tiny_bert_dir, top_k):
    # the pipeline dedups ids and caps top-k at their number, as ours does
    result, ours = _ours(tiny_bert, BERT_TEXT, BERT_WORDS, top_k)
    theirs = _pipeline_rows(tiny_bert_dir, BERT_TEXT, [w for w in BERT_WORDS], top_k)
    _assert_same(ours, theirs)
    listed = {t.id for t in result.targets if t.known}
    assert result.top_k == min(top_k, len(listed))
    assert set(result.top_ids[result.prediction_positions].ravel()) <= listed


def test_roberta_candidates_match_the_pipeline_at_word_starts(tiny_roberta, tiny_roberta_dir):
    # a plain word is matched as it reads after a space: the pipeline's " France"
    result, ours = _ours(tiny_roberta, ROBERTA_TEXT, ROBERTA_WORDS, 4)
    spaced = [w if w.startswith("Ġ") else " " + w for w in ROBERTA_WORDS]
    theirs = _pipeline_rows(tiny_roberta_dir, ROBERTA_TEXT, spaced, 4)
    _assert_same(ours, theirs)
    by_word = {t.word: t for t in result.targets}
    assert by_word["Paris"].token.startswith("Ġ") and by_word["Paris"].after_space
    assert by_word["Ġof"].token == "Ġof" and not by_word["Ġof"].after_space


def test_the_argmax_ranks_and_losses_stay_those_of_the_whole_vocabulary(tiny_bert, notebook_text):
    mask = (3, 4, 8)
    free = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=mask))
    listed = analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=mask, targets=("war", "peace")))
    np.testing.assert_array_equal(listed.predicted_ids, free.predicted_ids)
    np.testing.assert_array_equal(listed.original_rank, free.original_rank)
    assert listed.loss_masked == pytest.approx(free.loss_masked)
    assert listed.top_k == 2
    war, peace = (t.id for t in listed.targets)
    for p in mask:
        row = listed.prediction_at(p)
        assert {c.id for c in row.candidates} == {war, peace}
        assert row.candidates[0].probability >= row.candidates[1].probability
        # probabilities over the whole vocabulary: they do not sum to one
        assert sum(c.probability for c in row.candidates) < 0.5
    assert free.targets == ()


def test_notes_say_which_words_are_split_or_unknown(tiny_bert):
    result = analyze(tiny_bert, AnalysisRequest("The [MASK] sat.", targets=("cat", "unaffable", "🙂")))
    by_word = {t.word: t for t in result.targets}
    assert by_word["cat"].known and not by_word["cat"].split
    assert by_word["unaffable"].split and by_word["unaffable"].token == by_word["unaffable"].pieces[0]
    assert not by_word["🙂"].known
    notes = target_notes(result.targets)
    assert any("'unaffable' is" in n and "only its first" in n for n in notes)
    assert any("'🙂' is not in the model's vocabulary" in n for n in notes)
    # the unknown word is left out, not ranked as [UNK]
    ids = {c.id for c in result.predictions()[0].candidates}
    assert tiny_bert.tokenizer.unk_token_id not in ids


def test_no_known_word_is_refused(tiny_bert):
    with pytest.raises(InputError, match="none of the target words"):
        analyze(tiny_bert, AnalysisRequest("The [MASK] sat.", targets=("🙂",)))


def test_word_lists_are_parsed_and_checked():
    assert parse_target_words(" cat, dog  mat,,cat\tsun ") == ("cat", "dog", "mat", "sun")
    assert target_words("a, b") == ("a", "b")
    assert AnalysisOptions(targets="cat dog").targets == ("cat", "dog")
    assert AnalysisOptions(targets=["cat", "cat"]).targets == ("cat",)
    for bad in (("two words",), ("a,b",), 3, ("x" * 101,), ("",)):
        with pytest.raises(InputError):
            AnalysisOptions(targets=bad)
    with pytest.raises(InputError, match="at most 500"):
        AnalysisRequest("a [MASK]", targets=tuple(f"w{i}" for i in range(501)))


def test_requests_with_other_targets_differ():
    # the window's result cache keys on the request: a restricted request is another key
    plain = AnalysisRequest("The [MASK] sat.")
    assert plain != AnalysisRequest("The [MASK] sat.", targets=("cat",))
    assert hash(AnalysisRequest("The [MASK] sat.", targets=("cat",))) == hash(
        AnalysisRequest("The [MASK] sat.", targets=("cat",)))


def test_a_compared_model_gets_the_same_word_list(tiny_bert, tiny_roberta):
    from mlm_desktop.core.compare import run_second, second_request

    first = analyze(tiny_bert, AnalysisRequest("The cat sat on the mat.", mask_positions=(2,),
                                               targets=("cat", "dog", "mat")))
    request = second_request(first)
    assert request.targets == ("cat", "dog", "mat")
    second = run_second(tiny_roberta, request)
    assert [t.word for t in second.targets] == ["cat", "dog", "mat"]
    assert {c.id for p in second.predictions() for c in p.candidates} <= {t.id for t in second.targets}


def test_special_tokens_are_left_out_and_noted(tiny_bert, tiny_roberta):
    # a special token is not a word: never a candidate, and never filled into the text
    words = ("cat", "[MASK]", "[SEP]", "[CLS]")
    result = analyze(tiny_bert, AnalysisRequest("The [MASK] sat.", targets=words))
    by_word = {t.word: t for t in result.targets}
    assert by_word["cat"].known and not by_word["cat"].special
    for word in ("[MASK]", "[SEP]", "[CLS]"):
        assert by_word[word].special and not by_word[word].known
    assert {c.id for c in result.predictions()[0].candidates} == {by_word["cat"].id}
    notes = target_notes(result.targets)
    assert any("'[MASK]' is a special token of the model" in n and "left out" in n for n in notes)
    assert not any("'[MASK]' is not in the model's vocabulary" in n for n in notes)
    roberta = analyze(tiny_roberta, AnalysisRequest("The cat sat on the<mask>.",
                                                    targets=("<mask>", "</s>", "cat")))
    assert [t.word for t in roberta.targets if t.special] == ["<mask>", "</s>"]
    special = set(tiny_roberta.tokenizer.all_special_ids)
    assert not {c.id for c in roberta.predictions()[0].candidates} & special


def test_no_word_list_reads_no_vocabulary(tiny_bert):
    """Every analysis resolves its word list; without one it must not build the vocabulary map
    (a dict of the whole vocabulary, several milliseconds at bert-base's size)."""
    from mlm_desktop.core.targets import resolve_targets
    from mlm_desktop.core.token_text import token_scheme

    class Counting:
        def __init__(self, tokenizer):
            self._tokenizer, self.vocab_reads = tokenizer, 0

        def get_vocab(self):
            self.vocab_reads += 1
            return self._tokenizer.get_vocab()

        def __getattr__(self, name):
            return getattr(self._tokenizer, name)

    counting = Counting(tiny_bert.tokenizer)
    scheme = token_scheme(tiny_bert.tokenizer)
    assert resolve_targets(counting, scheme, ()) == ()
    assert counting.vocab_reads == 0
    assert resolve_targets(counting, scheme, ("the",))[0].token == "the"
    assert counting.vocab_reads == 1
