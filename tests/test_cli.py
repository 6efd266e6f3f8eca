"""The command line: lazy imports, per-PDF time limit, and --jobs giving the same bytes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NPO_PDF, RAW, ROOT


def run_cli(*args: str, python_flags: tuple[str, ...] = (),
            cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "pipeline", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_help_does_not_import_camelot_or_opencv() -> None:
    result = run_cli("--help", python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    assert "crosscheck" in result.stdout
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "click" in imported  # the import log is really there
    assert not imported & {"camelot", "cv2", "pandas", "pyarrow", "duckdb"}, imported


@pytest.mark.parametrize("command", ["all", "crosscheck"])
def test_subcommand_help_stays_light(command) -> None:
    result = run_cli(command, "--help", python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    assert "camelot" not in result.stderr and "cv2" not in result.stderr


def test_timeout_is_a_clean_error_and_publishes_nothing(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / NPO_PDF.name)
    out = tmp_path / "out"
    result = run_cli("all", "--raw", str(raw), "--out", str(out), "--timeout", "0.001")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert NPO_PDF.name in result.stderr and "timed out" in result.stderr
    assert not out.exists()


def test_extract_command_honours_timeout(tmp_path) -> None:
    result = run_cli("extract", str(NPO_PDF), "-o", str(tmp_path / "x.json"), "--timeout", "0.001")
    assert result.returncode == 2 and "timed out" in result.stderr
    assert not (tmp_path / "x.json").exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`all --jobs 1` over a copy of raw/ in a folder whose name has a space."""
    raw = tmp_path_factory.mktemp("cli") / "my raw"
    shutil.copytree(RAW, raw)
    out = raw.parent / "out dir"
    done = run_cli("all", "--raw", str(raw), "--out", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return out


def database_dump(path: Path) -> list:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        names = [n for (n,) in con.execute(
            "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM "
            "duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
        return [(n, sorted(map(str, con.execute(f'SELECT * FROM "{n}"').fetchall())))
                for n in names]


@pytest.mark.slow
def test_all_builds_everything_make_all_builds(built) -> None:
    from pipeline.run import DERIVED

    names = set(files(built))
    assert {"datapackage.json", "rokin.duckdb", "rokin.xlsx", "report.html"} <= names
    assert set(DERIVED.values()) <= names
    assert {f"{d}.{ext}" for d in ("npo_loan_terms", "plan_key_figures", "plan_measures")
            for ext in ("csv", "parquet")} <= names
    assert not [n for n in names if "/." in n or n.startswith(".")]  # no staging leftovers


@pytest.mark.slow
def test_jobs_give_the_same_bytes_as_one_job(built, tmp_path) -> None:
    many = run_cli("all", "--raw", str(RAW), "--out", str(tmp_path / "many"), "--jobs", "0")
    assert many.returncode == 0, many.stderr
    one, other = files(built), files(tmp_path / "many")
    assert one.keys() == other.keys()
    # A DuckDB file is not byte-reproducible (its blocks are laid out as written); its content is.
    database = "rokin.duckdb"
    assert {k: v for k, v in one.items() if k != database} == {
        k: v for k, v in other.items() if k != database}
    assert database_dump(built / database) == database_dump(tmp_path / "many" / database)


def test_version() -> None:
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout == f"rokin-tables {version('rokin-tables')}\n"


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and "internal:" not in lines[0]
    return lines[0]


@pytest.mark.parametrize("args", [
    ("all", "--jobs", "-1"), ("all", "--jobs", "many"), ("all", "--no-such-option"),
    ("no-such-command",), ("extract",),
])
def test_usage_mistakes_are_one_line(args, tmp_path) -> None:
    line = one_line_error(run_cli(*args, "--out", str(tmp_path / "out")) if args[0] == "all"
                          else run_cli(*args))
    assert "--help" in line
    if "--jobs" in args:
        assert "--jobs" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["missing", "a file", "empty", "has space missing"])
def test_a_bad_raw_folder_is_named_and_nothing_is_written(case, tmp_path) -> None:
    raw = tmp_path / ("my raw" if "space" in case else "raw")
    if case == "a file":
        raw.write_text("not a folder")
    elif case == "empty":
        raw.mkdir()
    out = tmp_path / "out"
    line = one_line_error(run_cli("all", "--raw", str(raw), "--out", str(out)))
    assert str(raw) in line and "--raw" in line
    assert not out.exists()


def bad_pdf(kind: str) -> bytes:
    """The shipped NPO PDF broken in a way a PDF library reports in its own words."""
    data = NPO_PDF.read_bytes()
    if kind == "brotli":  # a PDF 2.0 filter pdfminer does not implement
        return data.replace(b"/FlateDecode", b"/BrotliDecode", 1)
    start = data.index(b"<<", 2000)  # a dictionary that no longer parses
    return data[:start] + b"<<<< ))) >>" + data[start + 4:]


@pytest.mark.parametrize(("kind", "library", "plain"), [
    ("brotli", "PDFNotImplementedError: Unsupported filter", "which the PDF reader "
     "(pdfminer.six) cannot decode"),
    ("syntax", "PSSyntaxError", "the PDF's internal structure is damaged"),
])
def test_a_library_error_comes_with_a_plain_explanation(kind, library, plain, tmp_path) -> None:
    folder = tmp_path / "in here"
    folder.mkdir()
    pdf = folder / f"broken_{kind}.pdf"
    pdf.write_bytes(bad_pdf(kind))
    line = one_line_error(run_cli("extract", str(pdf), "-o", str(tmp_path / "x.json")))
    assert line.startswith(f"error: {pdf.name}: ") and library in line and plain in line
    assert line.index(plain) < line.index(library)  # the words first, the library's text after


@pytest.mark.slow
def test_every_error_names_its_file_by_file_name(tmp_path) -> None:
    """Whatever the command and however the path was given, a file is named by its name."""
    folder = tmp_path / "deep" / "raw"
    folder.mkdir(parents=True)
    shutil.copy(NPO_PDF, folder / NPO_PDF.name)
    (folder / "zz_not_a.pdf").write_text("hello")
    out = tmp_path / "out"
    lines = {
        "all": one_line_error(run_cli("all", "--raw", str(folder), "--out", str(out))),
        "extract": one_line_error(run_cli("extract", str(folder / "zz_not_a.pdf"), "-o",
                                          str(tmp_path / "x.json"))),
        "timeout": one_line_error(run_cli("extract", str(folder / NPO_PDF.name), "-o",
                                          str(tmp_path / "x.json"), "--timeout", "0.001")),
        "clean": one_line_error(run_cli("clean", str(folder / "gone.extract.json"), "-o",
                                        str(tmp_path / "x.json"))),
        "database": one_line_error(run_cli("database", "--out", str(tmp_path))),
        "workbook": one_line_error(run_cli("workbook", "--out", str(tmp_path))),
    }
    assert lines["all"].startswith("error: zz_not_a.pdf: not a PDF")
    assert lines["extract"] == lines["all"]
    assert lines["timeout"].startswith(f"error: {NPO_PDF.name}: timed out")
    assert lines["clean"] == "error: gone.extract.json: no such file"
    assert lines["database"].startswith("error: datapackage.json: not found in ")
    assert lines["workbook"] == lines["database"]
    assert not [line for line in lines.values() if str(folder) in line]
    assert not out.exists()


def test_crosscheck_without_camelot_says_to_install_the_check_extra() -> None:
    code = ("import sys; sys.modules['camelot'] = None; from pipeline.cli import main; "
            f"main(['crosscheck', {str(NPO_PDF)!r}])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    line = one_line_error(result)
    assert "camelot" in line and "[check]" in line and "pip install" in line


@pytest.mark.slow
def test_all_publishes_nothing_when_the_report_fails(tmp_path, monkeypatch) -> None:
    """`all` is all or nothing over the derived files too: a failing report leaves OUT as it
    was, the datasets and the database included."""
    from pipeline.core.errors import PipelineError
    from pipeline.report import build as report_build
    from pipeline.run import run_all

    out = tmp_path / "out"
    out.mkdir()
    (out / "datapackage.json").write_text("{}\n")
    (out / "rokin.duckdb").write_bytes(b"older")
    before = files(out)

    def broken(folder, diffs_in=None, lang=None):
        raise PipelineError("cannot render", file="report.html")

    monkeypatch.setattr(report_build, "write_report", broken)
    with pytest.raises(PipelineError, match="cannot render"):
        run_all(RAW, out, derived=True)
    assert files(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["datapackage.json", "rokin.duckdb"]
    with pytest.raises(PipelineError):
        run_all(RAW, tmp_path / "new", derived=True)
    assert not (tmp_path / "new").exists()


def test_all_reads_one_pdf_per_cpu_by_default() -> None:
    result = run_cli("all", "--help")
    assert result.returncode == 0
    assert "0 = one per CPU, the default" in " ".join(result.stdout.split())


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_extract_takes_the_engine_and_records_it(engine, tmp_path) -> None:
    import json

    artifact = tmp_path / "x.json"
    done = run_cli("extract", str(NPO_PDF), "-o", str(artifact), "--engine", engine)
    assert done.returncode == 0, done.stderr
    assert json.loads(artifact.read_text("utf-8"))["engine"] == engine


def test_extract_with_pdfium_does_not_import_pdfplumber(tmp_path) -> None:
    # The PDF is read in a child whose stderr (its import log here) --verbose shows.
    result = run_cli("extract", str(NPO_PDF), "-o", str(tmp_path / "x.json"), "--engine",
                     "pdfium", "--verbose", python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if "import time:" in line}
    assert "pypdfium2" in imported
    assert not imported & {"pdfplumber", "pandas", "pyarrow", "duckdb"}, imported


def test_an_unknown_engine_is_one_line(tmp_path) -> None:
    line = one_line_error(run_cli("extract", str(NPO_PDF), "-o", str(tmp_path / "x.json"),
                                  "--engine", "ocr-nope"))
    assert "--engine" in line


@pytest.mark.slow
def test_build_runs_the_heavy_stages_in_one_process(tmp_path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    interim = tmp_path / "interim"
    interim.mkdir()
    cleaned = []
    for pdf in sorted(raw.glob("*.pdf")):
        extracted = interim / f"{pdf.stem}.extract.json"
        assert run_cli("extract", str(pdf), "-o", str(extracted)).returncode == 0
        cleaned.append(interim / f"{pdf.stem}.clean.json")
        assert run_cli("clean", str(extracted), "-o", str(cleaned[-1])).returncode == 0
    out = tmp_path / "out"
    missing = one_line_error(run_cli("build", "--stage", "report", "--out", str(out)))
    assert "datapackage.json" in missing and not out.exists()
    done = run_cli("build", "--stage", "publish", "--stage", "report", "--out", str(out),
                   *map(str, cleaned))
    assert done.returncode == 0, done.stderr
    assert (out / "datapackage.json").exists() and (out / "report.html").exists()
    assert not (out / "rokin.duckdb").exists()  # only the stages asked for
    again = run_cli("build", "--stage", "database", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert (out / "rokin.duckdb").exists()
    review = run_cli("build", "--stage", "review", "--out", str(out), "--raw", str(raw))
    assert review.returncode == 0, review.stderr
    assert "data:image/png;base64," in (out / "review.html").read_text("utf-8")


CORRECTION = ("dataset,edition,key,field,printed,corrected,reason\n"
              "npo_loan_terms,2025-04-01,北海道労働金庫|融資額限度|無担保,value,\"1,000\",900,"
              "誤植（正しくは 900 万円）\n")


@pytest.mark.slow
def test_all_applies_corrections_csv_of_the_current_folder(tmp_path) -> None:
    import pandas as pd

    (tmp_path / "corrections.csv").write_text(CORRECTION, "utf-8")
    out = tmp_path / "out"
    result = run_cli("all", "--raw", str(RAW), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "corrections corrections.csv: 1 row(s) corrected" in result.stdout
    terms = pd.read_csv(out / "npo_loan_terms.csv", dtype=str, keep_default_na=False)
    fixed = terms[(terms["bank"] == "北海道労働金庫") & (terms["item"] == "融資額限度")
                  & (terms["condition"] == "無担保")].iloc[0]
    assert (fixed["value"], fixed["limit_yen"]) == ("900", "9000000")
    assert fixed["corrected"] == "value: 誤植（正しくは 900 万円）"
    assert (terms["corrected"] != "").sum() == 1


@pytest.mark.slow
def test_a_stale_correction_stops_the_build_and_publishes_nothing(tmp_path) -> None:
    fixes = tmp_path / "fixes.csv"
    fixes.write_text(CORRECTION.replace('"1,000"', '"1,200"'), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "datapackage.json").write_text("{}\n")
    result = run_cli("all", "--raw", str(RAW), "--out", str(out), "--corrections", str(fixes))
    line = one_line_error(result)
    assert line.startswith("error: fixes.csv: line 2: stale: printed '1,200' is not what the "
                           "PDF says"), line
    assert [p.name for p in out.iterdir()] == ["datapackage.json"]
    missing = run_cli("all", "--raw", str(RAW), "--out", str(out), "--corrections",
                      str(tmp_path / "nope.csv"))
    assert one_line_error(missing) == "error: nope.csv: no such file (--corrections)"


@pytest.mark.slow
def test_build_extracts_and_cleans_in_its_workers_before_publishing(tmp_path) -> None:
    """`build --extract` (what make all runs): each PDF extracted and cleaned into
    OUT/interim, then published with the rest, the same bytes as `all` publishes."""
    out, reference = tmp_path / "out", tmp_path / "reference"
    pdfs = sorted(RAW.glob("*.pdf"))
    cleaned = [out / "interim" / f"{pdf.stem}.clean.json" for pdf in pdfs]
    done = run_cli("build", *[a for pdf in pdfs for a in ("--extract", str(pdf))],
                   "--stage", "publish", "--stage", "database", "--out", str(out),
                   *map(str, cleaned))
    assert done.returncode == 0, done.stderr
    assert all(path.is_file() for path in cleaned)
    assert all((out / "interim" / f"{pdf.stem}.extract.json").is_file() for pdf in pdfs)
    assert run_cli("all", "--raw", str(RAW), "--out", str(reference)).returncode == 0
    for name in ("npo_loan_terms.csv", "plan_measures.csv", "datapackage.json"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    # --clean re-cleans an extract artifact beside itself, and publishes again.
    cleaned[0].unlink()
    again = run_cli("build", "--clean", str(out / "interim" / f"{pdfs[0].stem}.extract.json"),
                    "--stage", "publish", "--out", str(out), *map(str, cleaned))
    assert again.returncode == 0, again.stderr
    assert cleaned[0].is_file()
    assert (out / "npo_loan_terms.csv").read_bytes() == (reference / "npo_loan_terms.csv"
                                                         ).read_bytes()


@pytest.mark.slow
def test_build_with_a_bad_pdf_is_one_line_and_publishes_nothing(tmp_path) -> None:
    from tests.bad_pdfs import BAD_INPUTS

    bad = tmp_path / "zz_bad.pdf"
    bad.write_bytes(BAD_INPUTS["truncated"].build())
    out = tmp_path / "out"
    args = ["--extract", str(NPO_PDF), "--extract", str(bad), "--stage", "publish", "--out",
            str(out), str(out / "interim" / f"{NPO_PDF.stem}.clean.json"),
            str(out / "interim" / "zz_bad.clean.json")]
    line = one_line_error(run_cli("build", *args))
    assert "zz_bad.pdf" in line and BAD_INPUTS["truncated"].says in line
    assert not (out / "datapackage.json").exists()
    line = one_line_error(run_cli("build", "--extract", str(NPO_PDF), "--stage", "report",
                                  "--out", str(out)))
    assert "--stage publish" in line
    missing = one_line_error(run_cli("build", "--stage", "publish", "--out", str(out),
                                     str(tmp_path / "nowhere.clean.json")))
    assert "nowhere.clean.json" in missing and "no such file" in missing


@pytest.mark.slow
def test_lang_chooses_the_pages_language(published_once: Path, tmp_path: Path) -> None:
    """--lang en writes the report and the workbook's own words in English; Japanese is the
    default; an unknown language is one line, exit 2."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(published_once, out)
    assert run_cli("report", "--out", str(out)).returncode == 0
    assert '<html lang="ja">' in (out / "report.html").read_text("utf-8")
    assert run_cli("report", "--out", str(out), "--lang", "en").returncode == 0
    text = (out / "report.html").read_text("utf-8")
    assert '<html lang="en">' in text and "NPO loan programmes compared" in text
    assert run_cli("workbook", "--out", str(out), "--lang", "en").returncode == 0
    line = one_line_error(run_cli("report", "--out", str(out), "--lang", "fr"))
    assert "--lang" in line


@pytest.mark.slow
def test_all_removes_what_a_removed_pdf_published(tmp_path) -> None:
    from pipeline.run import run_all

    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(RAW, raw)
    run_all(raw, out, jobs=1)
    plan = next(raw.glob("business_plan*.pdf"))
    plan.unlink()
    run_all(raw, out, jobs=1)
    left = [name for name in files(out) if name.startswith(("plan_", f"interim/{plan.stem}"))]
    assert left == [] and (out / "npo_loan_terms.csv").exists()


def test_verbose_shows_what_a_library_logged_and_otherwise_nothing(tmp_path) -> None:
    """pdfminer's "Could not get FontBBox …" is a log record: never a stray line, shown with
    --verbose (-v) before the one error line."""
    from tests.hostile_pdfs import type1_without_fontbbox

    pdf = tmp_path / "font.pdf"
    pdf.write_bytes(type1_without_fontbbox())
    quiet = one_line_error(run_cli("extract", str(pdf), "-o", str(tmp_path / "x.json")))
    assert quiet.startswith("error: font.pdf: page 1: not a known document")
    loud = run_cli("extract", str(pdf), "-o", str(tmp_path / "x.json"), "-v")
    assert loud.returncode == 2
    lines = loud.stderr.splitlines()
    assert lines[-1] == quiet
    assert any("pdfminer" in line and "Could not get FontBBox" in line for line in lines[:-1])
    assert not (tmp_path / "x.json").exists()
