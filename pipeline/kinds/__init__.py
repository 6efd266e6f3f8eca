"""The document kinds the pipeline reads, one package each, and the registry that finds them.

A kind is a package holding everything known about one kind of document, one module (or
sub-package) per stage it takes part in, each importing only its own stage and those before it:

    __init__.py   KIND: its name, title and the datasets it publishes (light: no imports)
    identify.py   extract: does a first page look like this kind?  `identify(page) -> bool`
    clean/        clean: extract artifact → records per dataset     `clean(artifact) -> dict`
    corrections.py  corrections: `CORRECTABLE`, per dataset the printed columns a reviewer may
                  correct (corrections.csv) and how its typed columns follow (optional: a
                  dataset without one cannot be corrected)
    datasets.py   validate: `DATASETS`, each naming its pandera schema (in schemas/)
    database.py   database: `VIEWS` over its tables (optional)
    report.py     report: `sections(published) -> list[Section]` (optional; else a plain table)

Adding a kind is its package, its schema module(s) and one line in BUILTIN; a kind that lives
elsewhere (a plugin, a test) is added with `register("package.name")` or the environment
variable PIPELINE_KINDS (comma-separated packages).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from types import ModuleType

BUILTIN: tuple[str, ...] = (
    "pipeline.kinds.npo_loan",
    "pipeline.kinds.business_plan",
)
ENVIRONMENT = "PIPELINE_KINDS"
_registered: list[str] = []


@dataclass(frozen=True)
class Kind:
    """What a kind package declares about itself."""

    name: str
    title: str
    datasets: tuple[str, ...]
    package: str = ""
    # Who publishes documents of this kind (named in datapackage.json's sources and contributors).
    publisher: str = ""

    def part(self, stage: str) -> ModuleType | None:
        """The kind's module for `stage` (identify, clean, corrections, datasets, database,
        report), if any."""
        name = f"{self.package}.{stage}"
        if importlib.util.find_spec(name) is None:
            return None
        return importlib.import_module(name)


def register(package: str) -> None:
    """Add the kind in `package` (its __init__ defines KIND) to the registry."""
    if package not in _registered:
        _registered.append(package)


def unregister(package: str) -> None:
    """Remove a kind added with `register`."""
    if package in _registered:
        _registered.remove(package)


def packages() -> tuple[str, ...]:
    """Every kind package: the built-in ones, then PIPELINE_KINDS, then registered ones."""
    extra = [p.strip() for p in os.environ.get(ENVIRONMENT, "").split(",") if p.strip()]
    return tuple(dict.fromkeys([*BUILTIN, *extra, *_registered]))


def kinds() -> list[Kind]:
    """Every registered kind, in registry order."""
    found = []
    for package in packages():
        declared: Kind = importlib.import_module(package).KIND
        found.append(Kind(declared.name, declared.title, declared.datasets, package,
                          declared.publisher))
    return found


def kind(name: str) -> Kind:
    """The registered kind called `name`; KeyError if there is none."""
    for candidate in kinds():
        if candidate.name == name:
            return candidate
    raise KeyError(name)
