"""Checks, at load, that a model and its tokenizer can be analysed together.

A tokenizer saved with another model loads without complaint and fails only
in the first analysis: token ids past the model's embedding raise an
IndexError, predictions past the tokenizer have no text. These checks refuse
such a pair when it is loaded, so the window keeps the model it had, and run
one forward pass of a few tokens (the cost of analysing a four-token text) to
catch anything else that would fail in every analysis.
"""

from __future__ import annotations

from typing import Any

import torch

from .errors import ModelLoadError
from .load_errors import first_line
from .messages import QT_TRANSLATE_NOOP

#: more unused output rows than padding to a round size explains (ModernBERT
#: pads 88, DeBERTa-v3 99, mDeBERTa 898): the tokenizer likely comes from another model
_PADDING_ROWS = 1024


def token_id_count(tokenizer: Any) -> int:
    """One more than the highest id the tokenizer can produce."""
    vocab = tokenizer.get_vocab()
    return max(len(tokenizer), max(vocab.values(), default=-1) + 1)


def check_tokenizer(source: str, tokenizer: Any) -> None:
    """The tokenizer is fast, has a vocabulary and a mask token."""
    if not getattr(tokenizer, "is_fast", False):
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "{source} has no fast tokenizer; character offsets need one (tokenizer.json)"
        ).format(source=source))
    special = set(getattr(tokenizer, "all_special_ids", ()) or ())
    if len(tokenizer) <= len(special):
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "the tokenizer of {source} has no vocabulary (tokenizer.json or a vocabulary file is "
            "missing); the folder needs the tokenizer files written by save_pretrained"
        ).format(source=source))
    if tokenizer.mask_token is None or tokenizer.mask_token_id is None:
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "the tokenizer of {source} has no mask token, so it is not a masked LM"
        ).format(source=source))


def check_agreement(source: str, model: Any, tokenizer: Any) -> list[str]:
    """Refuse a tokenizer the model cannot read; returns warnings for the user.

    Output rows past the tokenizer's last id (vocabularies padded to a round
    size) are set aside, so every prediction is a token the tokenizer knows.
    """
    ids = token_id_count(tokenizer)
    rows = _input_rows(model)
    if rows is not None and ids > rows:
        raise ModelLoadError(_too_many_tokens(source, tokenizer, ids, rows))
    width = _smoke_forward(source, model, tokenizer, ids)
    if width < ids:
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "the model {source} predicts only {width} tokens but its tokenizer has {ids}: the "
            "tokenizer does not belong to this model"
        ).format(source=source, width=width, ids=ids))
    if width == ids:
        return []
    try:
        model.resize_token_embeddings(ids, mean_resizing=False)
    except Exception as exc:  # noqa: BLE001 - custom models may not support it
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "the model {source} predicts {width} tokens but its tokenizer has only {ids}, and the "
            "extra rows cannot be set aside ({detail})"
        ).format(source=source, width=width, ids=ids, detail=first_line(exc))) from exc
    _smoke_forward(source, model, tokenizer, ids)
    if width - ids <= _PADDING_ROWS:
        return []
    return [QT_TRANSLATE_NOOP(
        "core", "the tokenizer of {source} has {ids} tokens but the model predicts {width}: the extra "
        "rows were set aside; if the tokenizer comes from another model, its predictions are meaningless"
    ).format(source=source, ids=ids, width=width)]


def _input_rows(model: Any) -> int | None:
    try:
        embedding = model.get_input_embeddings()
    except Exception:  # noqa: BLE001 - a custom model without the accessor
        return None
    rows = getattr(embedding, "num_embeddings", None)
    return int(rows) if isinstance(rows, int) else None


def _too_many_tokens(source: str, tokenizer: Any, ids: int, rows: int) -> str:
    mask_id = int(tokenizer.mask_token_id)
    if mask_id >= rows:
        return QT_TRANSLATE_NOOP(
            "core", "the mask token {mask} of {source} (id {id}) is not among the model's {rows} token "
            "embeddings: the tokenizer does not belong to this model"
        ).format(mask=tokenizer.mask_token, source=source, id=mask_id, rows=rows)
    return QT_TRANSLATE_NOOP(
        "core", "the tokenizer of {source} has {ids} tokens but the model only {rows} token embeddings: "
        "the tokenizer does not belong to this model (every analysis would fail); use the tokenizer "
        "saved with the model"
    ).format(source=source, ids=ids, rows=rows)


def _smoke_forward(source: str, model: Any, tokenizer: Any, ids: int) -> int:
    """Run a few tokens (the mask and the highest id) through; returns the logits' width."""
    first = tokenizer("a", add_special_tokens=True)["input_ids"]
    tokens = [*first[:1], int(tokenizer.mask_token_id), ids - 1, *first[1:]]
    device = next(model.parameters()).device
    input_ids = torch.tensor([tokens], device=device)
    try:
        with torch.inference_mode():
            output = model(input_ids=input_ids, attention_mask=torch.ones_like(input_ids))
        logits = output.logits if hasattr(output, "logits") else output[0]
    except Exception as exc:  # noqa: BLE001 - whatever fails here fails every analysis
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "{source} loaded but cannot analyse a text ({kind}: {detail}); the model and its "
            "tokenizer may not belong together"
        ).format(source=source, kind=type(exc).__name__, detail=first_line(exc))) from exc
    if not torch.isfinite(logits.float()).all():
        raise ModelLoadError((
            QT_TRANSLATE_NOOP("core", "{source} loaded but its predictions are not numbers (NaN or "
                              "infinity): its weights are broken") if device.type == "cpu" else
            QT_TRANSLATE_NOOP("core", "{source} loaded but its predictions are not numbers (NaN or "
                              "infinity): its weights are broken; try it on the CPU, in full precision")
        ).format(source=source))
    return int(logits.shape[-1])
