"""The geometry of the hidden states: similarities, paths through the layers, per-layer change.

Draws a :class:`~mlm_desktop.core.analyses.geometry_types.GeometryResult`: a
layer selector with the layer's anisotropy (the mean cosine of distinct
tokens), that layer's tokens × tokens cosine similarities, the paths of the
selected tokens on the PCA plane of all layers, and a layers × tokens
heatmap of how much each layer changed each token. The token pointed at (here
or in any panel) has its path drawn; a click on a token in any of the three
views pins its path, a second click unpins it. The masked tokens start pinned,
and a token masked later is pinned as it comes.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ..core.analyses.geometry_types import GeometryResult
from .colour_maps import DIVERGING, SEQUENTIAL
from .geometry_layer_picker import LayerPicker
from .geometry_paths import PATH_COLOURS, TokenPaths
from .heatmap import Heatmap
from .label_style import CAPTION_STYLE, TITLE_STYLE
from .plot_axes import axis_font
from .style import format_number

#: the least height of the change heatmap, in lines of its axes' font
CHANGE_LINES = 9
_PINS_HINT = QT_TRANSLATE_NOOP("GeometryPanel", "click a token in any view to pin or unpin its path")


class GeometryPanel(QWidget):
    """Layer selector and anisotropy; similarity heatmap; token paths; change heatmap."""

    token_hovered = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: GeometryResult | None = None
        self._pinned: list[int] = []
        self._hovered = -1

        self._picker = LayerPicker()
        self._anisotropy = QLabel()
        self._anisotropy.setStyleSheet(TITLE_STYLE)
        controls = QHBoxLayout()
        controls.addWidget(self._picker, 2)
        controls.addWidget(self._anisotropy, 3)

        self._similarity = Heatmap(DIVERGING)
        self._similarity.set_axis_titles(self.tr("token"), self.tr("token"))
        self._similarity.set_value_title(self.tr("cosine similarity"))
        self._similarity.set_formatter(self._describe_similarity)
        self._paths = TokenPaths()
        self._change = Heatmap(SEQUENTIAL)
        self._change.set_axis_titles(self.tr("layer"), self.tr("token"))
        # short, to fit beside a short colour bar; the caption below says it in words
        self._change.set_value_title("1 − cos")
        # tall enough for its colour bar's labels and its axes' titles
        self._change.setMinimumHeight(
            math.ceil(QFontMetricsF(axis_font()).height() * CHANGE_LINES))
        self._change.set_formatter(self._describe_change)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._paths)
        right.addWidget(self._change)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._similarity)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self._pins = QLabel()
        self._pins.setStyleSheet(CAPTION_STYLE)
        self._pins.setWordWrap(True)
        self._clear = QPushButton(self.tr("Unpin all"))
        self._clear.clicked.connect(self.clear_pins)
        pins = QHBoxLayout()
        pins.addWidget(self._pins, 1)
        pins.addWidget(self._clear)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addLayout(pins)

        self._picker.layer_changed.connect(self._show_layer)
        self._similarity.cell_hovered.connect(lambda row, _column: self._point_at(row))
        self._change.cell_hovered.connect(lambda _row, column: self._point_at(column))
        self._paths.token_hovered.connect(self._point_at)
        self._paths.token_clicked.connect(self.toggle_pin)
        for heatmap, axis in ((self._similarity, 0), (self._change, 1)):
            heatmap.graphics_view().scene().sigMouseClicked.connect(
                lambda event, h=heatmap, a=axis: self._on_heatmap_clicked(h, a, event))
        self.set_result(None)

    # -- interface -------------------------------------------------------------
    def set_result(self, result: GeometryResult | None) -> None:
        previous, self._result = self._result, result
        if result is None:
            self._picker.set_count(0)
            self._similarity.clear(self.tr("Bring this panel into view after an analysis to see the "
                                           "geometry of the model's hidden states"))
            self._change.clear()
            self._anisotropy.setText("")
            self._paths.set_result(None)
            self._update_tokens()
            return
        if previous is None or previous.labels != result.labels:
            self._pinned = [int(p) for p in result.mask_positions[: len(PATH_COLOURS)]]
        else:  # the same text: a token masked since is pinned too
            before = set(previous.mask_positions.tolist())
            self._pinned += [int(p) for p in result.mask_positions
                             if p not in before and p not in self._pinned]
        self._picker.set_count(result.num_hidden_states)
        labels = self._token_labels()
        change = result.change
        top = float(change.max()) if change.size else 0.0
        self._change.set_data(change, [str(layer) for layer in range(1, change.shape[0] + 1)],
                              labels, (0.0, top if top > 0 else 1.0),
                              idle_text=self.tr("How far each layer turned each token's vector"))
        self._paths.set_result(result)
        self._show_layer(self._picker.layer())

    def highlight_token(self, position: int) -> None:
        """Draw ``position``'s path and outline its cells (-1: none)."""
        self._hovered = int(position)
        self._update_tokens()

    def set_layer(self, layer: int) -> None:
        """Show ``layer`` (0 = embeddings; clamped), as if the user picked it."""
        self._picker.set_layer(layer)

    def toggle_pin(self, position: int) -> None:
        """Pin ``position``'s path, or unpin it when it is pinned."""
        if position in self._pinned:
            self._pinned.remove(position)
        elif self._result is not None and 0 <= position < self._result.num_tokens:
            self._pinned.append(position)
        self._update_tokens()

    def clear_pins(self) -> None:
        self._pinned = []
        self._update_tokens()

    # -- accessors -----------------------------------------------------------------
    def step_layer(self, step: int) -> bool:
        """Show the next (``step`` 1) or previous (-1) layer, as if the user picked it;
        False when no layers are shown."""
        spin = self._picker.spin_box()
        if spin.isEnabled():  # at the first or last layer it stays there
            spin.stepBy(int(step))
        return spin.isEnabled()

    def current_layer(self) -> int:
        return self._picker.layer()

    def pinned_tokens(self) -> list[int]:
        return list(self._pinned)

    def highlighted_token(self) -> int:
        return self._hovered

    def anisotropy_text(self) -> str:
        return self._anisotropy.text()

    def pins_text(self) -> str:
        return self._pins.text()

    def layer_picker(self) -> LayerPicker:
        return self._picker

    def similarity_heatmap(self) -> Heatmap:
        return self._similarity

    def change_heatmap(self) -> Heatmap:
        return self._change

    def paths(self) -> TokenPaths:
        return self._paths

    # -- drawing -------------------------------------------------------------------
    def _token_labels(self) -> list[str]:
        return [f"{i} {label}" for i, label in enumerate(self._result.labels)]

    def _show_layer(self, layer: int) -> None:
        result = self._result
        if result is None:
            return
        labels = self._token_labels()
        self._similarity.set_data(result.similarity[layer], labels, labels, (-1.0, 1.0),
                                  idle_text=self.tr("Cosine similarity of every pair of tokens"))
        every, ordinary = result.anisotropy[layer], result.anisotropy_without_special[layer]
        self._anisotropy.setText(
            self.tr("Mean cosine of distinct tokens: {every} (without special tokens: {ordinary})")
            .format(every=format_number(every, 3), ordinary=format_number(ordinary, 3)))
        self._paths.set_layer(layer)
        self._update_tokens()

    def _update_tokens(self) -> None:
        result = self._result
        count = 0 if result is None else result.num_tokens
        hovered = self._hovered if 0 <= self._hovered < count else -1
        self._paths.set_tokens(self._pinned, hovered)
        marked = [p for p in [*self._pinned, hovered] if p >= 0]
        self._similarity.set_markers(marked, marked)
        if result is not None and hovered >= 0 and result.change.size:
            layers = result.change.shape[0]
            self._change.set_markers(range(layers), [hovered] * layers)
        else:
            self._change.set_markers((), ())
        if result is None:
            self._pins.setText("")
            return
        names = ", ".join(f"{p} {result.labels[p]}" for p in self._pinned)
        self._pins.setText(self.tr("Paths pinned: {names} · {hint}").format(
            names=names or self.tr("none"), hint=self.tr(_PINS_HINT)))
        self._clear.setEnabled(bool(self._pinned))

    # -- pointer -------------------------------------------------------------------
    def _point_at(self, position: int) -> None:
        if position == self._hovered:
            return
        self.highlight_token(position)
        self.token_hovered.emit(position)

    def _on_heatmap_clicked(self, heatmap: Heatmap, axis: int, event) -> None:
        if event.double() or event.button() != Qt.MouseButton.LeftButton:
            return
        shape = heatmap.image_array().shape
        view_box = heatmap.plot_item().getViewBox()
        if 0 in shape or not view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        point: QPointF = view_box.mapSceneToView(event.scenePos())
        cell = (int(np.floor(point.y() + 0.5)), int(np.floor(point.x() + 0.5)))
        if 0 <= cell[0] < shape[0] and 0 <= cell[1] < shape[1]:
            self.toggle_pin(cell[axis])

    def _describe_similarity(self, row: int, column: int, value: float) -> str:
        labels = self._result.labels
        return self.tr("{row} {a} · {column} {b} · cosine {value}").format(
            row=row, a=labels[row], column=column, b=labels[column], value=format_number(value))

    def _describe_change(self, row: int, column: int, value: float) -> str:
        return self.tr("layer {layer} changed {column} {token} by {value} (1 − cos)").format(
            layer=row + 1, column=column, token=self._result.labels[column], value=format_number(value))
