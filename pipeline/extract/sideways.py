"""Pages whose content is printed turned a quarter (a table the reader turns their head to read)
on a page left at /Rotate 0: read in the content's own upright frame.

The engines box each character where it stands on the page and say whether it is upright;
a turned character's box is as tall as its advance and as wide as the font size. When most of
a page's characters are turned and read the same way (each after the one before it further
down the page: turned clockwise; further up: anticlockwise), the page's characters, rules and
backgrounds are turned back into the frame the text reads upright in (the page's width and
height swapped), and everything after (tables, span grids, loose lines) is built there as on
any page. The artifact's page says so (`turned`: 90 or 270, the quarter the content is turned
clockwise) and `page_box` takes a box of that frame back to the page, for provenance
(`source_bbox`) and the review page's crops. A page with both is read in the frame of most
of its text, and the text left turned in it is counted (`sideways`): read sideways it would be
half a table, so the pipeline stops on such a page (`check_sideways`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.grid import box_text, parse_box
from pipeline.extract.primitives import Char, Fill, PageContent, Segment

# Share of a page's characters that must be turned, and of their steps that must read one way.
MOST = 0.5
ONE_WAY = 0.8
# Characters left turned in a page's frame from which on a page is not read.
SIDEWAYS_LIMIT = 20

Box = tuple[float, float, float, float]


def _direction(chars: list[Char]) -> int | None:
    """+1 when turned characters read down the page (one after the other, in the order they
    are drawn), -1 when up; None when they read no one way."""
    down = up = 0
    for a, b in zip(chars, chars[1:], strict=False):
        if a.upright or b.upright or a.text.isspace() or b.text.isspace():
            continue
        if min(a.x1, b.x1) - max(a.x0, b.x0) <= 0 or abs(b.v_mid - a.v_mid) > 2 * max(
                a.x1 - a.x0, b.x1 - b.x0):
            continue  # not neighbours on one turned line
        if b.v_mid > a.v_mid:
            down += 1
        elif b.v_mid < a.v_mid:
            up += 1
    if down + up == 0:
        return None
    if down >= ONE_WAY * (down + up):
        return 1
    if up >= ONE_WAY * (down + up):
        return -1
    return None


def _turned(box: Box, turn: int, width: float, height: float) -> Box:
    """A page box in the upright frame of content turned `turn` (90, 270) degrees clockwise."""
    x0, top, x1, bottom = box
    if turn == 90:
        return top, width - x1, bottom, width - x0
    return height - bottom, x0, height - top, x1


def page_box(page: dict[str, Any], box: Box) -> Box:
    """A box of a page artifact's frame as it stands on the PDF page (the same box unless
    the page was read turned)."""
    turn = page.get("turned")
    if not turn:
        return box
    u0, v0, u1, v1 = box
    if turn == 90:  # the frame's height is the page's width
        width = page["height"]
        return width - v1, u0, width - v0, u1
    height = page["width"]
    return v0, height - u1, v1, height - u0


def frame_box(page: dict[str, Any], box: Box) -> Box:
    """A box on the PDF page in its page artifact's frame (page_box the other way)."""
    turn = page.get("turned")
    if not turn:
        return box
    return _turned(box, turn, page["height"], page["width"])  # the page's width, height


def boxes_on_pages(records: list[dict[str, Any]], artifact: dict[str, Any]) -> None:
    """Set every record's `source_bbox` (read in its page artifact's frame) as it stands on
    the PDF page, for the records of pages read turned."""
    turned = {page["page"]: page for page in artifact["pages"] if page.get("turned")}
    for record in records:
        page = turned.get(record.get("source_page"))
        box = parse_box(record.get("source_bbox", "")) if page else None
        if page is not None and box is not None:
            record["source_bbox"] = box_text(page_box(page, box))


def upright(page: PageContent) -> tuple[PageContent, int]:
    """`page` in the frame its text reads upright in, and the quarter (degrees clockwise) its
    content was turned: 0 (the page as it is) unless most of its characters are turned and
    read one way."""
    ink = [c for c in page.chars if not c.text.isspace()]
    turned = [c for c in ink if not c.upright]
    if not ink or len(turned) <= MOST * len(ink):
        return page, 0
    way = _direction(page.chars)
    if way is None:
        return page, 0
    turn = 90 if way > 0 else 270
    w, h = page.width, page.height

    def char(c: Char) -> Char:
        x0, top, x1, bottom = _turned((c.x0, c.top, c.x1, c.bottom), turn, w, h)
        return replace(c, x0=x0, top=top, x1=x1, bottom=bottom, upright=not c.upright,
                       size=bottom - top if not c.upright else c.size)

    def segment(s: Segment) -> Segment:
        return Segment(*_turned((s.x0, s.top, s.x1, s.bottom), turn, w, h))

    def fill(f: Fill) -> Fill:
        return Fill(*_turned((f.x0, f.top, f.x1, f.bottom), turn, w, h))

    return PageContent(page.number, h, w, [char(c) for c in page.chars],
                       [segment(s) for s in page.segments], [fill(f) for f in page.fills]), turn


def sideways_count(page: PageContent) -> int:
    """How many characters of `page` (in the frame it is read in) are printed turned."""
    return sum(1 for c in page.chars if not c.upright and not c.text.isspace())


def check_sideways(page: dict[str, Any]) -> None:
    """PipelineError for a page artifact with more text left turned than a running head: a
    table printed sideways among upright text would be read in pieces."""
    count = page.get("sideways", 0)
    if count >= SIDEWAYS_LIMIT:
        raise PipelineError(
            f"{count} characters are printed sideways among upright text: a table turned on "
            "its page is read only when most of the page is turned with it (print it upright, "
            "or on a page of its own)")
