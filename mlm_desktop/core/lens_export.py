"""The logit lens in plain form: the JSON object ``lens --json`` prints, and a compact table."""

from __future__ import annotations

import math
from typing import Any

from .analyses.logit_lens_types import LensResult
from .analyses.masked_lm_types import AnalysisResult
from .export import prediction_to_json

_CELL = 11  # characters per layer column in the table


def _num(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def layer_name(layer: int, last: int) -> str:
    """How a hidden state is named: 0 is the embeddings, ``last`` the model's output."""
    if layer == 0:
        return "embeddings"
    return f"layer {layer}" + (" (output)" if layer == last else "")


def lens_to_json(lens: LensResult, parent: AnalysisResult) -> dict[str, Any]:
    """One entry per hidden state in ``layers``, embeddings first; each prediction has the
    keys of ``predict --json``'s, so the last entry's predictions are ``predict``'s."""
    probability = lens.target_probability()
    layers = []
    for layer in range(lens.num_layers):
        targets = {
            target.word: [
                {"position": int(position), "rank": int(lens.target_rank[layer, row, g]),
                 "probability": float(probability[layer, row, g])}
                for row, position in enumerate(lens.rows)
            ]
            for g, target in enumerate(lens.targets)
        }
        layers.append({
            "layer": layer,
            "predictions": [prediction_to_json(lens.prediction(layer, row))
                            for row in range(lens.num_rows)],
            "targets": targets,
        })
    return {
        "model": lens.model_name,
        "device": parent.device,
        "text": lens.text,
        "tokens": list(lens.tokens),
        "masked_positions": parent.prediction_positions.tolist(),
        "positions": lens.rows.tolist(),
        "all_positions": lens.all_positions,
        "top_k": lens.top_k,
        "num_layers": lens.num_layers,
        "final_norm": lens.final_norm,
        "targets": [
            {"word": t.word, "pieces": list(t.pieces), "tracked_token": t.pieces[0],
             "tracked_id": t.tracked_id, "first_piece_only": t.first_piece_only}
            for t in lens.targets
        ],
        "layers": layers,
        "notes": list(lens.notes),
        "warnings": list(parent.warnings),
        "timing_ms": lens.timing_ms,
    }


def _cell(text: str) -> str:
    return (text if len(text) < _CELL else text[: _CELL - 2] + "…").ljust(_CELL)


def _table(lens: LensResult, title: str, cell) -> list[str]:
    """Rows: the positions looked at; columns: the layers (E = embeddings)."""
    head = "".join(_cell("E" if layer == 0 else str(layer)) for layer in range(lens.num_layers))
    lines = [title, f"{'':<20}{head}"]
    for row, position in enumerate(lens.rows):
        mark = "*" if lens.is_masked(int(position)) else " "
        name = f"{mark}[{int(position):>3}] {lens.labels[int(position)]}"[:19].ljust(20)
        lines.append(name + "".join(_cell(cell(layer, row)) for layer in range(lens.num_layers)))
    return lines


def format_lens_report(lens: LensResult, parent: AnalysisResult) -> str:
    """Top-1 per layer for each position, then the rank of the original and of each target."""
    lines = [
        f"model: {lens.model_name}   device: {parent.device}   tokens: {len(lens.tokens)}   "
        f"positions: {lens.num_rows}{' (all)' if lens.all_positions else ' (masked)'}   "
        f"hidden states: {lens.num_layers} (E = embeddings)   time: {lens.timing_ms:.1f} ms",
    ]
    lines += [f"warning: {w}" for w in parent.warnings]
    lines += [f"note: {n}" for n in lens.notes]
    if lens.num_rows == 0:
        lines.append("no masked positions: pass --mask or --mask-random, or --all-positions")
        return "\n".join(lines)

    def top1(layer: int, row: int) -> str:
        token_id = int(lens.top_ids[layer, row, 0])
        hit = "=" if token_id == int(lens.original_ids[row]) else ""
        return hit + lens.label_of(token_id)

    def original_rank(layer: int, row: int) -> str:
        rank = int(lens.original_rank[layer, row])
        return "?" if rank == 0 else str(rank)

    lines += ["", *_table(lens, "top-1 at each layer (* masked, = the original token):", top1)]
    lines += ["", *_table(lens, "rank of the original token (1 = top):", original_rank)]
    for g, target in enumerate(lens.targets):
        piece = f", first piece {target.pieces[0]}" if target.first_piece_only else ""
        lines += ["", *_table(lens, f"rank of '{target.word}'{piece}:",
                              lambda layer, row, g=g: str(int(lens.target_rank[layer, row, g])))]
    return "\n".join(lines)
