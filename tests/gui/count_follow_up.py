"""A follow-up analysis for tests: the token count of the masked-LM result on screen.

It stands for the follow-up analyses to come (logit lens and the like): it
runs only while its panel is in view, tagged with the result it follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel

from mlm_desktop.core.analyses import AnalysisUnit
from mlm_desktop.core.analyses.base import stop_if_cancelled
from mlm_desktop.core.analyses.masked_lm import KIND as MASKED_LM
from mlm_desktop.panels.registry import PanelSpec

COUNT = "token_count"


@dataclass(frozen=True)
class CountRequest:
    text: str
    masked: tuple[int, ...]


@dataclass(frozen=True)
class CountResult:
    text: str
    tokens: int
    masked: tuple[int, ...]


def _count(loaded, request, cancelled, progress):
    stop_if_cancelled(cancelled)
    tokens = len(loaded.tokenizer(request.text, truncation=True)["input_ids"])
    progress(1, 1)
    return CountResult(request.text, tokens, request.masked)


COUNT_UNIT = AnalysisUnit(
    kind=COUNT, title="token count", request_type=CountRequest, result_type=CountResult,
    run=_count, follows=MASKED_LM,
    request_for=lambda result, _options, _settings: CountRequest(
        result.text, tuple(result.mask_positions.tolist())),
)


class CountPanel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.current: CountResult | None = None

    def set_result(self, result: CountResult | None) -> None:
        self.current = result
        self.setText("" if result is None else f"{result.tokens} tokens")


#: its panel, in a dock of its own on the right
COUNT_SPEC = PanelSpec(COUNT, "Token count", CountPanel, kind=COUNT, area="right", group="count")
