"""The font metrics the PDFium engine takes from the PDF the way pdfminer reads them."""

from __future__ import annotations

from pipeline.extract.engines.pdfium_fonts import _descent


def _same(value):
    return value


MATRIX = [0.00048828125, 0, 0, -0.00048828125, 0, 0]  # Chromium's Type 3 fonts: y flipped


def test_a_type3_font_without_a_descriptor_takes_its_own_box() -> None:
    spec = {"Subtype": "Type3", "FontBBox": [71, 237, 1892, -1793], "FontMatrix": MATRIX}
    assert _descent(spec, _same) == 237 * -0.00048828125  # the sign of the matrix kept


def test_a_type3_descriptor_without_a_box_gives_no_descent() -> None:
    spec = {"Subtype": "Type3", "FontBBox": [71, 237, 1892, -1793], "FontMatrix": MATRIX,
            "FontDescriptor": {"FontName": "AAAAAA+IPAexGothic", "Flags": 4}}
    assert _descent(spec, _same) == 0.0


def test_a_type3_descriptor_box_wins_over_the_fonts_own() -> None:
    spec = {"Subtype": "Type3", "FontBBox": [0, -500, 1000, 1000],
            "FontMatrix": [0.001, 0, 0, 0.001, 0, 0],
            "FontDescriptor": {"FontBBox": [0, -200, 1000, 800], "Descent": -900}}
    assert abs(_descent(spec, _same) - -0.2) < 1e-12


def test_a_simple_font_takes_its_descriptors_descent_made_negative() -> None:
    spec = {"Subtype": "TrueType", "BaseFont": "XYZ", "FontDescriptor": {"Descent": 120}}
    assert _descent(spec, _same) == -0.12
