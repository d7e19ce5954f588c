"""The notebook's three lines: masked input, the model's argmax everywhere, the original text."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from .style import MASKED_FILL, MUTED_TEXT, TEXT, TYPED_FILL, WRONG

MASKED_LINE = "Masked input"
PREDICTED_LINE = "Model's argmax at every position"
ORIGINAL_LINE = "True text"

_MASKED_STYLE = f"background-color: {MASKED_FILL}; color: white; font-weight: bold;"
_TYPED_STYLE = f"background-color: {TYPED_FILL}; color: white; font-weight: bold;"
_WRONG_STYLE = f"color: {WRONG};"
_WRONG_MASKED_STYLE = f"background-color: #fde2e2; color: {WRONG}; font-weight: bold;"
_RIGHT_MASKED_STYLE = "background-color: #dcfce7; color: #15803d; font-weight: bold;"
_UNDERLINE_MASKED = f"text-decoration: underline; color: {MASKED_FILL}; font-weight: bold;"


class SentencesPanel(QWidget):
    """Tokens joined by spaces, as the notebook prints them.

    In the argmax line, tokens that differ from the original token are red (on
    a pink ground at masked positions), masked positions the model got right
    are green; masked positions are amber in the masked line and underlined in
    the original ("True text") line.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._browser = QTextBrowser()
        self._browser.setOpenLinks(False)
        font = self._browser.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1)
        self._browser.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._browser)
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        if result is None:
            self._browser.setHtml(
                f"<p style='color:{MUTED_TEXT}'>The masked input, the model's guess at every "
                "position and the true text appear here after a run.</p>"
            )
            return
        self._browser.setHtml(self._render(result))

    # -- accessors -------------------------------------------------------------
    def masked_line_text(self) -> str:
        return "" if self._result is None else self._result.masked_text

    def predicted_line_text(self) -> str:
        return "" if self._result is None else self._result.predicted_text

    def original_line_text(self) -> str:
        return "" if self._result is None else self._result.original_text

    def mismatched_positions(self) -> list[int]:
        """Positions highlighted red in the argmax line (argmax != original token)."""
        if self._result is None:
            return []
        return self._mismatches(self._result).tolist()

    def plain_text(self) -> str:
        return self._browser.toPlainText()

    def html(self) -> str:
        return self._browser.toHtml()

    # -- rendering ---------------------------------------------------------------
    @staticmethod
    def _mismatches(result: AnalysisResult) -> np.ndarray:
        wrong = np.asarray(result.predicted_ids) != np.asarray(result.input_ids)
        wrong &= ~np.asarray(result.typed_mask, dtype=bool)
        return np.flatnonzero(wrong)

    def _render(self, result: AnalysisResult) -> str:
        masked = set(result.mask_positions.tolist())
        typed = set(result.typed_mask_positions.tolist())
        wrong = set(self._mismatches(result).tolist())

        def span(text: str, style: str = "") -> str:
            escaped = html.escape(text)
            return f"<span style='{style}'>{escaped}</span>" if style else escaped

        masked_line, predicted_line, original_line = [], [], []
        for i, token in enumerate(result.tokens):
            if i in typed:
                masked_line.append(span(token, _TYPED_STYLE))
            elif i in masked:
                masked_line.append(span(result.mask_token, _MASKED_STYLE))
            else:
                masked_line.append(span(token))
            guess = result.predicted_tokens[i]
            if i in wrong:
                style = _WRONG_MASKED_STYLE if i in masked else _WRONG_STYLE
                predicted_line.append(span(guess, style))
            elif i in masked:
                predicted_line.append(span(guess, _RIGHT_MASKED_STYLE))
            elif i in typed:
                predicted_line.append(span(guess, _TYPED_STYLE))
            else:
                predicted_line.append(span(guess))
            original_line.append(span(token, _UNDERLINE_MASKED) if i in masked else span(token))

        counts = (
            f"{len(wrong)} of {result.num_tokens - len(typed)} positions differ from the "
            "true token"
        )
        blocks = [
            (MASKED_LINE, masked_line, ""),
            (PREDICTED_LINE, predicted_line, counts),
            (ORIGINAL_LINE, original_line, ""),
        ]
        parts = [f"<div style='color:{TEXT}'>"]
        for title, tokens, note in blocks:
            note_html = f" <span style='color:{MUTED_TEXT}; font-weight:normal'>({note})</span>" \
                if note else ""
            parts.append(
                f"<p style='margin-top:6px; margin-bottom:2px; color:{MUTED_TEXT}; "
                f"font-weight:bold'>{html.escape(title)}{note_html}</p>"
                f"<p style='margin-top:0; margin-bottom:8px; line-height:140%'>"
                f"{' '.join(tokens)}</p>"
            )
        parts.append("</div>")
        return "".join(parts)
