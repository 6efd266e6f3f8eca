"""Which text objects of a content stream continue where the one before ended, read as PDFium
makes its objects: one per Tj, TJ or ' showing a byte, a positioning operator ending a run."""

from __future__ import annotations

from pipeline.extract.engines.pdfium_runs import Runs, scan, string_bytes


def _no_forms(name: bytes) -> bool:
    return False


def test_a_run_goes_on_until_a_positioning_operator() -> None:
    runs = scan(b"BT /F1 9 Tf 10 20 Td (ab) Tj (cd) Tj [(e) -120 (f)] TJ 0 -12 Td (g) Tj "
                b"(h) Tj T* (i) Tj (j) ' 1 0 0 1 5 5 Tm (k) Tj ET BT (l) Tj ET", _no_forms)
    assert runs.after == [None, 0, 1, None, 3, None, None, None, None]
    assert runs.continued == {0, 1, 3}
    assert runs.shown(2) == [b"e", b"f"]


def test_only_strings_with_a_byte_make_objects() -> None:
    # PDFium makes no object of an empty string (nor of a TJ of empty strings and numbers);
    # the position the kerning moves stays in the run
    runs = scan(b"BT 1 2 Td (a) Tj () Tj <> Tj < > Tj [() -50] TJ [-20 (b)] TJ ET", _no_forms)
    assert runs.after == [None, 0]
    assert runs.shown(1) == [b"b"]


def test_operators_inside_strings_names_and_comments_are_not_operators() -> None:
    runs = scan(b"BT 1 2 Td (x Td (y) T* \\) BT) Tj /Tj gs % (z) Tj Td\n"
                b"<54 64> Tj (((deep) (er)) \\(nest) Tj ET", _no_forms)
    assert runs.after == [None, 0, 1]
    assert runs.shown(0) == [b"x Td (y) T* ) BT"]
    assert runs.shown(1) == [b"Td"]
    assert runs.shown(2) == [b"((deep) (er)) (nest"]


def test_q_and_q_restore_the_text_position() -> None:
    runs = scan(b"BT 1 2 Td (a) Tj q (b) Tj 3 0 Td (c) Tj Q (d) Tj ET", _no_forms)
    assert runs.after == [None, 0, None, 0]


def test_an_inline_images_data_is_skipped() -> None:
    runs = scan(b"BT 1 2 Td (a) Tj ET BI /W 2 /H 1 /BPC 8 /CS /G ID \x00Tj(Td\n EI "
                b"BT (b) Tj ET", _no_forms)
    assert runs.after == [None, None]


def test_forms_drawn_are_read_in_order_and_images_make_none() -> None:
    inner = Runs([None], [[b"(z)"]], set(), [])
    seen = []

    def form(name: bytes):
        seen.append(name)
        return inner if name.startswith(b"Fm") else False

    runs = scan(b"q /Fm#31 Do Q /Im0 Do /Fm2\nDo /FmDo gs BT (a) Tj ET", form)
    assert seen == [b"Fm1", b"Im0", b"Fm2"]
    assert runs.forms == [inner, inner]
    assert runs.after == [None]


def test_string_bytes_undo_escapes_and_hex() -> None:
    assert string_bytes(b"(a\\(b\\)\\n\\101\\7\\\\c)") == b"a(b)\nA\x07\\c"
    assert string_bytes(b"(line\\\ncontinued)") == b"linecontinued"
    assert string_bytes(b"<00 41 4>") == b"\x00\x41\x40"
