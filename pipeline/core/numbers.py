"""One printed number read: its value and the digit it was printed to.

Tables print a number as 1,814,456 or 0.11, in full-width digits (１２), negative with the
accounting triangles △ ▲ or a minus (－ − -), and, where a caller asks for them, with the number
words 千 百 万 億 兆 (5千, 1億5,000万). Every kind, schema and the diff read a printed number
here, so a new way of printing one (another sign mark, another word) is one edit.

This reads ONE number. Forms built on numbers are their kind's: a range (1.600～2.300), tiers
(①1.900②2.650), labelled values (無担保10有担保20). Split those first and hand each number
here: nothing here folds with NFKC, which would turn ① into 1 and ～ into ~.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Marks a negative number is printed with: the triangles of Japanese accounts, and minus signs
# (full-width hyphen-minus, the minus sign, ASCII hyphen-minus).
NEGATIVE = "△▲－−-"
# An unsigned number in ASCII digits: thousands grouped by commas throughout or not at all,
# decimals after a point (a pattern for the forms that hold several numbers).
UNSIGNED = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
# Number words and the power of ten each multiplies by: 千 and 百 inside a group of four digits,
# 万 億 兆 ending a group (1億5,000万 is 1 × 10^8 + 5,000 × 10^4).
SMALL_WORDS = {"百": 2, "千": 3}
LARGE_WORDS = {"万": 4, "億": 8, "兆": 12}

_FOLD = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "，": ",", "．": ".",
     **dict.fromkeys(NEGATIVE, "-")}
)
_PLAIN = re.compile(rf"(-?)({UNSIGNED})")
_GROUP = re.compile(
    rf"({UNSIGNED})([{''.join(SMALL_WORDS)}]?)([{''.join(LARGE_WORDS)}]?)"
)


@dataclass(frozen=True)
class Printed:
    """A number as printed: its value and the power of ten of its last printed digit
    (0.11 → -2, 1,814,456 → 0, 5千万 → 7)."""

    value: Decimal
    exponent: int

    @property
    def places(self) -> int:
        """Digits printed after the decimal point (0.110 → 3; 1,814 → 0)."""
        return max(0, -self.exponent)


def _exponent(digits: str) -> int:
    exponent = Decimal(digits).as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _words(body: str) -> tuple[Decimal, int] | None:
    """(value, exponent) of digits with number words, each 万/億/兆 group larger than the
    next; None when the text is not that."""
    value, exponents, at, last = Decimal(0), [], 0, None
    while at < len(body):
        group = _GROUP.match(body, at)
        if group is None:
            return None
        large = LARGE_WORDS.get(group[3], 0)
        if last is not None and large >= last:
            return None  # 5万3億, or a group after the ones (1万2千3)
        digits = group[1].replace(",", "")
        shift = SMALL_WORDS.get(group[2], 0) + large
        value += Decimal(digits).scaleb(shift)
        exponents.append(_exponent(digits) + shift)
        at, last = group.end(), large
    return (value, min(exponents)) if exponents else None


def read_number(text: str, *, words: bool = False) -> Printed | None:
    """The number `text` prints (spaces ignored), or None when it prints anything else.

    1,814,456 → 1814456; ０．１１ → 0.11; △12, ▲12, －12 → -12; with `words`, also
    5千万 → 50000000 and 1億5,000万 → 150000000. Thousands are grouped by commas throughout
    (1,81 and 1234,567 are no numbers).
    """
    body = "".join(str(text).split()).translate(_FOLD)
    if match := _PLAIN.fullmatch(body):
        value = Decimal(match[2].replace(",", ""))
        return Printed(-value if match[1] else value, _exponent(match[2].replace(",", "")))
    if not words:
        return None
    sign = body[:1] == "-"
    read = _words(body[1:] if sign else body)
    if read is None:
        return None
    value, exponent = read
    return Printed(-value if sign else value, exponent)
