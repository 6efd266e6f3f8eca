"""Intervals merged, and the stretches they leave free, clipped to the bounds asked."""

from __future__ import annotations

import pytest

from pipeline.extract.intervals import free, merged


def test_overlapping_and_touching_intervals_merge() -> None:
    assert merged([(5, 6), (0, 2), (1, 3), (3, 4)]) == [(0, 4), (5, 6)]


@pytest.mark.parametrize(("covered", "expected"), [
    ([], [(0, 10)]),
    ([(2, 3), (5, 7)], [(0, 2), (3, 5), (7, 10)]),
    ([(5, 7), (2, 3)], [(0, 2), (3, 5), (7, 10)]),  # any order
    ([(-4, 1), (9, 14)], [(1, 9)]),  # intervals reaching past the bounds
    ([(-4, -1), (11, 14)], [(0, 10)]),  # intervals outside them
    ([(0, 4), (2, 10)], []),
])
def test_free_stretches(covered, expected) -> None:
    assert free(0, 10, covered) == expected
