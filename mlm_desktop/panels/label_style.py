"""Style sheets of the text labels around the figures and charts (light window theme)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .style import MUTED_TEXT, TEXT

FIGURE_STYLE = f"color: {TEXT}; font-size: 17pt; font-weight: 600;"
CAPTION_STYLE = f"color: {MUTED_TEXT}; font-size: 10pt;"
DETAIL_STYLE = f"color: {TEXT}; font-size: 10pt;"
WARNING_STYLE = "color: #b91c1c; font-size: 10pt; font-weight: 600;"
TITLE_STYLE = f"color: {TEXT}; font-size: 10pt; font-weight: 600;"


def caption(text: str) -> QLabel:
    """Muted, word-wrapped small text: what a figure or a chart shows."""
    label = QLabel(text)
    label.setStyleSheet(CAPTION_STYLE)
    label.setWordWrap(True)
    return label
