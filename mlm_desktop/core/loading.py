"""Loading a masked language model and its tokenizer.

Any Hugging Face masked LM works: BERT, DistilBERT, RoBERTa, ALBERT, ELECTRA
generators, DeBERTa, ModernBERT. Nothing here hard-codes a family's special
tokens; the tokenizer is asked for them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .devices import resolve_device
from .errors import ModelLoadError
from .load_errors import (
    check_local_source,
    explain_model_error,
    explain_tokenizer_error,
    first_line,
    is_local,
    not_a_hub_id,
    not_cached_offline,
)
from .messages import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # torch is imported where a model is loaded, not by the window
    import torch

DEFAULT_HUB_MODEL = "bert-base-uncased"

# Families whose position ids start after the padding index, so two positions
# of max_position_embeddings can never hold a token.
_POSITION_OFFSET_FAMILIES = {"roberta", "xlm-roberta", "camembert", "data2vec-text", "xmod"}


@dataclass
class LoadedModel:
    """A masked LM ready for analysis: model in eval mode on ``device``."""

    name: str
    model: Any
    tokenizer: Any
    device: str
    max_length: int
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def model_type(self) -> str:
        return str(getattr(self.model.config, "model_type", "unknown"))

    @property
    def mask_token(self) -> str:
        return self.tokenizer.mask_token

    @property
    def mask_token_id(self) -> int:
        return int(self.tokenizer.mask_token_id)

    @property
    def num_layers(self) -> int:
        return int(self.model.config.num_hidden_layers)

    @property
    def dtype(self) -> torch.dtype:
        return next(self.model.parameters()).dtype

    @property
    def attention_implementation(self) -> str:
        """How attention is computed now: ``"sdpa"`` (fast) or ``"eager"`` (returns weights)."""
        return attention_implementation(self.model)


def attention_implementation(model: Any) -> str:
    return str(getattr(model.config, "_attn_implementation", None) or "eager")


@contextlib.contextmanager
def eager_attention(model: Any) -> Iterator[None]:
    """Compute attention the eager way inside the block, then switch back.

    Only the eager implementation returns attention weights
    (``output_attentions``); SDPA, the default, is faster and returns none.
    Families without SDPA are eager already and are left alone. A model
    whose implementation cannot be switched (older custom code) stays as it
    is: the caller then finds no weights in the output and says so.
    """
    before = attention_implementation(model)
    switched = before != "eager" and _set_attention(model, "eager")
    try:
        yield
    finally:
        if switched:
            _set_attention(model, before)


def _set_attention(model: Any, implementation: str) -> bool:
    setter = getattr(model, "set_attn_implementation", None)
    if setter is None:
        return False
    try:
        setter(implementation)
    except (ValueError, ImportError, TypeError):
        return False
    return attention_implementation(model) == implementation


def _max_length(tokenizer: Any, config: Any) -> int:
    limits = []
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < 1_000_000:
        limits.append(tok_max)
    pos = getattr(config, "max_position_embeddings", None)
    if isinstance(pos, int) and pos > 0:
        if getattr(config, "model_type", "") in _POSITION_OFFSET_FAMILIES:
            pad = getattr(config, "pad_token_id", 1) or 1
            pos -= pad + 1
        limits.append(pos)
    return min(limits) if limits else 512


def load_model(
    source: str = DEFAULT_HUB_MODEL,
    device: str = "auto",
    trust_remote_code: bool = False,
    local_files_only: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LoadedModel:
    """Load tokenizer and masked-LM model from a hub id or a local folder.

    The model is put in eval mode on the resolved device, with the library's
    default attention implementation (SDPA where the family has it, which is
    fast but returns no attention weights; see :func:`eager_attention`). On the CPU
    weights are loaded as float32 (half precision is slow there); on a GPU
    they keep the dtype they were saved in. ``progress(done, total)`` hears
    the bytes of a hub download, when one is needed; it may raise
    :class:`~mlm_desktop.core.errors.LoadCancelled` to stop the download.
    Offline (``HF_HUB_OFFLINE``, or a hub that does not answer one quick
    request), a hub id loads from the local cache or is refused at once.
    Raises :class:`ModelLoadError` with a plain message for anything that
    prevents a usable masked LM, including a tokenizer that does not belong
    to the model (checked with one forward pass of a few tokens).
    """
    import torch
    from transformers import AutoConfig, AutoModelForMaskedLM, AutoTokenizer

    from .model_checks import check_agreement, check_tokenizer

    source = str(source).strip()
    if not source:
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "no model given: pass a hub id such as bert-base-uncased or a folder"))
    check_local_source(source)
    if is_local(source):
        source = str(Path(os.path.expanduser(source)).resolve())
    target = resolve_device(device)
    if not is_local(source) and not local_files_only:
        local_files_only = _reach_hub(source, progress) or local_files_only
    common = {"trust_remote_code": trust_remote_code}
    if local_files_only is not None:
        common["local_files_only"] = local_files_only

    try:
        config = AutoConfig.from_pretrained(source, **common)
    except Exception as exc:  # noqa: BLE001 - every cause becomes one plain message
        raise explain_model_error(source, exc) from exc

    _check_masked_lm_architecture(source, config)
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, use_fast=True, **common)
    except Exception as exc:  # noqa: BLE001
        raise explain_tokenizer_error(source, exc) from exc
    check_tokenizer(source, tokenizer)

    dtype = torch.float32 if target == "cpu" else "auto"
    try:
        model, info = AutoModelForMaskedLM.from_pretrained(
            source,
            config=config,
            dtype=dtype,
            output_loading_info=True,
            **common,
        )
    except Exception as exc:  # noqa: BLE001
        raise explain_model_error(source, exc) from exc

    # returned, not logged: the window and the command line show them once
    warnings = _head_warnings(source, model, info)
    try:
        model.to(target)
    except Exception as exc:  # noqa: BLE001
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "could not move {source} to {device}: {detail}").format(
            source=source, device=target, detail=first_line(exc))) from exc
    model.eval()
    warnings += check_agreement(source, model, tokenizer)
    return LoadedModel(
        name=source,
        model=model,
        tokenizer=tokenizer,
        device=target,
        max_length=_max_length(tokenizer, config),
        warnings=tuple(warnings),
    )


def _reach_hub(source: str, progress: Callable[[int, int], None] | None) -> bool:
    """Download what is missing, or, offline, check the cache at once.

    Returns True when the model must come from the local cache (the hub did
    not answer). Raises :class:`ModelLoadError` when it is not there either,
    instead of waiting through ``huggingface_hub``'s retries.
    """
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    from .download import hub_reachable, prefetch
    from .model_resolution import in_hub_cache

    try:
        validate_repo_id(source)
    except HFValidationError as exc:  # a path, or nothing the hub could hold
        raise not_a_hub_id(source) from exc
    if not hub_reachable():
        if not in_hub_cache(source):
            raise not_cached_offline(source)
        return True
    if progress is not None:
        prefetch(source, progress)
    return False


def _check_masked_lm_architecture(source: str, config: Any) -> None:
    from transformers import AutoModelForMaskedLM

    if "AutoModelForMaskedLM" in (getattr(config, "auto_map", None) or {}):
        return  # a custom masked LM, loadable with trust_remote_code
    if type(config) not in AutoModelForMaskedLM._model_mapping:
        kind = getattr(config, "model_type", "unknown")
        archs = ", ".join(getattr(config, "architectures", None) or []) or kind
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "{source} is not a masked language model ({archs} has no masked-LM head); choose a "
            "BERT-style model such as bert-base-uncased"
        ).format(source=source, archs=archs))


def _head_warnings(source: str, model: Any, info: dict) -> list[str]:
    missing = list(info.get("missing_keys", ()) or ())
    from .mlm_head import head_parameter_prefixes

    prefixes = head_parameter_prefixes(model)
    head_missing = [key for key in missing if any(key.startswith(p) for p in prefixes)]
    tied = _tied_names(model)
    head_missing = [key for key in head_missing if key not in tied]
    out = []
    if head_missing:
        out.append(QT_TRANSLATE_NOOP(
            "core", "the masked-LM head of {source} was newly initialised ({n} weights missing, e.g. "
            "{example}): its predictions are random; this checkpoint was not trained as a masked LM"
        ).format(source=source, n=len(head_missing), example=head_missing[0]))
    body_missing = [key for key in missing if key not in head_missing and key not in tied]
    if body_missing:
        out.append(QT_TRANSLATE_NOOP(
            "core", "{n} weights of {source} were newly initialised (e.g. {example}): results may be "
            "meaningless"
        ).format(n=len(body_missing), source=source, example=body_missing[0]))
    return out


def _tied_names(model: Any) -> set[str]:
    tied = getattr(model, "_tied_weights_keys", None) or ()
    if isinstance(tied, dict):
        return set(tied.keys())
    return set(tied)


def quiet_library_output() -> None:
    """Silence transformers' progress bars and info logs; warnings we raise ourselves."""
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    try:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()
    except ImportError:  # pragma: no cover - older huggingface_hub
        pass
