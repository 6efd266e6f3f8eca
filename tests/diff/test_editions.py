from __future__ import annotations

import pytest

from pipeline.core.errors import PipelineError
from pipeline.diff.editions import choose, form, unmatched

DATES = ["2024-04-01", "2025-04-01", "2026-04-01"]
YEARS = ["2025", "2026"]


def test_form_tells_dates_from_years() -> None:
    assert form("2025-04-01") == "9999-99-99"
    assert form("2025") == "9999"


def test_default_is_the_two_latest() -> None:
    assert choose("npo", DATES) == ("2025-04-01", "2026-04-01")
    assert choose("plan", YEARS) == ("2025", "2026")
    assert choose("plan", ["2025"]) is None


def test_options_apply_to_the_dataset_of_their_form() -> None:
    options = {"old": ["2024-04-01", "2025"], "new": ["2025-04-01"]}
    assert choose("npo", DATES, **options) == ("2024-04-01", "2025-04-01")
    assert choose("plan", YEARS, **options) == ("2025", "2026")


def test_only_to_compares_with_the_edition_before() -> None:
    assert choose("npo", DATES, new=["2025-04-01"]) == ("2024-04-01", "2025-04-01")
    with pytest.raises(PipelineError, match="no edition before 2024-04-01"):
        choose("npo", DATES, new=["2024-04-01"])


def test_missing_or_doubled_edition_is_an_error() -> None:
    with pytest.raises(PipelineError, match="npo has no edition 2023-04-01"):
        choose("npo", DATES, old=["2023-04-01"])
    with pytest.raises(PipelineError, match="two editions"):
        choose("npo", DATES, old=["2024-04-01", "2025-04-01"])


def test_unmatched_values_name_typos() -> None:
    present = {"npo": DATES, "plan": YEARS}
    assert unmatched(["2025/04/01", "2025", "2025-04-01"], present) == ["2025/04/01"]
