"""Published datasets against a generator's truth, cell for cell: every mismatch as one line.

`npo_mismatches` reads out/npo_loan_terms.csv and checks every (bank, item, condition) →
mark, value, unit, note (compared after NFKC and without whitespace, so wrap positions do not
count), a word of the truth's wrapped_words whole in its field, limit_yen where the truth
gives it, the as-of date, and the banks in printed order (by page, then where their first row's
cells stand: down, then across). `plan_mismatches` reads plan_key_figures.csv and
plan_measures.csv and checks every figure (table, item, condition → value_text, unit,
amount_yen) and every outline block (kind, level, number, text) in order. `read_back` runs the
real pipeline over one generated PDF and returns the mismatches with its truth (a pipeline
error is the one mismatch).
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.core.errors import PipelineError
from pipeline.extract.sideways import frame_box

FIELDS = ("mark", "value", "unit", "note")
CONDITIONS = {"total": "計", "unsecured": "無担保", "secured": "有担保"}
YEN_PER_UNIT = {"千円": 1_000, "百万円": 1_000_000, "億円": 100_000_000}
SHOW = 60  # characters of a text shown in a mismatch line


def norm(text: str | None) -> str:
    """NFKC-folded, every whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _show(text: str | None, at: int = 0) -> str:
    """`text` for a mismatch line: ⏎ for line breaks, cut to SHOW characters around `at`."""
    text = (text or "").replace("\n", "⏎")
    start = max(0, min(at - SHOW // 3, len(text) - SHOW))
    cut = text[start : start + SHOW]
    return repr(("…" if start else "") + cut + ("…" if start + SHOW < len(text) else ""))


def _first_difference(a: str, b: str) -> int:
    pairs = enumerate(zip(a, b, strict=False))
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))


def read_dataset(out_dir: Path, name: str) -> pd.DataFrame:
    """A published CSV with every column as text, empty cells as ''."""
    return pd.read_csv(out_dir / f"{name}.csv", dtype=str, keep_default_na=False)


def _row_key(item: str, condition: str) -> str:
    return item + ("/" + condition if condition else "")


def _upright(out_dir: Path, page: int, box: str) -> tuple[float, float]:
    """Where a source_bbox starts (x0, top) in the frame its page's text reads upright in: the
    page's own, or the one a page printed sideways was read in (its extract artifact says)."""
    if not box:
        return 0.0, 0.0
    numbers = tuple(float(v) for v in box.split(","))
    for artifact in (out_dir / "interim").glob("*.extract.json"):
        pages = json.loads(artifact.read_text("utf-8"))["pages"]
        turned = next((p for p in pages if p["page"] == page and p.get("turned")), None)
        if turned is not None:
            numbers = frame_box(turned, numbers)  # type: ignore[arg-type]
    return numbers[0], numbers[1]


def npo_mismatches(out_dir: Path, truth: dict[str, Any]) -> list[str]:
    """Every difference between out_dir/npo_loan_terms.csv and an NPO truth, one per line."""
    frame = read_dataset(out_dir, "npo_loan_terms")
    problems: list[str] = []
    dates = sorted(set(frame["as_of"]))
    if dates != [truth["as_of"]]:
        problems.append(f"as_of: expected {truth['as_of']}, got {dates}")
    banks = list(dict.fromkeys(b for page in truth["pages"] for b in page))
    # Where each bank's first row stands: page, then how far down (a table below another on
    # the same page comes after it), then across.
    place: dict[str, tuple[int, float, float]] = {}
    for bank, page, box in zip(frame["bank"], frame["source_page"], frame["source_bbox"],
                               strict=True):
        x0, top = _upright(out_dir, int(page), box)
        where = (int(page), round(top), x0)
        place[bank] = min(place.get(bank, where), where)
    got_banks = sorted(place, key=lambda b: place[b])
    if got_banks != banks:
        problems.append(f"banks: expected {banks}, got {got_banks}")
    records = {
        (bank, _row_key(item, condition)): row
        for bank, item, condition, row in zip(
            frame["bank"], frame["item"], frame["condition"], frame.to_dict("records"),
            strict=True)
    }
    expected = {(bank, row): cell for bank, rows in truth["cells"].items()
                for row, cell in rows.items()}
    for bank, row in expected.keys() - records.keys():
        if bank in place:  # a bank missing altogether is one line above, not one per row
            problems.append(f"missing: {bank} {row}")
    problems += [f"unexpected: {bank} {row}" for bank, row in records.keys() - expected.keys()]
    problems.sort()
    for (bank, row), cell in expected.items():
        record = records.get((bank, row))
        if record is None:
            continue
        for field in FIELDS:
            want, got = cell.get(field) or "", record[field]
            if norm(want) != norm(got):
                at = _first_difference(norm(want), norm(got))
                problems.append(f"{bank} {row} {field}: expected {_show(norm(want), at)}, "
                                f"got {_show(norm(got), at)}")
    for limit in truth.get("limit_yen", []):
        record = records.get((limit["bank"], limit["row"]))
        if record is not None and record["limit_yen"] != str(limit["yen"]):
            problems.append(f"{limit['bank']} {limit['row']} limit_yen: expected "
                            f"{limit['yen']}, got {record['limit_yen']!r}")
    for wrapped in truth.get("wrapped_words", []):
        bank, row, field = wrapped["bank"], wrapped["row"], wrapped["field"]
        record = records.get((bank, row))
        word = unicodedata.normalize("NFKC", wrapped["word"])
        if record is not None and word not in unicodedata.normalize("NFKC", record[field]):
            problems.append(f"{bank} {row} {field}: word {word!r} not whole in "
                            f"{_show(record[field])}")
    return problems


