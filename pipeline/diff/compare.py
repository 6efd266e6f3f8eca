"""Compare two editions of one dataset into a sorted table of field changes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.core.grid import cell_position
from pipeline.core.lang import DEFAULT, Words, words
from pipeline.core.text import squeeze
from pipeline.corrections.reasons import parse_reasons
from pipeline.diff.align import Pair, align_keys, align_outline
from pipeline.diff.describe import describe
from pipeline.diff.normalise import comparable, edition_year
from pipeline.diff.spec import OUTLINE_PATH, OUTLINE_TEXT, TEXT, DiffSpec

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
CHANGE_COLUMNS = ["field", "change", "old", "new", "delta", "delta_unit", "delta_pct",
                  "description"]
UNIT_COLUMN = "unit"
ENTRY = "_entry"  # which matched pair a row belongs to; reports group by it, the CSV omits it
# Why a reviewer corrected the new value (corrections.csv), for the pages' ✎; the CSV omits it.
REASON = "_corrected"


@dataclass
class DatasetDiff:
    """The changes between two editions of a dataset, one row per changed field."""

    spec: DiffSpec
    old_edition: str
    new_edition: str
    changes: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)
    # Outline datasets: what each path heads ("３． 個別施策"), to title report sections.
    headings: dict[str, str] = field(default_factory=dict)
    # The language of the descriptions, and of the pages made from them (ja, en).
    lang: str = DEFAULT

    @property
    def words(self) -> Words:
        return words(self.lang)

    @property
    def title(self) -> str:
        """The dataset's title in the diff's language (its registered title if none)."""
        key = f"dataset.{self.spec.name}"
        return self.words(key) if self.words.has(key) else self.spec.title

    @property
    def identical(self) -> bool:
        return self.changes.empty

    def entities(self, change: str) -> list[str]:
        """The entities (banks) the new edition gained (ADDED) or lost (REMOVED) as a whole."""
        entity = self.spec.entity
        if not entity or self.changes.empty:
            return []
        rows = self.changes[(self.changes["field"] == entity) & (self.changes["change"] == change)]
        return list(rows[entity])

    @property
    def columns(self) -> list[str]:
        return list(self.spec.identity) + CHANGE_COLUMNS


def _years(old_edition: str, new_edition: str) -> tuple[str, str]:
    """The editions' own years, when they differ (else nothing to read alike)."""
    years = edition_year(old_edition), edition_year(new_edition)
    return years if years[0] != years[1] else ("", "")


def _pairs(spec: DiffSpec, old: pd.DataFrame, new: pd.DataFrame,
           years: tuple[str, str]) -> list[Pair]:
    if spec.outline:
        def rows(frame: pd.DataFrame, year: str) -> list[tuple[str, str]]:
            return [(squeeze(p), squeeze(t), str(comparable(TEXT, t, year)))
                    for p, t in zip(frame[OUTLINE_PATH], frame[OUTLINE_TEXT], strict=True)]
        return align_outline(rows(old, years[0]), rows(new, years[1]))

    def keys(frame: pd.DataFrame) -> list[tuple[str, ...]]:
        return [tuple(squeeze(v) for v in row)
                for row in frame[list(spec.identity)].itertuples(index=False)]
    return align_keys(keys(old), keys(new), spec.name)


def _same(kind: str, before: str, after: str, years: tuple[str, str]) -> bool:
    """Equal as printed, or equal once each edition's own year is read alike."""
    if comparable(kind, before) == comparable(kind, after):
        return True
    return bool(years[0]) and comparable(kind, before, years[0]) == comparable(kind, after,
                                                                              years[1])


def _row_unit(spec: DiffSpec, row: pd.Series | None) -> str:
    if row is None or UNIT_COLUMN not in row.index:
        return ""
    return row[UNIT_COLUMN].strip()


def corrections(spec: DiffSpec, row: pd.Series | None) -> dict[str, str]:
    """Field → the reason a reviewer corrected it in `row` (corrections.csv): its printed
    fields by name, and every typed field read from them."""
    if row is None or not spec.corrected or spec.corrected not in row.index:
        return {}
    reasons = parse_reasons(row[spec.corrected], spec.printed)
    if not reasons:
        return {}
    every = "; ".join(dict.fromkeys(reasons.values()))
    return {**dict.fromkeys(spec.typed, every), **reasons}


def _field_rows(spec: DiffSpec, old: pd.Series | None, new: pd.Series | None,
                years: tuple[str, str], say: Words) -> list[dict]:
    rows = []
    units = (_row_unit(spec, old), _row_unit(spec, new))
    corrected = corrections(spec, new)
    for name in spec.fields:
        kind = spec.kinds[name]
        before = "" if old is None else old[name]
        after = "" if new is None else new[name]
        if old is not None and new is not None:
            if _same(kind, before, after, years):
                continue
            change = CHANGED
        elif not (before or after).strip():
            continue
        else:
            change = ADDED if old is None else REMOVED
        reading = describe(name, kind, before, after, unit=spec.units.get(name, ""),
                           row_units=units, say=say)
        if change != CHANGED:
            reading = type(reading)(description=say(f"diff.{change}"))
        description = reading.description
        reason = corrected.get(name, "") if change != REMOVED else ""
        if reason:
            description += say("diff.corrected", reason=reason)
        rows.append({"field": name, "change": change, "old": before, "new": after,
                     "delta": reading.delta, "delta_unit": reading.delta_unit,
                     "delta_pct": reading.delta_pct, "description": description,
                     REASON: reason})
    return rows


def _number(text: object) -> float:
    try:
        return float(str(text))
    except ValueError:
        return float("inf")


