"""A model download shows how far it has got."""

from mlm_desktop.app.worker import LOAD, LoadModelRequest, ModelWorker


def test_worker_passes_download_progress_on(qtbot, tiny_bert):
    def downloading_loader(source, progress=None, **_kwargs):
        progress(25_000_000, 100_000_000)
        return tiny_bert

    worker = ModelWorker(loader=downloading_loader)
    seen = []
    worker.job_progressed.connect(lambda *args: seen.append(args))
    worker.put(LOAD, 7, LoadModelRequest("org/model", "cpu", False))
    with qtbot.waitSignal(worker.job_finished):
        worker.poked.emit()  # the worker lives in this thread here: served at once
    assert seen == [(LOAD, 7, 25_000_000, 100_000_000)]


def test_window_shows_download_amount_and_fraction(qtbot, open_window):
    controller = open_window()
    models = controller.models
    models.loading_source = "org/model"
    models._load_id = 99
    controller.worker.worker.job_progressed.emit(LOAD, 99, 110_000_000, 440_000_000)
    bar = controller.window.figures.busy_bar
    qtbot.waitUntil(lambda: bar.maximum() == 1000 and bar.value() == 250)
    assert "Downloading org/model: 110 of 440 MB" in controller.window.statusBar().currentMessage()
