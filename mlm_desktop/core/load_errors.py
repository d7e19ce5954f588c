"""What went wrong when a model would not load, in words a user can act on.

``transformers``, ``safetensors`` and ``torch`` explain failures for
developers (and torch suggests ``weights_only=False``, which nobody should
follow for a file they do not trust). Each cause is recognised here and told
in one line that names the folder or hub id and the fix.
"""

from __future__ import annotations

import json
import os
import pickle
import re

from .errors import ModelLoadError
from .messages import QT_TRANSLATE_NOOP

SAVE_PRETRAINED = "config.json, tokenizer files and weights as written by save_pretrained"


def first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:200] if lines else type(exc).__name__


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions it was raised from, outermost first."""
    seen: list[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _has(exc: BaseException, kind: type) -> bool:
    return any(isinstance(e, kind) for e in _chain(exc))


def _text(exc: BaseException) -> str:
    return "\n".join(f"{type(e).__name__}: {e}" for e in _chain(exc))


def is_local(source: str) -> bool:
    return os.path.isdir(os.path.expanduser(source))


def check_local_source(source: str) -> None:
    """Refuse at once what is plainly not a model folder (a file, no config.json)."""
    path = os.path.expanduser(source)
    if os.path.isfile(path):
        raise ModelLoadError(QT_TRANSLATE_NOOP("core", "{source} is a file; give a model folder or a hub id")
                             .format(source=source))
    if not os.path.isdir(path):
        return
    if not os.access(path, os.R_OK | os.X_OK):
        raise ModelLoadError(QT_TRANSLATE_NOOP("core", "cannot read the folder {source}: permission denied")
                             .format(source=source))
    if not os.path.isfile(os.path.join(path, "config.json")):
        raise ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "the folder {source} has no config.json, so it is not a model folder; it needs {needs}"
        ).format(source=source, needs=SAVE_PRETRAINED))


def explain_model_error(source: str, exc: BaseException) -> ModelLoadError:
    """One plain message for a failure to read a model's config or weights."""
    text = _text(exc)
    if "Unrecognized configuration class" in text or "for this kind of AutoModel" in text:
        return ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "{source} is not a masked language model (its architecture has no masked-LM head); "
            "choose a BERT-style model such as bert-base-uncased"
        ).format(source=source))
    if "trust_remote_code" in text:
        return ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "{source} needs custom code from its repository to load; enable 'trust remote code' "
            "only if you trust its authors"
        ).format(source=source))
    if _has(exc, PermissionError):
        return ModelLoadError(QT_TRANSLATE_NOOP("core", "cannot read {source}: permission denied")
                              .format(source=source))
    if not is_local(source):
        return explain_missing(source, exc)
    return ModelLoadError(_explain_local(source, exc, text))


def _explain_local(source: str, exc: BaseException, text: str) -> str:
    if "not a valid JSON file" in text or _has(exc, json.JSONDecodeError):
        return QT_TRANSLATE_NOOP(
            "core", "the folder {source} holds a config.json that is not valid JSON; save the model again"
        ).format(source=source)
    if "Should have a `model_type` key" in text:
        return QT_TRANSLATE_NOOP(
            "core", "the folder {source} holds a config.json that does not say which model type it is "
            "(no model_type key)"
        ).format(source=source)
    unknown = re.search(r"model type `([^`]*)` but Transformers does not recognize", text)
    if unknown:
        return QT_TRANSLATE_NOOP(
            "core", "{source} is a model of type {kind!r}, which this version of transformers does not "
            "know; update transformers or choose another model"
        ).format(source=source, kind=unknown.group(1))
    if "no file named" in text:
        return QT_TRANSLATE_NOOP(
            "core", "the folder {source} has no weights file (model.safetensors or pytorch_model.bin); "
            "it needs {needs}"
        ).format(source=source, needs=SAVE_PRETRAINED)
    if _has(exc, pickle.UnpicklingError) or "Weights only load failed" in text:
        return QT_TRANSLATE_NOOP(
            "core", "the weights file of {source} could not be loaded safely: it holds more than plain "
            "tensors; MLM Desktop loads only safetensors files and safe pickles (ask for a "
            "model.safetensors version of this model)"
        ).format(source=source)
    if "SafetensorError" in text or "deserializing header" in text:
        return QT_TRANSLATE_NOOP(
            "core", "the weights file of {source} is damaged or incomplete ({detail}); download or save "
            "the model again"
        ).format(source=source, detail=first_line(exc))
    if "ignore_mismatched_sizes" in text or "size mismatch" in text:
        return QT_TRANSLATE_NOOP(
            "core", "the weights of {source} do not match its config.json (some have another shape); the "
            "config and the weights come from different models"
        ).format(source=source)
    return QT_TRANSLATE_NOOP(
        "core", "the folder {source} does not hold a loadable model ({kind}: {detail}); it needs {needs}"
    ).format(source=source, kind=type(exc).__name__, detail=first_line(exc), needs=SAVE_PRETRAINED)


def explain_tokenizer_error(source: str, exc: BaseException) -> ModelLoadError:
    if _has(exc, PermissionError):
        return ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "cannot read the tokenizer of {source}: permission denied").format(source=source))
    if _has(exc, json.JSONDecodeError) or "Expecting" in _text(exc):
        return ModelLoadError(QT_TRANSLATE_NOOP(
            "core", "a tokenizer file of {source} is not valid JSON ({detail}); save the tokenizer again"
        ).format(source=source, detail=first_line(exc)))
    return ModelLoadError(QT_TRANSLATE_NOOP(
        "core", "the tokenizer of {source} could not be loaded ({detail})"
    ).format(source=source, detail=first_line(exc)))


def _looks_like_a_path(source: str) -> bool:
    return source.startswith(("/", "./", "../", "~", "\\")) or os.sep + os.sep in source


def not_a_hub_id(source: str) -> ModelLoadError:
    if _looks_like_a_path(source) or os.sep in source:
        return _no_folder(source)
    return ModelLoadError(QT_TRANSLATE_NOOP(
        "core", "{source!r} is neither a model folder nor a hub id (such as bert-base-uncased or "
        "org/name); check the name"
    ).format(source=source))


def _no_folder(source: str) -> ModelLoadError:
    return ModelLoadError(QT_TRANSLATE_NOOP("core", "the folder {source} does not exist; check the path")
                          .format(source=source))


def explain_missing(source: str, exc: BaseException) -> ModelLoadError:
    if _looks_like_a_path(source):
        return _no_folder(source)
    return ModelLoadError(QT_TRANSLATE_NOOP(
        "core", "could not load {source!r}: it is neither a local folder nor a model in the local "
        "Hugging Face cache, and the hub could not be reached ({detail}); check the name, or open a "
        "local folder"
    ).format(source=source, detail=first_line(exc)))


def not_cached_offline(source: str) -> ModelLoadError:
    return ModelLoadError(QT_TRANSLATE_NOOP(
        "core", "{source!r} is not in the local Hugging Face cache and the hub cannot be reached "
        "(offline); connect to the internet to download it, or open a local model folder"
    ).format(source=source))
