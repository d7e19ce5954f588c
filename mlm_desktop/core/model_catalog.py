"""Masked LMs on this machine and how to name a model: no Qt.

:func:`cached_masked_lms` finds the masked LMs with weights in the local
Hugging Face cache; :func:`model_label` and :func:`display_name` are the
short names the window's menus, status bar and title show.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .model_resolution import is_bundled_demo

log = logging.getLogger(__name__)

#: model types whose checkpoints are masked LMs when the config names no architecture
MASKED_LM_TYPES = frozenset(
    {
        "albert",
        "bert",
        "camembert",
        "data2vec-text",
        "deberta",
        "deberta-v2",
        "distilbert",
        "flaubert",
        "modernbert",
        "mpnet",
        "roberta",
        "xlm-roberta",
        "xmod",
    }
)
_WEIGHT_SUFFIXES = (".safetensors", ".bin")


def is_masked_lm_config(config: dict) -> bool:
    """True for a config.json that describes a masked LM."""
    architectures = config.get("architectures") or []
    if architectures:
        return any(str(a).endswith("ForMaskedLM") for a in architectures)
    return str(config.get("model_type", "")) in MASKED_LM_TYPES


def cached_masked_lms(cache_dir: str | Path | None = None) -> list[str]:
    """Hub ids of masked LMs with weights in the local Hugging Face cache, sorted.

    A missing, empty or partly corrupt cache gives what can be read (often
    nothing); this never raises.
    """
    try:
        from huggingface_hub import scan_cache_dir

        info = scan_cache_dir(cache_dir)
    except Exception:  # noqa: BLE001 - no cache or an unreadable one: nothing to offer
        log.debug("scanning the Hugging Face cache failed", exc_info=True)
        return []
    found = set()
    for repo in getattr(info, "repos", ()):
        try:
            if repo.repo_type != "model":
                continue
            for revision in repo.revisions:
                files = {f.file_name: f.file_path for f in revision.files}
                config_path = files.get("config.json")
                has_weights = any(name.endswith(_WEIGHT_SUFFIXES) for name in files)
                if config_path is None or not has_weights:
                    continue
                config = json.loads(Path(config_path).read_text(encoding="utf-8"))
                if isinstance(config, dict) and is_masked_lm_config(config):
                    found.add(repo.repo_id)
                    break
        except Exception:  # noqa: BLE001 - one broken repo does not hide the others
            log.debug("skipping cached repo %s", getattr(repo, "repo_id", "?"), exc_info=True)
    return sorted(found, key=str.lower)


def model_label(source: str) -> str:
    """A short menu label: the hub id, or a folder's name with its parent."""
    path = Path(source)
    if path.is_absolute():
        return f"{path.name}  ({path.parent})"
    return source


def display_name(source: str) -> str:
    """How the window names a model: the bundled demo as such, others by :func:`model_label`."""
    if is_bundled_demo(source):
        return f"{Path(source).name} (bundled demo)"
    return model_label(source)
