from __future__ import annotations

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
