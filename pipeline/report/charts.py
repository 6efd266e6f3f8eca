"""Inline SVG bar charts: one row per entity (bank), one bar per series, ranges drawn low→high."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.core.html import element, esc

PALETTE = ("#2b6cb0", "#dd6b20", "#2f855a", "#805ad5")
MUTED = "#9aa3af"
LABEL_W, PLOT_W, TEXT_W = 118, 330, 190
BAR_H, GAP, TOP, BOTTOM = 13, 7, 26, 26


@dataclass(frozen=True)
class Bar:
    """One bar: a range (low == high for a single value), the text beside it, and a tooltip."""

    low: float | None
    high: float | None
    text: str
    title: str


@dataclass(frozen=True)
class Row:
    """One labelled row of the chart with a bar per series (None where the series has none)."""

    label: str
    bars: tuple[Bar | None, ...]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round tick values covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def chart(rows: list[Row], series: list[str], tick_format: Callable[[float], str],
          *, from_zero: bool, title: str) -> str:
    """An SVG chart of `rows`; a legend when there is more than one series."""
    values = [v for row in rows for bar in row.bars if bar for v in (bar.low, bar.high)
              if v is not None]
    low = 0.0 if from_zero or not values else min(values)
    high = max(values) if values else 1.0
    ticks = nice_ticks(low, high)
    lo, hi = ticks[0], ticks[-1]
    scale = PLOT_W / ((hi - lo) or 1)

    def x(value: float) -> float:
        return LABEL_W + (value - lo) * scale

    group_h = len(series) * BAR_H + GAP
    height = TOP + len(rows) * group_h + BOTTOM
    width = LABEL_W + PLOT_W + TEXT_W
    parts = [element("title", esc(title))]
    for tick in ticks:
        tx = _num(x(tick))
        parts.append(f'<line x1="{tx}" x2="{tx}" y1="{TOP - 4}" y2="{height - BOTTOM + 2}" '
                     f'stroke="#e2e6eb"/>')
        parts.append(f'<text x="{tx}" y="{height - 8}" font-size="11" text-anchor="middle" '
                     f'fill="#5a6474">{esc(tick_format(tick))}</text>')
    if len(series) > 1:
        for i, name in enumerate(series):
            lx = LABEL_W + i * 110
            parts.append(f'<rect x="{lx}" y="6" width="12" height="10" '
                         f'fill="{PALETTE[i % len(PALETTE)]}"/>')
            parts.append(f'<text x="{lx + 16}" y="15" font-size="11">{esc(name)}</text>')
    for r, row in enumerate(rows):
        top = TOP + r * group_h
        parts.append(f'<text x="{LABEL_W - 6}" y="{_num(top + group_h / 2 + 1)}" font-size="12" '
                     f'text-anchor="end" dominant-baseline="middle">{esc(row.label)}</text>')
        for s, bar in enumerate(row.bars):
            if bar is None:
                continue
            y = top + s * BAR_H
            color = PALETTE[s % len(PALETTE)]
            if bar.low is None or bar.high is None:
                text_x, fill = LABEL_W + 4, MUTED
                shape = ""
            else:
                left, right = x(bar.low), x(bar.high)
                if right - left < 4:  # a single value: a short mark centred on it
                    left, right = (left + right) / 2 - 2, (left + right) / 2 + 2
                shape = (f'<rect x="{_num(left)}" y="{y + 1}" width="{_num(right - left)}" '
                         f'height="{BAR_H - 2}" rx="2" fill="{color}"/>')
                text_x, fill = right + 5, "#1a202c"
            label = (f'<text x="{_num(text_x)}" y="{y + BAR_H / 2 + 1}" font-size="11" '
                     f'dominant-baseline="middle" fill="{fill}">{esc(bar.text)}</text>')
            parts.append(element("g", element("title", esc(bar.title)) + shape + label))
    return (f'<svg width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img">' + "".join(parts) + "</svg>")
