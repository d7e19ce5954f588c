"""Plain renderings of a result: a JSON-ready dict and a readable report."""

from __future__ import annotations

import math
from typing import Any

from .analyses.masked_lm_types import AnalysisResult, TokenPrediction
from .targets import TargetWord, target_notes


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def prediction_to_json(pred: TokenPrediction) -> dict[str, Any]:
    """One masked position as ``predict --json`` prints it (the logit lens too, per layer)."""
    return {
        "position": pred.position,
        "original": pred.original,
        # 1 for the top candidate, as the report and the window show it
        "original_rank": pred.original_rank,
        "original_probability": _num(pred.original_probability),
        "candidates": [
            {"token": c.token, "id": c.id, "probability": c.probability, "logit": c.logit}
            for c in pred.candidates
        ],
    }


def result_to_json(result: AnalysisResult) -> dict[str, Any]:
    """The stable JSON object that ``mlm-desktop predict --json`` prints."""
    predictions = [prediction_to_json(pred) for pred in result.predictions()]
    return {
        "model": result.model_name,
        "device": result.device,
        "text": result.text,
        "tokens": list(result.tokens),
        "input_ids": result.input_ids.tolist(),
        "masked_positions": result.prediction_positions.tolist(),
        "typed_mask_positions": result.typed_mask_positions.tolist(),
        "seed": result.seed,
        "masked_text": result.masked_text,
        "predicted_text": result.predicted_text,
        "true_text": result.original_text,
        "loss_masked": _num(result.loss_masked),
        "loss_all": _num(result.loss_all),
        "perplexity_masked": _num(result.perplexity_masked),
        "perplexity_all": _num(result.perplexity_all),
        "accuracy_masked": _num(result.accuracy_masked),
        "per_token_loss": [_num(v) for v in result.per_token_loss.tolist()],
        "predictions": predictions,
        "num_hidden_states": result.num_hidden_states,
        "head_check_max_abs_diff": _num(result.head_check_max_abs_diff),
        "head_check_loss_masked": _num(result.head_check_loss_masked),
        "head_check_positions": result.head_check_row_count,
        "head_check_passed": result.head_check_passed,
        "truncated_tokens": result.truncated_tokens,
        "targets": [target_to_json(t) for t in result.targets],
        "target_notes": list(target_notes(result.targets)),
        "warnings": list(result.warnings),
        "timing_ms": result.timing_ms,
    }


def target_to_json(target: TargetWord) -> dict[str, Any]:
    """One listed word: the vocabulary entry standing for it (null: left out) and its pieces."""
    return {"word": target.word, "token": target.token, "id": target.id,
            "pieces": list(target.pieces), "after_space": target.after_space}


def _fmt(value: float | None, digits: int = 4) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def _sci(value: float | None) -> str:
    return "—" if value is None else f"{value:.2e}"


def _head_check_verdict(passed: bool | None) -> str:
    if passed is None:
        return "head check: not run"
    if passed:
        return "head check: passed (the MLM head on the last hidden state reproduces the logits)"
    return "head check: FAILED (the MLM head on the last hidden state does not reproduce the logits)"


def format_report(result: AnalysisResult) -> str:
    """A readable report: the notebook's three sentences, top-k table, losses."""
    lines = [
        f"model: {result.model_name}   device: {result.device}   "
        f"tokens: {result.num_tokens}   time: {result.timing_ms:.1f} ms",
    ]
    lines += [f"warning: {w}" for w in result.warnings]
    lines += [
        "",
        f"masked:    {result.masked_text}",
        f"predicted: {result.predicted_text}",
        f"true:      {result.original_text}",
        "",
    ]
    preds = result.predictions()
    if result.targets:
        listed = ", ".join(t.token for t in result.targets if t.known)
        lines.append(f"candidates only among the target words: {listed}")
        lines += [f"note: {note}" for note in target_notes(result.targets)]
    if preds:
        lines.append(f"top-{result.top_k} candidates at each masked position:")
        for pred in preds:
            original = pred.original if pred.original is not None else "? (typed mask)"
            rank = "" if pred.original_rank is None else f"  (true token rank {pred.original_rank}"
            rank += "" if pred.original_probability is None else f", p={pred.original_probability:.4f})"
            lines.append(f"  [{pred.position:>3}] {original}{rank}")
            for c in pred.candidates:
                mark = "*" if pred.original_id == c.id else " "
                lines.append(f"        {mark} {c.token:<20} p={c.probability:.4f}  logit={c.logit:8.3f}")
    else:
        lines.append("no masked positions: pass --mask or --mask-random to mask tokens")
    lines += [
        "",
        f"loss on masked tokens:            {_fmt(result.loss_masked)}"
        f"   (exp = {_fmt(result.perplexity_masked, 2)})",
        f"loss on all tokens (labels = all input ids, as in the notebook): {_fmt(result.loss_all)}"
        f"   (exp = {_fmt(result.perplexity_all, 2)})",
        "masked-token accuracy:            "
        + ("—" if result.accuracy_masked is None else f"{result.accuracy_masked:.1%}"),
        f"hidden states: {result.num_hidden_states}   "
        f"MLM head on last hidden state vs logits, max |diff|: {_sci(result.head_check_max_abs_diff)}",
        _head_check_verdict(result.head_check_passed),
    ]
    return "\n".join(lines)
