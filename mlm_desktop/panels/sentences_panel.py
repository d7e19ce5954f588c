"""The notebook's three lines: masked input, the model's argmax everywhere, the original text.

They read as the tokenizer decodes them (word pieces joined, space markers
and special tokens gone), or, as the notebook prints them, as the tokens
joined by spaces (``set_joined_tokens``).
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QVBoxLayout, QWidget

from ..core.analyses.masked_lm_types import AnalysisResult
from .style import MASKED_FILL, TYPED_FILL, WRONG
from .theme import follow_palette, theme_colours

MASKED_LINE = QT_TRANSLATE_NOOP("SentencesPanel", "Masked input")
PREDICTED_LINE = QT_TRANSLATE_NOOP("SentencesPanel", "Model's argmax at every position")
ORIGINAL_LINE = QT_TRANSLATE_NOOP("SentencesPanel", "True text")
JOINED_TOKENS = QT_TRANSLATE_NOOP("SentencesPanel", "Tokens joined by spaces (as the notebook prints them)")

_MASKED_STYLE = f"background-color: {MASKED_FILL}; color: white; font-weight: bold;"
_TYPED_STYLE = f"background-color: {TYPED_FILL}; color: white; font-weight: bold;"
_WRONG_STYLE = f"color: {WRONG};"
_WRONG_MASKED_STYLE = f"background-color: #fde2e2; color: {WRONG}; font-weight: bold;"
_RIGHT_MASKED_STYLE = "background-color: #dcfce7; color: #15803d; font-weight: bold;"
_UNDERLINE_MASKED = f"text-decoration: underline; color: {MASKED_FILL}; font-weight: bold;"


class SentencesPanel(QWidget):
    """The three lines, decoded or as tokens joined by spaces.

    In the argmax line, tokens that differ from the original token are red (on
    a pink ground at masked positions), masked positions the model got right
    are green; masked positions are amber in the masked line and underlined in
    the original ("True text") line.
    """

    #: the user switched between decoded lines (False) and tokens joined by spaces (True)
    joined_tokens_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: AnalysisResult | None = None
        self._browser = QTextBrowser()
        self._browser.setAccessibleName(self.tr("Sentences"))
        self._browser.setOpenLinks(False)
        font = self._browser.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1)
        self._browser.setFont(font)
        self._joined = QCheckBox(self.tr(JOINED_TOKENS))
        self._joined.setToolTip(self.tr("Off: each line decoded as the tokenizer decodes it. "
                                        "On: the tokenizer's own token strings (##, Ġ, ▁ and all), "
                                        "special tokens included."))
        self._joined.toggled.connect(lambda _on: self.set_result(self._result))
        self._joined.toggled.connect(self.joined_tokens_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._joined)
        layout.addWidget(self._browser)
        follow_palette(self._browser, lambda: self.set_result(self._result))

    # -- interface -------------------------------------------------------------
    def set_result(self, result: AnalysisResult | None) -> None:
        self._result = result
        if result is None:
            muted = theme_colours().muted.name()
            self._browser.setHtml(
                f"<p style='color:{muted}'>"
                + html.escape(self.tr("The masked input, the model's guess at every position and the "
                                      "true text appear here after a run."))
                + "</p>"
            )
            return
        self._browser.setHtml(self._render(result))

    def set_joined_tokens(self, joined: bool) -> None:
        """Show tokens joined by spaces (True) or the decoded text (False, the default)."""
        self._joined.setChecked(bool(joined))

    def joined_tokens(self) -> bool:
        return self._joined.isChecked()

    # -- accessors -------------------------------------------------------------
    def masked_line_text(self) -> str:
        return self._line_text(0)

    def predicted_line_text(self) -> str:
        return self._line_text(1)

    def original_line_text(self) -> str:
        return self._line_text(2)

    def _line_text(self, line: int) -> str:
        if self._result is None:
            return ""
        if self.joined_tokens():
            return " ".join(token for token, _style in self._lines(self._result)[line])
        return "".join(piece for piece, _style in self._decoded(self._result, line)).strip()

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

    def _lines(self, result: AnalysisResult) -> list[list[tuple[str, str]]]:
        """(token, style) at every position of the masked, argmax and original lines."""
        masked = set(result.mask_positions.tolist())
        typed = set(result.typed_mask_positions.tolist())
        wrong = set(self._mismatches(result).tolist())
        lines: list[list[tuple[str, str]]] = [[], [], []]
        for i, token in enumerate(result.tokens):
            if i in typed:
                lines[0].append((token, _TYPED_STYLE))
            elif i in masked:
                lines[0].append((result.mask_token, _MASKED_STYLE))
            else:
                lines[0].append((token, ""))
            guess = result.predicted_tokens[i]
            if i in wrong:
                lines[1].append((guess, _WRONG_MASKED_STYLE if i in masked else _WRONG_STYLE))
            elif i in masked:
                lines[1].append((guess, _RIGHT_MASKED_STYLE))
            elif i in typed:
                lines[1].append((guess, _TYPED_STYLE))
            else:
                lines[1].append((guess, ""))
            lines[2].append((token, _UNDERLINE_MASKED if i in masked else ""))
        return lines

    def _decoded(self, result: AnalysisResult, line: int) -> list[tuple[str, str]]:
        """(piece, style) of one line decoded: special positions left out, word starts
        carrying their space."""
        kept = [pair for pair, special in zip(self._lines(result)[line], result.special_mask,
                                              strict=True) if not special]
        pieces = result.token_scheme.pieces([token for token, _style in kept])
        return [(piece, style) for piece, (_token, style) in zip(pieces, kept, strict=True)]

    def _render(self, result: AnalysisResult) -> str:
        typed = set(result.typed_mask_positions.tolist())
        wrong = set(self._mismatches(result).tolist())

        def span(text: str, style: str = "") -> str:
            escaped = html.escape(text)
            return f"<span style='{style}'>{escaped}</span>" if style else escaped

        def decoded(line: int) -> str:
            parts = []
            for piece, style in self._decoded(result, line):
                word = piece.lstrip(" ") if parts else piece.strip(" ")
                lead = piece[:len(piece) - len(piece.lstrip(" "))] if parts else ""
                parts.append(html.escape(lead) + span(word, style) if word else html.escape(lead))
            return "".join(parts)

        if self.joined_tokens():
            masked_line, predicted_line, original_line = (
                " ".join(span(token, style) for token, style in line)
                for line in self._lines(result))
        else:
            masked_line, predicted_line, original_line = (decoded(i) for i in range(3))

        counts = self.tr("{wrong} of {count} positions differ from the true token").format(
            wrong=len(wrong), count=result.num_tokens - len(typed))
        blocks = [
            (self.tr(MASKED_LINE), masked_line, ""),
            (self.tr(PREDICTED_LINE), predicted_line, counts),
            (self.tr(ORIGINAL_LINE), original_line, ""),
        ]
        colours = theme_colours()
        ink, muted = colours.text.name(), colours.muted.name()
        parts = [f"<div style='color:{ink}'>"]
        for title, tokens, note in blocks:
            note_html = f" <span style='color:{muted}; font-weight:normal'>({note})</span>" \
                if note else ""
            parts.append(
                f"<p style='margin-top:6px; margin-bottom:2px; color:{muted}; "
                f"font-weight:bold'>{html.escape(title)}{note_html}</p>"
                f"<p style='margin-top:0; margin-bottom:8px; line-height:140%; "
                f"white-space:pre-wrap'>{tokens}</p>"
            )
        parts.append("</div>")
        return "".join(parts)
