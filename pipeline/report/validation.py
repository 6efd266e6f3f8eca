"""The validation summary: every published dataset checked against its schema (a file this
process just wrote from frames it validated is known to pass: validate.check.vouched)."""

from __future__ import annotations

import pandas as pd

from pipeline.core.errors import PipelineError
from pipeline.report.html import element, esc, table
from pipeline.validate.confidence import least_sure
from pipeline.validate.datasets import DATASETS

PASSED = "合格 (passed)"


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
    (passed, message). A file this process wrote from a frame it had just validated passes."""
    from pipeline.validate.check import validate, vouched

    if vouched(name, digest):
        return True, PASSED
    try:
        validate(name, frame.copy())
    except PipelineError as exc:
        return False, str(exc)
    return True, PASSED


def section(frames: dict[str, pd.DataFrame], extra: dict[str, str],
            digests: dict[str, str] | None = None) -> str:
    """One row per dataset: rows, editions, sources, how many checks, and the result (of the
    Parquet file with the dataset's `digests` entry)."""
    header = [element("th", h) for h in ("データセット", "行数", "版", "出典", "検査", "結果")]
    rows = []
    for name in sorted(frames):
        if name not in DATASETS:
            continue
        frame, dataset = frames[name], DATASETS[name]
        passed, message = result(name, frame, (digests or {}).get(name))
        checks = check_names(name)
        editions = ", ".join(sorted({str(v) for v in frame[dataset.edition]}))
        files = ", ".join(sorted(set(frame["source_file"]))) if "source_file" in frame else ""
        verdict = element("span", ("✓ " if passed else "✗ ") + esc(message),
                          class_="ok" if passed else "bad")
        if name in extra:
            verdict += "<br>" + esc(extra[name])
        rows.append([
            element("th", esc(name), title=dataset.title),
            element("td", str(len(frame)), class_="num"),
            element("td", esc(editions)),
            element("td", esc(files)),
            element("td", f"{len(checks)} 件", title="\n".join(checks), class_="num"),
            element("td", verdict),
        ])
    body = [
        element("h2", "検証結果 <span class=\"sub\">validation</span>"),
        *_unsure(frames),
        element("p", "公開ファイルの各データセットをスキーマ（pandera）で検査した結果です。"
                     "検査の一覧は件数にカーソルを合わせると出ます。", class_="foot"),
        table(header, rows),
    ]
    return element("section", "".join(body), id="validation")


def _unsure(frames: dict[str, pd.DataFrame]) -> list[str]:
    """The rows OCR read least surely, listed before the checks (none for text PDFs)."""
    rows = least_sure(frames)
    if not rows:
        return []
    header = [element("th", h) for h in ("確信度", "データセット", "出典", "頁", "セル")]
    body = [[element("td", f"{r['confidence']:.2f}", class_="num"),
             element("td", esc(str(r["dataset"]))), element("td", esc(str(r["file"]))),
             element("td", esc(str(r["page"])), class_="num"),
             element("td", esc(str(r["cell"])))] for r in rows]
    return [element("p", "OCR で読んだ行のうち確信度の低いもの（低い順）: 目で確かめてください。",
                    class_="foot"), table(header, body)]
