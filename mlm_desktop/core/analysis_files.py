"""The current analysis written to files: JSON (as ``predict --json``), NPZ arrays and CSV tables.

No Qt here: the window's File ▸ Export menu and scripts call the same writers.

The NPZ archive holds the result's own arrays under their own names
(``input_ids``, ``masked_input_ids``, ``offsets``, ``special_mask``,
``typed_mask``, ``mask_positions``, ``per_token_loss``, ``top_ids``,
``top_probs``, ``top_logits``, ``candidate_ids``, ``candidate_logits``,
``logsumexp``, and ``full_logits`` when it was kept), the tokens as text, and:

- ``hidden_states`` (layers, T, D) with ``hidden_state_layers`` naming them
  (0 = the embeddings), when the result holds hidden states;
- ``logits_shown`` (rows, columns): the slice of ``candidate_logits`` the
  heatmap shows, with ``logits_shown_positions`` (token positions) and
  ``logits_shown_ids`` (vocabulary ids). Without a slice given: the masked
  positions by every candidate.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from .analyses.masked_lm_types import AnalysisResult
from .errors import InputError
from .export import result_to_json
from .messages import QT_TRANSLATE_NOOP

#: the result's arrays written to the NPZ archive as they are
RESULT_ARRAYS = (
    "input_ids", "masked_input_ids", "offsets", "special_mask", "typed_mask", "mask_positions",
    "per_token_loss", "top_ids", "top_probs", "top_logits", "candidate_ids", "candidate_logits",
    "logsumexp",
)


class ExportError(InputError):
    """A file could not be written, or what was asked for is not in the result."""


def analysis_json(result: AnalysisResult) -> str:
    """The text ``mlm-desktop predict --json`` prints for ``result``."""
    return json.dumps(result_to_json(result), ensure_ascii=False, indent=2) + "\n"


def _layers(result: AnalysisResult, layers: Sequence[int] | None) -> np.ndarray:
    count = result.hidden_states.shape[0]
    chosen = list(range(count)) if layers is None else [int(layer) for layer in layers]
    wrong = [layer for layer in chosen if not 0 <= layer < count]
    if wrong:
        raise ExportError(QT_TRANSLATE_NOOP(
            "core", "layer {layer} is not in the result (it has layers 0 to {last})"
        ).format(layer=wrong[0], last=count - 1))
    return np.asarray(chosen, dtype=np.int64)


def _logits_slice(result: AnalysisResult, positions, ids) -> tuple[np.ndarray, np.ndarray]:
    rows = result.prediction_positions if positions is None else np.asarray(positions, np.int64)
    if ids is None:
        return rows, np.arange(len(result.candidate_ids))
    where = {int(v): i for i, v in enumerate(result.candidate_ids.tolist())}
    missing = [int(v) for v in ids if int(v) not in where]
    if missing:
        raise ExportError(QT_TRANSLATE_NOOP(
            "core", "token id {id} is not among the result's candidates").format(id=missing[0]))
    return rows, np.asarray([where[int(v)] for v in ids], dtype=np.int64)


def analysis_arrays(
    result: AnalysisResult,
    layers: Sequence[int] | None = None,
    logits_positions: Sequence[int] | None = None,
    logits_ids: Sequence[int] | None = None,
) -> dict[str, np.ndarray]:
    """The arrays the NPZ archive holds (see the module's notes)."""
    arrays = {name: np.asarray(getattr(result, name)) for name in RESULT_ARRAYS}
    arrays["tokens"] = np.asarray(result.tokens, dtype=str)
    if result.full_logits is not None:
        arrays["full_logits"] = np.asarray(result.full_logits)
    if result.hidden_states is not None:
        chosen = _layers(result, layers)
        arrays["hidden_states"] = np.asarray(result.hidden_states)[chosen]
        arrays["hidden_state_layers"] = chosen
    rows, columns = _logits_slice(result, logits_positions, logits_ids)
    if rows.size and not (0 <= rows.min() and rows.max() < result.candidate_logits.shape[0]):
        raise ExportError(QT_TRANSLATE_NOOP("core", "a position of the logits shown is not in the result"))
    arrays["logits_shown"] = np.asarray(result.candidate_logits)[np.ix_(rows, columns)]
    arrays["logits_shown_positions"] = rows
    arrays["logits_shown_ids"] = np.asarray(result.candidate_ids)[columns]
    return arrays


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A table as CSV text (a header line, then one line per row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def _write(path: str | Path, write) -> Path:
    path = Path(path)
    try:
        write(path)
    except OSError as exc:
        raise ExportError(QT_TRANSLATE_NOOP("core", "{path} could not be written ({reason})").format(
            path=str(path), reason=str(exc.strerror or exc))) from None
    return path


def write_json(result: AnalysisResult, path: str | Path) -> Path:
    text = analysis_json(result)
    return _write(path, lambda p: p.write_text(text, encoding="utf-8"))


def write_npz(result: AnalysisResult, path: str | Path, **selection) -> Path:
    """Write :func:`analysis_arrays` compressed; ``selection`` as that function takes it."""
    arrays = analysis_arrays(result, **selection)

    def save(p: Path) -> None:
        with p.open("wb") as file:  # a file object: numpy adds no ".npz" of its own
            np.savez_compressed(file, **arrays)

    return _write(path, save)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], path: str | Path) -> Path:
    text = table_csv(header, rows)
    return _write(path, lambda p: p.write_text(text, encoding="utf-8", newline=""))
