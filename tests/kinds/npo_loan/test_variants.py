"""Editions never seen: other page splits, fonts, widths, borders, drawing orders, dates, values.

Each variant is drawn from an edition dict with tests/variants/npo_pdf.py, read through extract and
clean, and compared with the dict it was drawn from: every cell, the date, the banks, and the typed
columns wherever the drawn text has one plain reading.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

import pdfplumber
import pytest

from pipeline.clean.run import clean_artifact
from pipeline.core.errors import PipelineError
from pipeline.extract.document import extract_pdf
from tests.variants.npo_pdf import edit_cell, load_truth_edition, render_npo_pdf

pytestmark = pytest.mark.slow

FIELDS = ("mark", "value", "unit", "note")


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def next_year_edition() -> dict[str, Any]:
    """2026: changed values, × marks, 要/否 swapped, a unit changed, notes added and removed."""
    edition = load_truth_edition()
    edition["as_of"], edition["as_of_label"] = "2026-04-01", "2026年4月1日現在"
    edits = [
        ("北海道労働金庫", "融資額限度/無担保", {"value": "1,500", "note": None}),
        ("東北労働金庫", "融資額限度/有担保", {"value": "８，０００"}),
        ("北海道労働金庫", "金利/つなぎ資金/無担保", {"value": "1.750\n～\n2.450"}),
        ("中央労働金庫", "金利/その他/無担保", {"value": "3.125", "note": "変動金利（新基準）"}),
        ("東北労働金庫", "資金使途/つなぎ資金", {"mark": "×", "note": "取扱いなし"}),
        ("九州労働金庫", "融資の種類/手形貸付", {"mark": "×"}),
        ("沖縄県労働金庫", "資金使途/設備資金", {"mark": "×"}),
        ("北海道労働金庫", "保証人要否", {"mark": "要"}),
        ("東北労働金庫", "保証人要否", {"mark": "否"}),
        ("東海労働金庫", "保証人要否", {"mark": "要"}),
        ("静岡県労働金庫", "保証人要否", {"mark": None}),
        ("北海道労働金庫", "返済期間/手形貸付", {"value": "18", "unit": "ヶ月"}),
        ("北陸労働金庫", "返済期間/証書貸付", {"value": "5～10", "note": None}),
        ("新潟県労働金庫", "融資額限度/有担保", {"value": "3,000", "note": "担保評価の範囲内"}),
        ("中央労働金庫", "融資額限度/有担保", {"value": "-", "note": None}),
        ("長野県労働金庫", "金利/つなぎ資金/無担保", {"value": "-"}),
        ("四国労働金庫", "資金使途/つなぎ資金", {"note": "新設：助成金交付までのつなぎ"}),
        ("近畿労働金庫", "資金使途/運転資金", {"note": None}),
        ("沖縄県労働金庫", "対象団体の主な条件", {"note": "沖縄県内に事務所を有するＮＰＯ法人"}),
    ]
    for bank, row, fields in edits:
        edition = edit_cell(edition, bank, row, **fields)
    return edition


def with_extra_row(edition: dict[str, Any]) -> dict[str, Any]:
    """An edition that adds a row (a guarantee fee) after 保証人要否."""
    edition = copy.deepcopy(edition)
    edition["rows"].append("保証料")
    for n, rows in enumerate(edition["cells"].values()):
        rows["保証料"] = {"mark": None, "value": f"0.{n + 1:02d}", "unit": "％", "note": "年率"}
    return edition


BASE = load_truth_edition()
NEXT = next_year_edition()
VARIANTS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "pages_5_4_4": (BASE, {"banks_per_page": (5, 4, 4)}),
    "one_wide_page": (BASE, {"banks_per_page": (13,), "col_scale": 0.9}),
    "mincho": (BASE, {"font": "HeiseiMin-W3"}),
    "narrow_columns": (BASE, {"col_scale": 0.5}),
    "wide_columns_labels_once": (
        BASE, {"col_scale": 1.5, "banks_per_page": (4, 4, 5), "repeat_labels": False}),
    "rect_borders": (BASE, {"borders": "rects"}),
    "dashed_strokes": (BASE, {"borders": "dashes", "banks_per_page": (4, 4, 5)}),
    "dotted_strokes": (NEXT, {"borders": "dots"}),
    "shuffled": (BASE, {"shuffle_seed": 20250401, "borders": "rects"}),
    "reiwa_date": (BASE, {"as_of_label": "令和７年４月１日現在"}),
    "next_year": (NEXT, {"banks_per_page": (6, 7), "font": "HeiseiMin-W3"}),
    "next_year_shuffled": (with_extra_row(NEXT), {"banks_per_page": (1, 12), "shuffle_seed": 3}),
    # landscape stored as portrait with /Rotate, the content turned back (printer drivers)
    "stored_turned_90": (BASE, {"rotate": 90}),
    "stored_turned_270_next_year": (NEXT, {"rotate": 270, "banks_per_page": (5, 4, 4)}),
    "stored_upside_down_rects": (BASE, {"rotate": 180, "borders": "rects"}),
}


class Variant(NamedTuple):
    edition: dict[str, Any]
    options: dict[str, Any]
    pdf: Path
    records: dict[tuple[str, str], dict[str, Any]]  # keyed by (bank, item/condition)


@pytest.fixture(scope="module", params=list(VARIANTS))
def variant(request, tmp_path_factory) -> Variant:
    """A variant drawn once and read back."""
    edition, options = VARIANTS[request.param]
    pdf = render_npo_pdf(edition, tmp_path_factory.mktemp(request.param) / "x.pdf", **options)
    cleaned = clean_artifact(extract_pdf(pdf))
    assert cleaned["kind"] == "npo_loan"
    records = {
        (r["bank"], r["item"] + ("/" + r["condition"] if r["condition"] else "")): r
        for r in cleaned["datasets"]["npo_loan_terms"]
    }
    return Variant(edition, options, pdf, records)


def test_variant_is_drawn_as_claimed(variant) -> None:
    """The PDF really has the pages, font, border objects and drawing order the variant names."""
    options = variant.options
    with pdfplumber.open(variant.pdf) as pdf:
        pages = pdf.pages
        assert len(pages) == len(options.get("banks_per_page", (7, 6)))
        assert {p.rotation for p in pages} == {options.get("rotate", 0)}
        if options.get("rotate"):  # shown landscape, stored portrait unless upside down
            assert {p.width > p.height for p in pages} == {True}
            stored = [p.page_obj.mediabox for p in pages]
            assert {b[2] - b[0] > b[3] - b[1] for b in stored} == {options["rotate"] == 180}
        page = pages[-1]
        style = {"HeiseiKakuGo-W5": "KakuGo-W5", "HeiseiMin-W3": "Min-W3"}
        wanted = style[options.get("font", "HeiseiKakuGo-W5")]
        assert {c["fontname"].endswith(wanted) for c in page.chars} == {True}
        if options.get("borders") == "rects":
            assert not page.lines and len(page.rects) > 100
        else:
            assert not page.rects and len(page.lines) > 100
        # How often the next character drawn is the next one read: ~1 in order, ~0 shuffled.
        chars = page.chars
        reading = sorted(range(len(chars)), key=lambda i: (chars[i]["top"], chars[i]["x0"]))
        rank = {i: n for n, i in enumerate(reading)}
        follows = sum(rank[i + 1] == rank[i] + 1 for i in range(len(chars) - 1))
        share = follows / (len(chars) - 1)
        assert share < 0.1 if options.get("shuffle_seed") is not None else share > 0.8


def test_every_cell_reads_as_drawn(variant) -> None:
    edition, records = variant.edition, variant.records
    expected = {
        (bank, row): cell for bank, rows in edition["cells"].items() for row, cell in rows.items()
    }
    assert set(records) == set(expected)
    wrong = [
        (bank, row, field, cell[field], records[bank, row][field])
        for (bank, row), cell in expected.items()
        for field in FIELDS
        if norm(cell[field]) != norm(records[bank, row][field])
    ]
    assert wrong == []


def _breaks(text: str) -> set[int]:
    """Where the line breaks of `text` fall in it without them."""
    found, at = set(), 0
    for line in text.split("\n")[:-1]:
        at += len(line)
        found.add(at)
    return found


def _whole(printed: str, published: str) -> bool:
    """The published text is the printed one with its wrapped lines joined and no space added
    (1,0 / 00 is 1,000, not 1,0 00); a line break kept only where the print has one (an item
    of its own: 無担保10 / 有担保20)."""
    printed, published = (unicodedata.normalize("NFKC", t) for t in (printed, published))
    return (printed.replace("\n", "") == published.replace("\n", "")
            and _breaks(published) <= _breaks(printed))


def test_values_and_units_keep_their_words_whole(variant) -> None:
    """A value wrapped in a narrow cell reads as printed: 1,0 / 00 is 1,000, not 1,0 00."""
    edition, records = variant.edition, variant.records
    wrong = [
        (bank, row, field, cell[field], records[bank, row][field])
        for bank, rows in edition["cells"].items()
        for row, cell in rows.items()
        for field in ("value", "unit")
        if not _whole(cell[field] or "", records[bank, row][field])
    ]
    assert wrong == []


def test_as_of_banks_and_pages(variant) -> None:
    edition, options, records = variant.edition, variant.options, variant.records
    label = options.get("as_of_label", edition["as_of_label"])
    era = re.match(r"令和(\d+)年", unicodedata.normalize("NFKC", label))
    year = 2018 + int(era[1]) if era else int(label[:4])
    assert {r["as_of"] for r in records.values()} == {dt.date(year, 4, 1).isoformat()}
    banks = [bank for page in edition["pages"] for bank in page]
    assert list(dict.fromkeys(bank for bank, _ in records)) == banks
    split = options.get("banks_per_page", (7, 6))
    pages: dict[str, int] = {}
    at = 0
    for page, n in enumerate(split, 1):
        pages.update({bank: page for bank in banks[at : at + n]})
        at += n
    assert {b: r["source_page"] for (b, _), r in records.items()} == pages


_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"


def plain_reading(value: str) -> tuple[float, float] | None:
    """Low and high of a value printed as one number or one a～b range, else None."""
    text = norm(value)
    if re.fullmatch(_NUMBER, text):
        return float(text.replace(",", "")), float(text.replace(",", ""))
    if match := re.fullmatch(rf"({_NUMBER})~({_NUMBER})", text):
        return float(match[1].replace(",", "")), float(match[2].replace(",", ""))
    return None


def test_typed_columns_where_plain(variant) -> None:
    edition, records = variant.edition, variant.records
    checked = 0
    for bank, rows in edition["cells"].items():
        for row, cell in rows.items():
            rec = records[bank, row]
            unit, value = norm(cell["unit"]), norm(cell["value"])
            span = plain_reading(cell["value"] or "")
            if value == "-":
                assert rec["is_offered"] is False, (bank, row)
                assert (rec["limit_yen"], rec["rate_min_pct"], rec["term_min_months"]) == (
                    None, None, None), (bank, row)
            if span is None:
                continue
            checked += 1
            assert rec["is_offered"] is True, (bank, row)
            if unit == "万円" and span[0] == span[1]:
                assert rec["limit_yen"] == round(span[0] * 10_000), (bank, row)
            elif unit == "%":
                assert (rec["rate_min_pct"], rec["rate_max_pct"]) == span, (bank, row)
            elif unit in {"年", "ヶ月"}:
                months = 12 if unit == "年" else 1
                assert (rec["term_min_months"], rec["term_max_months"]) == (
                    span[0] * months, span[1] * months), (bank, row)
    assert checked > 60


def test_marks_read_as_booleans(variant) -> None:
    edition, records = variant.edition, variant.records
    for bank, rows in edition["cells"].items():
        for row, cell in rows.items():
            mark, rec = cell["mark"] or "", records[bank, row]
            assert rec["is_required"] is {"要": True, "否": False}.get(mark), (bank, row)
            if mark in {"○", "×"}:
                assert rec["is_offered"] is (mark == "○"), (bank, row)


# ---- structural bad inputs the clean stage must refuse, naming what is wrong -------------------


def rename_bank(edition: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    edition = copy.deepcopy(edition)
    edition["pages"] = [[new if b == old else b for b in page] for page in edition["pages"]]
    edition["cells"] = {new if b == old else b: rows for b, rows in edition["cells"].items()}
    return edition


def clean_pdf(edition: dict[str, Any], path: Path, **options: Any) -> dict[str, Any]:
    return clean_artifact(extract_pdf(render_npo_pdf(edition, path, **options)))


@pytest.mark.parametrize(
    ("bank", "split", "page"),
    [
        ("静岡県労働金庫", (7, 6), 1),
        ("中国労働金庫", (7, 6), 2),
        ("北海道労働金庫", (2, 11), 1),  # one bank against one: still the one lacking a column
    ],
)
def test_bank_without_unit_column_is_an_error(tmp_path, bank, split, page) -> None:
    message = rf"page {page}: bank {bank} has 2 sub-columns where the others have 3"
    with pytest.raises(PipelineError, match=message) as exc:
        clean_pdf(BASE, tmp_path / "unitless.pdf", banks_per_page=split, unitless_banks={bank})
    assert "unitless.pdf" in str(exc.value)


@pytest.mark.parametrize(
    ("old", "new", "page"),
    [
        ("中央労働金庫", "中央信用金庫", 1),  # in the middle of the header
        ("東海労働金庫", "備考", 2),  # first after 項目: must not be taken for a label column
        ("北海道労働金庫", "合計", 1),
    ],
)
def test_header_cell_not_a_bank_is_an_error(tmp_path, old, new, page) -> None:
    message = rf"page {page}: R1C\d+: header cell '{new}' is not a bank"
    with pytest.raises(PipelineError, match=message):
        clean_pdf(rename_bank(BASE, old, new), tmp_path / "renamed.pdf")
