"""SVG charts: round ticks, bars where the values are, text where there is no number."""

from __future__ import annotations

import re

from pipeline.report.charts import LABEL_W, PLOT_W, Bar, Row, chart, nice_ticks


def test_ticks_are_round_and_cover_the_values() -> None:
    assert nice_ticks(0, 50_000_000) == [0, 10_000_000, 20_000_000, 30_000_000, 40_000_000,
                                         50_000_000]
    ticks = nice_ticks(1.0, 4.175)
    assert ticks == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert nice_ticks(1.52, 2.3) == [1.4, 1.6, 1.8, 2.0, 2.2, 2.4]
    assert nice_ticks(2.0, 2.0)[-1] > 2.0


def _rects(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" '
                                                        r'width="([\d.]+)"', svg)]


def test_bars_span_their_values_on_the_axis() -> None:
    rows = [Row("A", (Bar(0, 10, "10", "a"),)), Row("B", (Bar(0, 5, "5", "b"),)),
            Row("C", (Bar(None, None, "取扱なし", "c"),))]
    svg = chart(rows, ["s"], str, from_zero=True, title="t")
    (xa, wa), (xb, wb) = _rects(svg)
    assert xa == xb == LABEL_W and wa == PLOT_W and wb == PLOT_W / 2
    assert "取扱なし" in svg and svg.count("<title>") == 4


def test_a_single_value_in_a_range_chart_is_a_visible_mark() -> None:
    rows = [Row("A", (Bar(2.0, 2.0, "2.000", "a"),)), Row("B", (Bar(1.5, 2.5, "", "b"),))]
    svg = chart(rows, ["s"], str, from_zero=False, title="t")
    (xa, wa), (xb, wb) = _rects(svg)
    assert wa == 4 and xb < xa < xb + wb


def test_two_series_get_a_legend_and_a_bar_each() -> None:
    rows = [Row("A", (Bar(0, 1, "1", "a1"), Bar(0, 2, "2", "a2"))),
            Row("B", (None, Bar(0, 3, "3", "b2")))]
    svg = chart(rows, ["無担保", "有担保"], str, from_zero=True, title="t")
    assert "無担保" in svg and "有担保" in svg
    heights = re.findall(r'height="(\d+)" viewBox', svg)
    assert heights and int(heights[0]) > 0
    assert len(_rects(svg)) == 2 + 3
