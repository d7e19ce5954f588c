"""File ▸ Export, Save/Open session, Open text, recent files and dropped files, in the window."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from timeouts import RESULT_TIMEOUT_MS

from mlm_desktop.app.panel_exports import plots_in, tables_in
from mlm_desktop.core.export import result_to_json

TEXT = "After Abraham Lincoln won the November 1860 presidential election."


def _masked(controller):
    return controller.session.result.mask_positions.tolist()


def test_analysis_exports_to_json_as_predict_json_and_to_npz(open_window, tmp_path):
    controller = open_window(text=TEXT, mask=[2, 5])
    result = controller.session.result
    files = controller.files.exports
    assert files.export_json(str(tmp_path / "a.json"))
    assert json.loads((tmp_path / "a.json").read_text("utf-8")) == json.loads(
        json.dumps(result_to_json(result)))
    assert files.export_npz(str(tmp_path / "a.npz"))
    heatmap = controller.window.panel("logitsHeatmap")
    with np.load(tmp_path / "a.npz") as saved:
        np.testing.assert_array_equal(saved["input_ids"], result.input_ids)
        assert saved["logits_shown_positions"].tolist() == heatmap.row_positions().tolist() == [2, 5]
        np.testing.assert_array_equal(saved["logits_shown_ids"], heatmap.column_ids())
        if result.hidden_states is not None:
            layer = controller.window.panel("hiddenStates").current_layer()
            np.testing.assert_array_equal(saved["hidden_states"], result.hidden_states[[layer]])


def test_every_plot_exports_to_png_and_svg(open_window, tmp_path):
    controller = open_window(text=TEXT, mask=[2])
    panel = controller.window.panel("logitsHeatmap")
    assert plots_in(panel)
    assert controller.files.exports.export_plot("logitsHeatmap", 0, "PNG", str(tmp_path / "h.png"))
    assert not QImage(str(tmp_path / "h.png")).isNull()
    assert controller.files.exports.export_plot("logitsHeatmap", 0, "SVG", str(tmp_path / "h.svg"))
    assert "<svg" in (tmp_path / "h.svg").read_text("utf-8")


def test_export_menus_list_the_plots_and_tables_in_view(open_window):
    controller = open_window(text=TEXT, mask=[2])
    menu = controller.window.file_menu
    menu._fill_plot_menu()
    menu._fill_table_menu()
    plots = [a.text() for a in menu.plot_menu.actions()]
    tables = [a.text() for a in menu.table_menu.actions()]
    assert "Logits heatmap" in plots and "Predictions" in tables


def test_predictions_table_goes_to_csv_and_the_clipboard(open_window, tmp_path):
    controller = open_window(text=TEXT, mask=[2])
    candidates = [c.token for c in controller.session.result.predictions()[0].candidates]
    assert tables_in(controller.window.panel("predictions"))
    assert controller.files.exports.export_table("predictions", 0, str(tmp_path / "p.csv"))
    text = (tmp_path / "p.csv").read_text("utf-8")
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    assert any(token in cell for token in candidates[:1] for cell in cells)
    controller.files.exports.copy_table("predictions", 0)
    assert QGuiApplication.clipboard().text() == text


def test_save_and_open_session_restore_text_masks_and_options(open_window, qtbot, tmp_path):
    controller = open_window(text=TEXT, mask=[2, 5])
    options = controller.session.options.with_changes(top_k=7, seed=42)
    controller.window.options_changed.emit(options)
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        pass
    spans = set(controller.session.mask_spans)
    assert controller.files.save_session(str(tmp_path / "s.json"))
    # change everything, then open the session again
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        controller.window.set_text("Something else entirely.")
        controller.window.text_edited.emit(controller.window.text())
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        assert controller.files.open_session(str(tmp_path / "s.json"))
    assert controller.window.text() == TEXT
    assert controller.session.mask_spans == spans and _masked(controller) == [2, 5]
    assert controller.session.options.top_k == 7 and controller.session.options.seed == 42
    assert controller.window.options_bar.options().top_k == 7


def test_a_bad_session_file_gets_a_banner_and_nothing_is_lost(open_window, tmp_path):
    controller = open_window(text=TEXT, mask=[2])
    for name, data in [("not.json", b"{ nope"), ("other.json", b'{"format": "x"}'),
                       ("bin.json", b"\xff\xfe\x00")]:
        (tmp_path / name).write_bytes(data)
        assert not controller.files.open_session(str(tmp_path / name))
        message = controller.window.banner.message("file")
        assert message.startswith(f"Could not open the session {name}")
        assert controller.window.text() == TEXT and _masked(controller) == [2]
        reason = {"not.json": "it is not valid JSON", "other.json": "not an MLM Desktop session",
                  "bin.json": "it is not UTF-8 text"}[name]
        assert reason in message


def test_open_text_shows_the_file_and_lists_it_in_recent_files(open_window, qtbot, tmp_path):
    controller = open_window(text=TEXT, mask=[2])
    path = tmp_path / "speech.txt"
    path.write_text("Four score and seven years ago.", encoding="utf-8")
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        assert controller.files.open_text(str(path))
    assert controller.window.text() == "Four score and seven years ago."
    assert _masked(controller) == []
    recent = [a.text() for a in controller.window.file_menu.recent_menu.actions()]
    assert recent == [str(path.resolve())]


def test_a_binary_file_is_refused_plainly_and_the_text_kept(open_window, tmp_path):
    controller = open_window(text=TEXT, mask=[2])
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert not controller.files.open_text(str(path))
    assert "picture.png is not a text file" in controller.window.banner.message("file")
    assert controller.window.text() == TEXT and _masked(controller) == [2]


def test_open_text_asks_in_the_last_folder(open_window, monkeypatch, tmp_path):
    controller = open_window(text=TEXT)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, folder, filters: (asked.append(folder), ("", ""))[1])
    controller.files.last_folder = str(tmp_path)
    controller.window.file_menu.open_text_action.trigger()
    assert asked == [str(tmp_path)]


def test_a_text_file_dropped_on_the_editor_is_opened(open_window, qtbot, tmp_path):
    controller = open_window(text=TEXT)
    path = tmp_path / "dropped.txt"
    path.write_text("Dropped text here.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    viewport = controller.window.editor.viewport()
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    assert QApplication.sendEvent(viewport, enter) and enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert controller.window.text() == "Dropped text here."
    qtbot.waitUntil(lambda: controller.session.result.text == "Dropped text here.",
                    timeout=RESULT_TIMEOUT_MS)


def test_open_session_opens_the_model_it_names(open_window, qtbot, tmp_path, tiny_roberta_dir):
    from mlm_desktop.core.session_file import SessionState, dumps

    controller = open_window(text=TEXT, mask=[2])
    roberta = str(tiny_roberta_dir.resolve())
    state = SessionState("The capital of France is Paris.", frozenset({(4, 6, 0)}), model=roberta,
                         device="cpu")
    (tmp_path / "r.json").write_text(dumps(state), encoding="ascii")
    with qtbot.waitSignal(controller.model_ready, timeout=RESULT_TIMEOUT_MS):
        assert controller.files.open_session(str(tmp_path / "r.json"))
    qtbot.waitUntil(lambda: controller.session.result.model_name == roberta
                    and controller.session.result.text == state.text, timeout=RESULT_TIMEOUT_MS)
    assert controller.session.mask_spans == {(4, 6, 0)}  # "ca" of "capital" for this tokenizer
    result = controller.session.result
    assert [result.text[result.offsets[p][0]:result.offsets[p][1]].strip()
            for p in result.mask_positions] == ["ca"]
