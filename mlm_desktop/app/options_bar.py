"""The analysis toolbar: run, random mask (p, seed), re-roll, clear, top-k, whole words.

It emits ``options_changed(AnalysisOptions)`` when the user changes an option
and shows options set from code with :meth:`OptionsBar.show_options`, which
does not echo.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QSpinBox, QToolBar, QWidget

from ..core.options import DEFAULT_OPTIONS, MAX_SEED, MAX_TOP_K, AnalysisOptions


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
        super().__init__("Analysis", parent)
        self.setObjectName("analysisToolBar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addAction(run)
        self.addSeparator()
        self.addAction(random_mask)
        self.addWidget(QLabel(" p ", self))
        self.probability_spin = QDoubleSpinBox(self)
        self.probability_spin.setObjectName("maskProbabilitySpin")
        self.probability_spin.setAccessibleName(self.tr("Random mask probability"))
        self.probability_spin.setRange(0.0, 1.0)
        self.probability_spin.setSingleStep(0.05)
        self.probability_spin.setDecimals(2)
        self.probability_spin.setToolTip("Probability of masking each token")
        self.addWidget(self.probability_spin)
        self.addWidget(QLabel(" seed ", self))
        self.seed_spin = QSpinBox(self)
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setAccessibleName(self.tr("Random mask seed"))
        self.seed_spin.setRange(0, MAX_SEED)
        self.seed_spin.setToolTip("Seed of the random mask (the same seed masks the same tokens)")
        self.addWidget(self.seed_spin)
        self.addAction(reroll)
        self.addAction(clear_masks)
        self.addSeparator()
        self.addWidget(QLabel(" top-k ", self))
        self.top_k_spin = QSpinBox(self)
        self.top_k_spin.setObjectName("topKSpin")
        self.top_k_spin.setAccessibleName(self.tr("Candidates shown (top-k)"))
        self.top_k_spin.setRange(1, MAX_TOP_K)
        self.top_k_spin.setToolTip("Candidates shown per masked token")
        self.addWidget(self.top_k_spin)
        self.addSeparator()
        self.whole_word_check = QCheckBox("Whole words", self)
        self.whole_word_check.setObjectName("wholeWordCheck")
        self.whole_word_check.setToolTip("Masking a piece of a word masks the whole word")
        self.addWidget(self.whole_word_check)
        self.show_options(DEFAULT_OPTIONS)
        for signal in (
            self.probability_spin.valueChanged,
            self.seed_spin.valueChanged,
            self.top_k_spin.valueChanged,
            self.whole_word_check.toggled,
        ):
            signal.connect(self._on_option_edited)

    def options(self) -> AnalysisOptions:
        return AnalysisOptions(
            top_k=self.top_k_spin.value(),
            whole_word=self.whole_word_check.isChecked(),
            mask_probability=self.probability_spin.value(),
            seed=self.seed_spin.value(),
        )

    def show_options(self, options: AnalysisOptions) -> None:
        """Show ``options`` without emitting ``options_changed``."""
        widgets = (self.probability_spin, self.seed_spin, self.top_k_spin, self.whole_word_check)
        blockers = [QSignalBlocker(w) for w in widgets]
        try:
            self.probability_spin.setValue(options.mask_probability)
            self.seed_spin.setValue(min(int(options.seed), MAX_SEED))
            self.top_k_spin.setValue(min(int(options.top_k), MAX_TOP_K))
            self.whole_word_check.setChecked(options.whole_word)
        finally:
            del blockers

    def _on_option_edited(self, *_args) -> None:
        self.options_changed.emit(self.options())
