"""Other years' plans, rendered from an edited truth dict, are read back as they were drawn."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.extract.document import extract_pdf
from pipeline.kinds.business_plan.clean import clean
from pipeline.validate.check import validate
from pipeline.validate.frames import build_frame
from tests.variants import editions as E
from tests.variants.plan_pdf import load_truth_plan, plan_copy, render_plan_pdf, retitle

pytestmark = pytest.mark.slow

CONDITIONS = {"total": "計", "unsecured": "無担保", "secured": "有担保"}
# The CID fonts map a few look-alikes onto one glyph; extraction returns the other code point.
FONT_LOOKALIKES = str.maketrans({"−": "-", "〜": "～"})


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", (text or "").translate(FONT_LOOKALIKES)).split())


def _index(plan: dict[str, Any], number: str, text_start: str) -> int:
    return next(
        i for i, b in enumerate(plan["blocks"])
        if b["number"] == number and b["text"].startswith(text_start)
    )


def plan_2026() -> dict[str, Any]:
    """Next year: new title and figures, a measure added, one removed, a heading dropped."""
    plan = plan_copy(load_truth_plan())
    retitle(plan, "2026 年度事業計画", 2026)
    rows = [
        ("新規保証引受", 480_000, 1_400_321),
        ("保証債務残高", 1_700_002, 14_000_500),
        ("決算保証料", 9_500, 17_020),
        ("代位弁済", 11_000, 22_222),
        ("求償権回収金", 2_500, 12_345),
        ("経費", 1_230, 450),
    ]
    plan["key_figures"]["rows"] = [
        {"item": item, "total": a + b, "unsecured": a, "secured": b} for item, a, b in rows
    ]
    plan["ratios"]["rows"] = [
        {"item": "延滞率", "value": 0.12, "value_text": "0.12"},
        {"item": "代位弁済率", "value": 0.2, "value_text": "0.20"},
    ]
    after = _index(plan, "⑥", "自治体提携融資制度")
    plan["blocks"].insert(after + 1, {
        "kind": "outline", "level": 4, "number": "⑦",
        "text": "2026 年度に新設する勤労者向け保証制度（仮称）の検討を進め、年度内に成案化します。",
    })
    del plan["blocks"][_index(plan, "③", "ＳＭＳ（ショートメッセージサービス）")]
    start = _index(plan, "（10）", "地域労（勤）信協")
    del plan["blocks"][start : start + 2]
    return plan


def plan_reiwa_2027() -> dict[str, Any]:
    """A 令和 title, a wrapped heading over a paragraph, a new section and a labelled total."""
    plan = plan_copy(load_truth_plan())
    retitle(plan, "令和９年度 事業計画", 2027)
    plan["key_figures"]["header"]["total"] = "計"
    for row in plan["key_figures"]["rows"]:
        row["total"] = row["unsecured"] + row["secured"]
    at = _index(plan, "（４）", "定年延長に合わせた")
    plan["blocks"][at]["text"] = (
        "定年延長に合わせた人事制度や人材活用のあり方の整理および中長期的な人員計画と"
        "採用方針の見直し"
    )
    plan["blocks"].extend([
        {"kind": "heading", "level": 2, "number": "４．", "text": "働き方の見直し"},
        {"kind": "heading", "level": 3, "number": "（１）", "text": "業務の棚卸し"},
        {"kind": "paragraph", "level": 4, "number": None,
         "text": "全ての業務を棚卸しし、廃止・統合・外部委託の可否を判断します。"},
        {"kind": "paragraph", "level": 4, "number": None,
         "text": "棚卸しの結果を職員と共有し、次年度の業務計画に反映します。"},
    ])
    return plan


VARIANTS: dict[str, tuple[Callable[[], dict[str, Any]], dict[str, Any]]] = {
    "2025-as-rendered": (load_truth_plan, {}),
    "2026-gothic-short-pages": (plan_2026, {"font": "HeiseiKakuGo-W5", "lines_per_page": 29,
                                            "text_width": 430.0}),
    "2027-running-head-breaks": (plan_reiwa_2027, {
        "size": 10.0, "text_width": 480.0, "table_scale": 1.2,
        "running_head": "一般社団法人日本労働者信用基金協会", "page_breaks_before": (17, 60, 61),
    }),
    # Items across and 計 / 無担保 / 有担保 down (tests/variants/plan_layout.py).
    "2025-transposed": (load_truth_plan, {"transposed": True}),
    "2026-transposed-gothic-no-side-label": (plan_2026, {
        "transposed": True, "side_label": False, "font": "HeiseiKakuGo-W5",
        "lines_per_page": 29, "text_width": 430.0}),
    "2027-transposed-labelled-total": (plan_reiwa_2027, {"transposed": True, "size": 10.0}),
    # stored turned with /Rotate, the content turned back (as printer drivers store pages)
    "2025-stored-turned-90": (load_truth_plan, {"rotate": 90}),
    "2026-stored-turned-270": (plan_2026, {"rotate": 270, "font": "HeiseiKakuGo-W5"}),
}


@pytest.fixture(scope="module", params=list(VARIANTS))
def variant(request, tmp_path_factory) -> tuple[dict[str, Any], dict[str, Any]]:
    make, options = VARIANTS[request.param]
    plan = make()
    pdf = render_plan_pdf(plan, tmp_path_factory.mktemp("plan") / "plan.pdf", **options)
    return plan, clean(extract_pdf(pdf))


def test_every_block_reads_back(variant) -> None:
    plan, cleaned = variant
    got = [
        (m["kind"], m["level"], m["number"] or None, norm(m["text"]))
        for m in cleaned["plan_measures"]
    ]
    want = [(b["kind"], b["level"], b["number"], norm(b["text"])) for b in plan["blocks"]]
    assert len(got) == len(want)
    assert [(i, g, w) for i, (g, w) in enumerate(zip(got, want, strict=True)) if g != w] == []


def test_fiscal_year_from_the_title(variant) -> None:
    plan, cleaned = variant
    years = {r["fiscal_year"] for rows in cleaned.values() for r in rows}
    assert years == {plan["fiscal_year"]}


def test_every_figure_reads_back(variant) -> None:
    plan, cleaned = variant
    figures = plan["key_figures"]
    expected = {
        (figures["caption"].strip("＜＞"), row["item"], CONDITIONS[column]): row[column]
        for row in figures["rows"]
        for column in CONDITIONS
    }
    ratios = plan["ratios"]
    expected |= {
        (ratios["caption"].strip("＜＞"), row["item"], ""): row["value"] for row in ratios["rows"]
    }
    got = {(r["table"], r["item"], r["condition"]): r["value"] for r in cleaned["plan_key_figures"]}
    assert got == expected
    units = {r["table"]: r["unit"] for r in cleaned["plan_key_figures"]}
    assert units == {"主要計数": "百万円", "諸比率": "％"}


def test_variant_passes_the_schemas(variant) -> None:
    _, cleaned = variant
    for name, rows in cleaned.items():
        assert len(validate(name, build_frame(name, rows))) == len(rows)


def test_added_and_removed_measures_have_their_own_paths(tmp_path) -> None:
    plan = plan_2026()
    cleaned = clean(extract_pdf(render_plan_pdf(plan, tmp_path / "p.pdf")))
    paths = {m["path"]: m for m in cleaned["plan_measures"]}
    assert paths["3 › 基本戦略1 › 1 › (1) › ⑦"]["text"].startswith("2026 年度に新設する")
    assert "3 › 基本戦略1 › 3 › (1) › ③" not in paths
    assert "3 › 基本戦略2 › 2 › (10)" not in paths
    assert paths["3 › 基本戦略2 › 2 › (9) › ¶1"]["kind"] == "paragraph"


def test_a_total_off_by_more_than_rounding_fails_validation(tmp_path) -> None:
    plan = plan_copy(load_truth_plan())
    row = next(r for r in plan["key_figures"]["rows"] if r["item"] == "決算保証料")
    row["total"] += 7
    cleaned = clean(extract_pdf(render_plan_pdf(plan, tmp_path / "p.pdf")))
    frame = build_frame("plan_key_figures", cleaned["plan_key_figures"])
    with pytest.raises(PipelineError, match="決算保証料.*off by 7"):
        validate("plan_key_figures", frame)


def test_rendered_pages_follow_the_options(tmp_path: Path) -> None:
    plan = load_truth_plan()
    short = extract_pdf(render_plan_pdf(plan, tmp_path / "a.pdf", lines_per_page=20))
    full = extract_pdf(render_plan_pdf(plan, tmp_path / "b.pdf"))
    assert len(short["pages"]) > len(full["pages"])

    def content(artifact: dict[str, Any]) -> list[dict[str, Any]]:
        rows = clean(artifact)["plan_measures"]
        return [{k: v for k, v in m.items() if not k.startswith("source_")} for m in rows]

    assert content(short) == content(full)


@pytest.mark.parametrize("side_label", [True, False])
def test_a_transposed_printing_publishes_what_the_shipped_one_does(tmp_path, side_label) -> None:
    """Items across or down, the same rows (item, condition, value …): only where each value
    was printed (source_cell, source_bbox) differs."""
    plan = E.with_negatives(E.with_figure_rows(
        E.total_label(E.in_unit(load_truth_plan(), "千円"), "合計"),
        [("経費", 1_230, 450)], [("代位弁済率", "0.20"), ("回収率", "45.35")]), "▲")

    def published(**options: Any) -> list[dict[str, Any]]:
        pdf = render_plan_pdf(plan, tmp_path / f"p{len(options)}.pdf", **options)
        rows = clean(extract_pdf(pdf))["plan_key_figures"]
        frame = validate("plan_key_figures", build_frame("plan_key_figures", rows))
        kept = frame.drop(columns=["source_cell", "source_bbox", "source_file", "source_sha256"])
        return kept.astype(object).where(kept.notna(), None).to_dict("records")

    shipped = published()
    across = published(transposed=True, side_label=side_label)
    assert len(shipped) == 3 * 7 + 3
    assert across == shipped
