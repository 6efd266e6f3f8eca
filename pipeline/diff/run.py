"""Diff every published dataset in OUT between two of its editions and write the reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.errors import PipelineError
from pipeline.core.lang import DEFAULT, words
from pipeline.diff.compare import DatasetDiff, compare_editions
from pipeline.diff.editions import choose, unmatched
from pipeline.diff.load import editions, read_published
from pipeline.diff.spec import spec_for
from pipeline.diff.write import write_diff
from pipeline.validate.datasets import DATASETS


@dataclass
class DiffRun:
    """What was compared, what could not be (and why), and the files written."""

    out: Path
    diffs: list[DatasetDiff] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return all(d.identical for d in self.diffs)


def diff_published(out: Path, old: Iterable[str] = (), new: Iterable[str] = (),
                   names: Iterable[str] = (), lang: str = DEFAULT) -> DiffRun:
    """Compare two editions of every dataset published in `out`, write OUT/diffs/* (the pages
    and the CSV's descriptions in language `lang`)."""
    old, new, names = list(old), list(new), list(names)
    lang = words(lang).lang
    if not out.is_dir():
        raise PipelineError(f"{out}: no such folder (run `make all` first)")
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        raise PipelineError(f"unknown dataset {', '.join(unknown)} (known: "
                            f"{', '.join(sorted(DATASETS))})")
    run = DiffRun(out)
    frames, present = {}, {}
    for name in sorted(names or DATASETS):
        dataset = DATASETS[name]
        frame = read_published(out, dataset)
        if frame is None:
            run.skipped[name] = "not published"
            continue
        frames[name], present[name] = frame, editions(frame, dataset.edition)
    for option, values in (("--from", old), ("--to", new)):
        if bad := unmatched(values, present):
            raise PipelineError(f"{option} {', '.join(bad)}: no published dataset has editions "
                                "written like that")
    for name, frame in frames.items():
        dataset = DATASETS[name]
        chosen = choose(name, present[name], old, new)
        if chosen is None:
            run.skipped[name] = f"only edition {', '.join(present[name]) or '(none)'}"
            continue
        column = frame[dataset.edition]
        diff = compare_editions(spec_for(dataset), frame[column == chosen[0]],
                                frame[column == chosen[1]], *chosen, lang=lang)
        run.diffs.append(diff)
    if not run.diffs:
        reasons = "; ".join(f"{n}: {why}" for n, why in sorted(run.skipped.items()))
        raise PipelineError(f"{out}: nothing to compare, no dataset has two editions ({reasons})")
    for diff in run.diffs:
        run.written += write_diff(diff, out)
    return run
