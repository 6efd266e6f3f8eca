"""Imports go one way down the stages; no kind imports another; bench does not import tests.

The stages are rooms on floors: core (and the kind registry, reference data) at the bottom, then
extract, crosscheck, clean, corrections, validate (with the schemas), publish, then database,
report and diff side by side, docs and review (which reads what report and diff know) side by
side, and the command line on top. A module may import its own room or a lower floor, never a
higher floor or a sibling room; a kind's modules sit in the room of the stage they are named
after (identify → extract, clean/ → clean, corrections → corrections, datasets → validate,
database, report). A stage's look-up of a kind's part through the registry
(`kind.part(DATABASE_PART)`) counts as importing every kind's module for that part.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipeline import kinds as registry
from pipeline.build_deps import imports_of, registry_edges, source_file, uses
from tests.conftest import ROOT

KIND_PARTS = {part.module: part.stage for part in registry.PARTS}
FLOORS = {"core": 0, "registry": 0, "reference": 0, "extract": 1, "kind": 1, "crosscheck": 2,
          "clean": 3, "corrections": 4, "validate": 5, "publish": 6, "database": 7, "report": 7,
          "diff": 7, "docs": 8, "review": 8, "command": 9}
# Docs document the database's views: the one sideways look allowed.
ALLOWED_SIDEWAYS = {("docs", "database")}


def room(module: str) -> tuple[str, str | None] | None:
    """(room, kind) of one of our modules; None for anything else (libraries, tests)."""
    parts = module.split(".")
    if parts[0] == "schemas":
        return ("reference" if parts[1:2] == ["reference"] else "validate"), None
    if parts[0] != "pipeline" or len(parts) == 1:
        return ("command", None) if parts == ["pipeline"] else None
    stage = parts[1]
    if stage == "kinds":
        if len(parts) == 2:
            return "registry", None
        kind = parts[2]
        if len(parts) == 3:
            return "kind", kind
        return KIND_PARTS.get(parts[3], "kind"), kind
    return (stage, None) if stage in FLOORS else ("command", None)


def modules(folder: str) -> list[tuple[str, Path]]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def imported(path: Path, module: str) -> set[str]:
    """The modules `path` imports (names imported from a module count as that module), read
    the way the Makefile's dependencies are derived."""
    names = uses(path, module)
    return {name for name in names
            if name.split(".")[0] not in ("pipeline", "schemas") or source_file(name)}


def violations(module: str, names: set[str]) -> list[str]:
    here = room(module)
    if here is None:
        return []
    found = []
    for name in sorted(names):
        there = room(name)
        if there is None:
            continue
        if here[1] and there[1] and here[1] != there[1]:
            found.append(f"{module} imports {name}: one kind imports another")
        elif there[0] == here[0] or FLOORS[there[0]] < FLOORS[here[0]]:
            continue
        elif (here[0], there[0]) not in ALLOWED_SIDEWAYS:
            found.append(f"{module} ({here[0]}) imports {name} ({there[0]})")
    return found


def test_imports_go_one_way() -> None:
    problems = [line for module, path in modules("pipeline") + modules("schemas")
                for line in violations(module, imported(path, module))]
    assert problems == []


def test_every_part_is_looked_up_by_its_constant() -> None:
    """Every `kind.part(…)` call names a Part imported from pipeline.kinds, so the registry edge
    is seen (by the rule above and by build_deps); and every part has a reader."""
    constants = {name for name, value in vars(registry).items()
                 if isinstance(value, registry.Part)}
    problems, readers = [], set()
    for module, path in modules("pipeline"):
        tree = ast.parse(path.read_text("utf-8"))
        names = imports_of(path, module)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "part" and node.args):
                continue
            arg = node.args[0]
            if not (isinstance(arg, ast.Name) and arg.id in constants
                    and f"pipeline.kinds.{arg.id}" in names):
                problems.append(f"{module}:{node.lineno}: part({ast.unparse(arg)})")
            else:
                readers.add(arg.id)
    assert problems == []
    assert readers == constants


def test_bench_does_not_import_tests() -> None:
    problems = [f"{module} imports {name}" for module, path in modules("bench")
                for name in imported(path, module) if name.split(".")[0] == "tests"]
    assert problems == []


@pytest.mark.parametrize(
    ("module", "names", "expected"),
    [
        ("pipeline.clean.run", {"pipeline.publish.write"}, "(clean) imports pipeline.publish"),
        ("pipeline.report.build", {"pipeline.database.build"}, "(report) imports"),
        ("pipeline.kinds.npo_loan.clean.header", {"pipeline.kinds.business_plan.clean.figures"},
         "one kind imports another"),
        ("pipeline.kinds.npo_loan.identify", {"pipeline.kinds.npo_loan.clean.values"},
         "(extract) imports"),
    ],
)
def test_the_rule_catches_what_it_forbids(module: str, names: set[str], expected: str) -> None:
    assert any(expected in line for line in violations(module, names))


def test_a_part_looked_up_from_a_lower_stage_is_caught() -> None:
    # extract looking up the kinds' report.py would import the report stage, unseen by `import`.
    edges = registry_edges({"pipeline.kinds.REPORT_PART"})
    assert "pipeline.kinds.npo_loan.report" in edges
    assert any("(extract) imports pipeline.kinds.npo_loan.report (report)" in line
               for line in violations("pipeline.extract.identify", edges))
    assert violations("pipeline.report.build", edges) == []


def test_the_rule_allows_the_way_down() -> None:
    assert violations("pipeline.report.build",
                      {"pipeline.publish.read", "pipeline.core.text", "schemas.reference",
                       "pipeline.validate.datasets", "pipeline.kinds"}) == []
    assert violations("pipeline.kinds.npo_loan.report",
                      {"pipeline.core.html", "pipeline.kinds.npo_loan"}) == []
