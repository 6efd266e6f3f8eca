from __future__ import annotations

import re

from pipeline.diff.html import inline_diff, render_html
from pipeline.diff.spec import spec_for
from tests.diff.helpers import NPO, compare_en, frame, npo_row


def test_inline_diff_marks_only_what_changed() -> None:
    old, new = inline_diff("2事業年度以上<活動>", "3事業年度以上<活動>")
    assert old == "<del>2</del>事業年度以上&lt;活動&gt;"
    assert new == "<ins>3</ins>事業年度以上&lt;活動&gt;"


def test_page_is_self_contained_and_escaped() -> None:
    old = [npo_row("2025-04-01", "中央労働金庫", "対象団体の主な条件",
                   note="<script>alert(1)</script>2事業年度以上")]
    new = [dict(old[0], as_of="2026-04-01", note="<script>alert(1)</script>3事業年度以上")]
    diff = compare_en(spec_for(NPO), frame(old), frame(new), "2025-04-01", "2026-04-01")
    page = render_html(diff)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page
    assert not re.search(r"https?://|<link|<script|@import|src=", page)
    assert "&lt;script&gt;" in page
    assert ">中央労働金庫</h2>" in page
    assert "<del>2</del>" in page and "<ins>3</ins>" in page


def test_short_values_are_marked_whole() -> None:
    old = [npo_row("2025-04-01", "中央労働金庫", "金利", "その他/無担保", value="2.875")]
    new = [dict(old[0], as_of="2026-04-01", value="2.625")]
    diff = compare_en(spec_for(NPO), frame(old), frame(new), "2025-04-01", "2026-04-01")
    page = render_html(diff)
    assert "<td><del>2.875</del></td><td><ins>2.625</ins></td>" in page


def test_a_corrected_value_is_marked_with_its_reason() -> None:
    old = [npo_row("2025-04-01", "中央労働金庫", "金利", "その他/無担保", value="2.875")]
    new = [dict(old[0], as_of="2026-04-01", value="2.625", corrected="value: 誤植")]
    diff = compare_en(spec_for(NPO), frame(old), frame(new), "2025-04-01", "2026-04-01")
    page = render_html(diff)
    assert '<span class="corrected" title="corrected: 誤植">✎</span>' in page
    assert "2.875 → 2.625; corrected: 誤植" in page
