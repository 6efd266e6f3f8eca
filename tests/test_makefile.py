"""`make all` end to end: any RAW/OUT folders, byte-identical reruns, no work the second time."""

from __future__ import annotations

import csv
import io
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NPO_PDF, PLAN_PDF, RAW, ROOT

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("make") is None, reason="needs make")]


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True, text=True, timeout=600,
    )


def published(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    raw = tmp_path_factory.mktemp("raw")
    for pdf in RAW.glob("*.pdf"):
        shutil.copy(pdf, raw / pdf.name)
    out = tmp_path_factory.mktemp("out")
    first = make("all", f"RAW={raw}", f"OUT={out}")
    assert first.returncode == 0, first.stderr
    return raw, out, first


def test_all_publishes_every_dataset(built) -> None:
    _, out, _ = built
    names = set(published(out))
    assert {"npo_loan_terms.csv", "npo_loan_terms.parquet", "datapackage.json"} <= names
    assert {"plan_key_figures.csv", "plan_measures.csv"} <= names
    assert {"rokin.duckdb", "rokin.xlsx", "report.html", "review.html"} <= names  # as `all`
    data = (out / "npo_loan_terms.csv").read_bytes()
    # records, not lines: a cell listing items keeps their line breaks inside its quotes
    records = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(records) == 1 + 195 and data.endswith(b"\n") and not data.endswith(b"\n\n")
    assert b"\r" not in data


def test_second_run_does_no_work(built) -> None:
    raw, out, _ = built
    again = make("all", f"RAW={raw}", f"OUT={out}")
    assert again.returncode == 0, again.stderr
    assert "python -m pipeline" not in again.stdout


def test_rebuild_from_scratch_is_byte_identical(built, tmp_path) -> None:
    raw, out, _ = built
    out2 = tmp_path / "out2"
    second = make("all", f"RAW={raw}", f"OUT={out2}")
    assert second.returncode == 0, second.stderr
    first_files, second_files = published(out), published(out2)
    csvs = [name for name in first_files if name.endswith(".csv")]
    assert csvs
    for name in csvs + ["datapackage.json", "rokin.xlsx", "report.html", "review.html"]:
        assert first_files[name] == second_files[name], name


def test_touching_a_pdf_reruns_only_that_pdf(built, tmp_path) -> None:
    raw, out, _ = built
    target = raw / NPO_PDF.name
    target.touch()
    rerun = make("all", f"RAW={raw}", f"OUT={out}")
    assert rerun.returncode == 0, rerun.stderr
    assert extracted_pdfs(rerun.stdout) == [NPO_PDF.name]
    assert {"clean", "publish"} <= set(stages_of(rerun.stdout))


def test_removing_a_pdf_republishes_without_it(tmp_path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / NPO_PDF.name)
    shutil.copy(NPO_PDF, raw / "second_copy.pdf")
    failed = make("all", f"RAW={raw}", f"OUT={out}")
    assert failed.returncode != 0  # the same edition twice: duplicate keys
    assert "more than one PDF" in failed.stderr and "second_copy.pdf" in failed.stderr
    assert not (out / "npo_loan_terms.csv").exists()
    (raw / "second_copy.pdf").unlink()
    fixed = make("all", f"RAW={raw}", f"OUT={out}")
    assert fixed.returncode == 0, fixed.stderr
    assert (out / "npo_loan_terms.csv").exists()


def stages_of(output: str) -> list[str]:
    """The stages the command lines in `output` run: by the --stage options of the one `build`
    command, extract and clean by its --extract and --clean options (a PDF extracted is cleaned
    too), any other command by its name."""
    stages = []
    for line in output.splitlines():
        if " -m pipeline " not in line:
            continue
        words = shlex.split(line.split(" -m pipeline ")[1])
        if words[0] == "build":
            options = {word for word in words if word.startswith("--")}
            stages += ["extract"] if "--extract" in options else []
            stages += ["clean"] if options & {"--extract", "--clean"} else []
            stages += [words[i + 1] for i, word in enumerate(words) if word == "--stage"]
        else:
            stages.append(words[0])
    return stages


def extracted_pdfs(output: str) -> list[str]:
    """The PDFs the `build` command in `output` extracts."""
    found = []
    for line in output.splitlines():
        if " -m pipeline build " in line:
            words = shlex.split(line)
            found += [words[i + 1].rsplit("/", 1)[-1] for i, word in enumerate(words)
                      if word == "--extract"]
    return found


def planned(raw: Path, out: Path, changed: str) -> set[str]:
    """The stages `make all` would run if `changed` were edited (make -W, nothing run)."""
    assert make("all", f"RAW={raw}", f"OUT={out}").returncode == 0  # up to date first
    dry = make("-n", "-W", changed, "all", f"RAW={raw}", f"OUT={out}")
    assert dry.returncode == 0, dry.stderr
    return set(stages_of(dry.stdout))


def test_every_stage_runs_in_one_process(built) -> None:
    """From scratch, one `python -m pipeline build` and no other pipeline command: extract
    and clean of every PDF (its workers), publish, database, workbook, report and review (the
    imports of pandas, pandera, pyarrow and DuckDB paid once)."""
    raw, _, first = built
    commands = [line for line in first.stdout.splitlines() if " -m pipeline " in line]
    assert len(commands) == 1 and " -m pipeline build " in commands[0], commands
    assert sorted(stages_of(commands[0])) == ["clean", "database", "extract", "publish",
                                              "report", "review", "workbook"]
    assert sorted(extracted_pdfs(commands[0])) == sorted(p.name for p in raw.glob("*.pdf"))


def test_a_stale_derived_file_alone_is_rebuilt(built, tmp_path) -> None:
    raw, out, _ = built
    report = out / "report.html"
    before = report.read_bytes()
    report.unlink()
    again = make("all", f"RAW={raw}", f"OUT={out}")
    assert again.returncode == 0, again.stderr
    assert stages_of(again.stdout) == ["report"]
    assert report.read_bytes() == before


@pytest.mark.parametrize(
    ("changed", "expected", "untouched"),
    [
        ("pipeline/core/text.py", {"extract", "clean", "publish", "database", "report",
                                   "workbook"}, set()),
        ("schemas/reference.py", {"extract", "clean", "publish", "database", "report",
                                  "workbook"}, set()),
        ("pipeline/kinds/npo_loan/clean/values.py", {"clean", "publish", "database", "report",
                                                     "workbook"}, {"extract"}),
        ("schemas/plan_key_figures.py", {"publish", "database", "report", "workbook"},
         {"extract", "clean"}),
        ("pipeline/kinds/business_plan/report.py", {"report"},
         {"extract", "clean", "publish", "database", "workbook"}),
        ("pipeline/publish/workbook.py", {"workbook"},
         {"extract", "clean", "publish", "database", "report"}),
        ("corrections.csv", {"publish", "database", "report", "workbook", "review"},
         {"extract", "clean"}),
        ("pipeline/review/pages.py", {"review"},
         {"extract", "clean", "publish", "database", "report", "workbook"}),
        ("pipeline/kinds/npo_loan/corrections.py", {"publish", "database", "report", "workbook"},
         {"extract", "clean"}),
    ],
)
def test_editing_a_module_a_stage_imports_replans_that_stage(
    built, changed: str, expected: set[str], untouched: set[str]
) -> None:
    raw, out, _ = built
    stages = planned(raw, out, changed)
    assert expected <= stages
    assert not stages & untouched


@pytest.mark.parametrize("case", ["space", "missing", "empty"])
def test_a_raw_folder_make_cannot_use_is_one_line_and_writes_nothing(case, tmp_path) -> None:
    raw = tmp_path / ("my raw" if case == "space" else "raw")
    if case != "missing":
        raw.mkdir()
    if case == "space":
        shutil.copy(NPO_PDF, raw / NPO_PDF.name)
    out = tmp_path / "out"
    failed = make("all", f"RAW={raw}", f"OUT={out}")
    assert failed.returncode != 0
    errors = [line for line in failed.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and str(raw) in errors[0], failed.stderr
    if case == "space":
        assert "python -m pipeline all --raw" in errors[0]
    assert not out.exists()
    assert "python -m pipeline" not in failed.stdout


def test_corrections_names_the_file_publish_applies(built, tmp_path) -> None:
    """CORRECTIONS=file re-publishes with it; back to the default, without it."""
    import pandas as pd

    raw, out, _ = built
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("dataset,edition,key,field,printed,corrected,reason\n"
                     "npo_loan_terms,2025-04-01,北海道労働金庫|融資額限度|無担保,value,"
                     '"1,000",900,誤植\n', "utf-8")

    def limit() -> str:
        terms = pd.read_csv(out / "npo_loan_terms.csv", dtype=str, keep_default_na=False)
        hit = terms[(terms["bank"] == "北海道労働金庫") & (terms["item"] == "融資額限度")
                    & (terms["condition"] == "無担保")]
        return hit.iloc[0]["limit_yen"]

    fixed = make("all", f"RAW={raw}", f"OUT={out}", f"CORRECTIONS={fixes}")
    assert fixed.returncode == 0, fixed.stderr
    assert "--corrections" in fixed.stdout and limit() == "9000000"
    # Publishing again remakes every file made from the datasets, in the same run.
    assert sorted(stages_of(fixed.stdout)) == ["database", "publish", "report", "review",
                                               "workbook"]
    assert "誤植" in (out / "review.html").read_text("utf-8")
    assert "誤植" in (out / "report.html").read_text("utf-8")
    again = make("all", f"RAW={raw}", f"OUT={out}", f"CORRECTIONS={fixes}")
    assert "python -m pipeline" not in again.stdout
    missing = make("all", f"RAW={raw}", f"OUT={out}", f"CORRECTIONS={tmp_path / 'nope.csv'}")
    assert missing.returncode != 0 and "error: nope.csv: no such file" in missing.stderr
    back = make("all", f"RAW={raw}", f"OUT={out}")
    assert back.returncode == 0, back.stderr
    assert limit() == "10000000"


def test_check_lists_disagreements_on_the_review_page_then_fails(built, tmp_path) -> None:
    """CHECK=1: the cross-check's JSON listing reaches the review page; disagreements fail
    `all` only after every file was made."""
    import json

    from pipeline.core.files import sha256_of

    raw, built_out, _ = built
    out = tmp_path / "out"
    shutil.copytree(built_out, out)  # times kept: up to date
    listing = {"artifact": "crosscheck", "error": "pdfplumber and pdfium disagree on 1 cell(s)",
               "disagreements": [{
                   "file": NPO_PDF.name, "sha256": sha256_of(NPO_PDF), "check": "engines",
                   "page": 1, "where": "table 1 R99C99", "why": "text differs",
                   "readings": {"pdfplumber": "'1,000'", "pdfium": "'1,O00'"}, "bbox": None}]}
    (out / "interim" / "crosscheck.json").write_text(json.dumps(listing, indent=1), "utf-8")
    (out / "interim" / "crosscheck.txt").write_text("listed\n", "utf-8")  # newer than the PDFs
    checked = make("all", f"RAW={raw}", f"OUT={out}", "CHECK=1")
    assert checked.returncode == 2
    assert stages_of(checked.stdout) == ["review"]  # the listing changed: only the page
    assert checked.stderr.splitlines()[0] == (
        f"error: the cross-check found disagreements: {out}/interim/crosscheck.txt lists them, "
        f"{out}/review.html shows them")
    assert "table 1 R99C99" in (out / "review.html").read_text("utf-8")
    listing.update(error=None, disagreements=[])
    (out / "interim" / "crosscheck.json").write_text(json.dumps(listing, indent=1), "utf-8")
    (out / "interim" / "crosscheck.txt").touch()
    agreed = make("all", f"RAW={raw}", f"OUT={out}", "CHECK=1")
    assert agreed.returncode == 0, agreed.stderr
    assert "R99C99" not in (out / "review.html").read_text("utf-8")


def test_every_pdf_the_cli_reads_make_reads(tmp_path) -> None:
    """*.PDF (any case) too: the same folder gives the same datasets either way."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / "NPO.PDF")
    shutil.copy(PLAN_PDF, raw / "plan.Pdf")
    out = tmp_path / "out"
    done = make("all", f"RAW={raw}", f"OUT={out}")
    assert done.returncode == 0, done.stderr
    assert sorted(extracted_pdfs(done.stdout)) == ["NPO.PDF", "plan.Pdf"]
    assert sorted(p.name for p in (out / "interim").glob("*.clean.json")) == [
        "NPO.clean.json", "plan.clean.json"]
    cli = subprocess.run([sys.executable, "-m", "pipeline", "all", "--raw", str(raw), "--out",
                          str(tmp_path / "cli")], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert cli.returncode == 0, cli.stderr
    for name in ("npo_loan_terms.csv", "plan_key_figures.csv", "plan_measures.csv",
                 "datapackage.json"):
        assert (out / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_a_removed_pdf_leaves_no_dataset_or_interim_file_behind(tmp_path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(RAW, raw)
    assert make("all", f"RAW={raw}", f"OUT={out}").returncode == 0
    assert (out / "plan_key_figures.csv").exists()
    (raw / PLAN_PDF.name).unlink()
    again = make("all", f"RAW={raw}", f"OUT={out}")
    assert again.returncode == 0, again.stderr
    names = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert not [n for n in names if n.startswith(("plan_", f"interim/{PLAN_PDF.stem}."))]
    assert "npo_loan_terms.csv" in names
    assert (out / "interim" / "inputs.txt").read_text() == f"{NPO_PDF.name}\n"
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert {r["path"] for r in package["resources"]} == {"npo_loan_terms.csv",
                                                         "npo_loan_terms.parquet"}
    assert "python -m pipeline" not in make("all", f"RAW={raw}", f"OUT={out}").stdout


HOSTILE_NAMES = ["制度概要 2025 (1).pdf", "plan $(touch pwned) 'q\".PDF"]


def test_names_make_cannot_take_are_built_by_the_build_itself(tmp_path) -> None:
    """Spaces, quotes, $( ) and parentheses: the folder is handed to the build, which reads
    any name; nothing is run from a name, and a second `make all` does nothing."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / HOSTILE_NAMES[0])
    shutil.copy(PLAN_PDF, raw / HOSTILE_NAMES[1])
    done = make("all", f"RAW={raw}", f"OUT={out}")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (out / "interim").glob("*.clean.json")) == sorted(
        f"{Path(n).stem}.clean.json" for n in HOSTILE_NAMES)
    assert not (ROOT / "pwned").exists() and not (tmp_path / "pwned").exists()
    terms = (out / "npo_loan_terms.csv").read_text("utf-8")
    assert HOSTILE_NAMES[0] in terms  # the name the source_file column records
    again = make("all", f"RAW={raw}", f"OUT={out}")
    assert again.returncode == 0 and "python -m pipeline" not in again.stdout, again.stdout
    (raw / HOSTILE_NAMES[0]).touch()
    touched = make("all", f"RAW={raw}", f"OUT={out}")
    assert touched.returncode == 0 and "python -m pipeline all" in touched.stdout
    (raw / HOSTILE_NAMES[1]).unlink()
    removed = make("all", f"RAW={raw}", f"OUT={out}")
    assert removed.returncode == 0, removed.stderr
    assert not (out / "plan_key_figures.csv").exists()
    assert not list((out / "interim").glob("plan*"))


def test_timeout_reaches_the_build_and_is_per_page(built, tmp_path) -> None:
    raw, _, _ = built
    out = tmp_path / "out"
    dry = make("-n", "all", f"RAW={raw}", f"OUT={out}", "TIMEOUT=7")
    assert "--timeout 7" in dry.stdout
    short = make("all", f"RAW={raw}", f"OUT={out}", "TIMEOUT=0.001")
    assert short.returncode != 0
    errors = [line for line in short.stderr.splitlines() if not line.startswith("make: ")]
    assert len(errors) == 1 and "timed out" in errors[0] and "seconds per page" in errors[0]
    assert not out.exists()
