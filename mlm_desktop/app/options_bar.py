"""The analysis toolbar: run, random mask (p, seed), re-roll, clear, top-k, whole words, and
the word list the candidates come from ("Only these words").

It emits ``options_changed(AnalysisOptions)`` when the user changes an option
and shows options set from code with :meth:`OptionsBar.show_options`, which
does not echo.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox, QToolBar, QWidget

from ..core.errors import InputError
from ..core.options import DEFAULT_OPTIONS, MAX_SEED, MAX_TOP_K, AnalysisOptions
from ..core.targets import target_words
from ..panels.core_text import shown_error


class OptionsBar(QToolBar):
    """The toolbar's option widgets; the actions are the window's."""

    options_changed = Signal(object)  # AnalysisOptions

    def __init__(
        self,
        run: QAction,
        random_mask: QAction,
        reroll: QAction,
        clear_masks: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Analysis"), parent)
        self.setObjectName("analysisToolBar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addAction(run)
        self.addSeparator()
        self.addAction(random_mask)
        self.addWidget(QLabel(self.tr(" p "), self))
        self.probability_spin = QDoubleSpinBox(self)
        self.probability_spin.setObjectName("maskProbabilitySpin")
        self.probability_spin.setAccessibleName(self.tr("Random mask probability"))
        self.probability_spin.setRange(0.0, 1.0)
        self.probability_spin.setSingleStep(0.05)
        self.probability_spin.setDecimals(2)
        self.probability_spin.setToolTip(self.tr("Probability of masking each token"))
        self.addWidget(self.probability_spin)
        self.addWidget(QLabel(self.tr(" seed "), self))
        self.seed_spin = QSpinBox(self)
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setAccessibleName(self.tr("Random mask seed"))
        self.seed_spin.setRange(0, MAX_SEED)
        self.seed_spin.setToolTip(self.tr("Seed of the random mask (the same seed masks the same tokens)"))
        self.addWidget(self.seed_spin)
        self.addAction(reroll)
        self.addAction(clear_masks)
        self.addSeparator()
        self.addWidget(QLabel(self.tr(" top-k "), self))
        self.top_k_spin = QSpinBox(self)
        self.top_k_spin.setObjectName("topKSpin")
        self.top_k_spin.setAccessibleName(self.tr("Candidates shown (top-k)"))
        self.top_k_spin.setRange(1, MAX_TOP_K)
        self.top_k_spin.setToolTip(self.tr("Candidates shown per masked token"))
        self.addWidget(self.top_k_spin)
        self.addSeparator()
        self.whole_word_check = QCheckBox(self.tr("Whole words"), self)
        self.whole_word_check.setObjectName("wholeWordCheck")
        self.whole_word_check.setToolTip(self.tr("Masking a piece of a word masks the whole word"))
        self.addWidget(self.whole_word_check)
        self.addSeparator()
        self._build_targets_field()
        self.show_options(DEFAULT_OPTIONS)
        for signal in (
            self.probability_spin.valueChanged,
            self.seed_spin.valueChanged,
            self.top_k_spin.valueChanged,
            self.whole_word_check.toggled,
        ):
            signal.connect(self._on_option_edited)

    def _build_targets_field(self) -> None:
        self.targets_label = QLabel(self.tr(" Only these words "), self)
        self.addWidget(self.targets_label)
        self.targets_edit = QLineEdit(self)
        self.targets_edit.setObjectName("targetsEdit")
        self.targets_edit.setClearButtonEnabled(True)
        self.targets_edit.setPlaceholderText(self.tr("any word"))
        self.targets_edit.setMinimumWidth(170)
        self.targets_edit.setMaximumWidth(360)
        self._targets_tip = self.tr(
            "Candidates only among these words (comma- or space-separated, e.g. Paris, London), "
            "ranked by their probability over the whole vocabulary. Empty: every word.")
        self.targets_edit.setToolTip(self._targets_tip)
        self.targets_label.setBuddy(self.targets_edit)
        self.addWidget(self.targets_edit)
        #: the word list last accepted (a list that cannot be used is not sent)
        self._targets: tuple[str, ...] = ()
        self.targets_edit.editingFinished.connect(self._on_targets_edited)
        # the clear button empties the field without finishing the edit
        self.targets_edit.textChanged.connect(lambda text: text or self._on_targets_edited())

    def _on_targets_edited(self) -> None:
        try:
            words = target_words(self.targets_edit.text())
        except InputError as exc:
            self.targets_edit.setStyleSheet("QLineEdit { border: 1px solid #e5484d; }")
            self.targets_edit.setToolTip(shown_error(exc))
            return
        self.targets_edit.setStyleSheet("")
        self.targets_edit.setToolTip(self._targets_tip)
        if words != self._targets:
            self._targets = words
            self._on_option_edited()

    def options(self) -> AnalysisOptions:
        return AnalysisOptions(
            top_k=self.top_k_spin.value(),
            whole_word=self.whole_word_check.isChecked(),
            mask_probability=self.probability_spin.value(),
            seed=self.seed_spin.value(),
            targets=self._targets,
        )

    def show_options(self, options: AnalysisOptions) -> None:
        """Show ``options`` without emitting ``options_changed``."""
        widgets = (self.probability_spin, self.seed_spin, self.top_k_spin, self.whole_word_check,
                   self.targets_edit)
        blockers = [QSignalBlocker(w) for w in widgets]
        try:
            self.probability_spin.setValue(options.mask_probability)
            self.seed_spin.setValue(min(int(options.seed), MAX_SEED))
            self.top_k_spin.setValue(min(int(options.top_k), MAX_TOP_K))
            self.whole_word_check.setChecked(options.whole_word)
            self._targets = tuple(options.targets)
            self.targets_edit.setText(", ".join(options.targets))
            self.targets_edit.setStyleSheet("")
        finally:
            del blockers

    def _on_option_edited(self, *_args) -> None:
        self.options_changed.emit(self.options())
