"""Score table extraction on the ICDAR 2013 table competition with its adjacency-relation metric.

    bench/icdar2013.py DATASET_DIR [--engine ours|pdfplumber|camelot-lattice|camelot-stream|all]
                       [--tables all|ruled|both] [--ruled-by grid|rules] [--jobs N]
                       [--verbose] [--json FILE] [--docs GLOB] [--check]

DATASET_DIR holds the competition's PDFs with their `-str.xml` / `-reg.xml` ground truth (any
depth, e.g. camelot's tests/files/tabula/icdar2013-dataset). Engines: this project's extract
stage ("ours", through `pipeline.extract.document.extract_pdf`), pdfplumber's default
`find_tables`, camelot lattice and camelot stream (see bench/icdar_engines.py).

The metric (bench/icdar_metric.py): each table becomes the multiset of adjacency relations
(cell, nearest non-empty neighbour right or below, contents normalised); precision = correct /
detected relations, recall = correct / ground-truth relations. Two protocols:

- complete process: the engine reads whole pages. A detected table belongs to the ground-truth
  table on its page that it overlaps most (several may pool into one); a ground-truth table
  nobody found gives only false negatives; a detected table overlapping no ground-truth region
  gives only false positives (counted in "all tables", not in "ruled", which is about tables).
- structure only: each ground-truth region is given. The engine reads the page restricted to
  the region (engines that read rules: grown to its drawn frame, since ground-truth boxes stop
  at the text, short of the rules; see bench/icdar_rules.py), and the tables it finds whose
  centre lies in that region are the table's relations.

Figures: micro-averaged over relations (every relation weighs the same); the competition's
per-document average (precision and recall averaged over documents, F1 of those averages; a
document with no detected relations has precision 0); and the plain average of each table's F1
("table avgF1", a table nobody found scoring 0). "Ruled" tables are decided from the PDF, not by
any engine (bench/icdar_rules.py, --ruled-by). An engine that raises on a file is counted as
crashed on it and found nothing there. Nothing here passes or fails.

Calibration: the figures measured earlier for the extract stage (F1 ≈ 0.54 over all tables,
about the same for pdfplumber and camelot lattice, ≈ 0.80 on ruled tables) are the "table
avgF1" column with `--ruled-by rules` (0.555 all, 0.818 on its 77 "ruled" tables); either
protocol gives them. Micro F1 over all tables is 0.39: most relations sit in large unruled
tables that a lines-only engine does not see at all.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.icdar_data import (  # noqa: E402
    GTTable,
    find_documents,
    load_document,
    region_top_left,
)
from bench.icdar_engines import ENGINES, TEXT_ONLY, Found, Region  # noqa: E402
from bench.icdar_metric import (  # noqa: E402
    Relation,
    Score,
    adjacency,
    centre_inside,
    compare,
    f1,
    match_tables,
    normalise,
    relations,
)
from bench.icdar_rules import (  # noqa: E402
    NEAR,
    count_rules,
    frame,
    has_rules,
    is_ruled,
    rule_segments,
    separated,
)

PROTOCOLS = ("complete", "structure")
PROTOCOL_NAMES = {"complete": "complete process", "structure": "structure only"}


@dataclass
class TableTruth:
    """One ground-truth table as scored: identity, rules found in the PDF, its relations."""

    doc: str
    table_id: str
    page: int
    region: tuple[float, float, float, float]  # pdfplumber's frame
    given: tuple[float, float, float, float]  # the region grown to its frame
    rules: tuple[int, int]  # distinct (horizontal, vertical) rule positions in the region
    separation: tuple[float, float]  # shares of (right, below) neighbours a rule separates
    shape: tuple[int, int, int]  # rows, columns, non-empty cells
    truth: Counter[Relation]
    ruled: bool = False  # set by `classify`


    def given_to(self, engine: str) -> tuple[float, float, float, float]:
        """The region an engine is given in the structure-only protocol (icdar_engines)."""
        if engine in TEXT_ONLY:
            x0, top, x1, bottom = self.region
            return (x0 - NEAR, top - NEAR, x1 + NEAR, bottom + NEAR)
        return self.given


@dataclass
class Run:
    """One engine on one document: per ground-truth table, what each protocol detected."""

    engine: str
    doc: str
    seconds: float = 0.0
    error: str | None = None
    detected: dict[str, list[Counter[Relation]]] = field(default_factory=dict)
    shapes: dict[str, list[list[tuple[int, int, int]]]] = field(default_factory=dict)
    unmatched: Counter[Relation] = field(default_factory=Counter)
    unmatched_tables: int = 0


def ground_truth(pdf: Path) -> list[TableTruth]:
    """The document's ground-truth tables, with their rules counted on the PDF's pages."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        # -str.xml cell boxes flip with the unrotated page height (bench/icdar_data.py)
        heights = {n: float(p.width if p.rotation % 180 else p.height)
                   for n, p in enumerate(doc.pages, start=1)}
        tables: list[GTTable] = load_document(pdf, heights)
        segments: dict[int, list] = {}
        for table in sorted(tables, key=lambda t: (t.page, t.table_id)):
            page = doc.pages[table.page - 1]
            if table.page not in segments:
                segments[table.page] = rule_segments(page)
            region = region_top_left(table.region, float(page.height))
            rows = max((c.row + c.rowspan for c in table.cells), default=0)
            cols = max((c.col + c.colspan for c in table.cells), default=0)
            out.append(TableTruth(
                doc=table.doc, table_id=table.table_id, page=table.page, region=region,
                given=frame(segments[table.page], region, tuple(page.bbox)),
                rules=count_rules(segments[table.page], region),
                separation=separated([(a.bbox, b.bbox, way) for a, b, way in adjacency(table.cells)
                                      if a.bbox and b.bbox], segments[table.page]),
                shape=(rows - min((c.row for c in table.cells), default=0),
                       cols - min((c.col for c in table.cells), default=0),
                       sum(1 for c in table.cells if normalise(c.text))),
                truth=relations(table.cells)))
    return out


