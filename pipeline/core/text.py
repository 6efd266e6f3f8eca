"""Text normalisation for Japanese PDF cells: folding, line joining, label tidying.

NFKC folds full-width letters/digits and the radical code points some PDF fonts map glyphs to
(⽬ → 目), but it also destroys characters that carry meaning here: ① becomes 1 and ～ becomes ~.
`fold` therefore protects those characters and NFKC-folds everything else.
"""

from __future__ import annotations

import re
import unicodedata

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


def join_lines(text: str) -> str:
    """Join wrapped lines the Japanese way: no space, unless both sides are half-width ASCII
    words (English wraps at a space; Japanese, full-width ＮＰ / Ｏ法人 included, anywhere).

    A narrow cell breaks a number where it runs out of room (1,0 / 00), so a break between
    two digits joins without a space too. Join before folding: folding makes ＮＰＯ ASCII.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        words = _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0])
        digits = _DIGIT.match(out[-1]) and _DIGIT.match(line[0])
        out += " " + line if words and not digits else line
    return out


def clean_cell(text: str | None) -> str:
    """A cell as a user reads it: wrapped lines joined, runs of spaces collapsed, folded."""
    return fold(join_lines(text or ""))


def squeeze(text: str | None) -> str:
    """Folded text without any whitespace: distributed alignment prints 金　利 for 金利, and
    engines break lines differently, so this is how texts are compared ("" for None)."""
    return "".join(fold(text or "").split())


def has_cid_garbage(text: str) -> bool:
    """True when the font had no usable ToUnicode map and text came out as (cid:NN)."""
    return bool(_CID.search(text))
