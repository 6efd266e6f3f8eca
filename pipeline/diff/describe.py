"""Unit-aware reading of one changed field: rates in points, amounts in yen and percent, terms
in months, marks and flags spelled out."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pipeline.core.numbers import read_number
from pipeline.core.text import squeeze
from pipeline.diff.normalise import to_bool, to_number
from pipeline.diff.spec import BOOL, NUMBER
from schemas.reference import MONTHS_PER_UNIT, YEN_PER_UNIT

MINUS = "\u2212"
PERCENT_UNITS = frozenset({"percent", "%", "％"})
YEN_UNITS = frozenset({"JPY", "yen", "円"})
MONTH_UNITS = frozenset({"months", "month"})
# What a printed mark means: (word, True/False).
MARKS = {"○": ("offered", True), "×": ("offered", False),
         "要": ("required", True), "否": ("required", False)}
SHORT_TEXT = 24


@dataclass(frozen=True)
class Reading:
    """Delta (in `delta_unit`), relative change in percent, and a sentence for people."""

    description: str
    delta: str = ""
    delta_unit: str = ""
    delta_pct: str = ""


def plain(number: float) -> str:
    """A number in the CSV: no exponent, no float noise (−0.25, 990000000)."""
    rounded = round(number, 9)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.9f}".rstrip("0")


def _signed(text: str, number: float) -> str:
    return (MINUS if number < 0 else "+") + text


def _decimals(*texts: str) -> int:
    """Decimal places the numbers need (1814456.0 → 0, 0.11 → 2, ▲0.50 → 1)."""
    read = [printed.value.normalize() for t in texts if (printed := read_number(t))]
    return max((max(0, -int(value.as_tuple().exponent)) for value in read), default=0)


def _relative(old: float, new: float) -> str:
    return "" if old == 0 else plain(round((new - old) / abs(old) * 100, 6))


def _amount(old: float, new: float, unit: str, label: str, places: int) -> Reading:
    delta = new - old
    rel = _relative(old, new)
    text = _signed(f"{abs(delta):,.{places}f}{label}", delta)
    if rel:
        text += f" ({_signed(f'{abs(float(rel)):.1f}%', float(rel))})"
    return Reading(text, plain(delta), unit, rel)


def _numbers(field: str, old_text: str, new_text: str, unit: str, row_unit: str) -> Reading:
    old, new = to_number(old_text), to_number(new_text)
    if old is None or new is None:
        return _filled(old_text, new_text)
    delta = new - old
    if unit in PERCENT_UNITS or (not unit and row_unit in PERCENT_UNITS):
        return Reading(_signed(f"{abs(delta):.3f}pt", delta), plain(delta), "pt")
    if unit in YEN_UNITS:
        return _amount(old, new, "yen", " yen", 0)
    if unit in MONTH_UNITS or (not unit and row_unit in MONTH_UNITS):
        return Reading(_signed(f"{plain(abs(delta))} months", delta), plain(delta), "months")
    if not unit and row_unit in YEN_PER_UNIT:
        return _amount(old, new, row_unit, row_unit, _decimals(old_text, new_text))
    if not unit and row_unit in MONTHS_PER_UNIT:
        months = delta * MONTHS_PER_UNIT[row_unit]
        return Reading(_signed(f"{plain(abs(months))} months", months), plain(months), "months")
    label = f" {unit or row_unit}".rstrip()
    return Reading(_signed(f"{plain(abs(delta))}{label}", delta), plain(delta), unit or row_unit,
                   _relative(old, new))


def _flag_word(field: str) -> str:
    return field.removeprefix("is_").replace("_", " ")


def _flags(field: str, old_text: str, new_text: str) -> Reading:
    word = _flag_word(field)
    old, new = to_bool(old_text), to_bool(new_text)
    if old is True and new is False:
        return Reading(f"no longer {word}")
    if old is False and new is True:
        return Reading(f"newly {word}")
    if old is None:
        return Reading(f"now {word}" if new else f"now not {word}")
    return Reading(f"no longer stated as {word}" if old else f"no longer stated as not {word}")


def _marks(old: str, new: str) -> Reading | None:
    if old in MARKS and new in MARKS and MARKS[old][0] == MARKS[new][0]:
        word, now = MARKS[new]
        return Reading(f"{'newly' if now else 'no longer'} {word} ({old} → {new})")
    if old in MARKS and new in MARKS:
        return Reading(f"{old} → {new}")
    if old in MARKS and not new:
        return Reading(f"mark {old} removed")
    if new in MARKS and not old:
        word, now = MARKS[new]
        return Reading(f"marked {new} ({word if now else 'not ' + word})")
    return None


def _filled(old: str, new: str) -> Reading:
    if not old.strip():
        return Reading(f"now {new}" if len(new) <= SHORT_TEXT else "now given")
    return Reading(f"no longer {old}" if len(old) <= SHORT_TEXT else "no longer given")


def similarity(old: str, new: str) -> float:
    """How alike two texts are (0..1), ignoring whitespace."""
    return difflib.SequenceMatcher(None, squeeze(old), squeeze(new), autojunk=False).ratio()


def _texts(old: str, new: str) -> Reading:
    old, new = old.strip(), new.strip()
    if marks := _marks(old, new):
        return marks
    if not old or not new:
        return _filled(old, new)
    if len(old) <= SHORT_TEXT and len(new) <= SHORT_TEXT:
        return Reading(f"{old} → {new}")
    return Reading(f"rewritten ({round(similarity(old, new) * 100)}% alike)")


def describe(field: str, kind: str, old: str, new: str, *, unit: str = "",
             row_units: tuple[str, str] = ("", "")) -> Reading:
    """Read a change of `field` from `old` to `new` (published text) for people and machines.

    `unit` is the column's unit from the schema; `row_units` the rows' own unit column in the
    old and new edition: a number whose printed unit changed gets no delta, since 5 百万円 and
    5 ％ are not on one scale.
    """
    if kind == NUMBER:
        old_unit, new_unit = row_units
        if not unit and old_unit != new_unit and old.strip() and new.strip():
            return Reading(f"{old.strip()}{old_unit} → {new.strip()}{new_unit} (unit changed)")
        return _numbers(field, old, new, unit, new_unit)
    if kind == BOOL:
        return _flags(field, old, new)
    reading = _texts(old, new)
    old_unit, new_unit = row_units
    if new_unit and old_unit == new_unit and _is_number(old) and _is_number(new):
        # A printed number with its unit beside it (value 2.875, unit ％): read it as one.
        number = _numbers(field, old, new, "", new_unit)
        return Reading(f"{reading.description}, {number.description}", number.delta,
                       number.delta_unit, number.delta_pct)
    return reading


def _is_number(text: str) -> bool:
    return read_number(text) is not None
