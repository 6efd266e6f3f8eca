"""Every registered kind (and the test-only one) keeps the kind contract of pipeline/kinds.

Each part the registry declares (PARTS) names the Protocol of what its module defines, declared
by the stage that reads it: a kind's module must define every name with the declared type (each
element of a Sequence, each value of a Mapping) and every function with the declared
parameters; a kind lacks only optional parts; a built-in kind holds no module that is no part
(a misspelt `databse.py` would be ignored without a word); and no two kinds publish one dataset.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterator, Mapping, Sequence
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from pipeline import kinds as registry
from pipeline.kinds import PARTS, Kind, Part

TOY = "tests.kinds.toy"


@pytest.fixture()
def every_kind() -> Iterator[list[Kind]]:
    registry.register(TOY)
    yield registry.kinds()
    registry.unregister(TOY)


def contract(part: Part) -> type:
    module, _, name = part.contract.partition(":")
    protocol = getattr(importlib.import_module(module), name)
    assert getattr(protocol, "_is_protocol", False), f"{part.contract} is no Protocol"
    return protocol


def _type_problems(name: str, value: Any, declared: Any) -> list[str]:
    """How `value` is not of the `declared` annotation (Sequence[X], Mapping[str, X], X)."""
    origin, args = typing.get_origin(declared), typing.get_args(declared)
    if origin in (Sequence, tuple, list):
        if not isinstance(value, (tuple, list)):
            return [f"{name} is a {type(value).__name__}, not a sequence"]
        return [f"{name}[{i}] is a {type(item).__name__}, not {args[0].__name__}"
                for i, item in enumerate(value) if not isinstance(item, args[0])]
    if origin is Mapping:
        if not isinstance(value, Mapping):
            return [f"{name} is a {type(value).__name__}, not a mapping"]
        return [f"{name}[{key!r}] is not {args[1].__name__}" for key, item in value.items()
                if not (isinstance(key, args[0]) and isinstance(item, args[1]))]
    return [] if isinstance(value, declared) else [f"{name} is not {declared.__name__}"]


def problems(module: ModuleType | SimpleNamespace, protocol: type) -> list[str]:
    """Every way `module` fails `protocol`: a name missing or of another type, a function
    missing or taking other parameters."""
    found = []
    for name, declared in typing.get_type_hints(protocol).items():
        if not hasattr(module, name):
            found.append(f"no {name}")
        else:
            found += _type_problems(name, getattr(module, name), declared)
    for name, method in vars(protocol).items():
        if name.startswith("_") or not inspect.isfunction(method):
            continue
        function = getattr(module, name, None)
        if not callable(function):
            found.append(f"no function {name}")
            continue
        wanted = list(inspect.signature(method).parameters)[1:]  # without self
        try:
            inspect.signature(function).bind(*wanted)
        except TypeError:
            found.append(f"{name}{inspect.signature(function)} does not take ({', '.join(wanted)})")
    return found


def test_every_kind_keeps_the_contract(every_kind: list[Kind]) -> None:
    assert TOY in {kind.package for kind in every_kind}
    found = []
    for kind in every_kind:
        for part in PARTS:
            module = kind.part(part)
            if module is None:
                if part.required:
                    found.append(f"{kind.name}: no {part.module} (every kind has one)")
                continue
            found += [f"{kind.name}.{part.module}: {p}" for p in problems(module, contract(part))]
    assert found == []


def test_a_built_in_kind_holds_only_parts() -> None:
    known = {part.module for part in PARTS}
    for kind in registry.kinds():
        package = importlib.import_module(kind.package)
        held = {info.name for info in pkgutil.iter_modules(package.__path__)}
        assert held <= known, f"{kind.package}: {sorted(held - known)} are no parts"


def test_no_two_kinds_publish_one_dataset(every_kind: list[Kind]) -> None:
    names = [dataset.name for kind in every_kind
             for dataset in getattr(kind.part(registry.DATASETS_PART), "DATASETS", ())]
    assert len(names) == len(set(names)) and names


def test_each_part_sits_in_a_stage_it_names() -> None:
    # The stage is the room of pipeline/ the part's module imports from (tests/test_imports.py)
    # and the reader of its contract lives there.
    for part in PARTS:
        assert part.contract.startswith(f"pipeline.{part.stage}."), part


@pytest.mark.parametrize(
    ("part", "module", "expected"),
    [
        (registry.IDENTIFY_PART, SimpleNamespace(identify=lambda page: 1), "no VOCABULARY"),
        (registry.IDENTIFY_PART, SimpleNamespace(identify=lambda: 1, VOCABULARY=()),
         "identify() does not take (page)"),
        (registry.IDENTIFY_PART, SimpleNamespace(identify=lambda page: 1, VOCABULARY="金利"),
         "VOCABULARY is a str, not a sequence"),
        (registry.DATABASE_PART, SimpleNamespace(VIEWS=({"name": "v"},)),
         "VIEWS[0] is a dict, not View"),
        (registry.CORRECTIONS_PART, SimpleNamespace(CORRECTABLE={"x": ("value",)}),
         "CORRECTABLE['x'] is not Correctable"),
        (registry.REPORT_PART, SimpleNamespace(), "no function sections"),
        (registry.CLEAN_PART, SimpleNamespace(clean=lambda artifact, extra: {}),
         "clean(artifact, extra) does not take (artifact)"),
    ],
)
def test_the_check_catches_a_broken_part(part: Part, module: SimpleNamespace,
                                         expected: str) -> None:
    assert expected in problems(module, contract(part))


def test_a_part_is_looked_up_by_its_declaration_only() -> None:
    [kind] = [k for k in registry.kinds() if k.name == "npo_loan"]
    assert kind.part(registry.REPORT_PART) is not None
    with pytest.raises(TypeError, match="by its Part"):
        kind.part("report")  # type: ignore[arg-type]
