"""OUT/rokin.xlsx as LibreOffice prints it: landscape A4, each sheet fitted to the page's width
(every printed column on every page), the header row repeated on every page, long Japanese text
wrapped rather than cut, and a few pages where it used to take 98 portrait ones."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pipeline.publish.workbook import WORKBOOK, write_workbook
from tests.variants.office import convert_with_soffice, missing_tools

pytestmark = [pytest.mark.office, pytest.mark.slow]


@pytest.fixture(scope="module")
def printed(published_once: Path, tmp_path_factory) -> list[str]:
    """The text of each page of the workbook's PDF, as soffice prints it."""
    if missing_tools("soffice", "pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("soffice or pdftotext is not installed but CI is set")
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) needed")
    folder = tmp_path_factory.mktemp("workbook-print")
    write_workbook(published_once)
    book = folder / WORKBOOK
    book.write_bytes((published_once / WORKBOOK).read_bytes())
    (pdf,) = convert_with_soffice([book], folder)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert width > height, f"not landscape: {size}"
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2, f"not A4: {size}"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_few_landscape_pages(printed: list[str]) -> None:
    assert len(printed) <= 40, f"{len(printed)} pages (98 portrait pages before)"


def test_every_page_has_the_header_and_every_printed_column(printed: list[str]) -> None:
    """Fitted to width: the first and the last printed column head every page of the sheet
    (no page holds only the columns that did not fit), and its rows follow on the same page."""
    npo = [page for page in printed if "npo_loan_terms" in page.splitlines()[-1]]
    assert len(npo) >= 2
    for page in npo:
        head = " ".join(page.split("\n", 3)[:3])
        assert "as_of" in head and "bank" in head and "correcte" in head, head
        assert "2025-04-01" in page and "労働金庫" in page
    # provenance stays in the sheet, out of the print
    assert not any("source_sha256" in page for page in npo)


def test_long_notes_are_wrapped_not_cut(printed: list[str]) -> None:
    text = "".join("".join(page.split()) for page in printed)
    # a long eligibility note is printed whole (wrapped over lines, joined here)
    assert "かつ法人格取得後最低1事業年度決算が確定していること" in text
