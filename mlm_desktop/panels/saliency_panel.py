"""The saliency panel: which words drove the model's guess at a masked position.

The text's tokens, each coloured by its signed attribution to one
candidate's log-probability (diverging colours, a legend, values on hover),
and the choices the saliency follow-up takes through ``follow_up_settings()``:
the masked position, the candidate (the model's top-k there, the top-1 by
default), the method and integrated gradients' steps. Clicking a masked chip
explains that position.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from ..core.analyses.saliency_types import (
    DEFAULT_STEPS,
    MAX_STEPS,
    METHODS,
    MIN_STEPS,
    SaliencyResult,
    SaliencySettings,
)
from .core_text import shown
from .flow_layout import FlowLayout
from .label_style import CAPTION_STYLE, DETAIL_STYLE
from .saliency_tokens import SaliencyChips, SaliencyLegend, describe_token
from .style import format_number, format_probability

EMPTY_TEXT = QT_TRANSLATE_NOOP("SaliencyPanel", "Which words drove the model's guess at a masked token "
                               "appears here.")
#: names the colour bar's ends, not colours: the diverging map is the user's choice
LEGEND = QT_TRANSLATE_NOOP("SaliencyPanel", "Towards the bar's “raised” end: the token raised the "
                           "candidate's log-probability; towards “lowered”: it lowered it. Point at a token "
                           "for its value; click a masked token to explain it.")


def summary_text(result: SaliencyResult) -> str:
    """What was explained, and how well integrated gradients add up."""
    head = QCoreApplication.translate(
        "SaliencyPanel", "'{candidate}' at position {position}: log-probability {log_prob}, {method}"
    ).format(candidate=result.candidate_label, position=result.position,
             log_prob=format_number(result.log_prob), method=shown(result.method_name))
    if result.method != "ig":
        return head
    return QCoreApplication.translate(
        "SaliencyPanel", "{head}, {steps} steps. Attributions sum to {total}; input − baseline "
        "(every word masked) = {gap} (convergence delta {delta})."
    ).format(head=head, steps=result.steps, total=format_number(float(result.attributions.sum())),
             gap=format_number(result.log_prob - result.baseline_log_prob), delta=format_number(result.delta))


#: the narrowest the position and candidate boxes get, in characters (an empty box too)
MIN_CHOICE_CHARS = 8


class SaliencyPanel(QWidget):
    """Draws a :class:`SaliencyResult`; follows and points at tokens like the other panels."""

    token_hovered = Signal(int)
    token_selected = Signal(int)
    follow_up_settings_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: SaliencyResult | None = None
        self._settings = SaliencySettings()
        self._position = QComboBox()
        self._position.setToolTip(self.tr("The masked token whose guess is explained"))
        self._candidate = QComboBox()
        self._candidate.setToolTip(self.tr("The candidate explained (the model's top-1 by default)"))
        for box in (self._position, self._candidate):
            # filled after the panel first shows: grow with the items, never below a short word
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.setMinimumContentsLength(MIN_CHOICE_CHARS)
        self._method = QComboBox()
        for key, name in METHODS.items():
            self._method.addItem(shown(name), key)
        self._steps = QSpinBox()
        self._steps.setRange(MIN_STEPS, MAX_STEPS)
        self._steps.setValue(DEFAULT_STEPS)
        self._steps.setToolTip(self.tr("Integrated gradients: points on the path from the baseline"))
        controls = FlowLayout()
        for label, widget in ((self.tr("Position:"), self._position),
                              (self.tr("Candidate:"), self._candidate),
                              (self.tr("Method:"), self._method), (self.tr("Steps:"), self._steps)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)

        self._summary = QLabel()
        self._summary.setStyleSheet(DETAIL_STYLE)
        self._summary.setWordWrap(True)
        self._chips = SaliencyChips()
        self._chips.placeholder = self.tr(EMPTY_TEXT)
        self._chips.tooltip_provider = self._tooltip
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._chips)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chips take the keyboard
        self._chips.setAccessibleName(self.tr("Tokens coloured by saliency"))
        self._legend = SaliencyLegend()
        self._readout = QLabel()
        self._readout.setStyleSheet(CAPTION_STYLE)
        self._readout.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self._summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._legend)
        layout.addWidget(self._readout)

        self._position.activated.connect(self._on_position_chosen)
        self._candidate.activated.connect(self._on_candidate_chosen)
        self._method.activated.connect(self._on_method_or_steps)
        self._steps.editingFinished.connect(self._on_method_or_steps)
        self._chips.chip_hovered.connect(self._on_chip_hovered)
        self._chips.chip_pressed.connect(self._on_chip_pressed)
        self.set_result(None)

    # -- the panel protocol --------------------------------------------------------
    def set_result(self, result: SaliencyResult | None) -> None:
        self._result = result
        self._chips.set_result(result)
        self._legend.set_scale(0.0 if result is None else result.scale)
        explained = result is not None and result.position >= 0
        self._legend.setVisible(explained)
        self._fill_choices(result)
        if result is None:
            self._summary.setText("")
        else:
            self._summary.setText(summary_text(result) if explained
                                  else "\n".join(map(shown, result.notes)))
        self._readout.setText(self.tr(LEGEND) if explained else "")

    def highlight_token(self, position: int) -> None:
        self._chips.set_highlighted(position)

    def follow_up_settings(self) -> SaliencySettings:
        return self._settings

    # -- accessors for tests -----------------------------------------------------------
    def result(self) -> SaliencyResult | None:
        return self._result

    def chips(self) -> SaliencyChips:
        return self._chips

    def legend(self) -> SaliencyLegend:
        return self._legend

    def summary(self) -> str:
        return self._summary.text()

    def readout_text(self) -> str:
        return self._readout.text()

    def position_box(self) -> QComboBox:
        return self._position

    def candidate_box(self) -> QComboBox:
        return self._candidate

    def method_box(self) -> QComboBox:
        return self._method

    def steps_box(self) -> QSpinBox:
        return self._steps

    # -- internals -------------------------------------------------------------------
    def _fill_choices(self, result: SaliencyResult | None) -> None:
        for box in (self._position, self._candidate):
            box.blockSignals(True)
            box.clear()
        if result is not None and result.position >= 0:
            for p in result.positions:
                self._position.addItem(f"{p}: {result.labels[p]}", p)
            self._position.setCurrentIndex(result.positions.index(result.position))
            for i, label, prob in zip(result.choice_ids, result.choice_labels, result.choice_probs,
                                      strict=True):
                self._candidate.addItem(f"{label}  ({format_probability(prob)})", i)
            if result.candidate_id not in result.choice_ids:
                self._candidate.addItem(result.candidate_label, result.candidate_id)
            self._candidate.setCurrentIndex(self._candidate.findData(result.candidate_id))
            self._method.setCurrentIndex(self._method.findData(result.method))
        for box in (self._position, self._candidate):
            box.blockSignals(False)
            box.setEnabled(box.count() > 0)
        self._steps.setEnabled(self._settings.method == "ig")

    def _ask(self, settings: SaliencySettings) -> None:
        self._steps.setEnabled(settings.method == "ig")
        if settings != self._settings:
            self._settings = settings
            self.follow_up_settings_changed.emit()

    def _explain(self, position: int) -> None:
        self._ask(SaliencySettings(position, None, self._settings.method, self._settings.steps))

    def _on_position_chosen(self, index: int) -> None:
        self._explain(int(self._position.itemData(index)))

    def _on_candidate_chosen(self, index: int) -> None:
        result = self._result
        if result is not None and result.position >= 0:
            self._ask(SaliencySettings(result.position, int(self._candidate.itemData(index)),
                                       self._settings.method, self._settings.steps))

    def _on_method_or_steps(self) -> None:
        s = self._settings
        self._ask(SaliencySettings(s.position, s.candidate_id, self._method.currentData(),
                                   self._steps.value()))

    def _tooltip(self, position: int) -> str:
        return "" if self._result is None else describe_token(self._result, position)

    def _on_chip_hovered(self, position: int) -> None:
        self._chips.set_hovered(position)
        result = self._result
        if result is not None and result.position >= 0:
            self._readout.setText(self.tr(LEGEND) if position < 0 else describe_token(result, position))
        self.token_hovered.emit(position)

    def _on_chip_pressed(self, position: int, _modifiers: object) -> None:
        result = self._result
        if result is None or position < 0:
            return
        self.token_selected.emit(position)
        if position in result.positions and position != result.position:
            self._explain(position)
