"""Which text objects of a content stream start where the one before them ended.

A text-showing operator (Tj, TJ) leaves the text position after its last glyph, and the next
one starts there unless a positioning operator (BT, Td, TD, Tm, T*, ', ") comes between. PDFium
advances it by widths it reads as whole numbers (a /W or /Widths entry of 629.88281 is 629)
where pdfminer keeps the fraction, so along such a run of text objects PDFium's positions fall
behind pdfminer's by the sum of the fractions drawn so far; a positioning operator ends the
drift. PDFium does not say which objects continue a run: the content streams are scanned here
for their text operators (no operand is interpreted beyond telling an empty string from
another), with the same rules PDFium follows to make its text objects: one per Tj, TJ, ' or "
that shows a non-empty string, in order, and one form object per form XObject drawn (Do).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

_WS = b"\x00\t\n\x0c\r "
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"  # a byte of a number, an operator or a name


def _operator(first: bytes, rest: bytes = b"") -> bytes:
    """The operator `first` + `rest` standing alone (not within a longer word or a name).
    Every alternative of _TOKEN starts with a plain byte, so the search can skip ahead fast."""
    return (re.escape(first) + rb"(?<![^\x00\t\n\x0c\r ()<>\[\]{}%]" + re.escape(first)
            + rb")" + rest + rb"(?!" + _REGULAR + rb")")


_SHOWN = rb"(?:[\x00\t\n\x0c\r ]*(?:Tj|'|\")(?!" + _REGULAR + rb"))?"  # a string's Tj, ' or "
_TOKEN = re.compile(
    rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*\)" + _SHOWN  # a string
    + rb"|\("  # a string nested deeper than twice, read by hand
    + rb"|<[0-9A-Fa-f\x00\t\n\x0c\r ]*>" + _SHOWN  # a hex string
    + rb"|\[|%[^\r\n]*"  # an array's start; a comment
    + rb"|/" + _REGULAR + rb"*[\x00\t\n\x0c\r ]+Do(?!" + _REGULAR + rb")"  # an XObject drawn
    + rb"|" + rb"|".join((_operator(b"B", rb"[TI]"), _operator(b"T", rb"[dDm*jJ]"),
                        _operator(b"'"), _operator(b'"'), _operator(b"q"), _operator(b"Q"))),
    re.S,
)
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


class Runs(NamedTuple):
    """One content stream's text objects and form objects, in the order PDFium makes them:
    for each text object the index of the text object whose end it starts at (None after a
    positioning operator) and its string tokens as written; the text objects another one
    starts from; for each form XObject drawn, its own Runs (None where it was not read)."""

    after: list[int | None]
    tokens: list[list[bytes]]
    continued: set[int]
    forms: list[Runs | None]

    def shown(self, index: int) -> list[bytes]:
        """The strings text object `index` shows, as bytes (escapes and hex undone)."""
        return [string_bytes(token) for token in self.tokens[index]]


def _string_end(data: bytes, start: int) -> int:
    """Where the literal string opening at `start` ends (after its closing parenthesis)."""
    depth, i, n = 0, start, len(data)
    while i < n:
        c = data[i]
        if c == 0x5C:  # backslash: the next byte is escaped
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _inline_image_end(data: bytes, start: int) -> int:
    """Where an inline image's data beginning after `start` (its BI) ends: after the EI that
    follows its ID, each standing alone."""
    found = re.search(rb"(?<!" + _REGULAR + rb")ID[" + _WS + rb"]", data[start:])
    if not found:
        return len(data)
    end = re.search(rb"[" + _WS + rb"]EI(?!" + _REGULAR + rb")", data[start + found.end():])
    return len(data) if not end else start + found.end() + end.end()


_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b",
            ord("f"): b"\f", ord("("): b"(", ord(")"): b")", ord("\\"): b"\\"}


def string_bytes(token: bytes) -> bytes:
    """The bytes of a string token as written: a literal string's escapes or a hex string's
    digits undone."""
    if token[0] == 0x28 and 0x5C not in token:
        return token[1:-1]
    if token[0] == 0x3C:
        digits = bytes(c for c in token[1:-1] if c not in b"\x00\t\n\x0c\r ")
        if len(digits) % 2:
            digits += b"0"
        try:
            return bytes.fromhex(digits.decode("latin-1"))
        except ValueError:
            return b""
    body, out, i = token[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1: i + 2]
        if not nxt:
            break
        if nxt in b"01234567":
            octal = re.match(rb"[0-7]{1,3}", body[i + 1: i + 4])
            assert octal is not None
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        elif nxt in b"\r\n":  # a line continuation
            i += 3 if body[i + 1: i + 3] == b"\r\n" else 2
        else:
            out += _ESCAPES.get(nxt[0], nxt)
            i += 2
    return bytes(out)


def _shows_text(token: bytes) -> bool:
    """Whether a string token holds a byte (a literal string's parentheses or a hex string's
    digits with something between)."""
    return len(token) > 2 and (token[0] == 0x28 or bool(token[1:-1].strip(_WS)))


def _show(after: list[int | None], tokens: list[list[bytes]], continued: set[int],
          last: int | None, shown: list[bytes]) -> int | None:
    """Note a text-showing operator at the text position `last` left: a text object if it
    shows a byte (else none, and the position stays where it was); the new `last`."""
    if not shown:
        return last
    if last is not None:
        continued.add(last)
    after.append(last)
    tokens.append(shown)
    return len(after) - 1


def scan(data: bytes, form: Callable[[bytes], Runs | None | bool]) -> Runs:
    """The Runs of one content stream. `form(name)` gives the Runs of the form XObject of that
    resource name, False for an XObject that is not a form (an image: no form object)."""
    after: list[int | None] = []
    tokens: list[list[bytes]] = []
    continued: set[int] = set()
    forms: list[Runs | None] = []
    last: int | None = None  # the text object whose end is the current text position
    saved: list[int | None] = []  # q saves the text position with the graphics state
    operand: list[bytes] = []  # the strings since the last operator (an array's all of them)
    pos, n = 0, len(data)
    search = _TOKEN.search
    while pos < n:
        match = search(data, pos)
        if match is None:
            break
        token, pos = match.group(), match.end()
        head, tail = token[0], token[-1]
        if head == 0x28 or head == 0x3C:  # ( or <: a string, maybe shown by Tj, ' or "
            if token == b"(":
                pos = _string_end(data, match.start())
                token = data[match.start():pos]
                tail = 0x29
            if tail == 0x29 or tail == 0x3E:  # ) or >: an operand only
                operand.append(token)
                continue
            if tail != 0x6A:  # ' or " move to the next line first
                last = None
            shown = token[:-2 if tail == 0x6A else -1].rstrip(_WS)
            last = _show(after, tokens, continued, last, [shown] if _shows_text(shown) else [])
            operand = []
        elif head == 0x5B:  # [
            operand = []
        elif head == 0x25:  # %
            continue
        elif head == 0x2F:  # /
            name = token[1:-2].rstrip(_WS)
            runs = form(_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name))
            if runs is not False:
                forms.append(runs if isinstance(runs, Runs) else None)
        elif token == b"TJ" or token == b"Tj" or token == b"'" or token == b'"':
            if token != b"TJ":  # after a string read by hand: it is the operand
                operand = operand[-1:]
                if token != b"Tj":
                    last = None
            last = _show(after, tokens, continued, last,
                         [text for text in operand if _shows_text(text)])
            operand = []
        elif token == b"q":
            saved.append(last)
        elif token == b"Q":
            if saved:
                last = saved.pop()
        elif token == b"BI":
            pos = _inline_image_end(data, pos)
        else:  # BT, Td, TD, Tm, T*
            last = None
            operand = []
    return Runs(after, tokens, continued, forms)