def _pool(tables: Iterable[Found]) -> Counter[Relation]:
    total: Counter[Relation] = Counter()
    for table in tables:
        total += relations(table.cells)
    return total


def run_engine(pdf: Path, engine: str) -> tuple[list[TableTruth], Run]:
    """Ground truth of `pdf` and what `engine` detected there, under both protocols."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    truths = ground_truth(pdf)
    run = Run(engine, pdf.stem)
    complete, within = ENGINES[engine]
    start = time.perf_counter()
    try:
        found = complete(pdf)
        heights = _page_heights(pdf)
        regions = [Region(t.page, t.given_to(engine), heights[t.page]) for t in truths]
        found_within = within(pdf, regions, found)
    except Exception as exc:  # an engine may fail anywhere inside its libraries
        run.error = f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"
        found, found_within = [], [[] for _ in truths]
    run.seconds = time.perf_counter() - start
    matches = match_tables([(t.page, t.bbox) for t in found], [(t.page, t.region) for t in truths])
    complete_tables: list[list[Found]] = [[] for _ in truths]
    for table, match in zip(found, matches, strict=True):
        if match is None:
            run.unmatched += relations(table.cells)
            run.unmatched_tables += 1
        else:
            complete_tables[match].append(table)
    structure_tables = [[t for t in tables if centre_inside(t.bbox, truth.given_to(engine))]
                        for tables, truth in zip(found_within, truths, strict=True)]
    for protocol, per_table in (("complete", complete_tables), ("structure", structure_tables)):
        run.detected[protocol] = [_pool(tables) for tables in per_table]
        run.shapes[protocol] = [[(*t.shape, sum(1 for c in t.cells if normalise(c.text)))
                                 for t in tables] for tables in per_table]
    return truths, run


def _page_heights(pdf: Path) -> dict[int, float]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return {n: float(p.height) for n, p in enumerate(doc.pages, start=1)}


# Aggregation ------------------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the results table."""

    subset: str
    protocol: str
    engine: str
    micro: Score
    per_doc: tuple[float, float, float]
    per_table: float
    documents: int
    tables: int
    crashed: int


