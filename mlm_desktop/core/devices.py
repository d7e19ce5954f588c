"""Choosing the torch device the model runs on."""

from __future__ import annotations

import sys

from .errors import MLMDesktopError
from .messages import QT_TRANSLATE_NOOP

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def _mps_available() -> bool:
    import torch

    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def available_devices() -> tuple[str, ...]:
    """The concrete devices usable on this machine, CPU always last."""
    import torch

    found = []
    if torch.cuda.is_available():
        found.append("cuda")
    if _mps_available():
        found.append("mps")
    found.append("cpu")
    return tuple(found)


def known_devices() -> tuple[str, ...] | None:
    """:func:`available_devices` once torch is imported, else None (the window does not wait
    for torch to know its devices: the model worker imports it and tells)."""
    return available_devices() if "torch" in sys.modules else None


def resolve_device(choice: str = "auto") -> str:
    """Map ``auto|cpu|cuda|mps`` to a device that exists here.

    ``auto`` prefers CUDA, then Apple MPS, then the CPU. Asking for a device
    that is not available is an error rather than a silent fallback.
    """
    choice = (choice or "auto").lower()
    if choice not in DEVICE_CHOICES:
        raise MLMDesktopError(QT_TRANSLATE_NOOP(
            "core", "unknown device {device!r}: choose one of {choices}"
        ).format(device=choice, choices=", ".join(DEVICE_CHOICES)))
    usable = available_devices()
    if choice == "auto":
        return usable[0]
    if choice not in usable:
        raise MLMDesktopError(QT_TRANSLATE_NOOP(
            "core", "device {device!r} is not available on this machine (available: {usable}); use "
            "--device auto or cpu"
        ).format(device=choice, usable=", ".join(usable)))
    return choice
