"""The geometry of a text's hidden states, computed where the model runs.

Every function takes the stack ``h`` of hidden states, shape (S, T, D) with
S = L + 1 (embeddings first), T tokens and D the hidden size, as a float
torch tensor on the model's device, and returns tensors there; the caller
copies what it shows.

- :func:`cosine_matrices`: (S, T, T) cosine similarity of every pair of tokens
  at each layer, ``cos(a, b) = a·b / (|a| |b|)``.
- :func:`mean_off_diagonal`: (S,) the mean cosine of pairs of *distinct*
  positions (i ≠ j), the "anisotropy" that makes raw BERT vectors look alike.
- :func:`layer_change`: (L, T) ``1 − cos(h_l, h_(l−1))`` for l = 1..L: how far
  layer l turned each token's vector (0: not at all, 1: a right angle, 2: reversed).
- :func:`pca_plane`: every layer's vectors projected together onto the first
  two principal components of the centred stack of S·T vectors.

A zero vector (never seen in practice) has cosine 0 with everything, itself
included, rather than NaN.
"""

from __future__ import annotations

import numpy as np
import torch

#: norms are clamped to this before dividing, so a zero vector gives 0, not NaN
EPS = 1e-12


def unit_vectors(h: torch.Tensor) -> torch.Tensor:
    """``h`` with every vector (last axis) scaled to length 1."""
    return h / h.norm(dim=-1, keepdim=True).clamp_min(EPS)


def cosine_matrices(unit: torch.Tensor) -> torch.Tensor:
    """(S, T, T) cosine similarities from unit vectors (S, T, D)."""
    return unit @ unit.transpose(-1, -2)


def mean_off_diagonal(similarity: torch.Tensor, keep: torch.Tensor | None = None) -> torch.Tensor:
    """(S,) float64: the mean of ``similarity[s, i, j]`` over kept positions i ≠ j.

    ``keep`` (T,) bool picks the positions (None: all). With fewer than two
    kept positions there is no pair, and the mean is NaN.
    """
    if keep is not None:
        similarity = similarity[:, keep][:, :, keep]
    count = similarity.shape[-1]
    if count < 2:
        return torch.full(similarity.shape[:1], float("nan"), dtype=torch.float64,
                          device=similarity.device)
    total = similarity.sum(dim=(-1, -2), dtype=torch.float64)
    diagonal = similarity.diagonal(dim1=-2, dim2=-1).sum(dim=-1, dtype=torch.float64)
    return (total - diagonal) / (count * (count - 1))


def layer_change(unit: torch.Tensor) -> torch.Tensor:
    """(L, T): ``1 − cos(h_l, h_(l−1))`` for every layer l = 1..L and token."""
    return 1.0 - (unit[1:] * unit[:-1]).sum(dim=-1)


def _wide_float(device: torch.device) -> torch.dtype:
    """float64 where the device has it (Apple's MPS does not)."""
    return torch.float32 if device.type == "mps" else torch.float64


def pca_plane(h: torch.Tensor) -> tuple[torch.Tensor, np.ndarray]:
    """((S, T, 2) coordinates, (2,) explained-variance ratios) of PCA over all layers.

    The S·T vectors are stacked and centred (X, one row each); the two axes
    are the right singular vectors of X with the largest singular values,
    found as the top eigenvectors of the D × D scatter matrix XᵀX (the same
    vectors, and a D × D problem instead of an (S·T) × D one: at most
    1024 × 1024 for base and large models, solved on the device). A point's
    coordinates are its row of X times the two axes. The ratios are each
    axis's share of the total variance, ``σ²_k / Σ σ²``.

    Signs: a principal axis has no sign of its own, so each is turned to make
    the coordinate of largest magnitude positive (scikit-learn's convention).
    """
    layers, tokens, width = h.shape
    x = h.reshape(layers * tokens, width).to(_wide_float(h.device))
    x = x - x.mean(dim=0, keepdim=True)
    scatter = x.T @ x
    values, vectors = torch.linalg.eigh(scatter)  # ascending
    keep = min(2, width)
    axes = vectors[:, -keep:].flip(-1)
    top = values[-keep:].flip(-1).clamp_min(0)
    coordinates = x @ axes  # (S·T, keep)
    largest = coordinates.abs().argmax(dim=0)
    signs = torch.sign(coordinates[largest, torch.arange(keep, device=h.device)])
    coordinates = coordinates * torch.where(signs == 0, torch.ones_like(signs), signs)
    if keep < 2:
        coordinates = torch.cat([coordinates, torch.zeros_like(coordinates)], dim=1)
        top = torch.cat([top, torch.zeros_like(top)])
    total = float(scatter.diagonal().sum())  # Σ σ², the stack's total variance
    ratios = (top / total).cpu().numpy() if total > 0 else np.zeros(2)
    return coordinates.float().reshape(layers, tokens, 2), ratios.astype(np.float64)


__all__ = [
    "EPS",
    "cosine_matrices",
    "layer_change",
    "mean_off_diagonal",
    "pca_plane",
    "unit_vectors",
]
