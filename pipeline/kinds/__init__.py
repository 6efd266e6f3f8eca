"""The document kinds the pipeline reads, one package each, and the registry that finds them.

A kind is a package holding everything known about one kind of document, one module (or
sub-package) per stage it takes part in, each importing only its own stage and those before it.
`PARTS` below is that contract: each part's module name, its stage, whether every kind has one,
and the Protocol it satisfies (declared by the stage that reads it, where its types live;
tests/kinds/test_contract.py checks every registered kind against them):

    __init__.py   KIND: its name, title and publisher (light: no imports)
    identify.py   extract: `identify(page) -> int` (how sure a first page is this kind, 0: not),
                  `VOCABULARY` (the labels its pages print, for OCR)
    clean/        clean: `clean(artifact) -> dict`, extract artifact → records per dataset
    corrections.py  corrections: `CORRECTABLE`, per dataset the printed columns a reviewer may
                  correct (corrections.csv) and how its typed columns follow (optional: a
                  dataset without one cannot be corrected)
    datasets.py   validate: `DATASETS`, each naming its pandera schema (in schemas/)
    database.py   database: `VIEWS` over its tables (optional)
    report.py     report: `sections(published) -> list[Section]` (optional; else a plain table)

A stage looks a part up with `kind.part(X_PART)`, importing the constant from here: that import
is how pipeline/build_deps.py and the import rule (tests/test_imports.py) see the stage reach
into every kind's module.

Adding a kind is its package, its schema module(s) and one line in BUILTIN; a kind that lives
elsewhere (a plugin, a test) is added with `register("package.name")` or the environment
variable PIPELINE_KINDS (comma-separated packages).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass, replace
from types import ModuleType

BUILTIN: tuple[str, ...] = (
    "pipeline.kinds.npo_loan",
    "pipeline.kinds.business_plan",
)
ENVIRONMENT = "PIPELINE_KINDS"
_registered: list[str] = []


@dataclass(frozen=True)
class Part:
    """A module a kind package may hold: its name in the package, the stage whose room it sits
    in, whether every kind must have one, and its contract (`module:Protocol`, the names and
    types it defines, declared by the stage that reads it)."""

    module: str
    stage: str
    contract: str
    required: bool = False


IDENTIFY_PART = Part("identify", "extract", "pipeline.extract.identify:IdentifyModule",
                     required=True)
CLEAN_PART = Part("clean", "clean", "pipeline.clean.run:CleanModule", required=True)
CORRECTIONS_PART = Part("corrections", "corrections",
                        "pipeline.corrections.correctable:CorrectionsModule")
DATASETS_PART = Part("datasets", "validate", "pipeline.validate.datasets:DatasetsModule",
                     required=True)
DATABASE_PART = Part("database", "database", "pipeline.database.views:DatabaseModule")
REPORT_PART = Part("report", "report", "pipeline.report.build:ReportModule")
PARTS: tuple[Part, ...] = (IDENTIFY_PART, CLEAN_PART, CORRECTIONS_PART, DATASETS_PART,
                           DATABASE_PART, REPORT_PART)


@dataclass(frozen=True)
class Kind:
    """What a kind package declares about itself (its datasets are its datasets.py's)."""

    name: str
    title: str
    package: str = ""
    # Who publishes documents of this kind (named in datapackage.json's sources and contributors).
    publisher: str = ""

    def part(self, part: Part) -> ModuleType | None:
        """The kind's module for `part`, if it has one."""
        if not isinstance(part, Part):
            raise TypeError(f"look a kind's part up by its Part (IDENTIFY_PART …), not {part!r}")
        name = f"{self.package}.{part.module}"
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
        found.append(replace(declared, package=package))
    return found


def kind(name: str) -> Kind:
    """The registered kind called `name`; KeyError if there is none."""
    for candidate in kinds():
        if candidate.name == name:
            return candidate
    raise KeyError(name)
