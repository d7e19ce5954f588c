"""Only these words: the toolbar's word list restricts the candidates, is noted, kept and restored."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.options import AnalysisOptions
from mlm_desktop.core.session_file import SessionState, dumps, loads

TEXT = "The cat sat on the mat in Paris."
WORDS = ("dog", "mat", "unaffable", "🙂")


def _type_words(qtbot, controller, text):
    edit = controller.window.options_bar.targets_edit
    edit.setFocus()
    edit.setText(text)  # as typed (keyClicks cannot type an emoji)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as applied:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    return applied.args[0]


def _candidate_ids(result):
    return {c.id for p in result.predictions() for c in p.candidates}


def test_typed_words_restrict_the_candidates_and_are_noted(qtbot, open_window, tiny_bert):
    controller = open_window(text=TEXT, mask=[2, 6])
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    result = _type_words(qtbot, controller, "dog, mat unaffable 🙂")
    assert controller.session.options.targets == WORDS
    expected = analyze(tiny_bert, AnalysisRequest(TEXT, mask_positions=(2, 6), targets=WORDS))
    assert [[(c.id, round(c.probability, 6)) for c in p.candidates] for p in result.predictions()] == [
        [(c.id, round(c.probability, 6)) for c in p.candidates] for p in expected.predictions()]
    ids = {t.id for t in result.targets if t.known}
    assert _candidate_ids(result) == ids and len(ids) == 3
    panel = window.panel("predictions")
    assert panel.targets_note.isVisible()
    note = panel.targets_note.text()
    assert note.startswith("Only these words: dog, mat, unaffable")
    # the pieces as the candidates are written: a word start with ␣, later pieces bare
    assert "“unaffable” is 3 pieces (␣una · ffa · ble): only its first, ␣una, is a candidate" in note
    assert "“🙂” is not in the model's vocabulary: left out" in note
    # the candidates drawn are those of the word list
    assert {label.strip("␣ ") for label in panel.candidate_labels(2)} == {"dog", "mat", "una"}
    # the clear button empties the list: every word again
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as cleared:
        window.options_bar.targets_edit.clear()
    assert controller.session.options.targets == ()
    assert len(cleared.args[0].predictions()[0].candidates) == 5
    assert not panel.targets_note.isVisible()


def test_a_cached_answer_of_every_word_is_not_shown_for_a_word_list(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[2])
    unrestricted = controller.session.result
    restricted = _type_words(qtbot, controller, "dog mat")
    assert restricted is not unrestricted
    assert _candidate_ids(restricted) <= {t.id for t in restricted.targets}
    # back to every word, then the word list again: each answer from the cache, never the other's
    every = _clear_words(qtbot, controller)
    assert len(every.predictions()[0].candidates) == 5 and every.targets == ()
    assert _type_words(qtbot, controller, "dog mat") is restricted
    assert controller.window.figures.timing_label.text() == "from cache"
    assert _clear_words(qtbot, controller) is every


def _clear_words(qtbot, controller):
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as applied:
        controller.window.options_bar.targets_edit.clear()
    return applied.args[0]


def test_no_quick_single_mask_answer_while_a_word_list_is_set(qtbot, open_window):
    controller = open_window(mask=())
    host = controller.window.panels
    host.docks["pll"].show()
    host.docks["pll"].raise_()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, _r: kind == "pll"):
        controller.window.show()
    _type_words(qtbot, controller, "war peace")
    with qtbot.assertNotEmitted(controller.analysis.single_mask_shown):
        controller.window.panel("tokens").mask_toggled.emit(3)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as applied:
        pass
    result = applied.args[0]
    assert _candidate_ids(result) <= {t.id for t in result.targets}
    assert len(result.predictions()[0].candidates) == 2


def test_the_word_list_is_restored_with_the_options(qtbot, open_window, reopen_settings):
    controller = open_window(text=TEXT, mask=[2])
    _type_words(qtbot, controller, "dog, mat")
    controller.window.close()
    assert reopen_settings().options.targets == ("dog", "mat")
    second = open_window(text=TEXT, mask=[2], settings=reopen_settings())
    assert second.window.options_bar.targets_edit.text() == "dog, mat"
    assert second.session.options.targets == ("dog", "mat")
    assert {c.label.strip("␣ ") for c in second.session.result.predictions()[0].candidates} == {"dog", "mat"}


def test_a_session_file_keeps_the_word_list():
    state = SessionState("A text.", set(), AnalysisOptions(targets=("dog", "mat")))
    assert json.loads(dumps(state))["options"]["targets"] == ["dog", "mat"]
    assert loads(dumps(state)).state.options.targets == ("dog", "mat")
    data = json.loads(dumps(state))
    data["options"]["targets"] = ["two words"]
    read = loads(json.dumps(data))
    assert read.state.options.targets == ()
    assert any("target words" in note for note in read.notes)


def test_the_note_names_a_special_token_left_out(qtbot):
    from mlm_desktop.core.targets import TargetWord
    from mlm_desktop.panels.targets_note import targets_note

    note = targets_note((TargetWord("cat", "cat", 7, ("cat",)),
                         TargetWord("[MASK]", None, None, ("[MASK]",), special=True)))
    assert note.splitlines() == ["Only these words: cat",
                                 "“[MASK]” is a special token of the model, not a word: left out"]


def test_the_note_writes_pieces_as_the_candidates_are_written(tiny_roberta):
    from mlm_desktop.panels.targets_note import targets_note

    result = analyze(tiny_roberta, AnalysisRequest("The cat sat on the<mask>.", targets=("cat", "é")))
    note = targets_note(result.targets, result.token_scheme)
    # a byte-level vocabulary's pieces read as text (␣ for the word start), not as Ġc or Ã©
    assert "“cat” is 2 pieces (␣c · at): only its first, ␣c, is a candidate" in note
    assert "“é” is 2 pieces (␣ · é): only its first, ␣, is a candidate" in note
    assert "(cat as ␣c)" in note
    assert "Ġ" not in note and "Ã" not in note
