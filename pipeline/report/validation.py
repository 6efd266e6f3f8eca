"""The validation summary: every published dataset checked against its schema (a file this
process just wrote from frames it validated is known to pass: validate.check.vouched)."""

from __future__ import annotations

import pandas as pd

from pipeline.core.errors import PipelineError
from pipeline.core.html import element, esc, table
from pipeline.core.lang import Words
from pipeline.core.shown import number
from pipeline.validate.confidence import least_sure
from pipeline.validate.datasets import DATASETS


def check_names(name: str) -> list[str]:
    """The checks the dataset's schema runs: per column, whole-table, and the unique key."""
    dataset = DATASETS[name]
    schema = dataset.schema.to_schema()
    names = [f"{column}: {check.name}" for column, col in schema.columns.items()
             for check in col.checks]
    names += [check.name for check in schema.checks if check.name]
    return [*names, f"unique ({', '.join(dataset.key)})"]


def result(name: str, frame: pd.DataFrame, digest: str | None = None) -> tuple[bool, str]:
    """Run the schema on the published frame (read from the Parquet file with `digest`):
    (passed, '') or (failed, the message). A file this process wrote from a frame it had just
    validated passes."""
    from pipeline.validate.check import validate, vouched

    if vouched(name, digest):
        return True, ""
    try:
        validate(name, frame.copy())
    except PipelineError as exc:
        return False, str(exc)
    return True, ""


def section(frames: dict[str, pd.DataFrame], extra: dict[str, str],
            digests: dict[str, str] | None, say: Words) -> str:
    """One row per dataset: rows, editions, sources, how many checks, and the result (of the
    Parquet file with the dataset's `digests` entry)."""
    header = [element("th", say(h)) for h in (
        "report.dataset", "report.rows", "report.editions", "report.source", "report.checks",
        "report.result")]
    rows = []
    for name in sorted(frames):
        if name not in DATASETS:
            continue
        frame, dataset = frames[name], DATASETS[name]
        passed, message = result(name, frame, (digests or {}).get(name))
        checks = check_names(name)
        editions = ", ".join(sorted({str(v) for v in frame[dataset.edition]}))
        files = ", ".join(sorted(set(frame["source_file"]))) if "source_file" in frame else ""
        verdict = element("span", ("✓ " + esc(say("report.passed"))) if passed else
                          ("✗ " + esc(message)), class_="ok" if passed else "bad")
        if name in extra:
            verdict += "<br>" + esc(extra[name])
        rows.append([
            element("th", esc(name), title=dataset.title),
            element("td", number(len(frame)), class_="num"),
            element("td", esc(editions)),
            element("td", esc(files)),
            element("td", esc(say("report.n_checks", n=len(checks))), title="\n".join(checks),
                    class_="num"),
            element("td", verdict),
        ])
    body = [
        element("h2", esc(say("report.validation"))),
        *_unsure(frames, say),
        element("p", esc(say("report.validation_note")), class_="foot"),
        table(header, rows),
    ]
    return element("section", "".join(body), id="validation")


def _unsure(frames: dict[str, pd.DataFrame], say: Words) -> list[str]:
    """The rows OCR read least surely, listed before the checks (none for text PDFs)."""
    rows = least_sure(frames)
    if not rows:
        return []
    header = [element("th", say(h)) for h in ("report.confidence", "report.dataset",
                                              "report.source", "report.page", "report.cell")]
    body = [[element("td", f"{r['confidence']:.2f}", class_="num"),
             element("td", esc(str(r["dataset"]))), element("td", esc(str(r["file"]))),
             element("td", esc(str(r["page"])), class_="num"),
             element("td", esc(str(r["cell"])))] for r in rows]
    return [element("p", esc(say("report.least_sure")), class_="foot"), table(header, body)]
