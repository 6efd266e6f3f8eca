"""The PDFium engine places every character and rule where pdfplumber does on pages stored
turned (/Rotate 0, 90, 180, 270: written on the page or inherited, as -90 or 450, the MediaBox
off the origin, a CropBox, the content turned by `cm` or by a form's /Matrix) and on pages whose
text a rotating matrix turns sideways; made two ways (reportlab storing the page turned, pypdf
turning a finished PDF). A /Rotate that is no multiple of 90 (invalid) turns nothing, as for
pdfminer (PDFium alone would take 135 for 90)."""

from __future__ import annotations

import pdfplumber
import pytest
from pypdf import PdfReader

from pipeline.extract.engines import open_document
from pipeline.extract.engines.pdfium_geometry import text_box
from tests.extract.engines.agree import primitive_differences
from tests.extract.engines.sample_page import RIGHT_TO_LEFT, SIZE, draw_sample
from tests.variants.rotate import rotations, sideways_pdf, turn_pdf, write_rotate

# (rotate, turn_pdf's options): every angle, and each way /Rotate and the boxes may be written
TURNED = [
    (90, {}), (180, {}), (270, {}),
    (90, {"written": -270}), (270, {"written": -90}), (90, {"written": 450}),
    (180, {"inherited": True}), (270, {"inherited": True, "written": 630}),
    (90, {"origin": (-40.0, 75.0)}), (270, {"origin": (120.0, -30.0), "crop": 12.0}),
    (180, {"crop": 9.0}), (90, {"via": "form"}), (270, {"via": "form", "origin": (5.0, 7.0)}),
]


def _name(case: tuple[int, dict]) -> str:
    rotate, options = case
    return "-".join([str(rotate), *(f"{k}={v}" for k, v in options.items())])


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return draw_sample(tmp_path_factory.mktemp("sample") / "sample.pdf")


def _shown(pdf) -> list[tuple[float, float]]:
    with pdfplumber.open(pdf) as document:
        return [(float(page.width), float(page.height)) for page in document.pages]


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_a_page_reportlab_stores_turned(rotate, tmp_path) -> None:
    pdf = draw_sample(tmp_path / "x.pdf", rotate)
    assert rotations(pdf) == [rotate]
    assert _shown(pdf) == [SIZE]  # shown as drawn
    assert primitive_differences(pdf) == []


@pytest.mark.parametrize("case", TURNED, ids=_name)
def test_a_finished_pdf_turned(case, sample, tmp_path) -> None:
    rotate, options = case
    pdf = turn_pdf(sample, tmp_path / "x.pdf", rotate, **options)
    assert rotations(pdf) == [rotate]
    assert _shown(pdf) == [SIZE]
    tree = PdfReader(pdf).trailer["/Root"]["/Pages"]  # as written: nothing inherited yet
    page = tree["/Kids"][0].get_object()
    x0, y0, x1, y1 = (float(v) for v in page["/MediaBox"])
    width, height = x1 - x0, y1 - y0
    assert (abs(width) < abs(height)) is (rotate in (90, 270))
    written = options.get("written", rotate)
    inherited = options.get("inherited", False)
    assert (page.get("/Rotate"), tree.get("/Rotate")) == (
        (None, written) if inherited else (written, None))
    assert primitive_differences(pdf) == []


@pytest.mark.parametrize(("value", "inherited"), [(135, False), (-135, False), (225, True),
                                                (100, False), (45, False)])
def test_an_invalid_rotate_turns_nothing(value, inherited, sample, tmp_path) -> None:
    for rotate, source in ((0, sample), (90, draw_sample(tmp_path / "turned.pdf", 90))):
        pdf = write_rotate(source, tmp_path / f"{rotate}-{value}.pdf", value, inherited=inherited)
        assert rotations(pdf) == [value % 360]
        with open_document(pdf, "pdfium") as document:
            page = next(document.pages())
        assert (page.width, page.height) == _shown(pdf)[0]
        assert primitive_differences(pdf) == []


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_sideways_text(turns, sample, tmp_path) -> None:
    """Content turned by a matrix alone (/Rotate 0): text a quarter turn either way is not
    upright, upside down it is (pdfminer's test), and both engines box it alike."""
    pdf = sideways_pdf(sample, tmp_path / "x.pdf", turns)
    assert rotations(pdf) == [0]
    with open_document(pdf, "pdfplumber") as document:
        chars = [c for c in next(document.pages()).chars if not c.text.isspace()]
    assert {c.upright for c in chars} == {turns == 2}
    assert primitive_differences(pdf) == []


def test_characters_come_in_drawing_order(sample) -> None:
    """PDFium's text page sorts the words of one line by x; pdfminer keeps the drawing order,
    and so does the engine."""
    words = [word for _, word in RIGHT_TO_LEFT]
    for engine in ("pdfplumber", "pdfium"):
        with open_document(sample, engine) as document:
            text = "".join(c.text for c in next(document.pages()).chars)
        assert text.endswith("".join(words)), (engine, text)


def test_the_box_of_a_glyph_turned_a_quarter() -> None:
    # advance 10 along user y, from descent -2 to 8 across it: x runs from 2 down to -8
    assert text_box(100.0, 50.0, 0.0, 1.0, -1.0, 0.0, 10.0, -2.0, 8.0) == (92.0, 50.0, 102.0,
                                                                          60.0)
    # upside down: the advance runs to the left, the ascent downwards
    assert text_box(100.0, 50.0, -1.0, 0.0, 0.0, -1.0, 10.0, -2.0, 8.0) == (90.0, 42.0, 100.0,
                                                                           52.0)
