"""Files shipped with the app: the sample text, the bundled demo model and the icons.

They live in ``resources/`` at the top of a source checkout, and install as the
package data ``mlm_desktop/resources`` (see pyproject.toml): an installed app
finds them beside its code, a checkout beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def _resources_folder() -> Path:
    installed = _PACKAGE / "resources"
    return installed if installed.is_dir() else _PACKAGE.parent / "resources"


RESOURCES = _resources_folder()
SAMPLE_TEXT_PATH = RESOURCES / "samples" / "civil_war.txt"
BUNDLED_MODEL_NAME = "minilm-l6-mlm-en"
BUNDLED_MODEL = RESOURCES / "models" / BUNDLED_MODEL_NAME
ICONS = RESOURCES / "icons"
#: the application icon, drawn as SVG; PNG renderings beside it (``mlm-desktop-<size>.png``)
APP_ICON_SVG = ICONS / "mlm-desktop.svg"
#: the sizes the PNG renderings come in (tools/render_icons.py writes them)
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def icon_png(size: int) -> Path:
    """The application icon rendered at ``size`` × ``size`` pixels."""
    return ICONS / f"mlm-desktop-{size}.png"

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
