"""A random mask asked for is drawn, whatever else happens before its result comes.

Found by the random walk (test_stress_walk.py): changing top-k, running,
typing, opening a panel or switching models while a random draw was on its
way sent the old masks again, and the draw was silently lost. A click or
"Clear masks" is different: it edits the masks on screen, so it replaces
the draw.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.core import AnalysisRequest, analyze

TEXT = "After Abraham Lincoln won the November 1860 presidential election."
P, SEED = 0.5, 3


def _drawn(loaded, text, whole_word=False):
    """The positions the core draws for TEXT with P and SEED."""
    request = AnalysisRequest(text=text, random_probability=P, seed=SEED, whole_word=whole_word)
    return analyze(loaded, request).mask_positions.tolist()


def _ask_for_a_draw(controller):
    bar = controller.window.options_bar
    bar.probability_spin.setValue(P)
    bar.seed_spin.setValue(SEED)
    controller.window.random_mask_action.trigger()


def _result_after(qtbot, controller, act, check=lambda r: True):
    """Ask for a draw, then ``act`` at once (no result can arrive in between)."""
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=check) as blocker:
        _ask_for_a_draw(controller)
        act()
    return blocker.args[0]


def test_a_draw_survives_a_top_k_change_before_its_result(qtbot, open_window, tiny_bert):
    controller = open_window(text=TEXT)
    bar = controller.window.options_bar
    result = _result_after(qtbot, controller, lambda: bar.top_k_spin.setValue(7),
                           check=lambda r: r.top_k == 7)
    assert result.seed == SEED
    assert result.mask_positions.tolist() == _drawn(tiny_bert, TEXT)


def test_a_draw_survives_whole_words_switched_on_before_its_result(qtbot, open_window, tiny_bert):
    text = "The secessionist forces attacked Fort Sumter in South Carolina."
    controller = open_window(text=text)
    bar = controller.window.options_bar
    result = _result_after(qtbot, controller, bar.whole_word_check.toggle)
    assert result.mask_positions.tolist() == _drawn(tiny_bert, text, whole_word=True)


def test_a_draw_survives_ctrl_enter_before_its_result(qtbot, open_window, tiny_bert):
    controller = open_window(text=TEXT)
    editor = controller.window.editor
    result = _result_after(
        qtbot, controller,
        lambda: qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    assert result.mask_positions.tolist() == _drawn(tiny_bert, TEXT)


def test_a_draw_applies_to_text_typed_before_its_result(qtbot, open_window, tiny_bert):
    controller = open_window(text=TEXT)
    editor = controller.window.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    typed = TEXT + " War broke out."
    result = _result_after(qtbot, controller, lambda: qtbot.keyClicks(editor, " War broke out."),
                           check=lambda r: r.text == typed)
    assert result.mask_positions.tolist() == _drawn(tiny_bert, typed)


def test_a_draw_survives_a_panel_that_asks_for_more_outputs(qtbot, open_window, tiny_bert):
    controller = open_window(text=TEXT)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    # the hidden-state view needs an output the result lacks: bringing it forward reruns
    result = _result_after(qtbot, controller, window.panels.docks["hiddenStates"].raise_,
                           check=lambda r: r.hidden_states is not None)
    assert result.mask_positions.tolist() == _drawn(tiny_bert, TEXT)


def test_a_draw_asked_for_while_a_model_loads_is_made_on_that_model(
    qtbot, open_window, tiny_roberta_dir, tiny_roberta
):
    controller = open_window(text=TEXT)
    name = tiny_roberta.name
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda r: r.model_name == name) as blocker:
        controller.window.choose_model(str(tiny_roberta_dir))
        # the worker loads before it analyses: the draw waits for the new model
        _ask_for_a_draw(controller)
    result = blocker.args[0]
    assert result.seed == SEED
    assert result.mask_positions.tolist() == _drawn(tiny_roberta, TEXT)


def test_a_click_before_the_draw_arrives_replaces_it(qtbot, open_window):
    controller = open_window(text=TEXT)
    strip = controller.window.panel("tokens")
    position = controller.session.result.tokens.index("lincoln")

    def click():
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=strip.chip_rect(position).center())

    result = _result_after(qtbot, controller, click)
    # the click acts on the masks on screen (none): only its token is masked
    assert result.mask_positions.tolist() == [position]
    # and a later rerun does not bring the replaced draw back
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        controller.window.options_bar.top_k_spin.setValue(6)
    assert blocker.args[0].mask_positions.tolist() == [position]


def test_a_draw_asked_for_before_the_first_model_loads_is_made_on_it(
    qtbot, open_window, tiny_bert
):
    controller = open_window(text=TEXT, wait=False)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        _ask_for_a_draw(controller)
    assert blocker.args[0].mask_positions.tolist() == _drawn(tiny_bert, TEXT)


def test_a_draw_asked_for_on_an_empty_text_is_made_on_the_text_that_comes(
    qtbot, open_window, tiny_bert
):
    controller = open_window(text=TEXT)
    editor = controller.window.editor
    editor.setPlainText("")
    _ask_for_a_draw(controller)
    assert controller.window.panel("tokens").chip_count() == 0
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        qtbot.keyClicks(editor, TEXT)
    assert blocker.args[0].mask_positions.tolist() == _drawn(tiny_bert, TEXT)
