"""Which model to open when the user has not named one.

Order: the model named on the command line, else the last model used, else
``bert-base-uncased`` when it is already in the local Hugging Face cache,
else the small English demo model bundled in ``resources/models``, which
works on a machine with no access to a model hub.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .loading import DEFAULT_HUB_MODEL
from .resources import BUNDLED_MODEL

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class ModelChoice:
    """A model source and why it was chosen."""

    source: str
    reason: str  # "argument", "last used", "cached", "bundled demo", "default"

    @property
    def is_demo(self) -> bool:
        return is_bundled_demo(self.source)


def is_bundled_demo(source: str) -> bool:
    try:
        return Path(source).resolve() == BUNDLED_MODEL.resolve()
    except OSError:
        return False


def bundled_model_available() -> bool:
    return (BUNDLED_MODEL / "config.json").is_file()


def in_hub_cache(repo_id: str) -> bool:
    """True when ``repo_id`` has a cached snapshot with a config file.

    Reads the cache folder in huggingface_hub's documented layout
    (``models--ORG--NAME/refs/main`` names the snapshot) with only its constants
    imported: its file-download machinery costs a third of a second at start-up.
    """
    try:
        from huggingface_hub import constants

        repo = Path(constants.HF_HUB_CACHE) / ("models--" + repo_id.replace("/", "--"))
        revision = (repo / "refs" / "main").read_text(encoding="utf-8").strip()
        return (repo / "snapshots" / revision / "config.json").is_file()
    except Exception:  # noqa: BLE001 - a broken cache means "not cached"
        log.debug("cache lookup failed for %s", repo_id, exc_info=True)
        return False


def default_model(argument: str | None = None, last_used: str | None = None) -> ModelChoice:
    """The model to open: see the module docstring for the order."""
    if argument:
        return ModelChoice(argument, "argument")
    if last_used:
        return ModelChoice(last_used, "last used")
    if in_hub_cache(DEFAULT_HUB_MODEL):
        return ModelChoice(DEFAULT_HUB_MODEL, "cached")
    if not bundled_model_available():
        return ModelChoice(DEFAULT_HUB_MODEL, "default")
    return ModelChoice(str(BUNDLED_MODEL), "bundled demo")
