"""Which source files each stage of `make all` runs, derived from the imports themselves.

The Makefile includes what `python -m pipeline.build_deps` prints (EXTRACT_CODE := …), so a stage is
re-run whenever any module it imports changes: its own package, the shared core, the schemas and
reference data it reads, and every registered kind's module for that stage. Imports are read
from the source (at any depth: the stages import lazily inside functions), never executed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.kinds import kinds

ROOTS = ("pipeline", "schemas")
# Modules every stage command runs through, whatever the stage: their own files count, not what
# they import (the command line imports every stage, each only when its command runs).
COMMAND = ("pipeline.__init__", "pipeline.__main__", "pipeline.cli", "pipeline.run",
           "pipeline.progress")
# Per stage: its entry modules, and which part of every kind it uses.
STAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "extract": (("pipeline.extract.document", "pipeline.core.artifact"), ("identify",)),
    "clean": (("pipeline.clean.run", "pipeline.core.artifact"), ("clean",)),
    "publish": (("pipeline.corrections.apply", "pipeline.corrections.table",
                 "pipeline.validate.check", "pipeline.validate.frames", "pipeline.publish.write"),
                ("corrections", "datasets")),
    "database": (("pipeline.database.build",), ("datasets", "database")),
    "report": (("pipeline.report.build",), ("datasets", "report")),
    "workbook": (("pipeline.publish.workbook",), ("datasets",)),
    "review": (("pipeline.review.build",), ("corrections", "datasets")),
    "crosscheck": (("pipeline.crosscheck.run",), ("identify",)),
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
        todo += sorted(imports_of(path, module) - seen)
    return files


def stage_files(stage: str) -> list[Path]:
    """Every source file the stage's command runs, sorted."""
    entries, parts = STAGES[stage]
    modules = list(entries)
    for kind in kinds():
        modules += [f"{kind.package}.{part}" for part in parts]
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
