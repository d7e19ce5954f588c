"""Symmetric colour levels: one scale, centred on zero, for every layer of a result."""

from __future__ import annotations

import numpy as np
import pytest

from mlm_desktop.core.levels import LEVEL_PERCENTILE, symmetric_levels


def test_levels_are_plus_and_minus_the_percentile_of_the_magnitudes():
    # |values| are 1..200, so numpy's linear-interpolated 99.5th percentile is
    # at rank 0.995 * 199 = 198.005 (0-based): 199 + 0.005 * (200 - 199)
    values = np.arange(1, 201, dtype=np.float64)
    values[::2] *= -1
    low, high = symmetric_levels(values.reshape(2, 4, 25))
    assert LEVEL_PERCENTILE == 99.5
    assert high == pytest.approx(199.005) and low == -high


def test_the_percentile_can_be_chosen():
    values = np.array([-4.0, 1.0, 2.0, 3.0])  # |values| 1, 2, 3, 4
    assert symmetric_levels(values, percentile=100) == (-4.0, 4.0)
    assert symmetric_levels(values, percentile=50) == (-2.5, 2.5)


@pytest.mark.parametrize(
    "values",
    [np.zeros((0, 3)), np.zeros((2, 3)), np.array([np.nan, 1.0])],
)
def test_empty_all_zero_or_nan_arrays_fall_back_to_unit_levels(values):
    assert symmetric_levels(values) == (-1.0, 1.0)