def table_scores(truths: list[TableTruth], run: Run, protocol: str) -> list[Score]:
    """Each ground-truth table's score under one protocol."""
    return [compare(detected, truth.truth)
            for detected, truth in zip(run.detected[protocol], truths, strict=True)]


def summarise(truths: dict[str, list[TableTruth]], runs: dict[tuple[str, str], Run],
              engine: str, protocol: str, subset: str) -> Row:
    """Micro and per-document figures of one engine, protocol and subset of tables."""
    micro = Score()
    precisions, recalls, table_f1 = [], [], []
    n_tables = crashed = 0
    for doc, doc_truths in truths.items():
        run = runs[(engine, doc)]
        keep = [subset == "all" or t.ruled for t in doc_truths]
        if not any(keep):
            continue
        crashed += run.error is not None
        scores = [s for s, k in zip(table_scores(doc_truths, run, protocol), keep, strict=True)
                  if k]
        table_f1 += [s.f1 for s in scores]
        doc_score = sum(scores, Score())
        if protocol == "complete" and subset == "all":
            doc_score += Score(0, sum(run.unmatched.values()), 0)
        micro += doc_score
        precisions.append(doc_score.precision)
        recalls.append(doc_score.recall)
        n_tables += len(scores)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    per_table = sum(table_f1) / len(table_f1) if table_f1 else 0.0
    return Row(subset, protocol, engine, micro, (p, r, f1(p, r)), per_table, len(precisions),
               n_tables, crashed)


def print_rows(rows: list[Row]) -> None:
    """The results table: micro figures, the competition's per-document average, per table."""
    print(f"{'':39}{'micro (relations)':^20}   {'per-document avg':^20}  {'table':>6}")
    print(f"{'tables':6} {'protocol':16} {'engine':15} "
          f"{'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}  {'avgF1':>6} "
          f"{'docs':>4} {'tables':>6} {'crashed':>7}")
    for row in rows:
        p, r, f = row.per_doc
        print(f"{row.subset:6} {PROTOCOL_NAMES[row.protocol]:16} {row.engine:15} "
              f"{row.micro.precision:6.3f} {row.micro.recall:6.3f} {row.micro.f1:6.3f}   "
              f"{p:6.3f} {r:6.3f} {f:6.3f}  {row.per_table:6.3f} "
              f"{row.documents:4d} {row.tables:6d} {row.crashed:7d}")


def classify(truths: Iterable[TableTruth], ruled_by: str) -> None:
    """Mark each table ruled or not: "grid" (rules separate neighbours) or "rules" (counts)."""
    for truth in truths:
        truth.ruled = (is_ruled(*truth.separation) if ruled_by == "grid"
                       else has_rules(*truth.rules))


def _why(truth: TableTruth, shapes: list[tuple[int, int, int]]) -> str:
    """What was found against what was expected: rows × columns (non-empty cells)."""
    if not shapes:
        return "no table found"
    found = " + ".join(f"{r}x{c} ({n})" for r, c, n in shapes)
    rows, cols, filled = truth.shape
    return f"found {found} for {rows}x{cols} ({filled})"


def print_worst(truths: dict[str, list[TableTruth]], runs: dict[tuple[str, str], Run],
                engine: str, protocol: str, subset: str, count: int = 10) -> None:
    """The `count` tables with the lowest F1 (the biggest first among equals)."""
    entries = []
    for doc, doc_truths in truths.items():
        run = runs[(engine, doc)]
        scores = table_scores(doc_truths, run, protocol)
        for i, (truth, score) in enumerate(zip(doc_truths, scores, strict=True)):
            if subset == "all" or truth.ruled:
                entries.append((score.f1, -score.truth, truth, score, run.shapes[protocol][i],
                                run.error))
    entries.sort(key=lambda e: (e[0], e[1]))
    print(f"\nworst {count} tables, {engine}, {PROTOCOL_NAMES[protocol]}, {subset} tables:")
    for f, _, truth, score, shapes, error in entries[:count]:
        why = f"engine crashed: {error}" if error else _why(truth, shapes)
        print(f"  {truth.doc:8} page {truth.page:<2} table {truth.table_id:<3} "
              f"{'ruled  ' if truth.ruled else 'unruled'} F1 {f:.3f} "
              f"(P {score.precision:.3f} R {score.recall:.3f}, {score.truth} relations)  {why}")


