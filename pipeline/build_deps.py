"""Which source files each stage of `make all` runs, derived from the imports themselves.

The Makefile includes what `python -m pipeline.build_deps` prints (EXTRACT_CODE := …), so a stage is
re-run whenever any module it imports changes: its own package, the shared core, the schemas and
reference data it reads, and every registered kind's module for each part the stage looks up
(`from pipeline.kinds import DATABASE_PART` reaches every kind's database.py through the
registry). Imports are read from the source (at any depth: the stages import lazily inside
functions), never executed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline import kinds as registry
from pipeline.kinds import Part, kinds

ROOTS = ("pipeline", "schemas")
# Modules every stage command runs through, whatever the stage: their own files count, not what
# they import (the command line imports every stage, each only when its command runs).
COMMAND = ("pipeline.__init__", "pipeline.__main__", "pipeline.cli", "pipeline.run",
           "pipeline.progress")
# Per stage: its entry modules (the kinds' parts it uses follow from what they look up).
STAGES: dict[str, tuple[str, ...]] = {
    "extract": ("pipeline.extract.document", "pipeline.core.artifact"),
    "clean": ("pipeline.clean.run", "pipeline.core.artifact"),
    "publish": ("pipeline.corrections.apply", "pipeline.corrections.table",
                "pipeline.validate.check", "pipeline.validate.frames", "pipeline.publish.write"),
    "database": ("pipeline.database.build",),
    "report": ("pipeline.report.build",),
    "workbook": ("pipeline.publish.workbook",),
    "review": ("pipeline.review.build",),
    "crosscheck": ("pipeline.crosscheck.run",),
}


# The folder holding the packages in ROOTS; modules are found there by name, never imported.
SOURCE = Path(__file__).resolve().parents[1]


def source_file(module: str) -> Path | None:
    """The source file of `module`, if it is one of ours."""
    if module.split(".")[0] not in ROOTS:
        return None
    base = SOURCE.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imports_of(path: Path, module: str) -> set[str]:
    """Every module `path` imports, at any depth of the code (relative imports resolved)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def registry_edges(names: set[str]) -> set[str]:
    """Every registered kind's module for each part named among `names` (as `imports_of`
    gives `from pipeline.kinds import DATABASE_PART`: pipeline.kinds.DATABASE_PART)."""
    parts = {f"{registry.__name__}.{name}": value for name, value in vars(registry).items()
             if isinstance(value, Part)}
    return {f"{kind.package}.{parts[name].module}" for name in names if name in parts
            for kind in kinds()}


def uses(path: Path, module: str) -> set[str]:
    """Every module `path` imports, and every kind's module it looks up through the registry."""
    found = imports_of(path, module)
    return found | registry_edges(found)


def closure(entries: list[str]) -> set[Path]:
    """The source files of `entries` and of everything of ours they import, with the
    `__init__.py` of every package on the way."""
    seen: set[str] = set()
    files: set[Path] = set()
    todo = list(entries)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parts = module.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        path = source_file(module)
        if path is None:
            continue
        files.add(path)
        todo += sorted(uses(path, module) - seen)
    return files


def stage_files(stage: str) -> list[Path]:
    """Every source file the stage's command runs, sorted."""
    modules = list(STAGES[stage])
    commands = {path for module in COMMAND if (path := source_file(module))}
    return sorted(closure(modules) | commands)


def make_variables(root: Path) -> str:
    """`STAGE_CODE := files…` lines for the Makefile, paths relative to `root`."""
    lines = []
    for stage in STAGES:
        files = " ".join(str(p.resolve().relative_to(root.resolve())) for p in stage_files(stage))
        lines.append(f"{stage.upper()}_CODE := {files}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(make_variables(SOURCE), end="")
