"""Style sheets of the text labels around the figures and charts.

Their colours are the palette's (``palette(...)`` in a style sheet), so that
they read in a light and a dark theme alike; the app polishes them again
when the theme changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

#: muted text: the palette's placeholder colour
PLACEHOLDER_STYLE = "color: palette(placeholder-text);"
FIGURE_STYLE = "color: palette(window-text); font-size: 17pt; font-weight: 600;"
CAPTION_STYLE = PLACEHOLDER_STYLE + " font-size: 10pt;"
DETAIL_STYLE = "color: palette(window-text); font-size: 10pt;"
#: a red that reads on a light and on a dark ground
WARNING_STYLE = "color: #e5484d; font-size: 10pt; font-weight: 600;"
TITLE_STYLE = "color: palette(window-text); font-size: 10pt; font-weight: 600;"


def caption(text: str) -> QLabel:
    """Muted, word-wrapped small text: what a figure or a chart shows."""
    label = QLabel(text)
    label.setStyleSheet(CAPTION_STYLE)
    label.setWordWrap(True)
    return label