def write_json(path: Path, truths: dict[str, list[TableTruth]],
               runs: dict[tuple[str, str], Run]) -> None:
    """Every table's facts and per-engine, per-protocol counts, for analyses of one's own."""
    tables = []
    for doc, doc_truths in truths.items():
        for i, truth in enumerate(doc_truths):
            entry: dict = {
                "doc": doc, "page": truth.page, "table": truth.table_id,
                "ruled": truth.ruled, "rules": list(truth.rules),
                "separation": [round(v, 3) for v in truth.separation],
                "shape": list(truth.shape), "relations": sum(truth.truth.values()), "engines": {}}
            for (engine, run_doc), run in runs.items():
                if run_doc != doc:
                    continue
                entry["engines"][engine] = {
                    protocol: {"correct": score.correct, "detected": score.detected,
                               "shapes": [list(x) for x in run.shapes[protocol][i]]}
                    for protocol in PROTOCOLS
                    for score in [table_scores(doc_truths, run, protocol)[i]]}
            tables.append(entry)
    documents = [{"doc": doc, "engine": engine, "seconds": round(run.seconds, 2),
                  "error": run.error, "unmatched_tables": run.unmatched_tables,
                  "unmatched_relations": sum(run.unmatched.values())}
                 for (engine, doc), run in runs.items()]
    path.write_text(json.dumps({"tables": tables, "documents": documents}, indent=1) + "\n",
                    encoding="utf-8")


# Ground-truth check -------------------------------------------------------------------------

def check_coordinates(pdfs: list[Path]) -> None:
    """How often each ground-truth cell's content is the text at its box, for page offsets.

    Confirms that pages are 1-based and that boxes flip with the page height (-str.xml cell boxes
    with the unrotated page's height, see bench/icdar_data.py).
    """
    import xml.etree.ElementTree as ET

    import pdfplumber

    from bench.icdar_data import number

    hits = Counter()
    total = 0
    for pdf in pdfs:
        root = ET.parse(f"{pdf.with_suffix('')}-str.xml").getroot()
        with pdfplumber.open(pdf) as doc:
            chars = {}
            for region in root.iter("region"):
                page_number = int(number(region.get("page")))
                for cell in list(region.iter("cell"))[:10]:
                    want = normalise(cell.findtext("content"))
                    box = cell.find("bounding-box")
                    if not want or box is None:
                        continue
                    total += 1
                    x1, y1, x2, y2 = (number(box.get(k)) for k in ("x1", "y1", "x2", "y2"))
                    for shift in (-1, 0, 1):
                        n = page_number + shift
                        if not 1 <= n <= len(doc.pages):
                            continue
                        page = doc.pages[n - 1]
                        if n not in chars:
                            chars[n] = page.chars
                        height = float(page.width if page.rotation % 180 else page.height)
                        top, bottom = height - y2 - 3, height - y1 + 3
                        text = "".join(
                            c["text"] for c in chars[n]
                            if x1 - 3 <= (c["x0"] + c["x1"]) / 2 <= x2 + 3
                            and top <= (c["top"] + c["bottom"]) / 2 <= bottom)
                        hits[shift] += want in normalise(text)
    print(f"ground-truth cells whose content is the text at their box ({total} checked):")
    for shift, label in ((0, "page as given (1-based)"), (-1, "page - 1"), (1, "page + 1")):
        print(f"  {label:24} {hits[shift] / max(total, 1):6.1%}")


