"""OUT/review.html: every published value beside its print, grouped by document and bank, what
needs a look on top; self-contained and deterministic."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.review.build import REVIEW, render_review, write_review
from tests.conftest import RAW, SHIPPED_BANKS
from tests.downstream import add_edition
from tests.report.conftest import Elements

ROWS = 195 + 16 + 160  # npo_loan_terms, plan_key_figures, plan_measures of the shipped PDFs


@pytest.fixture()
def corrected(published_corrected: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(published_corrected, out)
    return out


@pytest.fixture(scope="module")
def shipped(published_corrected: Path) -> tuple[str, Elements]:
    text = render_review(published_corrected, RAW)
    return text, Elements(text)


def rows_of(doc: Elements) -> list[dict[str, str]]:
    return [attrs for tag, attrs, _ in doc.found if tag == "tr" and attrs.get("id", "")
            .startswith("r-")]


@pytest.mark.slow
def test_every_value_is_beside_the_image_of_its_print(shipped) -> None:
    text, doc = shipped
    assert len(rows_of(doc)) == ROWS
    images = [attrs for attrs, _ in doc.of("img")]
    in_tables = re.findall(r'<td class="img"><img src="data:image/png;base64,', text)
    assert len(in_tables) == ROWS + 2  # and the two corrected values on top
    assert all(int(a["width"]) > 0 and int(a["height"]) > 0 for a in images)
    assert "PDF なし" not in text


def test_grouped_by_document_then_bank_in_printed_order(shipped) -> None:
    text, doc = shipped
    headings = [t for _, t in doc.of("h2")]
    assert headings[1].startswith("npo_loan_comparison_2025-04-01.pdf")
    assert headings[2].startswith("business_plan_2025.pdf")
    groups = [t.split(" ")[0] for _, t in doc.of("summary")]
    assert groups[:13] == list(SHIPPED_BANKS)
    assert {"主要計数", "諸比率"} <= set(groups)
    assert groups.index("主要計数") > 12


def test_corrected_values_are_marked_and_on_top(shipped) -> None:
    text, doc = shipped
    marks = [a["title"] for a, _ in doc.of("span", **{"class": "corrected"})]
    assert "訂正: 誤植（正しくは 900 万円）" in marks
    assert "訂正: 末尾の桁の誤植" in marks
    top = doc.of("section", id="looks")[0][1]
    assert "訂正した値 2" in top
    links = [a["href"] for a, t in doc.of("a") if "北海道労働金庫|融資額限度|無担保" in t]
    (row,) = [r for r in rows_of(doc) if f"#{r['id']}" in links]
    assert row["class"] == "look"


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes_and_nothing_is_fetched(shipped, corrected) -> None:
    text, _ = shipped
    path = write_review(corrected, RAW, jobs=2)  # a PDF per worker: the same crops, same page
    assert path.name == REVIEW and path.read_text("utf-8") == text
    assert not re.search(r"https?://|<script|<link|@import|url\(", text)
    assert all(src.startswith("data:image/png;base64,")
               for src in re.findall(r'src="([^"]*)"', text))


def test_without_the_pdfs_the_page_says_so(corrected, tmp_path) -> None:
    text = render_review(corrected, tmp_path / "elsewhere")
    assert "<img" not in text
    assert text.count("PDF なし（RAW にない）") == ROWS + 2
    assert "npo_loan_comparison_2025-04-01.pdf is not in" in text


@pytest.mark.slow
def test_a_new_edition_shows_what_changed_and_what_did_not_read(corrected) -> None:
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        at = (frame["bank"] == "東北労働金庫") & (frame["item"] == "融資額限度")
        frame.loc[at, "value"] = "1,0OO"
        frame.loc[at, "limit_yen"] = pd.NA
        return frame.assign(source_sha256="0" * 64)  # no PDF in RAW has these bytes

    add_edition(corrected, "npo_loan_terms", "2026-04-01", edit)
    text = render_review(corrected, RAW)
    doc = Elements(text)
    top = doc.of("section", id="looks")[0][1]
    assert "型付き列が空 2" in top  # 東北's two 融資額限度 rows of the new edition
    assert "前版から変更 4" in top and "500 → 1,0OO" in top and "5,000 → 1,0OO" in top
    assert "edition_2026-04-01.pdf is not in" in text
    headings = [t for _, t in doc.of("h2")]
    assert headings[1].startswith("edition_2026-04-01.pdf")  # the newest edition first


@pytest.mark.slow
def test_a_cell_the_engines_read_differently_is_on_top(corrected) -> None:
    from pipeline.core.files import sha256_of
    from pipeline.crosscheck.listing import entry, write_listing
    from pipeline.extract.document import extract_pdf
    from tests.conftest import NPO_PDF

    artifact = extract_pdf(NPO_PDF)
    terms = pd.read_csv(corrected / "npo_loan_terms.csv", dtype=str, keep_default_na=False)
    row = terms[(terms["bank"] == "北海道労働金庫") & (terms["item"] == "融資額限度")
                & (terms["condition"] == "無担保")].iloc[0]
    page, where = int(row["source_page"]), f"table 1 {row['source_cell']}"
    assert entry(artifact, "engines", page, where, "x", {})["sha256"] == sha256_of(NPO_PDF)
    write_listing(corrected / "interim" / "crosscheck.json", [
        entry(artifact, "engines", page, where, "text differs",
              {"pdfplumber": "'1,000'", "pdfium": "'1,O00'"}),
        entry(artifact, "camelot", 2, "table 1 camelot R99C9", "cell only camelot sees",
              {"pdfplumber": None, "camelot": "'x'"}),
        {**entry(artifact, "engines", page, where, "text differs", {}), "sha256": "0" * 64,
         "why": "read from other bytes"}], "they disagree")
    doc = Elements(render_review(corrected, RAW))
    looks = [t for _, t in doc.of("tr") if "エンジンの不一致" in t]
    assert any("北海道労働金庫|融資額限度|無担保" in t and "1,O00" in t for t in looks)
    assert any("camelot R99C9" in t for t in looks)  # no row of ours: listed with its page
    assert not any("other bytes" in t for t in looks)  # a stale listing's line: left out
