"""Text normalisation for Japanese PDF cells: folding, line joining, label tidying.

NFKC folds full-width letters/digits and the radical code points some PDF fonts map glyphs to
(⽬ → 目), but it also destroys characters that carry meaning here: ① becomes 1 and ～ becomes ~.
`fold` therefore protects those characters and NFKC-folds everything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pipeline.core.ideographs import UNIFIED

# Circled numbers 1–50, as tiers (①1.900) and outline numbers (①) are printed.
CIRCLED = (
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    "㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
)
RANGE_MARKS = "～〜"
# A cell printing only a dash says "not offered" / "nothing": every dash a font may give for it.
DASHES = frozenset({"-", "－", "―", "‐", "ー", "—"})
# Joins the parts of an outline path or a label path for people: 3 › 基本戦略2 › 2.
PATH_SEP = " › "
# Characters kept exactly as printed: circled numbers, range tildes, the full-width percent
# sign (the units column says ％), and marks.
PROTECTED = frozenset(CIRCLED + RANGE_MARKS + "％○×◯✕")
# Look-alikes that NFKC leaves alone but extraction produces: one mark, one character.
EXTRA_MAP = str.maketrans(
    {"‧": "・", "･": "・", "〇": "○", "◯": "○", "✕": "×", "╳": "×"}
)

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_DIGIT = re.compile(r"[0-9]")
_CID = re.compile(r"\(cid:\d+\)")


# The two mappings of JIS X 0208 to Unicode disagree on a few characters; a Japanese font's
# ToUnicode map gives one or the other for one glyph. The CP932 reading is what Japanese office
# software types: the wave dash 〜 is the full-width tilde ～, the minus sign − the full-width
# hyphen-minus －.
JIS_LOOKALIKES = {ord("〜"): "～", ord("−"): "－"}
_UNIFY = {**UNIFIED, **JIS_LOOKALIKES}


def unify_ideographs(text: str) -> str:
    """Every CJK radical, stroke and compatibility ideograph as its unified ideograph (⻑ → 長,
    ⺠ → 民, ⽬ → 目), and the JIS look-alikes as Japanese software types them (〜 → ～,
    − → －): fonts map glyphs there, NFKC folds only some of them."""
    return text.translate(_UNIFY)


def fold(text: str) -> str:
    """NFKC-fold `text` except for the characters that carry meaning (①, ～, ％, ○, ×), and
    unify its ideographs."""
    text = unify_ideographs(text).translate(EXTRA_MAP)
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if ch in PROTECTED:
            out.append(unicodedata.normalize("NFKC", "".join(run)))
            run.clear()
            out.append(ch)
        else:
            run.append(ch)
    out.append(unicodedata.normalize("NFKC", "".join(run)))
    return "".join(out)


# A line break kept where a wrapped cell's next line starts an item of its own (see join_lines).
ITEM_BREAK = "\n"

# Whether the line after `previous` (a line, as printed) starts an item of its own.
StartsItem = Callable[[str, str], bool]


def join_lines(text: str, starts_item: StartsItem | None = None) -> str:
    """Join wrapped lines the Japanese way: no space, unless both sides are half-width ASCII
    words (English wraps at a space; Japanese, full-width ＮＰ / Ｏ法人 included, anywhere).

    A narrow cell breaks a number where it runs out of room (1,0 / 00), so a break between
    two digits joins without a space too. Join before folding: folding makes ＮＰＯ ASCII.
    Where `starts_item(previous line, line)` says a line starts an item of its own (①, ※,
    無担保 … in a cell listing several), the line break is kept (ITEM_BREAK): the items stay
    apart, as printed, instead of running into one another (…10年以内有担保の…).
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    out = lines[0]
    for previous, line in zip(lines, lines[1:], strict=False):
        if starts_item is not None and starts_item(previous, line):
            out += ITEM_BREAK + line
            continue
        words = _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0])
        digits = _DIGIT.match(out[-1]) and _DIGIT.match(line[0])
        out += " " + line if words and not digits else line
    return out


def clean_cell(text: str | None, starts_item: StartsItem | None = None) -> str:
    """A cell as a user reads it: wrapped lines joined (a line starting an item of its own on
    a line of its own, where `starts_item` says so), runs of spaces collapsed, folded."""
    return fold(join_lines(text or "", starts_item))


def squeeze(text: str | None) -> str:
    """Folded text without any whitespace: distributed alignment prints 金　利 for 金利, and
    engines break lines differently, so this is how texts are compared ("" for None)."""
    return "".join(fold(text or "").split())


def has_cid_garbage(text: str) -> bool:
    """True when the font had no usable ToUnicode map and text came out as (cid:NN)."""
    return bool(_CID.search(text))
