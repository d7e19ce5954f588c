"""Fetching a model from the hub ahead of loading, with byte progress.

``transformers`` downloads missing files itself but reports progress only to a
terminal. Fetching the snapshot first with ``huggingface_hub`` lets the window
show how much of a download is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

#: the files a masked LM needs: config, tokenizer, safetensors weights
MODEL_FILE_PATTERNS = ["*.json", "*.safetensors", "*.txt", "*.model", "*.tiktoken"]

ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes in all; 0 if unknown)


def _progress_class(report: ProgressCallback):
    from tqdm.auto import tqdm

    class _ReportingBar(tqdm):
        """A silent progress bar that passes byte counts to ``report``."""

        def __init__(self, *args, **kwargs):
            kwargs["disable"] = True
            self._unit = kwargs.get("unit", "it")
            super().__init__(*args, **kwargs)
            self._done = int(kwargs.get("initial") or 0)

        def update(self, n=1):
            self._done += int(n or 0)
            if self._unit == "B":
                report(self._done, int(self.total or 0))

    return _ReportingBar


def prefetch(repo_id: str, report: ProgressCallback) -> bool:
    """Download ``repo_id``'s model files into the cache, reporting bytes.

    Returns False when nothing could be fetched (offline, unknown id); loading
    then goes on from the cache or fails with its own plain message.
    """
    from huggingface_hub import snapshot_download

    try:
        snapshot_download(
            repo_id, allow_patterns=MODEL_FILE_PATTERNS, tqdm_class=_progress_class(report)
        )
    except Exception:  # noqa: BLE001 - loading decides what the user is told
        log.debug("prefetch of %s failed", repo_id, exc_info=True)
        return False
    return True
