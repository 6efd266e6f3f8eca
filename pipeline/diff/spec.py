"""How a dataset is compared, read from the DATASETS registry and its schema.

Rows are matched across editions by the primary key without the edition column. A dataset whose
remaining key is a single integer column is keyed by reading order (a sequence number), which is
no identity at all: its rows are matched by outline `path` and text instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.errors import PipelineError
from pipeline.corrections.correctable import correctable
from pipeline.validate.datasets import Dataset

TEXT, NUMBER, BOOL = "text", "number", "bool"
OUTLINE_PATH, OUTLINE_TEXT = "path", "text"


@dataclass(frozen=True)
class DiffSpec:
    """What identifies a row across editions and which columns are compared, with their kinds."""

    name: str
    title: str
    edition: str
    identity: tuple[str, ...]
    fields: tuple[str, ...]
    kinds: dict[str, str]
    units: dict[str, str]
    outline: bool = False
    # Columns a row carries that are never compared: provenance, reading order, `corrected`.
    ignored: tuple[str, ...] = ()
    # What editions gain or lose as a whole (a bank), reported in one line; and the column
    # giving its printed order, if any.
    entity: str = ""
    entity_order: str = ""
    # The columns saying where the table prints a row (bank_position, row_position): changes
    # are listed in that order, as a person reads the table.
    positions: tuple[str, ...] = ()
    # The column saying a row was corrected (corrections.csv), the printed columns a correction
    # sets and the typed ones read from them: a change they made names its reason.
    corrected: str = ""
    printed: tuple[str, ...] = ()
    typed: tuple[str, ...] = ()


def _kind(dtype: str) -> str:
    lowered = dtype.lower()
    if lowered.startswith("bool"):
        return BOOL
    if lowered.startswith(("int", "float", "uint")):
        return NUMBER
    return TEXT


def spec_for(dataset: Dataset) -> DiffSpec:
    """The comparison rules of a registered dataset."""
    columns = dataset.schema.to_schema().columns
    kinds = {name: _kind(str(col.dtype)) for name, col in columns.items()}
    units = {name: (col.metadata or {}).get("unit", "") for name, col in columns.items()}
    key = [c for c in dataset.key if c != dataset.edition]
    # Whether a row was corrected is no change of what it says: a change names it instead.
    ignored = [*dataset.provenance, *dataset.positions, *dataset.corrections]
    outline = len(key) == 1 and kinds[key[0]] == NUMBER
    if outline:
        if OUTLINE_PATH not in columns or OUTLINE_TEXT not in columns:
            raise PipelineError(f"{dataset.name}: rows are keyed by reading order ({key[0]}) "
                                f"and have no {OUTLINE_PATH}/{OUTLINE_TEXT} to match them by")
        ignored.append(key[0])
        identity: tuple[str, ...] = (OUTLINE_PATH,)
    else:
        identity = tuple(key)
    skip = {dataset.edition, *ignored} | (set() if outline else set(identity))
    fields = tuple(c for c in columns if c not in skip)
    rule = correctable().get(dataset.name)
    return DiffSpec(
        name=dataset.name, title=dataset.title, edition=dataset.edition, identity=identity,
        fields=fields, kinds={f: kinds[f] for f in fields},
        units={f: units[f] for f in fields if units[f]}, outline=outline, ignored=tuple(ignored),
        entity=dataset.entity if dataset.entity in identity else "",
        entity_order=next((c for c in dataset.positions if c.startswith(dataset.entity)), "")
        if dataset.entity else "",
        positions=tuple(dataset.positions),
        corrected=next(iter(dataset.corrections), ""),
        printed=rule.printed if rule else (), typed=rule.typed if rule else (),
    )
