"""Files shipped with the app: the sample text and the bundled demo model."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SAMPLE_TEXT_PATH = RESOURCES / "samples" / "civil_war.txt"
BUNDLED_MODEL_NAME = "minilm-l6-mlm-en"
BUNDLED_MODEL = RESOURCES / "models" / BUNDLED_MODEL_NAME

#: the first sentence of the sample, should its file be missing
FALLBACK_SAMPLE = (
    "After Abraham Lincoln won the November 1860 presidential election on an "
    "anti-slavery platform, an initial seven slave states declared their secession "
    "from the country to form the Confederacy."
)


def sample_text() -> str:
    """The reference notebook's Civil War paragraph, shown on a first run."""
    try:
        return SAMPLE_TEXT_PATH.read_text(encoding="utf-8").strip()
    except OSError:
        return FALLBACK_SAMPLE
