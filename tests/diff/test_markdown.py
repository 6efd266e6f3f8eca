from __future__ import annotations

from pipeline.diff.compare import compare_editions
from pipeline.diff.html import render_html
from pipeline.diff.markdown import render_markdown, summary_line
from pipeline.diff.spec import spec_for
from tests.diff.helpers import MEASURES, NPO, compare_en, frame, measure, measures, npo_row


def _diff():
    old = [npo_row("2025-04-01", "中央労働金庫", "金利", "その他/無担保", value="2.875",
                   unit="％", rate_min_pct="2.875", note="変動金利|旧"),
           npo_row("2025-04-01", "北海道労働金庫", "融資の種類", "手形貸付", mark="○")]
    new = [dict(old[0], as_of="2026-04-01", value="2.625", rate_min_pct="2.625"),
           dict(old[1], as_of="2026-04-01", mark="×")]
    return compare_en(spec_for(NPO), frame(old), frame(new), "2025-04-01", "2026-04-01")


def test_grouped_by_bank_then_row() -> None:
    text = render_markdown(_diff())
    assert text.startswith("# npo_loan_terms: 2025-04-01 → 2026-04-01\n")
    assert "**2 changed, 0 added, 0 removed row(s); 3 field change(s)**" in text
    assert text.index("## 中央労働金庫") < text.index("### 金利 › その他/無担保 (changed)")
    assert text.index("## 北海道労働金庫") < text.index("### 融資の種類 › 手形貸付 (changed)")
    assert "| mark | ○ | × | no longer offered (○ → ×) |" in text
    assert "| rate_min_pct | 2.875 | 2.625 | \u22120.250pt |" in text


def test_identical_says_so() -> None:
    row = [npo_row("2025-04-01", "中央労働金庫", "保証人要否", mark="否")]
    diff = compare_en(spec_for(NPO), frame(row), frame([dict(row[0], as_of="2026")]),
                            "2025-04-01", "2026-04-01")
    assert summary_line(diff) == "no changes"
    assert "**no changes**" in render_markdown(diff)
    assert "##" not in render_markdown(diff)


def test_outline_sections_are_titled_by_their_heading() -> None:
    old = measures([measure(2025, 1, "3", "個別施策", "３．", kind="heading", level=0),
                    measure(2025, 2, "3 › 1", "研修を年一回実施します。", "①")])
    new = measures([measure(2026, 1, "3", "個別施策", "３．", kind="heading", level=0),
                    measure(2026, 2, "3 › 1", "研修を年二回実施します。", "①")])
    text = render_markdown(compare_en(spec_for(MEASURES), old, new, "2025", "2026"))
    assert "## 3: ３． 個別施策\n" in text
    assert "### 3 › 1 (changed)" in text
    assert "| text | 研修を年一回実施します。 | 研修を年二回実施します。 |" in text


def _ordered_diff():
    """Three banks and two rows each, changed, in a frame listed in code-point order (中央,
    九州, 北海道): the table prints 北海道 (1), 中央 (3), 九州 (12), and 金利 above 返済期間."""
    old = []
    for bank, at in (("中央労働金庫", "3"), ("九州労働金庫", "12"), ("北海道労働金庫", "1")):
        for item, row in (("返済期間", "14"), ("金利", "9")):
            old.append(npo_row("2025-04-01", bank, item, "", value="1", unit="年",
                               bank_position=at, row_position=row))
    new = [dict(r, as_of="2026-04-01", value="2") for r in old]
    return compare_editions(spec_for(NPO), frame(old), frame(new), "2025-04-01", "2026-04-01")


def test_banks_and_rows_in_the_tables_order_in_japanese() -> None:
    diff = _ordered_diff()
    text = render_markdown(diff)
    banks = [text.index(f"## {b}\n") for b in ("北海道労働金庫", "中央労働金庫", "九州労働金庫")]
    assert banks == sorted(banks)
    first = text[banks[0]:banks[1]]
    assert first.index("### 金利 (変更)") < first.index("### 返済期間 (変更)")
    assert "**変更 6 行、追加 0 行、削除 0 行（項目の変更 6 件）**" in text
    assert "| 列 | 旧 | 新 | 変更の説明 |" in text
    page = render_html(diff)
    assert '<html lang="ja">' in page
    at = [page.index(f">{b}</h2>") for b in ("北海道労働金庫", "中央労働金庫", "九州労働金庫")]
    assert at == sorted(at)
    csv = diff.changes["bank"].tolist()
    assert list(dict.fromkeys(csv)) == ["北海道労働金庫", "中央労働金庫", "九州労働金庫"]


def test_english_pages_with_lang_en() -> None:
    diff = compare_en(spec_for(NPO), *[frame([npo_row(e, "中央労働金庫", "金利", mark=m)])
                                      for e, m in (("2025-04-01", "○"), ("2026-04-01", "×"))],
                      "2025-04-01", "2026-04-01")
    text = render_markdown(diff)
    assert "| field | old | new | change |" in text and "no longer offered (○ → ×)" in text
    assert '<html lang="en">' in render_html(diff)
