"""Apply corrections to the clean records of every dataset, before they are validated.

Every line is checked before any is applied, in file order, and the first that cannot be
applied stops the build with one line naming it: an unknown dataset, edition, key or field, a
`printed` text that is no longer what the PDF says (a new edition, a fixed extraction: the
correction is stale), a value corrected twice, a correction that changes nothing or gives no
reason. Texts are compared as the diff compares them: folded, whitespace ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.text import squeeze
from pipeline.corrections.correctable import Correctable, correctable
from pipeline.corrections.reasons import CORRECTED, format_reasons
from pipeline.corrections.table import KEY_SEPARATOR, Correction

Record = dict[str, Any]


@dataclass(frozen=True)
class Layout:
    """How a dataset's rows are found: its edition column and the rest of its primary key."""

    edition: str
    key: tuple[str, ...]


@dataclass
class _Pending:
    row: Record
    changes: dict[str, Correction] = field(default_factory=dict)


def _shown(text: str) -> str:
    return repr(" ".join(text.split())[:80])


def _index(rows: list[Record], layout: Layout) -> dict[tuple[str, tuple[str, ...]], Record]:
    return {(str(row[layout.edition]), tuple(squeeze(str(row[c])) for c in layout.key)): row
            for row in rows}


def _target(fix: Correction, records: Mapping[str, list[Record]],
            layouts: Mapping[str, Layout], rules: Mapping[str, Correctable],
            indexes: dict[str, dict]) -> tuple[Record, Correctable]:
    """The row `fix` corrects and its dataset's rules; PipelineError naming the line if none."""
    if fix.dataset not in layouts:
        raise fix.error(f"unknown dataset {fix.dataset!r} (known: {', '.join(sorted(layouts))})")
    if fix.dataset not in rules:
        raise fix.error(f"{fix.dataset} cannot be corrected: its kind has no corrections.py")
    layout, rule = layouts[fix.dataset], rules[fix.dataset]
    rows = records.get(fix.dataset, [])
    editions = sorted({str(row[layout.edition]) for row in rows})
    if fix.edition not in editions:
        have = f"editions in this build: {', '.join(editions)}" if editions else "no edition"
        raise fix.error(f"{fix.dataset} has no edition {layout.edition}={fix.edition!r} ({have})")
    named = KEY_SEPARATOR.join(layout.key)
    if len(fix.key_parts) != len(layout.key):
        raise fix.error(f"key {fix.key!r} has {len(fix.key_parts)} part(s); {fix.dataset}'s has "
                        f"{len(layout.key)}: {named} (an empty part stays between its |)")
    index = indexes.setdefault(fix.dataset, _index(rows, layout))
    row = index.get((fix.edition, tuple(squeeze(p) for p in fix.key_parts)))
    if row is None:
        raise fix.error(f"{fix.dataset} {fix.edition} has no row with key {fix.key!r} ({named})")
    if fix.field not in rule.printed:
        what = ("is read from the printed text" if fix.field in rule.typed
                else "is no printed column" if fix.field in row else "is no column")
        raise fix.error(f"field {fix.field!r} {what}: a correction sets one of "
                        f"{', '.join(rule.printed)}")
    return row, rule


def _check(fix: Correction, row: Record) -> None:
    """The line's texts: the PDF still prints `printed`, `corrected` differs, a reason given."""
    now = str(row[fix.field])
    if squeeze(now) != squeeze(fix.printed):
        raise fix.error(
            f"stale: printed {_shown(fix.printed)} is not what the PDF says at {fix.dataset} "
            f"{fix.edition} {fix.key} {fix.field} (it says {_shown(now)}: a new edition or a "
            "fixed extraction); check the PDF, then update or remove the line")
    if squeeze(fix.corrected) == squeeze(fix.printed):
        raise fix.error("corrected is what the PDF prints: the line changes nothing")
    if not fix.reason:
        raise fix.error("no reason: say why the PDF is wrong (the corrected column shows it)")


def apply_corrections(records: Mapping[str, list[Record]], fixes: list[Correction],
                      layouts: Mapping[str, Layout]) -> list[Correction]:
    """Apply `fixes` to `records` (dataset → clean records, changed in place) and return them.

    `layouts` names every registered dataset's edition column and key. Corrected rows get
    their printed fields set, their typed columns recomputed by the kind, and `corrected` set
    to the reasons; nothing is changed unless every line can be applied.
    """
    rules = correctable()
    indexes: dict[str, dict] = {}
    pending: dict[int, _Pending] = {}
    seen: dict[tuple[str, str, int, str], Correction] = {}
    for fix in fixes:
        row, _ = _target(fix, records, layouts, rules, indexes)
        where = (fix.dataset, fix.edition, id(row), fix.field)
        if where in seen:
            raise fix.error(f"corrects the same value as line {seen[where].line}")
        seen[where] = fix
        _check(fix, row)
        pending.setdefault(id(row), _Pending(row)).changes[fix.field] = fix
    updates = []
    for item in pending.values():
        first = min(item.changes.values(), key=lambda fix: fix.line)
        rule = rules[first.dataset]
        changed = dict(item.row)
        for name, fix in item.changes.items():
            changed[name] = rule.tidy(name, fix.corrected)
        try:
            changed.update(rule.retype(changed))
        except PipelineError as exc:
            raise first.error(f"corrected {first.key} {', '.join(item.changes)}: "
                              f"{exc.message}") from None
        reasons = {name: fix.reason for name, fix in item.changes.items()}
        changed[CORRECTED] = format_reasons(reasons, rule.printed)
        updates.append((item.row, changed))
    for row, changed in updates:
        row.update(changed)
    return list(fixes)
