"""One printed number read: value and printed places, one table of what is and is not one."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from pipeline.core.numbers import UNSIGNED, read_number

# text, words?, value (None: not a number), exponent of the last printed digit
CASES = [
    # plain, grouped, decimals
    ("0", False, "0", 0),
    ("12", False, "12", 0),
    ("1,814,456", False, "1814456", 0),
    ("0.11", False, "0.11", -2),
    ("0.110", False, "0.110", -3),
    ("1,234.5", False, "1234.5", -1),
    (" 1, 814 ", False, "1814", 0),  # spaces an engine put in are no part of it
    # full-width digits, comma and point
    ("１２", False, "12", 0),
    ("１，８１４．５", False, "1814.5", -1),
    # every negative mark
    ("△12", False, "-12", 0),
    ("▲12", False, "-12", 0),
    ("－12", False, "-12", 0),
    ("−12", False, "-12", 0),
    ("-12", False, "-12", 0),
    ("▲0.25", False, "-0.25", -2),
    ("△ 1,000", False, "-1000", 0),
    # not a number
    ("", False, None, 0),
    ("-", False, None, 0),
    ("△", False, None, 0),
    ("1,81", False, None, 0),
    ("1234,567", False, None, 0),
    ("12.3.4", False, None, 0),
    (".5", False, None, 0),
    ("5.", False, None, 0),
    ("--5", False, None, 0),
    ("△▲5", False, None, 0),
    ("5△", False, None, 0),
    ("+5", False, None, 0),
    ("1e3", False, None, 0),
    ("①1.900", False, None, 0),  # a tier: the kind splits it first (NFKC would make 11.900)
    ("1.600～2.300", False, None, 0),  # a range: the same
    ("未定", False, None, 0),
    ("5千万", False, None, 0),  # words only where the caller asks
    # number words, where asked for
    ("5千万", True, "50000000", 7),
    ("1億5,000万", True, "150000000", 4),
    ("1億5千", True, "100005000", 3),
    ("1.5億", True, "150000000", 7),
    ("1,000万", True, "10000000", 4),
    ("5,000千", True, "5000000", 3),
    ("３百万", True, "3000000", 6),
    ("2兆", True, "2000000000000", 12),
    ("▲3億", True, "-300000000", 8),
    ("1,814", True, "1814", 0),  # a plain number reads the same with words on
    ("5万3億", True, None, 0),  # groups must get smaller
    ("1万2千3", True, None, 0),
    ("千万", True, None, 0),  # a word needs its digits
    ("5万円", True, None, 0),  # the unit is the caller's
]


@pytest.mark.parametrize(("text", "words", "value", "exponent"), CASES)
def test_read_number(text: str, words: bool, value: str | None, exponent: int) -> None:
    read = read_number(text, words=words)
    if value is None:
        assert read is None
    else:
        assert read is not None
        assert (read.value, read.exponent) == (Decimal(value), exponent)
        assert read.places == max(0, -exponent)


def test_places_count_printed_zeros() -> None:
    # 0.50 is printed to hundredths: its rounding step is 0.01, not the 0.1 its value needs.
    assert [read_number(t).places for t in ("0.50", "0.5", "50", "▲0.50")] == [2, 1, 0, 2]


def test_the_unsigned_pattern_is_what_the_reader_reads_unsigned() -> None:
    # UNSIGNED finds numbers inside ranges and tiers; each piece it finds must read here, and
    # it finds every plain number in ASCII digits the reader reads.
    for text, _, _, _ in CASES:
        plain = "".join(text.split())
        unsigned = read_number(plain) is not None and plain[0] in "0123456789"
        assert (re.fullmatch(UNSIGNED, plain) is not None) == unsigned, text
