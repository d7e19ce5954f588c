"""The whole window in Simplified Chinese: every string it shows holds Chinese, unless it is data.

The window is built with zh_CN installed, on the tiny BERT with three masks and
a second model to compare with; every dock is brought forward and its analysis
drawn, every menu filled, the export context menus and the dialogs opened, and
the status presenter made to say each of its messages. Then every widget,
action, menu, tooltip, placeholder, header and plot text is walked (see
:mod:`visible_strings`): a line with English words must hold Chinese, unless
its words are data (the text's words, the tokens and candidates of the
results on screen, the model's name and path, the colour maps' names) or in the short allowlist.

``scope="app"`` leaves out what the panels own (everything inside a panel and
the panels' titles); ``scope="window"`` covers everything, and runs once the
panels' translation (``panels_zh_CN.ts``) has messages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QDialog, QMenu, QWidget
from timeouts import RESULT_TIMEOUT_MS
from visible_strings import data_words, has_cjk, untranslated, visible_strings

from mlm_desktop.app.translations import I18N_FOLDER, install_translation, remove_translation
from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM
from mlm_desktop.core.resources import BUNDLED_MODEL
from mlm_desktop.panels.colour_maps import DIVERGING_MAPS, SEQUENTIAL_MAPS


def _panels_translated() -> bool:
    path = I18N_FOLDER / "panels_zh_CN.ts"
    return path.is_file() and any(True for _ in ET.parse(path).iter("message"))


@pytest.fixture
def chinese(qapp):
    assert install_translation(qapp, "zh_CN")
    yield
    remove_translation(qapp)


def _bring_every_panel_forward(qtbot, controller, shown: list) -> None:
    """Raise each dock; wait for its follow-up analysis (a masked-LM panel draws at once)."""
    window = controller.window
    done = {kind for kind, _r in shown}
    for panel_id, dock in window.panels.docks.items():
        kind = window.panels.specs[panel_id].kind
        dock.show()
        if kind == MASKED_LM or kind in done:
            dock.raise_()
            continue
        with qtbot.waitSignal(controller.analysis.follow_up_applied, timeout=RESULT_TIMEOUT_MS,
                              check_params_cb=lambda k, _r, want=kind: k == want):
            dock.raise_()
        done.add(kind)


def _open_context_menus(window) -> list[QMenu]:
    """The context menu of every widget that offers its own (plots and tables: Export ▸ …)."""
    before = set(window.findChildren(QMenu))
    for widget in window.findChildren(QWidget):
        if widget.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu:
            widget.customContextMenuRequested.emit(QPoint(2, 2))
    menus = [m for m in window.findChildren(QMenu) if m not in before]
    assert menus, "no context menu opened"
    return menus


def _status_messages(controller) -> list[tuple[str, str]]:
    """Every banner and status text of the status presenter, each said once."""
    status, window = controller.status, controller.window
    said = []

    def note(where: str) -> None:
        said.append((f"status bar after {where}", window.statusBar().currentMessage()))

    status.model_loading(str(BUNDLED_MODEL), None)
    note("loading the demo model")
    said.append(("model label", window.figures.model_label.text()))
    status.model_loading("/tmp/x", None)
    note("loading")
    status.download_progressed("bert-base-uncased", 3_000_000, 9_000_000)
    note("download")
    status.model_failed("/tmp/x", "boom", None, trust=lambda: None)
    note("failure")
    status.device_unavailable("cuda", ["cpu"])
    status.settings_ignored(["x"])
    status.startup_failed("x")
    status.session_unsaved("x")
    note("unsaved")
    status.text_cut(10, 5)
    status.masks_dropped("x")
    status.analysis_failed("x", "y")
    status.no_text()
    note("no text")
    status.result_from_cache()
    said += [("banner", text) for text in window.banner.texts()]
    said += visible_strings(window.banner)
    return said


def _panel_owned(window, compare_panel) -> callable:
    owners = [*window.panels.panels.values(), *window.panels.docks.values()]
    if compare_panel is not None:
        owners.append(compare_panel)

    def skip(obj: QObject) -> bool:
        while obj is not None:
            if any(obj is owner for owner in owners):
                return True
            obj = obj.parent()
        return False

    return skip


@pytest.mark.parametrize("scope", [
    "app",
    pytest.param("window", marks=pytest.mark.skipif(
        not _panels_translated(), reason="the panels' translation (panels_zh_CN.ts) is not there yet")),
])
def test_every_string_of_the_window_is_chinese(
    qtbot, chinese, open_window, notebook_text, tiny_bert_dir, tiny_roberta_dir, scope
):
    shown: list = []
    controller = open_window(text=notebook_text, mask=[3, 4, 8], wait=False)
    controller.analysis.follow_up_applied.connect(lambda kind, result: shown.append((kind, result)))
    window = controller.window
    with qtbot.waitSignal(controller.result_applied, timeout=RESULT_TIMEOUT_MS):
        window.show()
    qtbot.waitExposed(window)
    _bring_every_panel_forward(qtbot, controller, shown)
    with qtbot.waitSignal(controller.compare.compared, timeout=RESULT_TIMEOUT_MS) as compared:
        window.compare_model_chosen.emit(str(tiny_roberta_dir))
    menus = _open_context_menus(window)
    about = window.show_about()
    compare_dialog = window.ask_compare_model()
    preferences = controller.preferences.open_dialog()
    restart = controller.preferences.offer_restart()

    allowed = data_words(
        notebook_text, str(tiny_bert_dir), str(tiny_roberta_dir), controller.session.result,
        [result for _kind, result in shown], compared.args[0], SEQUENTIAL_MAPS, DIVERGING_MAPS,
    )
    skip = _panel_owned(window, controller.compare.panel) if scope == "app" else (lambda _o: False)
    if scope == "app":  # the panels' titles name docks, tabs and the Export menus' entries
        allowed |= data_words([spec.title for spec in window.panels.specs.values()])
    pairs = [("window title", window.windowTitle())]
    pairs += visible_strings(window, skip)
    for dialog in (about, compare_dialog, preferences, restart):
        pairs += visible_strings(dialog, skip)
    for menu in menus:
        pairs += visible_strings(menu, skip)
    pairs += _status_messages(controller)

    assert len(pairs) > 100 and sum(has_cjk(t) for _w, t in pairs) > 50  # the walk found the window
    missing = untranslated(pairs, allowed)
    assert not missing, "English left in the Chinese window:\n" + "\n".join(f"{w}: {t!r}" for w, t in missing)
    for dialog in (about, compare_dialog, preferences, restart):
        dialog.done(QDialog.DialogCode.Rejected)


def test_the_chinese_window_is_no_wider_than_the_english_one(qtbot, qapp, open_window):
    widths = {}
    try:
        for language in ("en", "zh_CN"):
            assert install_translation(qapp, language)
            window = open_window(wait=False).window
            window.show()
            qtbot.waitExposed(window)
            widths[language] = (window.minimumSizeHint().width(), window.options_bar.sizeHint().width(),
                                window.menuBar().sizeHint().width())
            window.close()
    finally:
        remove_translation(qapp)
    assert widths["zh_CN"][0] <= widths["en"][0], widths
    # the toolbar is no wider than in English, and the menus fit the English window's least width
    assert widths["zh_CN"][1] <= widths["en"][1], widths
    assert widths["zh_CN"][2] <= widths["en"][0], widths
