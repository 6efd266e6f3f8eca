"""Unit-aware reading of one changed field: rates in points, amounts in yen and percent, terms
in months, marks and flags spelled out."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pipeline.core.lang import Words, words
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


# Reading the numbers (above) and wording them for people (below, from the word catalogue of
# pipeline/core/lang) are kept apart.

def _amount(old: float, new: float, unit: str, label: str, places: int, say: Words) -> Reading:
    delta = new - old
    rel = _relative(old, new)
    text = say("diff.amount", delta=_signed(f"{abs(delta):,.{places}f}", delta), unit=label)
    if rel:
        text += say("diff.relative", pct=_signed(f"{abs(float(rel)):.1f}%", float(rel)))
    return Reading(text, plain(delta), unit, rel)


def _points(delta: float, say: Words) -> Reading:
    return Reading(say("diff.points", delta=_signed(f"{abs(delta):.3f}", delta)), plain(delta),
                   "pt")


def _months(months: float, say: Words) -> Reading:
    return Reading(say("diff.months", delta=_signed(plain(abs(months)), months)), plain(months),
                   "months")


def _numbers(field: str, old_text: str, new_text: str, unit: str, row_unit: str,
             say: Words) -> Reading:
    old, new = to_number(old_text), to_number(new_text)
    if old is None or new is None:
        return _filled(old_text, new_text, say)
    delta = new - old
    if unit in PERCENT_UNITS or (not unit and row_unit in PERCENT_UNITS):
        return _points(delta, say)
    if unit in YEN_UNITS:
        return _amount(old, new, "yen", say("diff.yen"), 0, say)
    if unit in MONTH_UNITS or (not unit and row_unit in MONTH_UNITS):
        return _months(delta, say)
    if not unit and row_unit in YEN_PER_UNIT:
        return _amount(old, new, row_unit, row_unit, _decimals(old_text, new_text), say)
    if not unit and row_unit in MONTHS_PER_UNIT:
        return _months(delta * MONTHS_PER_UNIT[row_unit], say)
    label = f" {unit or row_unit}".rstrip()
    return Reading(_signed(f"{plain(abs(delta))}{label}", delta), plain(delta), unit or row_unit,
                   _relative(old, new))


def _flag_word(field: str) -> str:
    return field.removeprefix("is_")


def _said(say: Words, word: str, change: str, **values: object) -> str:
    """The catalogue's words for `change` of a flag or mark meaning `word` (offered,
    required), else its generic words naming `word`."""
    key = f"diff.{word}.{change}"
    if say.has(key):
        return say(key, **values)
    return say(f"diff.flag.{change}", word=word.replace("_", " "), **values)


def _flags(field: str, old_text: str, new_text: str, say: Words) -> Reading:
    word = _flag_word(field)
    old, new = to_bool(old_text), to_bool(new_text)
    if old is True and new is False:
        return Reading(_said(say, word, "lost"))
    if old is False and new is True:
        return Reading(_said(say, word, "gained"))
    if old is None:
        return Reading(_said(say, word, "now" if new else "now_not"))
    return Reading(_said(say, word, "unstated" if old else "unstated_not"))


def _marks(old: str, new: str, say: Words) -> Reading | None:
    if old in MARKS and new in MARKS and MARKS[old][0] == MARKS[new][0]:
        word, now = MARKS[new]
        return Reading(_said(say, word, "gained_mark" if now else "lost_mark", old=old, new=new))
    if old in MARKS and new in MARKS:
        return Reading(say("diff.changed_to", old=old, new=new))
    if old in MARKS and not new:
        return Reading(say("diff.mark_removed", old=old))
    if new in MARKS and not old:
        word, now = MARKS[new]
        return Reading(_said(say, word, "marked" if now else "marked_not", new=new))
    return None


def _filled(old: str, new: str, say: Words) -> Reading:
    if not old.strip():
        return Reading(say("diff.now", new=new) if len(new) <= SHORT_TEXT else
                       say("diff.now_given"))
    return Reading(say("diff.no_longer", old=old) if len(old) <= SHORT_TEXT else
                   say("diff.no_longer_given"))


def similarity(old: str, new: str) -> float:
    """How alike two texts are (0..1), ignoring whitespace."""
    return difflib.SequenceMatcher(None, squeeze(old), squeeze(new), autojunk=False).ratio()


def _texts(old: str, new: str, say: Words) -> Reading:
    old, new = old.strip(), new.strip()
    if marks := _marks(old, new, say):
        return marks
    if not old or not new:
        return _filled(old, new, say)
    if len(old) <= SHORT_TEXT and len(new) <= SHORT_TEXT:
        return Reading(say("diff.changed_to", old=old, new=new))
    return Reading(say("diff.rewritten", pct=round(similarity(old, new) * 100)))


def describe(field: str, kind: str, old: str, new: str, *, unit: str = "",
             row_units: tuple[str, str] = ("", ""), say: Words | None = None) -> Reading:
    """Read a change of `field` from `old` to `new` (published text) for people and machines,
    in the words of `say` (Japanese by default).

    `unit` is the column's unit from the schema; `row_units` the rows' own unit column in the
    old and new edition: a number whose printed unit changed gets no delta, since 5 百万円 and
    5 ％ are not on one scale.
    """
    say = say or words()
    if kind == NUMBER:
        old_unit, new_unit = row_units
        if not unit and old_unit != new_unit and old.strip() and new.strip():
            return Reading(say("diff.unit_changed", old=f"{old.strip()}{old_unit}",
                               new=f"{new.strip()}{new_unit}"))
        return _numbers(field, old, new, unit, new_unit, say)
    if kind == BOOL:
        return _flags(field, old, new, say)
    reading = _texts(old, new, say)
    old_unit, new_unit = row_units
    if new_unit and old_unit == new_unit and _is_number(old) and _is_number(new):
        # A printed number with its unit beside it (value 2.875, unit ％): read it as one.
        number = _numbers(field, old, new, "", new_unit, say)
        return Reading(say("diff.and", first=reading.description, then=number.description),
                       number.delta, number.delta_unit, number.delta_pct)
    return reading


def _is_number(text: str) -> bool:
    return read_number(text) is not None
