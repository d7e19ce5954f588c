"""What the window and the command line say about a loaded model."""

from __future__ import annotations

from dataclasses import dataclass, field

from .loading import LoadedModel
from .messages import QT_TRANSLATE_NOOP

DEVICE_LABELS = {"cpu": "CPU", "cuda": "CUDA", "mps": "MPS"}


def device_label(device: str) -> str:
    """How a person names a torch device type: ``"cuda"`` → ``"CUDA"``."""
    return DEVICE_LABELS.get(device, device)


@dataclass(frozen=True)
class ModelInfo:
    """A loaded model's name, size and limits, as plain values."""

    name: str
    source: str
    device: str
    model_type: str
    num_layers: int
    max_length: int
    mask_token: str
    vocab_size: int
    parameters: int
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def device_label(self) -> str:
        return device_label(self.device)

    @property
    def summary(self) -> str:
        """One line: family, depth, size and the longest text it takes."""
        return QT_TRANSLATE_NOOP(
            "core", "{kind}, {layers} layers, {millions:.1f}M parameters, up to {limit} tokens"
        ).format(kind=self.model_type, layers=self.num_layers, millions=self.parameters / 1e6,
                 limit=self.max_length)


def model_info(loaded: LoadedModel, source: str) -> ModelInfo:
    model = loaded.model
    return ModelInfo(
        name=loaded.name,
        source=source,
        device=loaded.device,
        model_type=loaded.model_type,
        num_layers=loaded.num_layers,
        max_length=loaded.max_length,
        mask_token=loaded.mask_token,
        vocab_size=int(getattr(model.config, "vocab_size", 0) or 0),
        parameters=int(sum(p.numel() for p in model.parameters())),
        warnings=tuple(loaded.warnings),
    )
