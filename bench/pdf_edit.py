"""Edit the printed text of a real PDF, for tests and the benchmark: swap what a text run says.

Works on PDFs like the shipped ones (a classic xref table, page content streams that show text
as hex strings with simple fonts carrying a /ToUnicode map). A replacement may only use
characters the run's font already has. The file is written back whole with a fresh xref.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_XREF_ROW = re.compile(rb"(\d{10}) (\d{5}) n")
_OBJ_HEAD = re.compile(rb"\s*(\d+) 0 obj")
_REF = rb"(\d+) 0 R"
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
# A font change, or a text run: <hex> Tj, or [<hex> kern <hex> …] TJ (kerning is dropped on edit).
_TEXT_OP = re.compile(rb"/([A-Za-z0-9]+) [\d.]+ Tf|(<[0-9A-Fa-f]*>\s*Tj|\[[^\]]*\]\s*TJ)")
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


class EditError(Exception):
    """The PDF or the edit is not one this module can make."""


@dataclass
class _Pdf:
    header: bytes
    objects: dict[int, bytes]  # object number → everything between "N 0 obj" and "endobj"
    trailer: bytes


def _parse(data: bytes) -> _Pdf:
    start = data.rfind(b"startxref")
    xref_at = int(data[start + 9:].split()[0])
    if not data.startswith(b"xref", xref_at):
        raise EditError("no classic xref table")
    trailer_at = data.index(b"trailer", xref_at)
    offsets: dict[int, int] = {}
    lines = data[xref_at:trailer_at].split(b"\n")[1:]
    number = 0
    for line in lines:
        parts = line.split()
        if len(parts) == 2:
            number = int(parts[0])
        elif len(parts) == 3:
            if parts[2] == b"n":
                offsets[number] = int(parts[0])
            number += 1
    ends = sorted([*offsets.values(), xref_at])
    objects = {}
    for num, offset in offsets.items():
        chunk = data[offset:ends[ends.index(offset) + 1]]
        head = _OBJ_HEAD.match(chunk)
        if not head or int(head[1]) != num:
            raise EditError(f"object {num} is not where the xref says")
        objects[num] = chunk[head.end():chunk.rindex(b"endobj")]
    trailer = data[trailer_at:start]
    return _Pdf(data[:min(offsets.values())], objects, trailer)


def _stream(pdf: _Pdf, num: int) -> bytes:
    body = pdf.objects[num]
    begin = body.index(b"stream") + len(b"stream")
    begin += 2 if body[begin:begin + 2] == b"\r\n" else 1
    raw = body[begin:body.rindex(b"endstream")].rstrip(b"\r\n")
    return zlib.decompress(raw) if b"/FlateDecode" in body[:begin] else raw


def _set_stream(pdf: _Pdf, num: int, content: bytes) -> None:
    body = pdf.objects[num]
    packed = zlib.compress(content)
    head = body[:body.index(b"stream")]
    head = re.sub(rb"/Length (\d+ 0 R|\d+)", b"/Length %d" % len(packed), head, count=1)
    pdf.objects[num] = head + b"stream\n" + packed + b"\nendstream\n"


def _unicode_map(pdf: _Pdf, font: int) -> dict[bytes, str]:
    found = re.search(rb"/ToUnicode " + _REF, pdf.objects[font])
    if not found:
        raise EditError(f"font object {font} has no /ToUnicode map")
    cmap = _stream(pdf, int(found[1]))
    mapping: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, first in _BFRANGE.findall(block):
            width = len(low) // 2
            for i in range(int(low, 16), int(high, 16) + 1):
                code = i.to_bytes(width, "big")
                mapping[code] = chr(int(first, 16) + i - int(low, 16))
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in _BFCHAR.findall(block):
            mapping[bytes.fromhex(code.decode())] = bytes.fromhex(text.decode()).decode("utf-16-be")
    return mapping


def _fonts(pdf: _Pdf, page: bytes) -> dict[bytes, dict[bytes, str]]:
    """Resource name → code-to-text map, for the fonts of a page."""
    resources = re.search(rb"/Resources " + _REF, page)
    body = pdf.objects[int(resources[1])] if resources else page
    fonts = re.search(rb"/Font " + _REF, body)
    font_dict = pdf.objects[int(fonts[1])] if fonts else body
    return {
        name: _unicode_map(pdf, int(num))
        for name, num in re.findall(rb"/([A-Za-z0-9]+) " + _REF, font_dict)
    }


def _pages(pdf: _Pdf) -> list[int]:
    return sorted(n for n, body in pdf.objects.items() if re.search(rb"/Type\s*/Page\b", body))


def _decode(run: bytes, mapping: dict[bytes, str]) -> str:
    codes = bytes.fromhex(b"".join(_HEX.findall(run)).decode())
    return "".join(mapping.get(codes[i:i + 1], "\ufffd") for i in range(len(codes)))


def _encode(text: str, mapping: dict[bytes, str]) -> bytes:
    inverse = {v: k for k, v in sorted(mapping.items(), reverse=True)}
    missing = [ch for ch in text if ch not in inverse]
    if missing:
        raise EditError(f"the font has no glyph for {''.join(missing)!r}")
    return b"<" + b"".join(inverse[ch] for ch in text).hex().upper().encode() + b">Tj"


def texts(data: bytes) -> list[str]:
    """Every text run of every page, decoded, in content-stream order."""
    pdf = _parse(data)
    found = []
    for page in _pages(pdf):
        fonts = _fonts(pdf, pdf.objects[page])
        for content in re.findall(rb"/Contents " + _REF, pdf.objects[page]):
            font: dict[bytes, str] = {}
            for op in _TEXT_OP.finditer(_stream(pdf, int(content))):
                if op[1]:
                    font = fonts[op[1]]
                else:
                    found.append(_decode(op[2], font))
    return found


def replace_text(
    data: bytes, old: str, new: str, count: int = 1, *, after: str | None = None
) -> bytes:
    """`data` with the first `count` text runs containing `old` showing `new` in its place.

    With `after`, only a run that is exactly `old` and follows a run reading `after` matches
    (so a lone digit can be told from the same digit elsewhere).
    """
    pdf = _parse(data)
    done = 0
    previous: str | None = None
    for page in _pages(pdf):
        fonts = _fonts(pdf, pdf.objects[page])
        for content in re.findall(rb"/Contents " + _REF, pdf.objects[page]):
            stream = _stream(pdf, int(content))
            pieces, last, font = [], 0, {}
            for op in _TEXT_OP.finditer(stream):
                if op[1]:
                    font = fonts[op[1]]
                    continue
                text = _decode(op[2], font)
                wanted = old in text if after is None else (text == old and previous == after)
                previous = text
                if done < count and wanted:
                    pieces += [stream[last:op.start(2)], _encode(text.replace(old, new, 1), font)]
                    last = op.end(2)
                    done += 1
            if last:
                _set_stream(pdf, int(content), b"".join(pieces) + stream[last:])
    if done < count:
        raise EditError(f"{old!r} is printed {done} time(s), not {count}")
    return _write(pdf)


def _write(pdf: _Pdf) -> bytes:
    out = bytearray(pdf.header)
    offsets = {}
    for num in sorted(pdf.objects):
        offsets[num] = len(out)
        out += b"%d 0 obj" % num + pdf.objects[num] + b"endobj\n"
    xref_at = len(out)
    size = max(offsets) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, pdf.trailer, count=1)
    trailer = re.sub(rb"/DocChecksum\s*/[0-9A-Fa-f]+", b"", trailer)
    out += trailer + b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
