"""Bad inputs the pipeline must refuse with one clear line: each a real file, built on the spot.

Each builder returns the bytes of a file named *.pdf. Real PDFs are drawn with reportlab (a
built-in Japanese CID font, so nothing is downloaded) or are the shipped PDFs with one thing
broken (tests/pdf_edit.py swaps printed text; a font's /ToUnicode entry can be renamed away).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from bench.pdf_edit import replace_text
from tests import hostile_pdfs
from tests.conftest import NPO_PDF
from tests.variants.npo_pdf import edit_cell, load_truth_edition, render_npo_pdf
from tests.variants.plan_pdf import load_truth_plan, render_plan_pdf

FONT = "HeiseiKakuGo-W5"


def drawn_pdf(
    lines: list[str],
    table: list[list[str]] | None = None,
    *,
    password: str | None = None,
) -> bytes:
    """A one-page PDF with text lines at the top and, if given, a ruled table under them."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    encrypt = pdfencrypt.StandardEncryption(password, "owner") if password else None
    canvas = Canvas(buffer, invariant=1, encrypt=encrypt)
    canvas.setFont(FONT, 10)
    y = 800.0
    for line in lines:
        canvas.drawString(50, y, line)
        y -= 16
    if table:
        width, height = 90.0, 18.0
        top = y - 10
        n_rows, n_cols = len(table), len(table[0])
        for r in range(n_rows + 1):
            canvas.line(50, top - r * height, 50 + n_cols * width, top - r * height)
        for c in range(n_cols + 1):
            canvas.line(50 + c * width, top, 50 + c * width, top - n_rows * height)
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                canvas.drawString(54 + c * width, top - (r + 1) * height + 5, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def npo_variant(*, drop_bank: str | None = None, as_of_label: str | None = None,
                **cell: str) -> bytes:
    """The 2025 NPO table redrawn (tests/variants/npo_pdf.py) with one thing wrong."""
    edition = load_truth_edition()
    per_page = (7, 6)
    if drop_bank:
        edition["pages"] = [[b for b in page if b != drop_bank] for page in edition["pages"]]
        del edition["cells"][drop_bank]
        per_page = tuple(len(page) for page in edition["pages"])
    if cell:
        edition = edit_cell(edition, "北海道労働金庫", "金利/その他/無担保", **cell)
    with tempfile.TemporaryDirectory() as folder:
        path = render_npo_pdf(edition, Path(folder) / "variant.pdf", banks_per_page=per_page,
                              as_of_label=as_of_label)
        return path.read_bytes()


def npo_rows_far_apart(row_scale: tuple[float, ...] = (3.0, 3.0)) -> bytes:
    """The 2025 NPO table drawn without rules, the rows of its pages `row_scale` times as tall
    as their text: where three times, a table no reader here finds (its lines stand too far
    apart), its bank header loose text or a table of its own."""
    with tempfile.TemporaryDirectory() as folder:
        path = render_npo_pdf(load_truth_edition(), Path(folder) / "variant.pdf",
                              borders="none", row_scale=row_scale)
        return path.read_bytes()


def plan_figures_set_small() -> bytes:
    """The 2025 business plan whose unruled figure tables print 5 pt text in 20 pt rows: the
    tables are not found, their captions announce them."""
    with tempfile.TemporaryDirectory() as folder:
        path = render_plan_pdf(load_truth_plan(), Path(folder) / "variant.pdf",
                               table_style="none", table_size=5.0, row_height=20.0)
        return path.read_bytes()


def sideways_among_upright() -> bytes:
    """An NPO title and notes printed upright, a small ruled table beside them turned a
    quarter: neither the page's frame nor the table's reads all of it."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont(FONT, 10)
    lines = ["制度概要（2025年4月1日現在）", "各労働金庫のＮＰＯ事業サポートローンの概要です。",
             "詳しくは各労働金庫にお問い合わせください。", "金利は変動金利です。"]
    for n, line in enumerate(lines):
        canvas.drawString(50, 800 - 16 * n, line)
    canvas.saveState()
    canvas.translate(400, 300)
    canvas.rotate(90)
    for r, row in enumerate([["銀行", "金利", "期間"], ["北海道労働金庫", "2.125", "10年"],
                             ["東北労働金庫", "2.300", "7年"], ["中央労働金庫", "1.950", "15年"]]):
        for c, text in enumerate(row):
            canvas.drawString(c * 90.0, -r * 18.0, text)
        canvas.line(0, -r * 18.0 - 4, 270, -r * 18.0 - 4)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def damaged_stream() -> bytes:
    """The NPO PDF with 100 zero bytes inside page 1's compressed drawing (pdfminer warns a lot)."""
    data = bytearray(NPO_PDF.read_bytes())
    start = data.index(b"stream", data.index(b"/FlateDecode")) + len(b"stream\n")
    data[start + 3000:start + 3100] = bytes(100)
    return bytes(data)


TIMETABLE = [["駅", "発車", "着"], ["東京", "9:00", "9:45"], ["横浜", "9:50", "10:30"]]


@dataclass(frozen=True)
class BadInput:
    """A bad file, what the error line must say, and the page it must name (if one)."""

    build: Callable[[], bytes]
    says: str
    page: int | None = None


BAD_INPUTS: dict[str, BadInput] = {
    "empty": BadInput(lambda: b"", "empty file"),
    "not_a_pdf": BadInput(lambda: "制度概要\n北海道労働金庫,1000\n".encode(), "not a PDF"),
    "truncated": BadInput(lambda: NPO_PDF.read_bytes()[: NPO_PDF.stat().st_size // 2],
                          "truncated PDF"),
    "encrypted": BadInput(lambda: drawn_pdf(["制度概要（2025年4月1日現在）"], password="secret"),
                          "encrypted PDF"),
    "no_table": BadInput(lambda: drawn_pdf(["制度概要（2025年4月1日現在）", "表はありません"]),
                         "no comparison table"),
    "no_known_title": BadInput(lambda: drawn_pdf(["お知らせ", "本日は晴天なり"]),
                               "not a known document"),
    "unrelated_table": BadInput(lambda: drawn_pdf(["時刻表"], TIMETABLE), "not a known document"),
    "cid_codes": BadInput(
        # Same length, so the xref stays right: the fonts simply lose their Unicode maps.
        lambda: NPO_PDF.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"), "(cid:", page=1
    ),
    "damaged_stream": BadInput(damaged_stream, "lacks row"),
    # 2025年0月1日現在 on both pages: a date that does not exist is named as such.
    "impossible_date": BadInput(
        lambda: replace_text(NPO_PDF.read_bytes(), "4", "0", 2, after="年"),
        "2025年0月1日現在 is not a calendar date", page=1,
    ),
    "month_13": BadInput(
        lambda: npo_variant(as_of_label="2025年13月1日現在"),
        "2025年13月1日現在 is not a calendar date", page=1,
    ),
    "rate_not_a_number": BadInput(lambda: npo_variant(value="2.1.25"), "does not read as a number"),
    # A rate of 52.125 ％ reads as a number but fails the schema's 0–30 range.
    "rate_out_of_range": BadInput(
        lambda: replace_text(NPO_PDF.read_bytes(), "2.125", "52.125"), "rate_min_pct"
    ),
    # Hostile input (tests/hostile_pdfs.py): refused before a pixel is rendered or decoded …
    "page_200_inches": BadInput(hostile_pdfs.huge_page, "page is 200 × 200 inches", page=1),
    "image_200k_pixels": BadInput(hostile_pdfs.huge_image, "200,000 × 200,000 pixels",
                                  page=1),
    "too_many_pages": BadInput(lambda: hostile_pdfs.many_pages(10_001), "10,001 pages"),
    # … and fonts pdfminer warns about ("Could not get FontBBox …"): still exactly one line.
    "type1_without_fontbbox": BadInput(hostile_pdfs.type1_without_fontbbox,
                                       "not a known document", page=1),
    "rksj_without_fontbbox": BadInput(hostile_pdfs.rksj_without_fontbbox, "no as-of date",
                                      page=1),
    # Nothing silently lost: a table not found, announced or printed sideways among upright text
    "npo_table_not_found": BadInput(npo_rows_far_apart, "a line names banks (北海道労働金庫",
                                    page=1),
    # (page 1 read, page 2 not: before, 7 of the 13 banks were published without a word)
    "npo_second_table_not_found": BadInput(lambda: npo_rows_far_apart((1.0, 3.0)),
                                           "the banks' header row has no rows under it",
                                           page=2),
    "plan_table_not_found": BadInput(plan_figures_set_small,
                                     "table ＜主要計数＞ is announced here but no table was read",
                                     page=9),
    "sideways_among_upright": BadInput(sideways_among_upright, "printed sideways among upright",
                                       page=1),
}
