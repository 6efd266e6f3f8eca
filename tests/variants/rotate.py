"""Pages stored turned, as many printer drivers store landscape: a portrait MediaBox with
/Rotate 90 (or 180, 270) and the content drawn through a matrix that turns it back, so the page
shows as it did. Two independent ways:

- `TurnedCanvas`: a reportlab canvas that stores every page it draws turned (the generators
  draw in the page's display frame as usual; see `page_canvas`);
- `turn_pdf`: any producer's finished PDF (LibreOffice, Chromium) rewritten with pypdf, its
  content wrapped in `q … cm … Q` or moved into a form XObject whose /Matrix turns it, /Rotate
  written on each page or inherited from the page tree, optionally as an equivalent value
  outside 0–359 (-90, 450), the MediaBox moved off the origin, a CropBox inside it.

`sideways_pdf` turns the content alone: the page keeps /Rotate 0 and its text reads sideways.
`write_rotate` writes any /Rotate value, an invalid one (135) too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

Matrix = tuple[float, float, float, float, float, float]
NAME = "/TurnedPage"  # the form XObject turn_pdf(via="form") draws each page through


def page_ctm(turns: int, box: tuple[float, float, float, float]) -> Matrix:
    """The matrix a viewer shows a page through (PDF 32000 §8.3.2.3, as pdfminer writes it):
    user space of a page with MediaBox `box` turned `turns` quarters clockwise → the displayed
    page, origin at its lower left."""
    x0, y0, x1, y1 = box
    return {0: (1.0, 0.0, 0.0, 1.0, -x0, -y0), 1: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            2: (-1.0, 0.0, 0.0, -1.0, x1, y1), 3: (0.0, 1.0, -1.0, 0.0, y1, -x0)}[turns % 4]


def _inverse(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def _then(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def stored_box(width: float, height: float, turns: int, origin: tuple[float, float] = (0, 0)
               ) -> tuple[float, float, float, float]:
    """The MediaBox that shows a `width` × `height` page once turned `turns` quarters."""
    w, h = (height, width) if turns % 2 else (width, height)
    return origin[0], origin[1], origin[0] + w, origin[1] + h


def turning(display: tuple[float, float, float, float], turns: int,
            stored: tuple[float, float, float, float]) -> Matrix:
    """The content matrix that draws what was drawn on a page with MediaBox `display` onto a
    page with MediaBox `stored` turned `turns` quarters, so that it shows the same."""
    return _then((1.0, 0.0, 0.0, 1.0, -display[0], -display[1]),
                 _inverse(page_ctm(turns, stored)))


class TurnedCanvas(Canvas):
    """A reportlab canvas storing each page turned: drawn in the display frame (the page size
    set, origin lower left), written with /Rotate `rotate` (reportlab then swaps the MediaBox's
    sides for 90 and 270) and the content turned back by a `cm` before it."""

    def __init__(self, path: str, rotate: int, **options: Any) -> None:
        super().__init__(path, **options)
        self._turn = rotate

    def showPage(self) -> None:  # noqa: N802  (reportlab's name)
        width, height = self._pagesize
        turns = self._turn // 90
        matrix = turning((0.0, 0.0, width, height), turns, stored_box(width, height, turns))
        self._code.insert(0, " ".join(f"{v:.5f}" for v in matrix) + " cm")
        self.setPageRotation(self._turn)  # reportlab then stores the MediaBox turned
        super().showPage()


def page_canvas(path: Path | str, rotate: int = 0, **options: Any) -> Canvas:
    """A reportlab canvas for `path`; with `rotate` (90, 180, 270) one whose pages are stored
    turned and shown as drawn (TurnedCanvas)."""
    if rotate % 360 == 0:
        return Canvas(str(path), **options)
    if rotate % 90:
        raise ValueError(f"rotate must be a multiple of 90, not {rotate}")
    return TurnedCanvas(str(path), rotate % 360, **options)


def turn_pdf(src: Path, dst: Path, rotate: int, *, written: int | None = None,
             inherited: bool = False, origin: tuple[float, float] = (0.0, 0.0),
             crop: float = 0.0, via: str = "cm") -> Path:
    """Rewrite the PDF `src` into `dst` with every page stored turned by `rotate` (90, 180,
    270) and shown as before.

    written: the /Rotate value written (same angle modulo 360, e.g. -270 or 450; default
    `rotate`); inherited: /Rotate on the root of the page tree, none on the pages; origin: the
    new MediaBox's lower left corner; crop: points of a /CropBox inside the MediaBox on every
    side; via: "cm" wraps each page's content in q … cm … Q, "form" draws it through a form
    XObject whose /Matrix turns it.
    """
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import (
        ArrayObject,
        ContentStream,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        RectangleObject,
        StreamObject,
    )

    written = rotate if written is None else written
    if rotate % 90 or written % 360 != rotate % 360 or via not in {"cm", "form"}:
        raise ValueError(f"cannot turn by {rotate} written {written} via {via}")
    turns = rotate // 90 % 4
    writer = PdfWriter(clone_from=PdfReader(src))
    for page in writer.pages:
        if page.get("/Rotate", 0) % 360:
            raise ValueError(f"{src.name}: a page is already turned")
        display = tuple(float(v) for v in page.mediabox)
        box = stored_box(display[2] - display[0], display[3] - display[1], turns, origin)
        matrix = turning(display, turns, box)
        if via == "cm":
            page.add_transformation(Transformation(matrix))
        else:
            resources = page["/Resources"].get_object() if "/Resources" in page else {}
            form = StreamObject()
            form.set_data(page.get_contents().get_data())
            form.update({
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(FloatObject(v) for v in display),
                NameObject("/Matrix"): ArrayObject(FloatObject(v) for v in matrix),
                NameObject("/Resources"): resources,
            })
            outer = DictionaryObject(resources)
            xobjects = DictionaryObject(outer.get("/XObject", DictionaryObject()).get_object())
            xobjects[NameObject(NAME)] = writer._add_object(form)
            outer[NameObject("/XObject")] = xobjects
            page[NameObject("/Resources")] = outer
            content = ContentStream(None, writer)
            content.set_data(f"q {NAME} Do Q".encode())
            page.replace_contents(content)
        page.mediabox = RectangleObject(box)
        if crop:
            page.cropbox = RectangleObject((box[0] + crop, box[1] + crop,
                                            box[2] - crop, box[3] - crop))
        if inherited:
            page.pop("/Rotate", None)
        else:
            page[NameObject("/Rotate")] = NumberObject(written)
    if inherited:
        root = writer.root_object["/Pages"].get_object()
        root[NameObject("/Rotate")] = NumberObject(written)
        for page in writer.pages:  # a page's own /Rotate would win over the tree's
            page.pop("/Rotate", None)
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as handle:
        writer.write(handle)
    return dst


def sideways_pdf(src: Path, dst: Path, turns: int, pages: Sequence[int] | None = None) -> Path:
    """Rewrite `src` into `dst` with every page (or the pages numbered `pages`, from 1) stored
    as turn_pdf stores it turned `turns` quarters, but without the /Rotate that shows it
    upright: the content shows turned `turns` quarters anticlockwise, its text reads sideways
    (or upside down)."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=PdfReader(src))
    for number, page in enumerate(writer.pages, start=1):
        if pages is not None and number not in pages:
            continue
        display = tuple(float(v) for v in page.mediabox)
        box = stored_box(display[2] - display[0], display[3] - display[1], turns)
        page.add_transformation(Transformation(turning(display, turns, box)))
        page.mediabox = RectangleObject(box)
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as handle:
        writer.write(handle)
    return dst


def write_rotate(src: Path, dst: Path, value: int, *, inherited: bool = False) -> Path:
    """Rewrite `src` into `dst` with /Rotate `value` written as is (on each page, or on the
    page tree's root), even one that is no multiple of 90 (invalid: readers differ)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, NumberObject

    writer = PdfWriter(clone_from=PdfReader(src))
    holders = [writer.root_object["/Pages"].get_object()] if inherited else list(writer.pages)
    for page in writer.pages:
        page.pop("/Rotate", None)
    for holder in holders:
        holder[NameObject("/Rotate")] = NumberObject(value)
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as handle:
        writer.write(handle)
    return dst


def rotations(pdf: Path) -> list[int]:
    """Each page's /Rotate as pdfminer reads it (inherited, taken modulo 360)."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return [page.rotation for page in document.pages]
