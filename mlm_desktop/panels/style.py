"""Colours and number formats shared by the views (light window theme)."""

from __future__ import annotations

import math

MASKED_FILL = "#b45309"  # dark amber: a token the user masked
MASKED_BORDER = "#7c2d12"
TYPED_FILL = "#6d28d9"  # violet: a mask typed into the text
TYPED_BORDER = "#4c1d95"
CHIP_FILL = "#eef2f7"
CHIP_BORDER = "#b8c4d4"
CHIP_HOVER_BORDER = "#1d4ed8"
SPECIAL_TEXT = "#9aa3ad"
TEXT = "#1f2937"
MUTED_TEXT = "#6b7280"
CORRECT = "#15803d"  # green: the original token among the candidates
WRONG = "#dc2626"  # red: the model's argmax differs from the original token
BAR = "#4c78a8"
BAR_SPECIAL = "#b9c0c9"
PLOT_BACKGROUND = "w"
PLOT_FOREGROUND = "#374151"

EMPTY = "—"


def format_number(value: float | None, digits: int = 4) -> str:
    """A readable figure: ``—`` for None or NaN, scientific for very small values."""
    if value is None:
        return EMPTY
    value = float(value)
    if math.isnan(value):
        return EMPTY
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value != 0 and (abs(value) < 10 ** -(digits - 1) or abs(value) >= 10**6):
        return f"{value:.{max(digits - 2, 1)}e}"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_perplexity(value: float | None) -> str:
    """Perplexities: thousands separated, two decimals below 100."""
    if value is None or not math.isfinite(value):
        return format_number(value)
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def format_probability(p: float | None) -> str:
    """Probabilities as plain decimals down to 0.0001, scientific below."""
    if p is None or math.isnan(float(p)):
        return EMPTY
    p = float(p)
    if p >= 0.0001 or p == 0:
        return f"{p:.4f}"
    return f"{p:.1e}"
