"""The masked-LM head applied by hand to a hidden state.

Masked LMs are a base encoder plus a head that maps each hidden vector to one
logit per vocabulary entry. Applying that head to the last hidden state
reproduces the model's logits (the reference notebook's "from scratch" check);
applying it to earlier layers gives a logit lens.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn


def _base_name(model: Any) -> str:
    return getattr(model, "base_model_prefix", "")


def head_module_names(model: Any) -> tuple[str, ...]:
    """Names of the head's submodules, in the order they are applied."""
    if getattr(model.config, "model_type", "") == "distilbert":
        return ("vocab_transform", "activation", "vocab_layer_norm", "vocab_projector")
    base = _base_name(model)
    return tuple(
        name
        for name, module in model.named_children()
        if name != base and not isinstance(module, nn.modules.loss._Loss)
    )


def head_parameter_prefixes(model: Any) -> tuple[str, ...]:
    """Parameter-name prefixes that belong to the head (``cls.``, ``lm_head.``)."""
    return tuple(f"{name}." for name in head_module_names(model))


def apply_mlm_head(model: Any, hidden: torch.Tensor) -> torch.Tensor:
    """Logits ``(..., vocab)`` from hidden states ``(..., hidden_size)``.

    Uses the model's own head modules, so it is exact for every family whose
    logits are ``head(last_hidden_state)``.
    """
    out = hidden
    for name in head_module_names(model):
        out = getattr(model, name)(out)
    return out
