"""The main window with a real tiny model: click, type, load, close, reopen."""

from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.worker import ModelWorker, WorkerThread
from mlm_desktop.core.analyses import masked_lm
from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _click_chip(qtbot, controller, position, modifier=Qt.KeyboardModifier.NoModifier):
    """Click a token chip and wait for the result of the request it sent."""
    strip = controller.window.panel("tokens")
    rect = strip.chip_rect(position)
    assert rect.isValid()
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, modifier, rect.center())
    return blocker.args[0]


def _wait_idle(qtbot, controller):
    """Until the worker has nothing left and the latest request's result is shown."""
    ledger = controller.analysis.ledger

    def settled():
        return (
            not controller.window.figures.busy_bar.isVisible()
            and controller.session.result is not None
            and ledger.shown(MASKED_LM) == ledger.latest(MASKED_LM)
        )

    qtbot.waitUntil(settled, timeout=RESULT_TIMEOUT_MS)


def test_window_opens_on_the_sample_text_with_its_model(open_window, tiny_bert_dir):
    controller = open_window()
    window = controller.window
    assert "Abraham Lincoln" in window.editor.toPlainText()
    result = controller.session.result
    assert result.text == window.editor.toPlainText()
    assert window.panel("tokens").chip_count() == result.num_tokens
    assert str(tiny_bert_dir.name) in window.figures.model_label.text()
    assert window.figures.device_label.text() == "CPU"
    assert window.figures.length_label.text() == f"{result.num_tokens} tokens"
    assert window.figures.timing_label.text().endswith(" ms")


