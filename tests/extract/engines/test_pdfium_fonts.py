"""The font metrics the PDFium engine takes from the PDF the way pdfminer reads them."""

from __future__ import annotations

from pipeline.extract.engines.pdfium_fonts import font_descent, width_fractions


def _same(value):
    return value


MATRIX = [0.00048828125, 0, 0, -0.00048828125, 0, 0]  # Chromium's Type 3 fonts: y flipped


def test_a_type3_font_without_a_descriptor_takes_its_own_box() -> None:
    spec = {"Subtype": "Type3", "FontBBox": [71, 237, 1892, -1793], "FontMatrix": MATRIX}
    assert font_descent(spec, _same) == 237 * -0.00048828125  # the sign of the matrix kept


def test_a_type3_descriptor_without_a_box_gives_no_descent() -> None:
    spec = {"Subtype": "Type3", "FontBBox": [71, 237, 1892, -1793], "FontMatrix": MATRIX,
            "FontDescriptor": {"FontName": "AAAAAA+IPAexGothic", "Flags": 4}}
    assert font_descent(spec, _same) == 0.0


def test_a_type3_descriptor_box_wins_over_the_fonts_own() -> None:
    spec = {"Subtype": "Type3", "FontBBox": [0, -500, 1000, 1000],
            "FontMatrix": [0.001, 0, 0, 0.001, 0, 0],
            "FontDescriptor": {"FontBBox": [0, -200, 1000, 800], "Descent": -900}}
    assert abs(font_descent(spec, _same) - -0.2) < 1e-12


def test_a_simple_font_takes_its_descriptors_descent_made_negative() -> None:
    spec = {"Subtype": "TrueType", "BaseFont": "XYZ", "FontDescriptor": {"Descent": 120}}
    assert font_descent(spec, _same) == -0.12


def _simple(widths, **more):
    from pdfminer.psparser import LIT

    return {"Type": LIT("Font"), "Subtype": LIT("TrueType"), "BaseFont": LIT("Fraction"),
            "FirstChar": 48, "Widths": widths, "Encoding": LIT("WinAnsiEncoding"),
            "FontDescriptor": {"Descent": -200, **more}}


def test_pdfium_drops_the_fraction_of_a_width_pdfminer_keeps() -> None:
    fractions = width_fractions(_simple([629.88281, 500, -120.5]), _same)
    assert fractions is not None
    assert abs(fractions("0") - 0.00088281) < 1e-12
    assert fractions("1") == 0.0
    assert abs(fractions("2") - -0.0005) < 1e-12  # truncated towards zero: -120
    assert fractions("X") == 0.0  # a code without a width of its own: the default's
    assert abs(fractions.of_strings([b"000", b"1"]) - 3 * 0.00088281) < 1e-12


def test_the_missing_width_counts_for_codes_without_one() -> None:
    fractions = width_fractions(_simple([600], MissingWidth=250.5), _same)
    assert fractions is not None
    assert fractions("0") == 0.0
    assert abs(fractions("A") - 0.0005) < 1e-12


def test_whole_widths_leave_nothing_to_add() -> None:
    assert width_fractions(_simple([600, 500.0]), _same) is None


def test_a_cid_fonts_w_array_as_chromium_writes_it() -> None:
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange"
            b" <0000> <FFFF> endcodespacerange 2 beginbfchar <0013> <0030> <0003> <0020> "
            b"endbfchar endcmap end end")
    spec = {"Type": LIT("Font"), "Subtype": LIT("Type0"), "BaseFont": LIT("AAAAAA+Sans"),
            "Encoding": LIT("Identity-H"), "ToUnicode": PDFStream({}, cmap),
            "DescendantFonts": [{"Subtype": LIT("CIDFontType2"), "BaseFont": LIT("Sans"),
                                 "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"Identity",
                                                   "Supplement": 0},
                                 "DW": 1000, "W": [3, [270.01953], 15, 19, 629.88281]}]}
    fractions = width_fractions(spec, _same)
    assert fractions is not None
    assert abs(fractions("0") - 0.00088281) < 1e-12
    assert abs(fractions(" ") - 0.00001953) < 1e-12
    assert abs(fractions.of_strings([b"\x00\x13\x00\x03\x00\x05"])
               - (0.00088281 + 0.00001953)) < 1e-12  # code 5 takes /DW, whole