# Command line -----------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path, help="folder with the ICDAR 2013 PDFs and XML")
    parser.add_argument("--engine", default="all", choices=[*ENGINES, "all"])
    parser.add_argument("--tables", default="both", choices=["all", "ruled", "both"],
                        help="which ground-truth tables to score (default: both views)")
    parser.add_argument("--ruled-by", default="grid", choices=["grid", "rules"],
                        help="ruled = rules separate most neighbours both ways (grid, default) "
                             "or >= 3 rule positions each way cross the region (rules)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--verbose", action="store_true", help="also list the worst tables")
    parser.add_argument("--docs", default="*", help="only documents whose name matches (glob)")
    parser.add_argument("--json", type=Path, help="also write per-table figures to this file")
    parser.add_argument("--check", action="store_true",
                        help="only check page numbering and coordinates of the ground truth")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pdfs = [p for p in find_documents(args.dataset) if fnmatch.fnmatch(p.stem, args.docs)]
    if not pdfs:
        print(f"no ICDAR 2013 documents (PDF with -str.xml) under {args.dataset}",
              file=sys.stderr)
        return 2
    if args.check:
        check_coordinates(pdfs)
        return 0
    engines = list(ENGINES) if args.engine == "all" else [args.engine]
    subsets = ["all", "ruled"] if args.tables == "both" else [args.tables]
    start = time.perf_counter()
    truths: dict[str, list[TableTruth]] = {}
    runs: dict[tuple[str, str], Run] = {}
    # Slow engines first, so the pool does not end waiting on one camelot document.
    tasks = [(pdf, engine) for engine in reversed(engines) for pdf in pdfs]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_engine, pdf, engine) for pdf, engine in tasks]
        for (pdf, engine), future in zip(tasks, futures, strict=True):
            try:
                doc_truths, run = future.result()
            except Exception as exc:  # the worker itself died (e.g. a crash in native code)
                doc_truths = truths.get(pdf.stem) or ground_truth(pdf)
                run = Run(engine, pdf.stem, error=f"worker died: {type(exc).__name__}",
                          detected={p: [Counter() for _ in doc_truths] for p in PROTOCOLS},
                          shapes={p: [[] for _ in doc_truths] for p in PROTOCOLS})
            truths[pdf.stem] = doc_truths
            runs[(engine, pdf.stem)] = run
    wall = time.perf_counter() - start

    all_truths = [t for doc in truths.values() for t in doc]
    classify(all_truths, args.ruled_by)
    ruled = [t for t in all_truths if t.ruled]
    n_rel = sum(sum(t.truth.values()) for t in all_truths)
    n_rel_ruled = sum(sum(t.truth.values()) for t in ruled)
    print(f"ICDAR 2013 table competition: {len(truths)} documents, {len(all_truths)} tables, "
          f"{len(ruled)} of them ruled (--ruled-by {args.ruled_by}); {n_rel} ground-truth "
          f"adjacency relations "
          f"({n_rel_ruled} on ruled tables)")
    print("relation = (cell, nearest non-empty cell right of / below it, direction); contents "
          "compared after NFKC, whitespace removed, every other non-alphanumeric -> '_'\n")
    rows = [summarise(truths, runs, engine, protocol, subset)
            for subset in subsets for protocol in PROTOCOLS for engine in engines]
    print_rows(rows)
    print(f"\ntime: {wall:.0f} s wall with --jobs {args.jobs}; engine seconds (sum over files): "
          + ", ".join(f"{e} {sum(r.seconds for (n, _), r in runs.items() if n == e):.0f}"
                      for e in engines))
    for engine in engines:
        failed = sorted(doc for (name, doc), run in runs.items() if name == engine and run.error)
        if failed:
            print(f"{engine} crashed on {len(failed)} file(s): {', '.join(failed)}")
            if args.verbose:
                for doc in failed:
                    print(f"  {doc}: {runs[(engine, doc)].error}")
        unmatched = sum(r.unmatched_tables for (n, _), r in runs.items() if n == engine)
        if args.verbose:
            print(f"{engine}: {unmatched} detected table(s) overlap no ground-truth region")
    if args.verbose:
        for engine in engines:
            for protocol in PROTOCOLS:
                print_worst(truths, runs, engine, protocol, subsets[0])
    if args.json:
        write_json(args.json, truths, runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
