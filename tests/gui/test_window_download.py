"""A model download shows how far it has got."""

from mlm_desktop.app.worker import ModelWorker


def test_worker_passes_download_progress_on(qtbot, tiny_bert):
    def downloading_loader(source, progress=None, **_kwargs):
        progress(25_000_000, 100_000_000)
        return tiny_bert

    worker = ModelWorker(loader=downloading_loader)
    with qtbot.waitSignal(
        worker.download_progressed, check_params_cb=lambda d, t: (d, t) == (25_000_000, 100_000_000)
    ):
        worker._handle_load(_load_request("org/model"))


def _load_request(source):
    from mlm_desktop.app.worker import LoadModelRequest

    return LoadModelRequest(source, "cpu", False)


def test_window_shows_download_amount_and_fraction(qtbot, open_window):
    controller = open_window()
    controller.loading_source = "org/model"
    controller.worker.worker.download_progressed.emit(110_000_000, 440_000_000)
    bar = controller.window.busy_bar
    qtbot.waitUntil(lambda: bar.maximum() == 1000 and bar.value() == 250)
    assert "Downloading org/model: 110 of 440 MB" in controller.window.statusBar().currentMessage()
