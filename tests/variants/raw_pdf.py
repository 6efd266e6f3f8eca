"""A PDF written by hand, byte by byte: any content stream operators a test needs (TJ with
kerning, ', ", q and Q inside a text object, Tz), fonts given as dictionary source, form
XObjects drawn by name. No producer writes exactly these; readers must take them anyway."""

from __future__ import annotations

from pathlib import Path


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object n is objects[n - 1]; object 1 the catalog), with its xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _stream(attrs: bytes, data: bytes) -> bytes:
    return b"<< " + attrs + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def write_pdf(path: Path, contents: list[bytes], fonts: dict[str, bytes],
              forms: dict[str, bytes] | None = None,
              size: tuple[float, float] = (400.0, 300.0)) -> Path:
    """One page per content stream in `contents`, all drawn with the `fonts` (resource name →
    font dictionary source) and the form XObjects `forms` (resource name → content stream,
    drawn with the same fonts, its box the page's)."""
    forms = forms or {}
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree (written last)

    def add(source: bytes) -> int:
        objects.append(source)
        return len(objects)

    font_refs = b" ".join(b"/%s %d 0 R" % (name.encode(), add(source))
                          for name, source in fonts.items())
    box = b"[0 0 %g %g]" % size
    own = b"<< /Font << " + font_refs + b" >> >>"
    form_refs = b" ".join(
        b"/%s %d 0 R" % (name.encode(), add(_stream(
            b"/Type /XObject /Subtype /Form /BBox " + box + b" /Resources " + own, data)))
        for name, data in forms.items())
    resources = b"<< /Font << " + font_refs + b" >> /XObject << " + form_refs + b" >> >>"
    streams = [add(_stream(b"", data)) for data in contents]
    kids = [add(b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" /Resources " + resources
                + b" /Contents %d 0 R >>" % stream) for stream in streams]
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                  + b" ".join(b"%d 0 R" % n for n in kids) + b"] >>")
    data = pdf_bytes(objects)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
