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


def _is_norm(module: nn.Module) -> bool:
    return isinstance(module, nn.LayerNorm) or "norm" in type(module).__name__.lower()


class FinalNormWatch:
    """Finds the norm a model applies between its last encoder layer and its head.

    Some families (ModernBERT's ``final_norm``, pre-norm encoders such as
    XLM-RoBERTa-XL's ``encoder.LayerNorm``) normalise the encoder's output
    once more before the head; a logit lens must then apply that norm to every
    layer's hidden state too. Use as a context manager around a forward pass:
    the norm modules directly under the base model and its encoder are
    watched, and :meth:`found` names the one whose output is the encoder's
    output (``last_hidden_state``), or None when there is none.
    """

    def __init__(self, model: Any) -> None:
        base = model.base_model
        parents = {"": base}
        encoder = getattr(base, "encoder", None)
        if isinstance(encoder, nn.Module):
            parents["encoder."] = encoder
        self._candidates = {
            prefix + name: module
            for prefix, parent in parents.items()
            for name, module in parent.named_children()
            if _is_norm(module)
        }
        self._seen: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
        self._handles: list[Any] = []

    def __enter__(self) -> FinalNormWatch:
        for name, module in self._candidates.items():
            self._handles.append(module.register_forward_hook(self._recorder(name)))
        return self

    def __exit__(self, *_exc: object) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles.clear()

    def _recorder(self, name: str):
        def hook(_module, inputs, output):
            if inputs and isinstance(inputs[0], torch.Tensor) and isinstance(output, torch.Tensor):
                self._seen[name] = (inputs[0], output)

        return hook

    def found(self, last_hidden_state: torch.Tensor) -> tuple[str, nn.Module] | None:
        """(name, module) of the norm that produced ``last_hidden_state``, or None."""
        for name, (inputs, output) in self._seen.items():
            if output.shape == last_hidden_state.shape and torch.equal(output, last_hidden_state) \
                    and not torch.equal(inputs, output):
                return name, self._candidates[name]
        return None
