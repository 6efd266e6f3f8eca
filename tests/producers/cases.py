"""Every producer variant read back by the producer tests: what to print, how, and what fails.

A case names its producer (calc, writer: one soffice call for all, writer-html: HTML opened by
Writer, one more soffice call; chromium: one call per file; reportlab: the existing
generators), the edition (a transform of a shipped truth, see
tests/variants/editions.py) and the generator's options. A case the pipeline cannot read yet
carries `xfail` = "<class>: <what goes wrong today>", and is run as a strict xfail so the day
it reads correctly the suite says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.variants import editions as E
from tests.variants.npo_layout import split_banks

NPO, PLAN = "npo", "plan"


@dataclass(frozen=True)
class Case:
    """One variant: producer, document kind, edition factory, options, known failure."""

    name: str
    producer: str  # calc | writer | writer-html | chromium | reportlab
    kind: str  # npo | plan
    edition: Callable[[], dict[str, Any]]
    options: dict[str, Any] = field(default_factory=dict)
    xfail: str | None = None

    @property
    def marks(self) -> list[Any]:
        """The test markers of the program that prints the case (office, browser)."""
        program = {"calc": "office", "writer": "office", "writer-html": "office",
                   "chromium": "browser"}.get(self.producer)
        return [getattr(pytest.mark, program)] if program else []

    def pdf(self, folder: Path) -> Path:
        """Where the case's PDF goes: a folder of its own (run_all reads every PDF there)."""
        return folder / self.name / f"{self.name}.pdf"


def _npo() -> dict[str, Any]:
    return E.load_npo()


def _plan() -> dict[str, Any]:
    return E.load_plan()


def _more_rows() -> dict[str, Any]:
    return E.with_figure_rows(
        _plan(), [("経費", 1_230, 450), ("当期剰余金", 5_210, 8_123)],
        [("代位弁済率", "0.20"), ("回収率", "45.35")])


