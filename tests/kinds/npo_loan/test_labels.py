"""Row labels without their mark legend or alignment spaces."""

from __future__ import annotations

import pytest

from pipeline.kinds.npo_loan.clean.labels import strip_label


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("資金使途\n○：対象\n×：対象外", "資金使途"),
        ("融資の種類\n○：あり\n×：なし", "融資の種類"),
        ("資金使途\n○：対象\n×：対象\n外", "資金使途"),  # a legend wrapped by a narrow column
        ("資金\n使途\n○：対象\n×：対象外", "資金使途"),  # the label wrapped too
        ("○：あり ×：なし\n融資の種類", "融資の種類"),  # legend above the label
        ("資金使途（○：対象 ×：対象外）", "資金使途"),
        ("金　利", "金利"),
        ("つなぎ資金", "つなぎ資金"),
        (None, ""),
    ],
)
def test_strip_label(raw, label) -> None:
    assert strip_label(raw) == label
