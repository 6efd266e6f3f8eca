"""The one line a diff is summed up in: the entities (banks) gained and lost, then how many
rows and fields changed; in the diff's language, for its pages and the terminal."""

from __future__ import annotations

from pipeline.core.lang import Words
from pipeline.diff.compare import ADDED, REMOVED, DatasetDiff


def entity_name(diff: DatasetDiff, say: Words) -> str:
    """The entity column as people call it (金庫 for bank), else its name."""
    key = f"diff.entity.{diff.spec.entity}"
    return say(key) if say.has(key) else diff.spec.entity


def entity_line(diff: DatasetDiff, say: Words | None = None) -> str:
    """'金庫の追加: 中部労働金庫; 削除: 北陸労働金庫, 東海労働金庫' ('banks added: …; removed:
    …' in English), or '' when none."""
    say = say or diff.words
    added, removed = diff.entities(ADDED), diff.entities(REMOVED)
    entity = entity_name(diff, say)
    if added and removed:
        return say("diff.entities", entity=entity, added=", ".join(added),
                   removed=", ".join(removed))
    if added:
        return say("diff.entities_added", entity=entity, added=", ".join(added))
    if removed:
        return say("diff.entities_removed", entity=entity, removed=", ".join(removed))
    return ""


def summary_line(diff: DatasetDiff, say: Words | None = None) -> str:
    """The banks gained and lost first, then how many rows changed, were added and removed and
    how many fields changed; or that nothing did."""
    say = say or diff.words
    if diff.identical:
        return say("diff.no_changes")
    counts = diff.counts
    entities = entity_line(diff, say)
    fields = len(diff.changes) - len(diff.entities(ADDED)) - len(diff.entities(REMOVED))
    rows = say("diff.rows", changed=counts["changed"], added=counts["added"],
               removed=counts["removed"], fields=fields)
    return f"{entities}; {rows}" if entities else rows