def _printed_at(spec: DiffSpec, row: pd.Series) -> tuple:
    """Where the edition prints `row`: its position columns (bank_position, row_position),
    else its page and grid cell; () when it says neither."""
    if spec.positions:
        return tuple(_number(row[c]) for c in spec.positions if c in row.index)
    if "source_page" in row.index:
        return (_number(row["source_page"]), *cell_position(row.get("source_cell", "")))
    return ()


def _order(spec: DiffSpec, old: pd.Series | None, new: pd.Series | None,
           old_pos: int | None, new_pos: int | None, entities: dict[str, float]) -> tuple:
    """Sort key: outline rows in reading order of the new edition; keyed rows as the table
    prints them (its entity, a bank, where the new edition prints it, else the old; then the
    row's printed position), then by key."""
    if spec.outline:
        return (new_pos if new_pos is not None else old_pos, 0 if new_pos is not None else 1)
    row = new if new is not None else old
    entity = entities.get(row[spec.entity], float("inf")) if spec.entity else 0.0
    return (entity, _printed_at(spec, row), *(row[c] for c in spec.identity))


def _entity_ranks(spec: DiffSpec, old: pd.DataFrame, new: pd.DataFrame) -> dict[str, float]:
    """Each entity's (bank's) place: where the new edition prints it, then the old edition's
    others after them, as the old one prints them."""
    if not spec.entity:
        return {}
    ranks: dict[str, float] = {}
    for frame in (new, old):
        for name in _in_order(spec, frame, set(frame[spec.entity])):
            ranks.setdefault(name, len(ranks))
    return ranks


def _in_order(spec: DiffSpec, frame: pd.DataFrame, names: set[str]) -> list[str]:
    """`names` as the edition prints them (by the entity's position column, else by page and
    cell), else sorted."""
    rows = frame[frame[spec.entity].isin(names)]
    if spec.entity_order and spec.entity_order in rows:
        rows = rows.assign(_at=pd.to_numeric(rows[spec.entity_order], errors="coerce"))
        rows = rows.sort_values(["_at", spec.entity], kind="stable")
        return list(dict.fromkeys(rows[spec.entity]))
    if "source_page" in rows and len(rows):
        first: dict[str, tuple] = {}
        for name, page, cell in zip(rows[spec.entity], rows["source_page"],
                                    rows.get("source_cell", pd.Series("", index=rows.index)),
                                    strict=True):
            at = (_number(page), *cell_position(cell)[::-1], name)
            first[name] = min(first.get(name, at), at)
        return sorted(first, key=first.__getitem__)
    return sorted(names)


def _entity_entries(spec: DiffSpec, old: pd.DataFrame, new: pd.DataFrame,
                    say: Words) -> list[tuple]:
    """One entry per entity (bank) only one edition has: it appeared or disappeared."""
    if not spec.entity:
        return []
    before, after = set(old[spec.entity]), set(new[spec.entity])
    entries = []
    for change, frame, names in ((REMOVED, old, before - after), (ADDED, new, after - before)):
        for n, name in enumerate(_in_order(spec, frame, names)):
            record = {c: "" for c in spec.identity} | {
                spec.entity: name, "field": spec.entity, "change": change,
                "old": name if change == REMOVED else "", "new": name if change == ADDED else "",
                "delta": "", "delta_unit": "", "delta_pct": "", REASON: "",
                "description": say(f"diff.entity_{change}", entity=spec.entity)}
            entries.append(((0, change, n), 0, record))
    return entries


def compare_editions(spec: DiffSpec, old: pd.DataFrame, new: pd.DataFrame,
                     old_edition: str, new_edition: str, lang: str = DEFAULT) -> DatasetDiff:
    """Every added, removed and changed row of `new` against `old`, as field changes described
    in language `lang`; an entity (bank) only one edition has is one change of its own, not one
    per row. Changes come in the order the tables print their rows (banks as printed)."""
    say = words(lang)
    ranks = _entity_ranks(spec, old, new)
    entries = _entity_entries(spec, old, new, say)
    if entries:
        gone = {e[2][spec.entity] for e in entries}
        old, new = old[~old[spec.entity].isin(gone)], new[~new[spec.entity].isin(gone)]
    old = old.reset_index(drop=True)
    new = new.reset_index(drop=True)
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0}
    years = _years(old_edition, new_edition)
    for i, j in _pairs(spec, old, new, years):
        before = None if i is None else old.iloc[i]
        after = None if j is None else new.iloc[j]
        rows = _field_rows(spec, before, after, years, say)
        if not rows:
            continue
        counts[rows[0]["change"]] += 1
        where = after if after is not None else before
        identity = {c: where[c] for c in spec.identity}
        order = (1, *_order(spec, before, after, i, j, ranks))
        field_rank = {name: k for k, name in enumerate(spec.fields)}
        entries += [(order, field_rank[r["field"]], {**identity, **r}) for r in rows]
    entries.sort(key=lambda e: (e[0], e[1]))
    records = [e[2] for e in entries]
    frame = pd.DataFrame(records, columns=[*spec.identity, *CHANGE_COLUMNS, REASON],
                         dtype=object)
    frame = frame.fillna("")
    # Number the entries in output order: consecutive rows of one pair share a number.
    numbers, previous = [], None
    for order, _, _ in entries:
        numbers.append(len(numbers) and numbers[-1] + (order != previous))
        previous = order
    frame[ENTRY] = pd.Series(numbers, dtype="int64")
    headings = {}
    if spec.outline:
        for part in (old, new):
            cols = [OUTLINE_PATH, "number", OUTLINE_TEXT] if "number" in part else [
                OUTLINE_PATH, OUTLINE_TEXT]
            for values in part[cols].itertuples(index=False):
                headings[values[0]] = " ".join(v for v in values[1:] if v)
    return DatasetDiff(spec, old_edition, new_edition, frame, counts, headings, say.lang)