def test_window_click_on_a_chip_masks_the_token_and_again_unmasks_it(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = controller.window
    position = controller.session.result.tokens.index("lincoln")
    result = _click_chip(qtbot, controller, position)
    assert result.mask_positions.tolist() == [position]
    assert window.panel("predictions").displayed_positions() == [position]
    assert window.panel("tokens").chip_kind(position) == "masked"
    assert "[MASK]" in window.panel("sentences").masked_line_text()
    assert window.panel("predictions").selected_position() == position

    result = _click_chip(qtbot, controller, position)
    assert result.mask_positions.tolist() == []
    assert window.panel("predictions").displayed_positions() == []
    assert window.panel("tokens").chip_kind(position) == "plain"


def test_window_shift_and_ctrl_clicks_mask_a_range_and_a_word(qtbot, open_window):
    controller = open_window(text="The secessionist forces attacked.")
    tokens = controller.session.result.tokens
    first = tokens.index("##ist")
    _click_chip(qtbot, controller, 1)
    result = _click_chip(qtbot, controller, 3, Qt.KeyboardModifier.ShiftModifier)
    # the first click masked 1, the Shift+click masks 1..3
    assert result.mask_positions.tolist() == [1, 2, 3]
    result = _click_chip(qtbot, controller, first, Qt.KeyboardModifier.ControlModifier)
    # Ctrl+click on a masked word piece unmasks the whole word
    assert first - 1 not in result.mask_positions.tolist()
    assert first not in result.mask_positions.tolist()
    assert result.mask_positions.tolist() == [1]


def test_window_typing_reruns_the_analysis_and_keeps_masks_before_the_edit(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = controller.window
    position = controller.session.result.tokens.index("lincoln")
    _click_chip(qtbot, controller, position)

    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    addition = " War broke out in April."
    with qtbot.waitSignal(
        controller.result_applied,
        timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda r: r.text == TEXT + addition,
    ) as blocker:
        qtbot.keyClicks(window.editor, addition)
    result = blocker.args[0]
    assert window.editor.toPlainText() == TEXT + addition
    assert "april" in result.tokens
    assert [result.tokens[p] for p in result.mask_positions] == ["lincoln"]
    assert window.panel("predictions").displayed_positions() == [position]


def test_window_edit_inside_a_masked_word_drops_that_mask(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = controller.window
    tokens = controller.session.result.tokens
    _click_chip(qtbot, controller, tokens.index("lincoln"))
    _click_chip(qtbot, controller, tokens.index("election"))
    new_text = TEXT.replace("Lincoln", "Lincolns")
    with qtbot.waitSignal(
        controller.result_applied,
        timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda r: r.text == new_text,
    ) as blocker:
        window.editor.setPlainText(new_text)
    result = blocker.args[0]
    assert [result.tokens[p] for p in result.mask_positions] == ["election"]


def test_window_ctrl_enter_runs_at_once_without_a_new_line(qtbot, open_window):
    controller = open_window(text=TEXT)
    editor = controller.window.editor
    before = controller.analysis.ledger.latest(MASKED_LM)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == TEXT
    assert controller.analysis.ledger.shown(MASKED_LM) > before


def test_window_burst_of_clicks_ends_with_the_final_mask_set_only(qtbot, open_window):
    controller = open_window(mask=())  # nothing masked (a first run masks 15%)
    window = controller.window
    result = controller.session.result
    maskable = [i for i in range(result.num_tokens) if not result.special_mask[i]]
    applied = []
    ledger = controller.analysis.ledger
    controller.result_applied.connect(lambda r: applied.append((ledger.shown(MASKED_LM), r)))

    expected: set[int] = set()
    clicks = [maskable[(7 * i) % len(maskable)] for i in range(20)]
    strip = window.panel("tokens")
    for i, position in enumerate(clicks):
        rect = strip.chip_rect(position)
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=rect.center())
        expected ^= {position}
        if i % 4 == 3:
            QApplication.processEvents()  # let some results in mid-burst
    _wait_idle(qtbot, controller)

    assert applied, "no result was applied"
    ids = [request_id for request_id, _r in applied]
    # never an older result after a newer one
    assert ids == sorted(set(ids))
    assert ids[-1] == ledger.latest(MASKED_LM)
    assert sorted(applied[-1][1].mask_positions.tolist()) == sorted(expected)
    assert window.panel("predictions").displayed_positions() == sorted(expected)
    # the worker skipped requests that a newer click replaced
    assert len(applied) < len(clicks)


def test_window_random_mask_and_reroll_adopt_the_drawn_masks(qtbot, open_window):
    controller = open_window()
    window = controller.window
    window.options_bar.probability_spin.setValue(0.5)
    window.options_bar.seed_spin.setValue(3)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.random_mask_action.trigger()
    result = blocker.args[0]
    assert result.seed == 3 and result.mask_positions.size > 0
    assert controller.session.masked_positions() == tuple(result.mask_positions.tolist())
    assert window.panel("predictions").displayed_positions() == result.mask_positions.tolist()
    # a click then changes the drawn set by one token
    position = int(result.mask_positions[0])
    after = _click_chip(qtbot, controller, position)
    assert after.mask_positions.tolist() == result.mask_positions.tolist()[1:]

    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.reroll_action.trigger()
    rerolled = blocker.args[0]
    assert rerolled.seed == window.options_bar.seed_spin.value()
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.clear_masks_action.trigger()
    assert blocker.args[0].mask_positions.size == 0


def test_window_top_k_spin_changes_the_candidates(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[3])
    window = controller.window
    assert len(window.panel("predictions").candidate_labels(3)) == 5
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.options_bar.top_k_spin.setValue(8)
    assert blocker.args[0].top_k == 8
    assert len(window.panel("predictions").candidate_labels(3)) == 8


def test_window_hover_on_a_chip_highlights_its_characters(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = controller.window
    position = controller.session.result.tokens.index("abraham")
    window.panel("tokens").token_hovered.emit(position)
    spans = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in window.editor.extraSelections()
    ]
    start = TEXT.index("Abraham")
    assert (start, start + len("Abraham")) in spans
    window.panel("tokens").token_hovered.emit(-1)
    assert window.editor.extraSelections() == []


def test_window_hidden_states_view_shows_the_chosen_layer(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    assert controller.session.result.hidden_states is None, "asked for while out of view"
    view = window.panel("hiddenStates")
    # bringing its tab to the front asks for the hidden states it draws
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.panels.docks["hiddenStates"].raise_()
    result = blocker.args[0]
    assert result.hidden_states is not None
    for layer in (0, 2, 1):
        view.set_layer(layer)
        assert view.current_layer() == layer
        np.testing.assert_allclose(view.image_array(), result.hidden_states[layer])


def test_window_model_that_fails_to_load_shows_a_message_and_keeps_the_text(
    qtbot, open_window, broken_model_dir
):
    controller = open_window(model=broken_model_dir, text=TEXT, wait=False)
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS):
        pass
    window = controller.window
    message = window.banner.message("model")
    assert message.startswith("Could not open the model: the folder")
    assert str(broken_model_dir) in message
    assert "Traceback" not in message
    assert window.banner.isVisibleTo(window)
    assert window.editor.toPlainText() == TEXT
    assert controller.model is None


def test_window_keeps_the_loaded_model_when_another_fails(
    qtbot, open_window, causal_model_dir, tiny_bert_dir
):
    controller = open_window(text=TEXT)
    window = controller.window
    with qtbot.waitSignal(controller.model_load_failed, timeout=RESULT_TIMEOUT_MS) as blocker:
        controller.load_model(str(causal_model_dir))
    assert "not a masked language model" in blocker.args[0]
    message = window.banner.message("model")
    assert "Still using" in message and tiny_bert_dir.name in message
    assert window.editor.toPlainText() == TEXT
    assert controller.model.name == str(tiny_bert_dir.resolve())
    # the old model still answers clicks
    result = _click_chip(qtbot, controller, 2)
    assert result.mask_positions.tolist() == [2]


def test_window_closes_cleanly_when_idle(qtbot, open_window, qtlog):
    controller = open_window(text=TEXT)
    thread = controller.worker.thread
    controller.window.close()
    assert not thread.isRunning()
    assert not [r for r in qtlog.records if "QThread" in r.message]


def test_window_closes_cleanly_while_the_worker_is_busy(qtbot, open_window, qtlog):
    running = threading.Event()

    def run(loaded, request, cancelled, progress):
        if "SLOW" in request.text:
            # a long job in chunks: it runs until it is told to stop
            running.set()
            while not cancelled():
                threading.Event().wait(0.005)
        return masked_lm.run(loaded, request, cancelled, progress)

    slow = dataclasses.replace(masked_lm.UNIT, run=run)
    worker = WorkerThread(ModelWorker(analyses={MASKED_LM: slow}))
    controller = open_window(text=TEXT, worker=worker)
    controller.window.editor.setPlainText(TEXT + " SLOW")
    controller.run_now()
    qtbot.waitUntil(running.is_set, timeout=RESULT_TIMEOUT_MS)
    qtbot.waitUntil(lambda: controller.window.figures.busy_bar.isVisibleTo(controller.window))
    controller.window.close()
    assert not controller.worker.thread.isRunning()
    assert not [r for r in qtlog.records if "QThread" in r.message]


def test_window_settings_restore_text_masks_model_and_top_k(
    qtbot, open_window, reopen_settings, tiny_bert_dir
):
    first = open_window(text=TEXT)
    position = first.session.result.tokens.index("lincoln")
    _click_chip(qtbot, first, position)
    with qtbot.waitSignal(first.result_applied, timeout=RESULT_TIMEOUT_MS):
        first.window.options_bar.top_k_spin.setValue(7)
    first.window.close()

    second = open_window(model=None, settings=reopen_settings())
    result = second.session.result
    assert second.window.editor.toPlainText() == TEXT
    assert result.mask_positions.tolist() == [position]
    assert second.window.panel("predictions").displayed_positions() == [position]
    assert second.model.name == str(tiny_bert_dir.resolve())
    assert second.window.options_bar.top_k_spin.value() == 7 and result.top_k == 7
    assert second.settings.recent_models[0] == str(tiny_bert_dir.resolve())


def test_window_screenshot_saves_the_whole_window_once_drawn(
    qtbot, tmp_path, app_settings, tiny_bert_dir
):
    from PySide6.QtGui import QImage

    from mlm_desktop.app.gui import run_gui

    path = tmp_path / "window.png"
    code = run_gui(
        model=str(tiny_bert_dir), device="cpu", text=TEXT, mask=[3, 4],
        screenshot=str(path), settings=app_settings,
    )
    assert code == 0
    image = QImage(str(path))
    assert image.width() >= 800 and image.height() >= 500
    # a screenshot run leaves the settings alone
    assert app_settings.last_text is None


def test_window_screenshot_of_one_panel_waits_for_its_follow_up_and_saves_that_panel(
    qtbot, tmp_path, app_settings, tiny_bert_dir
):
    from PySide6.QtGui import QImage

    from mlm_desktop.app.gui import run_gui

    whole, one = tmp_path / "window.png", tmp_path / "geometry.png"
    options = dict(model=str(tiny_bert_dir), device="cpu", text=TEXT, mask=[3, 4], settings=app_settings)
    assert run_gui(screenshot=str(whole), **options) == 0
    assert run_gui(screenshot=str(one), panel="geometry", **options) == 0
    window, panel = QImage(str(whole)), QImage(str(one))
    assert 0 < panel.width() < window.width() or 0 < panel.height() < window.height()


def test_window_panel_that_does_not_exist_is_refused_before_the_window_opens(
    qtbot, tmp_path, app_settings, tiny_bert_dir
):
    from mlm_desktop.app.gui import run_gui
    from mlm_desktop.core.errors import MLMDesktopError

    with pytest.raises(MLMDesktopError, match="there is no panel 'nope'; the panels are: tokens"):
        run_gui(model=str(tiny_bert_dir), panel="nope", screenshot=str(tmp_path / "x.png"),
                settings=app_settings)


def test_window_screenshot_exits_non_zero_when_the_model_fails(
    qtbot, tmp_path, app_settings, broken_model_dir, capsys
):
    from mlm_desktop.app.gui import run_gui

    path = tmp_path / "window.png"
    code = run_gui(model=str(broken_model_dir), screenshot=str(path), settings=app_settings)
    assert code == 1
    assert not path.exists()
    err = capsys.readouterr().err.strip()
    assert err.startswith("mlm-desktop: error: ") and len(err.splitlines()) == 1


def test_window_empty_text_clears_the_views_and_asks_for_text(qtbot, open_window):
    controller = open_window(text=TEXT, mask=[3])
    window = controller.window
    window.editor.setPlainText("   ")
    window.run_action.trigger()
    assert window.panel("tokens").chip_count() == 0
    assert window.panel("predictions").displayed_positions() == []
    assert "Type or paste some text" in window.statusBar().currentMessage()
    # no token count or timing of the text that was there before
    assert window.figures.length_label.text() == window.figures.timing_label.text() == ""
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.editor.setPlainText(TEXT)
    assert blocker.args[0].text == TEXT


def test_window_warns_when_the_text_is_truncated(qtbot, open_window):
    long_text = " ".join(["Lincoln won the election."] * 40)  # over the tiny model's 128
    controller = open_window(text=long_text)
    result = controller.session.result
    assert result.truncated_tokens > 0
    warning = controller.window.banner.message("warnings")
    assert warning is not None and "longer than the model's maximum" in warning
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.editor.setPlainText(TEXT)
    assert controller.window.banner.message("warnings") is None


def test_window_masks_given_up_front_that_do_not_fit_are_dropped(qtbot, open_window):
    controller = open_window(text="Paris is nice.", mask=[2, 40], wait=False)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        pass
    assert blocker.args[0].mask_positions.tolist() == []
    assert "outside the text" in controller.window.banner.message("masks")


def test_window_device_menu_offers_only_devices_this_machine_has(open_window):
    from mlm_desktop.core.devices import available_devices

    controller = open_window(text=TEXT)
    actions = controller.window.device_menu.actions_by_device
    usable = set(available_devices())
    for choice, action in actions.items():
        assert action.isEnabled() == (choice == "auto" or choice in usable)
    assert actions["cpu"].isChecked()


def test_window_recent_models_menu_reopens_a_model(qtbot, open_window, tiny_bert_dir):
    controller = open_window(text=TEXT)
    menu = controller.window.model_menu
    menu.refresh_recent()
    entries = [a for a in menu.recent_menu.actions() if a.data()]
    assert [a.data() for a in entries] == [str(tiny_bert_dir.resolve())]
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        entries[0].trigger()
    assert controller.model.name == str(tiny_bert_dir.resolve())


def test_window_whole_words_box_masks_every_piece_of_a_clicked_word(qtbot, open_window):
    controller = open_window(text="The secessionist forces attacked.")
    window = controller.window
    tokens = controller.session.result.tokens
    piece = tokens.index("##ist")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        window.options_bar.whole_word_check.setChecked(True)
    result = _click_chip(qtbot, controller, piece)
    assert result.mask_positions.tolist() == [piece - 1, piece]
    result = _click_chip(qtbot, controller, piece - 1)  # a click on any piece unmasks the word
    assert result.mask_positions.tolist() == []


def test_window_dock_layout_is_restored(qtbot, open_window, reopen_settings):
    first = open_window(text=TEXT)
    first.window.panels.docks["sentences"].setFloating(True)
    first.window.panels.docks["hiddenStates"].close()
    first.window.close()
    second = open_window(model=None, settings=reopen_settings())
    docks = second.window.panels.docks
    assert second.window.layout_restored
    assert docks["sentences"].isFloating()
    assert not docks["hiddenStates"].isVisibleTo(second.window)
    assert docks["predictions"].isVisibleTo(second.window)
    second.window.reset_layout()
    assert not docks["sentences"].isFloating()
    assert docks["hiddenStates"].isVisibleTo(second.window)


def test_window_restored_masks_follow_their_words_into_another_tokenizer(
    qtbot, open_window, reopen_settings, tiny_roberta_dir
):
    first = open_window(text=TEXT)
    _click_chip(qtbot, first, first.session.result.tokens.index("lincoln"))
    first.window.close()
    second = open_window(model=tiny_roberta_dir, settings=reopen_settings())
    result = second.session.result
    assert second.window.editor.toPlainText() == TEXT
    assert [result.tokens[p] for p in result.mask_positions] == ["ĠLincoln"]


def test_window_switching_model_keeps_masks_on_the_same_words(
    qtbot, open_window, tiny_roberta_dir
):
    controller = open_window(text=TEXT)
    _click_chip(qtbot, controller, controller.session.result.tokens.index("lincoln"))
    with qtbot.waitSignal(
        controller.result_applied,
        timeout=RESULT_TIMEOUT_MS,
        check_params_cb=lambda r: r.model_name == str(tiny_roberta_dir.resolve()),
    ) as blocker:
        controller.load_model(str(tiny_roberta_dir))
    result = blocker.args[0]
    assert [result.tokens[p] for p in result.mask_positions] == ["ĠLincoln"]
    assert controller.window.panel("predictions").displayed_positions() == result.mask_positions.tolist()


def test_window_draws_a_hidden_dock_view_only_once_it_shows(qtbot, open_window):
    controller = open_window(text=TEXT)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    window.panels.docks["logitsHeatmap"].raise_()  # the hidden states tab is behind it
    qtbot.waitUntil(lambda: window.panels.docks["hiddenStates"].visibleRegion().isEmpty())
    drawn = []
    original = window.panel("hiddenStates").set_result
    window.panel("hiddenStates").set_result = lambda r: (drawn.append(r), original(r))
    result = _click_chip(qtbot, controller, 2)
    assert drawn == []
    assert window.panel("predictions").displayed_positions() == [2]
    # out of view, its hidden states were not even asked for
    assert result.hidden_states is None
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS) as blocker:
        window.panels.docks["hiddenStates"].raise_()
    fresh = blocker.args[0]
    assert drawn[0] is result and drawn[-1] is fresh
    assert fresh.mask_positions.tolist() == [2] and fresh.hidden_states is not None
    np.testing.assert_allclose(
        window.panel("hiddenStates").image_array(),
        fresh.hidden_states[window.panel("hiddenStates").current_layer()],
    )
