"""Fetching a model from the hub ahead of loading, with byte progress.

``transformers`` downloads missing files itself but reports progress only to a
terminal. Fetching the snapshot first with ``huggingface_hub`` lets the window
show how much of a download is done, and stop it: the progress report may
raise :class:`~mlm_desktop.core.errors.LoadCancelled`, which ends the download
(``huggingface_hub`` removes the partial file).

Before any download, :func:`hub_reachable` asks once, with a short timeout and
no retries, whether the hub answers, so an offline machine is told at once
instead of after ``huggingface_hub``'s retries.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .errors import LoadCancelled

log = logging.getLogger(__name__)

#: the files a masked LM needs: config, tokenizer, safetensors weights
MODEL_FILE_PATTERNS = ["*.json", "*.safetensors", "*.txt", "*.model", "*.tiktoken"]

#: seconds to wait for the hub's first answer before calling it unreachable
HUB_CHECK_TIMEOUT_S = 3.0

ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes in all; 0 if unknown)


def hub_offline_mode() -> bool:
    """True when ``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) forbids network access."""
    from huggingface_hub import constants

    return bool(constants.HF_HUB_OFFLINE)


def hub_reachable(timeout: float = HUB_CHECK_TIMEOUT_S) -> bool:
    """One HEAD request to the hub, no retries: does it answer at all?"""
    if hub_offline_mode():
        return False
    from huggingface_hub import constants
    from huggingface_hub import utils as hub_utils

    try:
        hub_utils.get_session().head(constants.ENDPOINT, timeout=timeout)
    except Exception:  # noqa: BLE001 - no answer, whatever the reason, means offline
        log.debug("the hub did not answer", exc_info=True)
        return False
    return True


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
                report(self._done, int(self.total or 0))  # may raise LoadCancelled

    return _ReportingBar


def prefetch(repo_id: str, report: ProgressCallback) -> bool:
    """Download ``repo_id``'s model files into the cache, reporting bytes.

    Returns False when nothing could be fetched (offline, unknown id); loading
    then goes on from the cache or fails with its own plain message. A
    :class:`LoadCancelled` raised by ``report`` stops the download and is raised on.
    """
    from huggingface_hub import snapshot_download

    try:
        snapshot_download(
            repo_id, allow_patterns=MODEL_FILE_PATTERNS, tqdm_class=_progress_class(report)
        )
    except LoadCancelled:
        raise
    except Exception:  # noqa: BLE001 - loading decides what the user is told
        log.debug("prefetch of %s failed", repo_id, exc_info=True)
        return False
    return True
