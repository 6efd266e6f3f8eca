"""Hostile and careless PDFs, written byte by byte (nothing downloaded): pages and images far
too big to render, more pages than one extract reads, fonts whose descriptors lack what
pdfminer looks for. Each builder returns the bytes of a complete PDF (a correct xref)."""

from __future__ import annotations

import zlib

from tests.variants.raw_pdf import pdf_bytes


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def image_page(width: float, height: float, image: tuple[int, int], colours: bytes = b"/DeviceGray",
               data: bytes | None = None) -> bytes:
    """One page of `width` × `height` points painting one image XObject of `image` pixels
    (declared; its data is `data`, else a tiny Flate stream) over the whole page: a scan, as
    far as the extract stage can tell."""
    w, h = image
    pixels = data if data is not None else zlib.compress(bytes(min(w * h, 16)), 9)
    content = b"q %g 0 0 %g 0 0 cm /Im0 Do Q" % (width, height)
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 4 0 R "
        b"/Resources << /XObject << /Im0 5 0 R >> >> >>" % (width, height),
        stream(content),
        stream(pixels, b" /Type /XObject /Subtype /Image /Width %d /Height %d "
               b"/ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode" % (w, h, colours)),
    ])


def huge_page() -> bytes:
    """The issue's memory bomb: a 14400 × 14400 pt (200 × 200 inch) page painting one 4 × 4
    image, 300 dpi of which is 3.6 billion pixels."""
    return image_page(14400, 14400, (4, 4))


def huge_image() -> bytes:
    """An A4 page painting an image that declares 200,000 × 200,000 RGB pixels (120 GB
    decoded) from a few bytes of data."""
    return image_page(595, 842, (200_000, 200_000), b"/DeviceRGB")


def many_pages(count: int) -> bytes:
    """`count` blank A4 pages sharing one content stream (a few bytes each)."""
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * count
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        stream(b"0 0 m 1 1 l S"),
        *pages,
    ])


def _text_page(font: bytes, content: bytes, extra: list[bytes]) -> bytes:
    """One A4 page showing `content` in font F1 (object 5 is `font`, more objects after)."""
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content),
        font,
        *extra,
    ])


def type1_without_fontbbox() -> bytes:
    """A page of text in a Type 1 font that is not one of the standard 14, not embedded, with no
    /ToUnicode and a descriptor without /FontBBox (pdfminer: "Could not get FontBBox from font
    descriptor …", as on pdfminer's samples/simple3.pdf)."""
    return _text_page(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Hostile-Sans /FirstChar 32 /LastChar 126 "
        b"/Widths [%s] /FontDescriptor 6 0 R >>" % b" ".join([b"600"] * 95),
        b"BT /F1 12 Tf 72 720 Td (Hello, hostile world) Tj ET",
        [b"<< /Type /FontDescriptor /FontName /Hostile-Sans /Flags 32 /ItalicAngle 0 "
         b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"],
    )


def rksj_without_fontbbox() -> bytes:
    """A page of Japanese text in a CID font encoded by the 90ms-RKSJ-H CMap (Shift-JIS), not
    embedded, whose descriptor has no /FontBBox (as pdf.js's 90ms_rksj_h_sample.pdf)."""
    text = "制度概要（見本）".encode("cp932")
    return _text_page(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho-90ms-RKSJ-H "
        b"/Encoding /90ms-RKSJ-H /DescendantFonts [6 0 R] >>",
        b"BT /F1 12 Tf 72 720 Td <%s> Tj ET" % text.hex().encode(),
        [b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MS-Mincho "
         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> "
         b"/FontDescriptor 7 0 R /DW 1000 >>",
         b"<< /Type /FontDescriptor /FontName /MS-Mincho /Flags 6 /ItalicAngle 0 "
         b"/Ascent 859 /Descent -140 /CapHeight 769 /StemV 78 >>"],
    )