CASES: tuple[Case, ...] = (
    # ---- LibreOffice Calc: the NPO table ------------------------------------------------------
    Case("calc-inner-all", "calc", NPO, _npo),
    Case("calc-inner-none", "calc", NPO, _npo, {"inner_rules": "none"}),
    Case("calc-inner-some-rows", "calc", NPO, _npo, {"inner_rules": "some_rows"}),
    Case("calc-inner-dashed", "calc", NPO, _npo, {"inner_rules": "dashed"}),
    Case("calc-inner-dotted", "calc", NPO, _npo, {"inner_rules": "dotted"}),
    Case("calc-inner-hair", "calc", NPO, _npo, {"inner_rules": "hair"}),
    Case("calc-no-body-verticals", "calc", NPO, _npo, {"body_verticals": False}),
    Case("calc-break-rows-repeat-header", "calc", NPO, _npo,
         {"row_break": 4, "repeat_header": True}),
    Case("calc-break-rows-no-header", "calc", NPO, _npo,
         {"row_break": 4, "repeat_header": False}),
    Case("calc-4-3-3-3-natural-breaks", "calc", NPO, _npo,
         {"banks_per_page": (4, 3, 3, 3), "row_break": "auto"}),
    Case("calc-tall-rows-no-header", "calc", NPO, _npo,
         {"row_scale": 1.8, "row_break": "auto", "repeat_header": False}),
    Case("calc-portrait-a4", "calc", NPO, _npo,
         {"banks_per_page": (3, 3, 3, 2, 2), "paper": "A4", "orientation": "portrait"}),
    Case("calc-mincho", "calc", NPO, _npo, {"font": "IPAexMincho"}),
    Case("calc-next-year-mincho", "calc", NPO, lambda: E.next_year(_npo()),
         {"banks_per_page": (6, 7), "font": "IPAexMincho"}),
    Case("calc-merger-12-banks", "calc", NPO, lambda: E.merge_banks(_npo()),
         {"banks_per_page": (6, 6)}),
    Case("calc-renamed-rokin", "calc", NPO, lambda: E.rename_bank(_npo(), "四国労働金庫",
                                                                  "四国ろうきん")),
    Case("calc-radicals", "calc", NPO, lambda: E.with_radicals(_npo())),
    Case("calc-latin-word-wrapped", "calc", NPO, lambda: E.wrap_latin_word(_npo())),
    Case("calc-limits-in-words", "calc", NPO, lambda: E.limits_in_words(_npo())),
    # ---- LibreOffice Writer: the NPO table as a Word document (tests/variants/docx_npo.py) -----
    # Class: ruled by horizontal lines only, no vertical rule anywhere (Word house style).
    Case("writer-npo-rows-only", "writer", NPO, _npo),
    Case("writer-npo-rows-only-next-year-mincho", "writer", NPO,
         lambda: E.vertical_group_labels(E.reiwa_date(E.next_year(_npo()))),
         {"banks_per_table": (6, 7), "font": "IPAexMincho"}),
    Case("writer-npo-rows-only-merger", "writer", NPO, lambda: E.merge_banks(_npo()),
         {"banks_per_table": (6, 6)}),
    # Class: no rules, rows told apart by shading.
    Case("writer-npo-zebra", "writer", NPO, _npo, {"ruling": "none", "zebra": True}),
    # Class: tables that run on over the page, rows broken by it, no header repeated.
    Case("writer-npo-flow-5-5-3", "writer", NPO, _npo,
         {"ruling": "grid", "flow": True, "banks_per_table": (5, 5, 3), "paper": "A4",
          "orientation": "portrait", "size": 7.0}),
    Case("writer-npo-flow-rows-only", "writer", NPO, lambda: E.next_year(_npo()),
         {"ruling": "rows_only", "flow": True, "banks_per_table": (5, 5, 3), "paper": "A4",
          "orientation": "landscape", "size": 6.5, "font": "IPAexMincho"}),
    # ---- LibreOffice Writer: the NPO table as an HTML page (tests/variants/writer_html.py) -----
    Case("writer-html-npo-5-5-3", "writer-html", NPO, _npo),
    Case("writer-html-npo-next-year-5-4-4-mincho", "writer-html", NPO,
         lambda: E.reiwa_date(E.vertical_group_labels(E.next_year(_npo()))),
         {"banks_per_table": (5, 4, 4), "font": "IPAexMincho"}),
    Case("writer-html-npo-rows-only", "writer-html", NPO, _npo,
         {"ruling": "rows_only", "orientation": "landscape", "size": 7.0}),
    Case("writer-html-npo-zebra-a3", "writer-html", NPO, _npo,
         {"ruling": "none", "zebra": True, "paper": "A3", "orientation": "landscape",
          "banks_per_table": (7, 6), "size": 7.0}),
    # ---- LibreOffice Writer: the business plan -------------------------------------------------
    Case("writer-grid", "writer", PLAN, _plan),
    Case("writer-rows-only", "writer", PLAN, _plan, {"table_style": "rows_only"}),
    Case("writer-header-verticals", "writer", PLAN, _plan, {"table_style": "header_verticals"}),
    Case("writer-unruled", "writer", PLAN, _plan, {"table_style": "none"}),
    Case("writer-split-after-header", "writer", PLAN, _plan,
         {"split_key_figures": 0, "repeat_header": False}),
    Case("writer-split-repeat-header", "writer", PLAN, _plan,
         {"split_key_figures": 1, "repeat_header": True}),
    Case("writer-thousand-yen-total-gokei", "writer", PLAN,
         lambda: E.total_label(E.in_unit(_plan(), "千円"), "合計")),
    Case("writer-oku-yen-total-kei", "writer", PLAN,
         lambda: E.total_label(E.in_unit(_plan(), "億円"), "計")),
    Case("writer-more-rows-gothic-unit-line", "writer", PLAN, _more_rows,
         {"font": "IPAexGothic", "unit_line": "own"}),
    Case("writer-negative-triangle", "writer", PLAN, lambda: E.with_negatives(_plan(), "△")),
    Case("writer-negative-black-triangle", "writer", PLAN,
         lambda: E.with_negatives(E.total_label(_plan(), "計"), "▲")),
    Case("writer-reiwa-title", "writer", PLAN,
         lambda: E.retitle(_plan(), "令和８年度 事業計画", 2026)),
    Case("writer-radicals", "writer", PLAN, lambda: E.with_radicals(_plan())),
    # items across, 計 / 無担保 / 有担保 down (tests/variants/plan_layout.py)
    Case("writer-transposed", "writer", PLAN, _plan, {"transposed": True}),
    Case("writer-transposed-rows-only-thousand-yen-gokei", "writer", PLAN,
         lambda: E.total_label(E.in_unit(_plan(), "千円"), "合計"),
         {"transposed": True, "table_style": "rows_only"}),
    Case("writer-transposed-header-verticals-negatives-no-side", "writer", PLAN,
         lambda: E.with_negatives(E.total_label(_plan(), "計"), "▲"),
         {"transposed": True, "table_style": "header_verticals", "side_label": False,
          "font": "IPAexGothic", "unit_line": "own"}),
    Case("writer-transposed-unruled-more-rows", "writer", PLAN, _more_rows,
         {"transposed": True, "table_style": "none"}),
    Case("writer-transposed-unruled-oku-yen-no-side", "writer", PLAN,
         lambda: E.total_label(E.in_unit(_plan(), "億円"), "計"),
         {"transposed": True, "table_style": "none", "side_label": False}),
    # captions not kept with their tables, page breaks inside them (tables2: nothing lost)
    Case("writer-unruled-ratios-broken", "writer", PLAN, _more_rows,
         {"table_style": "none", "split_ratios": 1, "keep_captions": False}),
    Case("writer-zebra-ratio-header-at-foot", "writer", PLAN, _more_rows,
         {"table_style": "zebra", "split_ratios": 0, "repeat_header": False,
          "keep_captions": False}),
    Case("writer-unruled-ratio-caption-alone-unit-line", "writer", PLAN, _more_rows,
         {"table_style": "none", "split_ratios": -1, "keep_captions": False, "unit_line": "own"}),
    Case("writer-rows-only-key-caption-alone", "writer", PLAN, _plan,
         {"table_style": "rows_only", "split_key_figures": -1, "keep_captions": False}),
    # short figures (億円: 経費 17 / 12 / 4) under a centred heading, no vertical rules
    Case("writer-transposed-unruled-oku-yen-more-rows", "writer", PLAN,
         lambda: E.in_unit(_more_rows(), "億円"), {"transposed": True, "table_style": "none"}),
    Case("writer-transposed-rows-only-oku-yen-more-rows-no-side", "writer", PLAN,
         lambda: E.in_unit(_more_rows(), "億円"),
         {"transposed": True, "table_style": "rows_only", "side_label": False}),
    Case("writer-zebra-kana-items", "writer", PLAN, lambda: E.katakana_items(_plan()),
         {"table_style": "zebra"}),
    Case("writer-zebra-thousand-yen-negative", "writer", PLAN,
         lambda: E.with_negatives(E.in_unit(_plan(), "千円"), "▲"), {"table_style": "zebra"}),
    # ---- headless Chromium ------------------------------------------------------------------
    Case("chromium-npo", "chromium", NPO, _npo),
    Case("chromium-npo-next-year-mincho", "chromium", NPO, lambda: E.next_year(_npo()),
         {"font": "IPAexMincho", "banks_per_page": (6, 7)}),
    Case("chromium-npo-rows-only", "chromium", NPO, _npo, {"ruling": "rows_only"}),
    Case("chromium-npo-rows-only-5-5-3-mincho", "chromium", NPO, lambda: E.next_year(_npo()),
         {"ruling": "rows_only", "banks_per_page": (5, 5, 3), "font": "IPAexMincho"}),
    Case("chromium-npo-zebra", "chromium", NPO, _npo, {"ruling": "none", "zebra": True}),
    Case("chromium-npo-zebra-next-year-mincho", "chromium", NPO,
         lambda: E.add_row(E.rename_row(E.next_year(_npo()))),
         {"ruling": "none", "zebra": True, "banks_per_page": (6, 7), "font": "IPAexMincho"}),
    Case("chromium-npo-unshaded", "chromium", NPO, _npo, {"ruling": "none"}),
    Case("chromium-npo-flow-5-5-3", "chromium", NPO, _npo,
         {"flow": True, "banks_per_page": (5, 5, 3), "paper": "A4 landscape"}),
    Case("chromium-npo-flow-rows-only-next-year", "chromium", NPO, lambda: E.next_year(_npo()),
         {"flow": True, "ruling": "rows_only", "banks_per_page": (5, 4, 4),
          "paper": "A4 landscape", "font": "IPAexMincho"}),
    Case("chromium-plan", "chromium", PLAN, _plan),
    Case("chromium-plan-zebra-kana-items", "chromium", PLAN, lambda: E.katakana_items(_plan()),
         {"table_style": "zebra"}),
    # at full size (fewer banks a page, no scaling) Chromium sets a cell's text in runs, where
    # the widths' fractions add up (IPAex fonts' /W entries are not whole numbers)
    Case("chromium-npo-gothic-full-size", "chromium", NPO, _npo,
         {"font": "IPAexGothic", "banks_per_page": (4, 3, 3, 3)}),
    Case("chromium-plan-gothic", "chromium", PLAN, _plan, {"font": "IPAexGothic"}),
    Case("chromium-plan-rows-only", "chromium", PLAN, lambda: E.in_unit(_plan(), "千円"),
         {"table_style": "rows_only"}),
    Case("chromium-plan-transposed", "chromium", PLAN, _plan, {"transposed": True}),
    Case("chromium-plan-transposed-gothic", "chromium", PLAN, _plan,
         {"transposed": True, "font": "IPAexGothic"}),
    Case("chromium-plan-transposed-gothic-no-side-more-rows", "chromium", PLAN, _more_rows,
         {"transposed": True, "side_label": False, "font": "IPAexGothic"}),
    Case("chromium-plan-transposed-rows-only-negatives-no-side", "chromium", PLAN,
         lambda: E.with_negatives(E.in_unit(_plan(), "千円"), "△"),
         {"transposed": True, "table_style": "rows_only", "side_label": False}),
    Case("chromium-plan-transposed-header-verticals-gokei", "chromium", PLAN,
         lambda: E.total_label(_plan(), "合計"),
         {"transposed": True, "table_style": "header_verticals"}),
    Case("chromium-plan-transposed-unruled-more-rows", "chromium", PLAN, _more_rows,
         {"transposed": True, "table_style": "none"}),
    Case("chromium-plan-transposed-unruled-oku-yen-no-side", "chromium", PLAN,
         lambda: E.in_unit(_plan(), "億円"),
         {"transposed": True, "table_style": "none", "side_label": False}),
    # captions not kept with their tables, page breaks inside them (tables2: nothing lost)
    Case("chromium-plan-unruled-ratios-broken", "chromium", PLAN, _more_rows,
         {"table_style": "none", "keep": False, "split": ("ratios", 1)}),
    Case("chromium-plan-zebra-ratio-caption-alone", "chromium", PLAN, _more_rows,
         {"table_style": "zebra", "keep": False, "split": ("ratios", -1)}),
    Case("chromium-plan-rows-only-key-caption-alone", "chromium", PLAN, _plan,
         {"table_style": "rows_only", "keep": False, "split": ("key", -1)}),
    # short figures (億円: 経費 17 / 12 / 4) under a centred heading, no vertical rules
    Case("chromium-plan-transposed-unruled-oku-yen-more-rows", "chromium", PLAN,
         lambda: E.in_unit(_more_rows(), "億円"), {"transposed": True, "table_style": "none"}),
    Case("chromium-plan-transposed-rows-only-oku-yen-more-rows", "chromium", PLAN,
         lambda: E.in_unit(_more_rows(), "億円"), {"transposed": True, "table_style": "rows_only"}),
    # ---- the existing reportlab generators, fed by the edition transforms ----------------------
    Case("reportlab-npo-merger", "reportlab", NPO, lambda: E.merge_banks(_npo()),
         {"banks_per_page": (6, 6)}),
    Case("reportlab-npo-next-year-5-4-4", "reportlab", NPO, lambda: E.next_year(_npo()),
         {"banks_per_page": (5, 4, 4), "font": "HeiseiMin-W3"}),
    Case("reportlab-npo-latin-word-wrapped", "reportlab", NPO, lambda: E.wrap_latin_word(_npo())),
    Case("reportlab-npo-limits-in-words", "reportlab", NPO, lambda: E.limits_in_words(_npo()),
         {"font": "HeiseiMin-W3"}),
    Case("reportlab-npo-rows-only-next-year-5-5-3", "reportlab", NPO, lambda: E.next_year(_npo()),
         {"borders": "rows", "banks_per_page": (5, 5, 3), "font": "HeiseiMin-W3"}),
    Case("reportlab-npo-zebra", "reportlab", NPO, _npo, {"borders": "none", "shading": True}),
    Case("reportlab-npo-zebra-next-year-5-4-4", "reportlab", NPO,
         lambda: E.add_row(E.rename_row(E.reiwa_date(E.vertical_group_labels(
             E.next_year(_npo()))))),
         {"borders": "none", "shading": True, "banks_per_page": (5, 4, 4),
          "font": "HeiseiMin-W3"}),
    Case("reportlab-npo-unshaded", "reportlab", NPO, _npo, {"borders": "none"}),
    Case("reportlab-plan-thousand-yen", "reportlab", PLAN,
         lambda: E.total_label(E.in_unit(_more_rows(), "千円"), "合計")),
    Case("reportlab-plan-transposed-negatives-thousand-yen", "reportlab", PLAN,
         lambda: E.with_negatives(E.total_label(E.in_unit(_more_rows(), "千円"), "合計"), "▲"),
         {"transposed": True}),
    Case("reportlab-plan-transposed-oku-yen-no-side", "reportlab", PLAN,
         lambda: E.in_unit(_plan(), "億円"), {"transposed": True, "side_label": False}),
    # header rows 16.8 pt apart with 10.5 pt text: 項目, centred on both, overlaps 計画値 and
    # 無担保 (計画値 was merged down with 無担保, the unsecured figures labelled 計画値無担保)
    Case("reportlab-plan-unruled", "reportlab", PLAN, _plan, {"table_style": "none"}),
)


def cases(*producers: str, xfail: bool = True) -> list[Any]:
    """pytest params of the cases of `producers` (in that order), marked with their program
    (office, browser) and, with `xfail`, known failures as strict xfails."""
    return [
        pytest.param(case, id=case.name, marks=[*case.marks, *(
            [pytest.mark.xfail(strict=True, reason=case.xfail)] if xfail and case.xfail
            else [])])
        for producer in producers
        for case in CASES
        if case.producer == producer
    ]


def reportlab_truth(case: Case, edition: dict[str, Any]) -> dict[str, Any]:
    """The truth of a reportlab printing: the edition's truth with the pages it draws."""
    truth = E.truth_of(edition)
    if case.kind == NPO:
        banks = [bank for page in truth["pages"] for bank in page]
        truth["pages"] = split_banks(banks, case.options.get("banks_per_page", (7, 6)))
    return truth
