"""A follow-up asked for while another model loads never runs the old result's ids on the new one."""

from __future__ import annotations

from timeouts import RESULT_TIMEOUT_MS

# characters the BERT vocabulary lacks: every token is [UNK], an id the tiny RoBERTa has too,
# in a text longer than the tiny RoBERTa reads
TEXT = "\u2603 " * 200


def test_a_follow_up_of_the_old_models_result_is_dropped_after_a_switch(
        qtbot, open_window, tiny_roberta_dir):
    controller = open_window(text=TEXT, mask=[3, 4])
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    window.panels.docks["logitsHeatmap"].raise_()
    qtbot.waitUntil(lambda: window.panels.docks["logitLens"].visibleRegion().isEmpty())
    errors: list[str] = []
    controller.analysis_error.connect(errors.append)
    controller.load_model(str(tiny_roberta_dir))
    # the lens of the BERT result on screen is asked for while the RoBERTa loads
    window.panels.docks["logitLens"].raise_()
    with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                          check_params_cb=lambda kind, result: kind == "logit_lens"
                          and result.model_name == str(tiny_roberta_dir)):
        pass
    assert errors == []
    assert controller.session.result.model_name == str(tiny_roberta_dir)
