"""The 2025 business plan read block by block and figure by figure against its truth file."""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.kinds.business_plan.clean import clean

CONDITIONS = {"total": "計", "unsecured": "無担保", "secured": "有担保"}


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@pytest.fixture(scope="module")
def cleaned(plan_extracted: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return clean(plan_extracted)


@pytest.fixture(scope="module")
def measures(cleaned) -> list[dict[str, Any]]:
    return cleaned["plan_measures"]


@pytest.fixture(scope="module")
def figures(cleaned) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(r["table"], r["item"], r["condition"]): r for r in cleaned["plan_key_figures"]}


def test_every_block_matches_truth(measures, plan_truth) -> None:
    blocks = plan_truth["blocks"]
    assert len(measures) == len(blocks) == 160
    got = [(m["kind"], m["level"], m["number"] or None, norm(m["text"])) for m in measures]
    want = [(b["kind"], b["level"], b["number"], norm(b["text"])) for b in blocks]
    assert [i for i, (g, w) in enumerate(zip(got, want, strict=True)) if g != w] == []


def test_block_text_is_exactly_as_printed(measures, plan_truth) -> None:
    assert [m["text"] for m in measures] == [b["text"] for b in plan_truth["blocks"]]


def test_fiscal_year_and_order(measures, cleaned, plan_truth) -> None:
    assert {m["fiscal_year"] for m in measures} == {plan_truth["fiscal_year"]}
    assert {r["fiscal_year"] for r in cleaned["plan_key_figures"]} == {plan_truth["fiscal_year"]}
    assert [m["seq"] for m in measures] == list(range(1, len(measures) + 1))


def test_page_numbers_and_closing_are_dropped(measures) -> None:
    texts = [m["text"] for m in measures]
    assert not any(norm(t).isdigit() for t in texts)
    assert norm(texts[-1]) != "以上"
    assert not any("（単位" in t or "＜" in t for t in texts)


PATHS = {
    "3 › 基本戦略2 › 2 › (7) › ②": ("②", "ＡＩ保証審査モデルのチューニング作業"),
    "3 › 基本戦略2 › 2 › (10)": ("（10）", "地域労（勤）信協との情報共有"),
    "3 › 基本戦略2 › 2 › (10) › ¶1": ("", "保証業務担当各級会議等を通じて"),
    "2 › 基本戦略1 › ¶2": ("", "お客さまの利便性を向上するため"),
    "3 › 基本戦略1 › 1 › (1) › ⑥": ("⑥", "自治体提携融資制度"),
    "¶1": ("", "2024 年度は大企業"),
    "1": ("１．", "基本的な考え方"),
}


@pytest.mark.parametrize(("path", "expected"), PATHS.items())
def test_measure_found_by_path(measures, path, expected) -> None:
    (found,) = [m for m in measures if m["path"] == path]
    assert found["number"] == expected[0]
    assert found["text"].startswith(expected[1])
    assert found["parent_path"] == " › ".join(path.split(" › ")[:-1])


def test_paths_are_unique_and_levels_match_depth(measures) -> None:
    paths = [m["path"] for m in measures]
    assert len(set(paths)) == len(paths)
    for m in measures[1:]:
        assert m["level"] == len(m["path"].split(" › ")) - 1, m


def test_source_pages(measures) -> None:
    pages = {m["path"]: m["source_page"] for m in measures}
    assert pages[""] == 1
    assert pages["3"] == 2
    assert pages["3 › 基本戦略2 › 1 › (4)"] == 4
    assert pages["3 › 基本戦略3 › 3 › (5) › ②"] == 9


def test_every_key_figure_matches_truth(figures, plan_truth) -> None:
    table = plan_truth["key_figures"]
    caption = table["caption"].strip("＜＞")
    expected = {
        (caption, row["item"], CONDITIONS[column]): row[column]
        for row in table["rows"]
        for column in CONDITIONS
    }
    got = {key: r["value"] for key, r in figures.items() if key[0] == caption}
    assert got == expected
    for key, value in expected.items():
        assert figures[key]["unit"] == table["unit"] == "百万円"
        assert figures[key]["amount_yen"] == value * 1_000_000
        assert figures[key]["value_text"] == f"{value:,}"


def test_ratio_matches_truth(figures, plan_truth) -> None:
    (row,) = plan_truth["ratios"]["rows"]
    caption = plan_truth["ratios"]["caption"].strip("＜＞")
    ratio = figures[caption, row["item"], ""]
    assert (ratio["value"], ratio["value_text"]) == (row["value"], row["value_text"])
    assert ratio["unit"] == "％"
    assert ratio["amount_yen"] is None
    assert len(figures) == 16


def test_figure_provenance(figures, plan_extracted) -> None:
    total = figures["主要計数", "新規保証引受", "計"]
    assert (total["source_page"], total["source_cell"]) == (9, "R3C2")
    assert total["source_sha256"] == plan_extracted["source"]["sha256"]


def _with_table_caption(artifact: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    broken = copy.deepcopy(artifact)
    for page in broken["pages"]:
        for line in page["lines"]:
            line["text"] = line["text"].replace(old, new)
    return broken


def test_a_table_without_caption_is_an_error(plan_extracted) -> None:
    broken = _with_table_caption(plan_extracted, "＜諸比率＞ （単位：％）", "")
    with pytest.raises(PipelineError, match="no caption") as exc:
        clean(broken)
    assert exc.value.page == 9


def test_a_table_without_unit_is_an_error(plan_extracted) -> None:
    broken = _with_table_caption(plan_extracted, "（単位：百万円）", "")
    with pytest.raises(PipelineError, match="主要計数.*単位"):
        clean(broken)


def test_a_value_that_is_not_a_number_names_the_cell(plan_extracted) -> None:
    broken = copy.deepcopy(plan_extracted)
    cell = next(c for c in broken["pages"][8]["tables"][0]["cells"] if c["text"] == "26,105")
    cell["text"] = "26,1O5"
    with pytest.raises(PipelineError, match="決算保証料") as exc:
        clean(broken)
    assert exc.value.cell == "R5C2"


def test_fiscal_year_comes_from_the_title_not_the_file_name(plan_extracted) -> None:
    renamed = _with_table_caption(plan_extracted, "2025 年度事業計画", "令和８年度事業計画")
    renamed["source"] = {**renamed["source"], "file": "business_plan_2025.pdf"}
    years = {m["fiscal_year"] for m in clean(renamed)["plan_measures"]}
    assert years == {2026}


@pytest.mark.slow
def test_source_bbox_crops_the_figure_and_the_block(cleaned) -> None:
    from collections import Counter

    import pdfplumber

    from pipeline.core.grid import parse_box
    from pipeline.core.text import squeeze
    from tests.conftest import PLAN_PDF

    with pdfplumber.open(PLAN_PDF) as pdf:
        def crop(row: dict[str, Any]) -> str:
            box = parse_box(row["source_bbox"])
            assert box is not None and box[0] < box[2] and box[1] < box[3], row
            return squeeze(pdf.pages[row["source_page"] - 1].crop(box).extract_text())

        for row in cleaned["plan_key_figures"]:
            assert crop(row) == squeeze(row["value_text"])
        for row in cleaned["plan_measures"]:
            # The block's lines on its first page: its text starts there, nothing else is in.
            inside = crop(row)
            printed = squeeze(row["number"] + row["text"])
            assert inside and not Counter(inside) - Counter(printed), (inside, printed)
            assert printed.startswith(inside[:4]), (inside, printed)
