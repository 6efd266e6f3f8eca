"""Tables drawn without any rules: consecutive lines whose text stands in columns.

A line is multi-column when its runs of text (distributed labels merged) are two or more. A
table is a block of consecutive multi-column lines (and the lines of wrapped cells between
them that keep to its columns), grown upwards by the header lines standing
inside its width (a heading over several columns is one run), and accepted when a caption line
stands right above it (＜主要計数＞, 【…】, 表1, Table 1, （単位：…）) or when it is plainly a grid:
at least MIN_PLAIN_ROWS lines of MIN_PLAIN_RUNS runs or more; a line of FOOT_HEADER_RUNS runs
or more that ends the page is a table's header row, its rows overleaf; at the top of a page
(only furniture above it) a block is a table when the page before ends with a caption line or
with a table whose columns its lines keep to (extract/page_turn.py). Its rows are the text
lines, its columns the gutters the lines leave (extract/alignment.py) and the gaps between the
first line's headings (extract/header.py), a heading parted from its short figures joined to
them again (extract/heading_columns.py); where cells wrap, a row is the lines between two
shaded bands' edges or two wide gaps (extract/row_bands.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.extract.alignment import gutters
from pipeline.extract.header import header_lines, stub_end
from pipeline.extract.heading_columns import joined_headings
from pipeline.extract.page_turn import PAGE_NUMBER, Lead
from pipeline.extract.primitives import Char, Fill
from pipeline.extract.row_bands import row_bands
from pipeline.extract.spangrid import Region
from pipeline.extract.subgrid import TextRow, text_rows

CAPTION = re.compile(r"^\s*([＜<〈《【\[［].+[＞>〉》】\]］]|表\s*[0-9０-９]|Table\s+\d|"
                     r"[（(]\s*単\s*位)", re.IGNORECASE)
# Lines further apart than this many line heights are not one table.
MAX_PITCH = 2.5
MIN_CAPTIONED_ROWS = 2
MIN_PLAIN_ROWS = 3
MIN_PLAIN_RUNS = 3
# How far (in font sizes) a header line may stand outside the block's width.
HEADER_SLACK = 0.3
# A gutter is at least this many font sizes wide.
MIN_GUTTER = 0.5
# Lines of a section heading a table may hold between two blocks, and the share of gutters the
# two blocks must have in common.
MAX_SECTION_LINES = 2
SHARED = 0.6
# A line of two runs further apart than this share of its width is a title line, no table row.
TITLE_SPREAD = 0.5
# The last line of a page with this many runs or more is a table's header row left there (its
# rows go on overleaf), not a footer.
FOOT_HEADER_RUNS = 5


def _close(a: TextRow, b: TextRow) -> bool:
    return b.top - a.bottom <= MAX_PITCH * max(a.size, b.size)


def _title(line: TextRow) -> bool:
    """A title with its date or page set at the far side (制度概要 …… （…現在）): two runs
    further apart than half the line is wide."""
    if len(line.runs) != 2:
        return False
    (_, _, _, end, _), (_, start, _, _, _) = line.runs
    return start - end >= TITLE_SPREAD * (line.x1 - line.x0)


def _blocks(lines: list[TextRow], lead_at: int | None = None) -> list[list[int]]:
    """Runs of consecutive multi-column lines (indexes into `lines`); a title line starts
    none (but right under a caption, or at `lead_at`, the page's first line after a page
    leading to a table, it is a table's headings or row)."""
    blocks: list[list[int]] = []
    for i, line in enumerate(lines):
        if len(line.runs) < 2 or CAPTION.match(line.text):
            continue
        if blocks and blocks[-1][-1] == i - 1 and _close(lines[i - 1], line):
            blocks[-1].append(i)
        elif not _title(line) or i == lead_at or (i and CAPTION.match(lines[i - 1].text)
                                                  and _close(lines[i - 1], line)):
            blocks.append([i])  # (under a caption, or where the page before leads to a
            # table, two runs far apart are headings or a row)
    return blocks


def _gutters(block: list[int], lines: list[TextRow]) -> list[tuple[float, float]]:
    """The gaps no run of the block's multi-column lines crosses, left to right."""
    own = [lines[i] for i in block if len(lines[i].runs) >= 2]
    if not own:
        return []
    size = max(line.size for line in own)
    spans = sorted((r[1], r[3]) for line in own for r in line.runs)
    found = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= MIN_GUTTER * size:
            found.append((reach, start))
        reach = max(reach, end)
    return found


def _crossed(line: TextRow, gutters: list[tuple[float, float]]) -> int:
    """How many gutters a run of `line` runs across."""
    return sum(any(r[1] < a and r[3] > b for r in line.runs) for a, b in gutters)


def _merged(blocks: list[list[int]], lines: list[TextRow]) -> list[list[int]]:
    """Blocks joined across a line or two that stand in the first column only (a section
    heading inside the table: 'Private schools'), when both blocks share their gutters, or
    across the lines of wrapped cells when the next block keeps to the columns of the one
    before (see `_continues`)."""
    merged: list[list[int]] = []
    for block in blocks:
        if merged:
            before = merged[-1]
            between = list(range(before[-1] + 1, block[0]))
            gaps = _gutters(before, lines)
            if (gaps and len(between) <= MAX_SECTION_LINES
                    and all(lines[i].x1 <= gaps[0][1] for i in between)
                    and _close(lines[before[-1]], lines[between[0]] if between else lines[block[0]])
                    and _close(lines[between[-1]] if between else lines[before[-1]],
                               lines[block[0]])
                    and _share(gaps, _gutters(block, lines))) or _continues(
                    before, between, block, lines, gaps):
                merged[-1] = before + between + block
                continue
        merged.append(list(block))
    return merged


def _continues(before: list[int], between: list[int], block: list[int], lines: list[TextRow],
               gaps: list[tuple[float, float]]) -> bool:
    """Does `block` go on with the table of `before`, across lines of wrapped cells: each line
    between and of `block` crosses at most one of its gutters (it keeps to its columns, a
    merged cell may span one), is no caption and follows the line above closely?"""
    if len(gaps) < MIN_PLAIN_RUNS - 1:
        return False
    for above, i in zip([before[-1], *between, *block], [*between, *block], strict=False):
        line = lines[i]
        if (CAPTION.match(line.text) or not _close(lines[above], line)
                or _crossed(line, gaps) > 1):
            return False
    return True


def _share(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Do two blocks' gutters mostly overlap (the same columns)?"""
    if not a or not b:
        return False
    common = sum(any(x0 < y1 and y0 < x1 for y0, y1 in b) for x0, x1 in a)
    return common >= SHARED * max(len(a), len(b))


def _spans_off_centre(line: TextRow, gaps: list[tuple[float, float]], left: float,
                      right: float) -> bool:
    """Does a run of `line` run across gutters without standing centred over the columns it
    spans (as a heading over them does)?"""
    edges = [left, *((a + b) / 2 for a, b in gaps), right]
    for run in line.runs:
        crossed = [k for k, (a, b) in enumerate(gaps, start=1) if run[1] < a and run[3] > b]
        if not crossed:
            continue
        lo, hi = edges[crossed[0] - 1], edges[crossed[-1] + 1]
        em = run[4] - run[2]
        if abs((run[1] + run[3]) / 2 - (lo + hi) / 2) > max(em, 0.15 * (hi - lo)):
            return True
    return False


def _without_title(block: list[int], lines: list[TextRow]) -> list[int]:
    """The block without its first line when that line runs across the columns of the lines
    below it off their middles: a title and date above the table (制度概要　（…現在）), not a
    header row (whose headings stand centred over the columns they span)."""
    if len(block) < MIN_PLAIN_ROWS:
        return block
    rest = block[1:]
    gaps = _gutters(rest, lines)
    left = min(lines[i].x0 for i in rest)
    right = max(lines[i].x1 for i in rest)
    if gaps and _spans_off_centre(lines[block[0]], gaps, left, right):
        return rest
    return block


# A line below a table goes on with a wrapped cell when it stands this many of its heights (or
# less) under the column's last line.
WRAP_GAP = 0.5


def _wrapped_on(block: list[int], lines: list[TextRow]) -> list[int]:
    """The lines right below the block that go on with the wrapped cells of its last row:
    each keeps to the block's columns right of the first (the stub, where a note under the
    table would start), is no caption, and stands a line's leading under text of its column."""
    gaps = _gutters(block, lines)
    if len(gaps) < MIN_PLAIN_RUNS - 1:
        return []
    found: list[int] = []
    above = [lines[i] for i in block]
    for i in range(block[-1] + 1, len(lines)):
        line = lines[i]
        over = [a for a in above if a.x0 < line.x1 and line.x0 < a.x1 and any(
            r[1] < line.x1 and line.x0 < r[3] for r in a.runs)]
        if (CAPTION.match(line.text) or _crossed(line, gaps) or line.x0 < gaps[0][1]
                or not over or line.top - max(a.bottom for a in over) > WRAP_GAP * line.size):
            break
        found.append(i)
        above.append(line)
    return found


def _grow_up(block: list[int], lines: list[TextRow]) -> list[int]:
    """The block with the header lines right above it that stand inside its width and keep
    to its columns (a heading may span some, a title runs across most)."""
    x0 = min(lines[i].x0 for i in block)
    x1 = max(lines[i].x1 for i in block)
    gaps = _gutters(block, lines)
    first = block[0]
    while first > 0:
        above = lines[first - 1]
        slack = HEADER_SLACK * above.size
        if (CAPTION.match(above.text) or not _close(above, lines[first])
                or above.x0 < x0 - slack or above.x1 > x1 + slack
                or (gaps and _crossed(above, gaps) * 2 > len(gaps))):
            break
        first -= 1
    return list(range(first, block[0])) + block


def _at_top(block: list[int], lines: list[TextRow], lead: Lead, ceiling: float) -> bool:
    """Does only page furniture stand above the block, and no ruled table (from `ceiling`
    down)?"""
    return lines[block[0]].top < ceiling and all(
        lead.furniture(line.text, line.top) for line in lines[:block[0]])


def _keeps_to(block: list[int], lines: list[TextRow], xs: Sequence[float]) -> bool:
    """Do the block's lines keep to the columns `xs` (a table of the page before): each run
    within one column (a run of the first line, a repeated heading, may span several), the
    block within the table's width, and some line in two columns or more?"""
    slack = max(lines[i].size for i in block)
    if min(lines[i].x0 for i in block) < xs[0] - slack or max(
            lines[i].x1 for i in block) > xs[-1] + slack:
        return False
    spread = False
    for n, i in enumerate(block):
        columns = set()
        for run in lines[i].runs:
            inside = [k for k in range(len(xs) - 1)
                      if xs[k] - slack / 2 <= run[1] and run[3] <= xs[k + 1] + slack / 2]
            if not inside and n:
                return False
            columns.add(inside[0] if inside else -1)
        spread = spread or len(columns) >= 2
    return spread


def _led(block: list[int], lines: list[TextRow], lead: Lead | None, ceiling: float) -> bool:
    """Is the block at the page's top the table the page before leads to: the one its
    closing caption announces, the rows of the header it ends with, or the rest of its last
    table?"""
    if lead is None or not _at_top(block, lines, lead, ceiling):
        return False
    if lead.caption:
        return len(block) >= MIN_CAPTIONED_ROWS
    xs = lead.table.get("xs") if lead.table else None
    if not xs or len(xs) < 3:
        return False
    if lead.header_only:  # its headings' gaps need not be the rows' gutters
        return min(lines[i].x0 for i in block) < xs[-1] and max(
            lines[i].x1 for i in block) > xs[0]
    return _keeps_to(block, lines, xs)


def _ends_page(block: list[int], lines: list[TextRow]) -> bool:
    """Is nothing but a page number printed below the block?"""
    return all(PAGE_NUMBER.match(line.text) for line in lines[block[-1] + 1:])


def _accepted(block: list[int], lines: list[TextRow], lead: Lead | None = None,
              ceiling: float = float("inf")) -> bool:
    if _led(block, lines, lead, ceiling):
        return True
    first = block[0]
    captioned = first > 0 and CAPTION.match(lines[first - 1].text) and _close(
        lines[first - 1], lines[first])
    if captioned and (len(block) >= MIN_CAPTIONED_ROWS or _ends_page(block, lines)):
        return True  # (a captioned header alone at the foot of a page: its rows go on overleaf)
    if block == [len(lines) - 1] and len(lines[first].runs) >= FOOT_HEADER_RUNS:
        return True  # a header row a table left at the foot of its page, going on overleaf
    return sum(len(lines[i].runs) >= MIN_PLAIN_RUNS for i in block) >= MIN_PLAIN_ROWS


def _straddles(line: TextRow, above: TextRow, below: TextRow) -> bool:
    """Does `line` stand across the lines above and below it (overlapping both), in columns
    neither prints in, all three headings (no figure): a label centred on two header rows
    (項目 beside 計画値 over 無担保), no row of its own? (Figures centred on a wrapped label's
    lines are a row's own cells, read as they were.)"""
    if not (line.top < above.bottom and below.top < line.bottom):
        return False
    if any(ch.isdigit() for other in (above, line, below) for ch in other.text):
        return False
    return not any(r[1] < o[3] and o[1] < r[3]
                   for r in line.runs for other in (above, below) for o in other.runs)


def _without_straddling(own: list[TextRow]) -> list[TextRow]:
    """The lines that make rows: `own` without those standing across their neighbours (each
    stays in the rows it spans, its cell merged over them, the line between them crossing
    it)."""
    return [line for n, line in enumerate(own)
            if not (0 < n < len(own) - 1 and _straddles(line, own[n - 1], own[n + 1]))]


def aligned_regions(chars: Sequence[Char], fills: Sequence[Fill] = (),
                    lead: Lead | None = None, ceiling: float = float("inf")) -> list[Region]:
    """Regions of the rule-less tables among `chars` (the characters outside ruled tables);
    `fills`, the page's backgrounds, tell shaded rows apart (extract/row_bands.py); `lead`,
    what the page before leaves this one's top, where nothing is printed above `ceiling`
    (the page's first ruled table)."""
    lines = text_rows(chars)
    lead_at = None
    if lead is not None and (lead.caption or lead.table is not None):
        lead_at = next((i for i, line in enumerate(lines)
                        if not lead.furniture(line.text, line.top)), None)
    regions = []
    for block in _merged(_blocks(lines, lead_at), lines):
        block = _without_title(block, lines)
        rows = _grow_up(block, lines)
        if not _accepted(rows, lines, lead, ceiling):
            continue
        rows += _wrapped_on(rows, lines)
        own = [lines[i] for i in rows]
        pad = 0.25 * max(line.size for line in own)
        ys = [own[0].top - pad]
        banded = _without_straddling(own)
        for above, below in zip(banded, banded[1:], strict=False):
            gap = (above.bottom + below.top) / 2 if above.bottom <= below.top else (
                (above.top + above.bottom + below.top + below.bottom) / 4)
            ys.append(gap)
        ys.append(own[-1].bottom + pad)
        xs = [min(line.x0 for line in own) - pad, max(line.x1 for line in own) + pad]
        inside = [c for line in own for c in line.chars]
        xs = sorted([*xs, *gutters(xs, ys, inside)])
        xs = sorted([*xs, *header_lines(xs, ys, inside)])
        xs = joined_headings(xs, ys, inside, fixed=(xs[0], xs[-1]))
        ys = row_bands(xs, ys, inside, fills, stub_end(xs, ys, inside))
        regions.append(Region(xs, ys, method="aligned"))
    return regions