def _figure_text(figures: dict[str, Any], value: int) -> str:
    text = f"{abs(value):,}"
    return figures.get("negative_sign", "△") + text if value < 0 else text


def expected_figures(truth: dict[str, Any]) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """(table, item, condition) → (value_text, unit, amount_yen) the plan truth prints."""
    out = {}
    figures = truth["key_figures"]
    table, unit = figures["caption"].strip("＜＞"), figures["unit"]
    for row in figures["rows"]:
        for column, condition in CONDITIONS.items():
            value = row[column]
            out[table, row["item"], condition] = (
                _figure_text(figures, value), unit, str(value * YEN_PER_UNIT[unit]))
    ratios = truth.get("ratios")
    if ratios:
        table = ratios["caption"].strip("＜＞")
        for row in ratios["rows"]:
            out[table, row["item"], ""] = (row["value_text"], ratios["unit"], "")
    return out


def plan_mismatches(out_dir: Path, truth: dict[str, Any]) -> list[str]:
    """Every difference between a published plan (key figures, measures) and its truth."""
    problems: list[str] = []
    figures = read_dataset(out_dir, "plan_key_figures")
    measures = read_dataset(out_dir, "plan_measures")
    years = sorted(set(figures["fiscal_year"]) | set(measures["fiscal_year"]))
    if years != [str(truth["fiscal_year"])]:
        problems.append(f"fiscal_year: expected {truth['fiscal_year']}, got {years}")
    want = expected_figures(truth)
    got = {
        (r["table"], r["item"], r["condition"]): (r["value_text"], r["unit"], r["amount_yen"])
        for r in figures.to_dict("records")
    }
    def name(key: tuple[str, ...]) -> str:
        return " ".join(part for part in key if part)

    problems += sorted(f"missing figure: {name(k)}" for k in want.keys() - got.keys())
    problems += sorted(f"unexpected figure: {name(k)} = {got[k][0]}"
                       for k in got.keys() - want.keys())
    columns = ("value_text", "unit", "amount_yen")
    for key, values in want.items():
        if key not in got:
            continue
        for column, w, g in zip(columns, values, got[key], strict=True):
            same = norm(w) == norm(g) if column != "amount_yen" else w == g.removesuffix(".0")
            if not same:
                problems.append(f"figure {name(key)} {column}: expected {w!r}, got {g!r}")
    expected_blocks = [(b["kind"], str(b["level"]), norm(b["number"]), norm(b["text"]))
                       for b in truth["blocks"]]
    got_blocks = [(r["kind"], r["level"], norm(r["number"]), norm(r["text"]))
                  for r in measures.sort_values("seq", key=lambda s: s.astype(int))
                  .to_dict("records")]
    problems += _block_diff(expected_blocks, got_blocks, truth["blocks"])
    return problems


def _block_diff(want: list[tuple], got: list[tuple], blocks: list[dict[str, Any]]) -> list[str]:
    """Readable lines for the blocks that differ, aligned so one lost block is one line."""
    if want == got:
        return []
    lines = []
    if len(want) != len(got):
        lines.append(f"blocks: expected {len(want)}, got {len(got)}")

    def show(block: tuple, other: tuple | None = None) -> str:
        kind, level, number, text = block
        at = _first_difference(text, other[3]) if other else 0
        return f"{kind} L{level} {number or '-'} {_show(text, at)}"

    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        for i in range(a0, a1):
            j = b0 + (i - a0)
            if op == "replace" and j < b1:
                lines.append(f"block {i + 1}: expected {show(want[i], got[j])}, "
                             f"got {show(got[j], want[i])}")
            else:
                lines.append(f"block {i + 1} missing: {show(want[i])}")
        for j in range(b0 + (a1 - a0 if op == "replace" else 0), b1):
            lines.append(f"unexpected block at {j + 1}: {show(got[j])}")
    return lines


def read_back(pdf: Path, out_dir: Path, engine: str | None = None) -> list[str]:
    """Run every stage over the folder of `pdf` (it must be the only PDF there) into `out_dir`,
    extracting with `engine` (None: the default), and compare the published datasets with the
    truth beside it (<name>.truth.json)."""
    from pipeline.run import run_all

    truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text("utf-8"))
    try:
        run_all(pdf.parent, out_dir, engine=engine)
    except PipelineError as exc:
        return [f"pipeline: {exc}"]
    if "cells" in truth:
        return npo_mismatches(out_dir, truth)
    return plan_mismatches(out_dir, truth)
