"""Command line: one command per stage, plus `all`. Errors print one line and exit 2.

Every error is `error: <file>: page N: <cell>: message` (the parts known), one line on stderr,
exit status 2, nothing published. A file is always named by its file name (X.pdf,
datapackage.json), as the datasets' source_file column names it; a folder is named as it was
given (--raw, --out). Usage mistakes (an unknown option, --jobs -1) are one line too.
"""

from __future__ import annotations

import atexit
import gc
import os
import shlex
import sys
from pathlib import Path

import click

from pipeline.core.errors import PipelineError, describe
from pipeline.core.lang import DEFAULT as DEFAULT_LANG
from pipeline.core.lang import LANGUAGES
from pipeline.extract.engines import DEFAULT as DEFAULT_ENGINE
from pipeline.extract.engines import NAMES as ENGINES
from pipeline.run import DEFAULT_TIMEOUT

EXIT_ERROR = 2

PACKAGE = "rokin-tables"


def _existing_files(ctx: click.Context, param: click.Parameter, value: object) -> object:
    """Input files must exist: a PipelineError naming the file otherwise."""
    for path in value if isinstance(value, tuple) else (value,):
        if path is not None and not path.is_file():
            why = "a folder, not a file" if path.is_dir() else "no such file"
            raise PipelineError(why, file=str(path))
    return value


existing = click.Path(dir_okay=False, path_type=Path)


def engine_option(what: str = "Engine that reads the PDF's characters and rules."):
    """--engine: pdfplumber (pdfminer, pure Python) or pdfium (PDFium through pypdfium2)."""
    return click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE,
                        show_default=True, help=what)


lang_option = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANG, show_default=True,
    help="Language of the pages people read (report, review, diff pages, the workbook's own "
    "labels); column, dataset and file names stay as they are.")


def _published_folder(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    if not value.is_dir():
        raise PipelineError(f"{shlex.quote(str(value))}: no such folder (--out); "
                            "publish into it first")
    return value


def out_option(*, published: bool):
    """--out: the folder datasets are published into (`published`: one that must exist)."""
    return click.option(
        "--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
        callback=_published_folder if published else None,
        help="Folder the datasets were published into." if published
        else "Folder to publish into.",
    )


def _corrections_file(ctx: click.Context, param: click.Parameter, value: Path | None
                      ) -> Path | None:
    """The corrections file: as given (it must exist), else corrections.csv here if any."""
    from pipeline.corrections.table import DEFAULT

    if value is not None:
        return value
    return Path(DEFAULT) if Path(DEFAULT).is_file() else None


corrections_option = click.option(
    "--corrections", type=click.Path(dir_okay=False, path_type=Path), default=None,
    callback=_corrections_file, metavar="FILE",
    help="Reviewers' corrections of what the PDFs print, applied before validation "
    "[default: corrections.csv in this folder, if there is one].")


def _echo_corrected(frames: dict, corrections: Path | None) -> None:
    """One line saying how many rows the corrections file corrected, when one was applied."""
    if corrections is None:
        return
    rows = sum(int((frame["corrected"] != "").sum()) for frame in frames.values()
               if "corrected" in frame)
    click.echo(f"corrections {corrections.name}: {rows} row(s) corrected")


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version(PACKAGE)
    except PackageNotFoundError:  # run from a source tree that was never installed
        number = "unknown (not installed)"
    click.echo(f"{PACKAGE} {number}")
    ctx.exit(0)


def _verbosity(ctx: click.Context, param: click.Parameter, value: int) -> None:
    from pipeline.core.logs import configure

    if value:
        configure(value)


# -v/--verbose, on the group and on every command: what the pipeline and the libraries log
# (fallbacks taken, a PDF library's warnings) on stderr; -vv for debugging.
verbose_option = click.Option(
    ["-v", "--verbose"], count=True, expose_value=False, is_eager=True, callback=_verbosity,
    help="Show on stderr the fallbacks taken and the PDF libraries' warnings (-vv: all).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and exit.")
def cli() -> None:
    """Turn the labour banks' Japanese PDF tables into tidy, validated datasets.

    Stages run in order extract → clean → validate → publish; `all` runs them for every PDF in a
    folder. Errors print one line naming the file, page and cell, exit with status 2, and leave
    the published files as they were.
    """


@cli.command()
@click.argument("pdf", type=existing, callback=_existing_files)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Extract artifact to write (JSON).")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT,
              show_default=True, help="Seconds each page of the PDF may take to be read "
              "(0 = none): a long document gets its pages' worth.")
@engine_option()
def extract(pdf: Path, output: Path, timeout: float, engine: str) -> None:
    """Read PDF's ruled tables (cells with spans) and loose text lines into a JSON artifact."""
    from pipeline.run import extract_file

    data = extract_file(pdf, output, timeout, engine=engine)
    n_tables = sum(len(page["tables"]) for page in data["pages"])
    click.echo(f"extract {pdf}: {len(data['pages'])} page(s), {n_tables} table(s) → {output}")


@cli.command()
@click.argument("extracted", type=existing, callback=_existing_files)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Clean artifact to write (JSON).")
def clean(extracted: Path, output: Path) -> None:
    """Detect the document kind and turn an extract artifact into tidy records."""
    from pipeline.run import clean_file

    data = clean_file(extracted, output)
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in data["datasets"].items())
    click.echo(f"clean {extracted}: {data['kind']}: {counts} row(s) → {output}")


@cli.command()
@click.argument("cleaned", nargs=-1, type=existing, callback=_existing_files)
@corrections_option
def validate(cleaned: tuple[Path, ...], corrections: Path | None) -> None:
    """Correct, then check clean artifacts against the dataset schemas; every problem at once."""
    from pipeline.run import validated_frames
    from pipeline.validate.confidence import least_sure, shown

    frames, _ = validated_frames(list(cleaned), corrections)
    _echo_corrected(frames, corrections)
    unsure = least_sure(frames)
    if unsure:  # read by OCR: the least sure first, to check by eye
        click.echo(f"least sure OCR readings ({len(unsure)}):")
        for row in unsure:
            click.echo(f"  {shown(row)}")
    for name, frame in frames.items():
        click.echo(f"validate {name}: {len(frame)} row(s) valid")


@cli.command()
@click.argument("cleaned", nargs=-1, type=existing, callback=_existing_files)
@out_option(published=False)
@corrections_option
def publish(cleaned: tuple[Path, ...], out: Path, corrections: Path | None) -> None:
    """Correct and validate clean artifacts; write CSV, Parquet and datapackage.json, atomically."""
    from pipeline.run import publish_files

    frames = publish_files(list(cleaned), out, corrections=corrections)
    _echo_corrected(frames, corrections)
    for name, frame in frames.items():
        click.echo(f"publish {name}: {len(frame)} row(s) → {out / (name + '.csv')}")


@cli.command(name="all")
@click.option("--raw", type=click.Path(path_type=Path), default=Path("raw"),
              show_default=True, help="Folder of source PDFs (any name, spaces too).")
@out_option(published=False)
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="PDFs read in parallel (0 = one per CPU, the default).")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT,
              show_default=True, help="Seconds each page of a PDF may take to be read, and "
              "its clean stage (0 = none): a long document gets its pages' worth.")
@engine_option()
@corrections_option
@lang_option
def all_(raw: Path, out: Path, jobs: int, timeout: float, engine: str,
         corrections: Path | None, lang: str) -> None:
    """Run every stage for every PDF in RAW and publish into OUT (all or nothing): the datasets
    and datapackage.json, the database, the workbook, the report and the review page, as
    `make all` does."""
    from pipeline.progress import terminal_progress
    from pipeline.run import DERIVED, check_raw_folder, run_all

    check_raw_folder(raw)  # before the progress counter starts
    # A counter on stderr only when it is a terminal: logs and pipes get nothing extra.
    with terminal_progress("extract+clean") as progress:
        frames = run_all(raw, out, jobs, timeout, progress=progress, derived=True,
                         engine=engine, corrections=corrections, lang=lang)
    _echo_corrected(frames, corrections)
    for name, frame in frames.items():
        click.echo(f"publish {name}: {len(frame)} row(s) → {out / (name + '.csv')}")
    for command, name in DERIVED.items():
        click.echo(f"{command} → {out / name}")


@cli.command()
@click.argument("pdfs", nargs=-1, required=True, type=existing, callback=_existing_files)
@engine_option("Engine whose tables camelot re-reads.")
@click.option("--check", "checks", type=click.Choice(("engines", "camelot")), multiple=True,
              help="Only this check; repeatable (default: both).")
@click.option("--json", "listing", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every disagreement, with its box on the page, to this JSON "
              "file (what the review page lists), once every PDF was compared.")
def crosscheck(pdfs: tuple[Path, ...], engine: str, checks: tuple[str, ...],
               listing: Path | None) -> None:
    """Compare the engines on PDFS: pdfplumber and pdfium cell by cell and line by line
    (engines), and camelot's lattice read of every table (camelot); list every difference.

    Exits 2 if anything differs (the engines: exactly, positions within 0.05 pt; camelot: text
    NFKC- and whitespace-insensitively, spans respected).
    """
    checks = checks or ("engines", "camelot")
    if "camelot" in checks:
        try:
            import camelot  # noqa: F401  (heavy: loaded only by this command)
        except ImportError as exc:
            raise PipelineError(
                f"crosscheck needs camelot, which cannot be loaded ({describe(exc)}): install "
                f"the [check] extra: pip install '{PACKAGE}[check]' (in a checkout: pip install "
                "-e '.[check]'), or run only --check engines") from None
    from pipeline.crosscheck.run import crosscheck_files

    crosscheck_files(list(pdfs), click.echo, engine=engine, checks=checks, listing=listing)


@cli.command()
@out_option(published=True)
@click.option("--from", "old", multiple=True, metavar="EDITION",
              help="Older edition (2025-04-01 for as_of, 2025 for fiscal_year); repeatable.")
@click.option("--to", "new", multiple=True, metavar="EDITION",
              help="Newer edition, matched to datasets the same way; repeatable.")
@click.option("--dataset", "names", multiple=True, help="Only this dataset; repeatable.")
@lang_option
def diff(out: Path, old: tuple[str, ...], new: tuple[str, ...], names: tuple[str, ...],
         lang: str) -> int:
    """Compare two editions of each published dataset; write OUT/diffs/*.csv|md|html.

    By default the two latest editions. Exits 0 when they are identical, 1 when they differ
    (like diff), 2 on error.
    """
    from pipeline.diff.run import diff_published
    from pipeline.diff.summary import summary_lines

    run = diff_published(out, old, new, names, lang=lang)
    for line in summary_lines(run):
        click.echo(line)
    return 0 if run.identical else 1


@cli.command()
@click.argument("cleaned", nargs=-1, type=existing)
@out_option(published=False)
@click.option("--stage", "stages", multiple=True, required=True,
              type=click.Choice(("publish", "database", "workbook", "report", "review")),
              help="A stage to run; repeatable.")
@click.option("--extract", "pdfs", multiple=True, type=existing, callback=_existing_files,
              metavar="PDF", help="First extract and clean this PDF into OUT/interim (its "
              "clean artifact may then be among CLEANED); repeatable. Needs --stage publish.")
@click.option("--clean", "extracted", multiple=True, type=existing, callback=_existing_files,
              metavar="ARTIFACT", help="First clean this extract artifact (NAME.extract.json, "
              "into NAME.clean.json beside it); repeatable. Needs --stage publish.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes for those and for the derived files (0 = one per CPU, "
              "the default).")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT,
              show_default=True, help="Seconds each page of a PDF may take to be read, and "
              "its clean stage (0 = none): a long document gets its pages' worth.")
@engine_option()
@corrections_option
@click.option("--raw", type=click.Path(path_type=Path), default=Path("raw"), show_default=True,
              help="Folder of the source PDFs (the review page crops them).")
@lang_option
def build(cleaned: tuple[Path, ...], out: Path, stages: tuple[str, ...], pdfs: tuple[Path, ...],
          extracted: tuple[Path, ...], jobs: int, timeout: float, engine: str,
          corrections: Path | None, raw: Path, lang: str) -> None:
    """Run several of extract and clean (--extract, --clean), publish (of CLEANED), database,
    workbook, report and review in one process, as `make all` does for whichever are out of
    date: the heavy imports are paid once, while worker processes read the PDFs."""
    import shutil
    import tempfile

    from pipeline.core.workers import cpus
    from pipeline.run import INTERIM, build_stages, cleaned_beside, refresh_artifacts, warm_imports

    if (pdfs or extracted) and "publish" not in stages:
        raise PipelineError("--extract and --clean feed publish: add --stage publish")
    if "publish" not in stages and not (out / "datapackage.json").is_file():
        raise PipelineError(f"{shlex.quote(str(out))}: no datapackage.json (--out); publish "
                            "into it first (--stage publish)")
    interim = out / INTERIM
    # The clean artifacts this command writes need not exist yet; every other one must.
    written = {(interim / f"{pdf.stem}.clean.json").resolve() for pdf in pdfs} | {
        cleaned_beside(artifact).resolve() for artifact in extracted}
    _existing_files(click.get_current_context(), None,
                    tuple(p for p in cleaned if p.resolve() not in written))
    jobs = jobs or cpus()
    # Fresh interim artifacts are made apart and published with the datasets, so a failure
    # leaves OUT as it was, interim included.
    staging = Path(tempfile.mkdtemp(prefix="pipeline-interim-"))
    try:
        extra: dict[str, Path] = {}
        if pdfs or extracted:
            refresh_artifacts(list(pdfs), list(extracted), staging, jobs, timeout, engine,
                              meanwhile=warm_imports)
            extra = {f"{INTERIM}/{p.name}": p for p in sorted(staging.iterdir())}
            fresh = {(interim / p.name).resolve(): p for p in staging.iterdir()}
            cleaned = tuple(fresh.get(p.resolve(), p) for p in cleaned)
        made = build_stages(out, list(stages), list(cleaned), corrections, raw, jobs, extra,
                            lang)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for name in [*extra, *made]:
        click.echo(f"build → {out / name}")


@cli.command()
@out_option(published=True)
def database(out: Path) -> None:
    """Load every published dataset into OUT/rokin.duckdb (tables, views, metadata)."""
    from pipeline.database.build import build_database

    click.echo(f"database → {build_database(out)}")


@cli.command()
@out_option(published=True)
@lang_option
def report(out: Path, lang: str) -> None:
    """Write OUT/report.html: one self-contained page comparing the banks, with charts."""
    from pipeline.report.build import write_report

    click.echo(f"report → {write_report(out, lang=lang)}")


@cli.command()
@out_option(published=True)
@click.option("--raw", type=click.Path(path_type=Path), default=Path("raw"), show_default=True,
              help="Folder of the source PDFs the values were read from.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="PDFs cropped in parallel (0 = one per CPU, the default).")
@lang_option
def review(out: Path, raw: Path, jobs: int, lang: str) -> None:
    """Write OUT/review.html: every published value beside the print it was read from (cropped
    from the PDF in RAW), and on top what needs a look."""
    from pipeline.core.workers import cpus
    from pipeline.review.build import write_review

    click.echo(f"review → {write_review(out, raw, jobs=jobs or cpus(), lang=lang)}")


@cli.command()
@out_option(published=True)
@lang_option
def workbook(out: Path, lang: str) -> None:
    """Write OUT/rokin.xlsx: every dataset as an Excel sheet, plus a sheet of every column."""
    from pipeline.publish.workbook import write_workbook

    click.echo(f"workbook → {write_workbook(out, lang=lang)}")


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("docs/DATA.md"), show_default=True, help="Markdown file to write.")
def docs(output: Path) -> None:
    """Write the data dictionary (every dataset's columns, types, units, key) from the schemas."""
    from pipeline.docs.dictionary import write_dictionary

    changed = write_dictionary(output)
    click.echo(f"docs → {output}{'' if changed else ' (unchanged)'}")


for _command in [cli, *cli.commands.values()]:
    _command.params.append(verbose_option)


def error_line(exc: PipelineError) -> str:
    """The one line printed for `exc`: its file by name, page, cell and message."""
    if exc.file:
        exc.file = Path(exc.file).name
    return f"error: {exc}"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning PipelineError into one line on stderr and exit 2."""
    # At exit, Python's last garbage collections walk every object pandas, pandera and pyarrow
    # made (0.2 s); frozen, they are left to the OS, while finalizers and atexit still run.
    atexit.register(gc.freeze)
    from pipeline.core.logs import configure

    configure(0)  # libraries' log records and warnings are shown only with --verbose
    try:
        code = cli.main(args=argv, prog_name="python -m pipeline", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        sys.exit(EXIT_ERROR)
    except click.UsageError as exc:
        hint = f" (python -m pipeline {exc.ctx.info_name} --help)" if exc.ctx and (
            exc.ctx.parent) else " (python -m pipeline --help)"
        click.echo(f"error: {' '.join(exc.format_message().split())}{hint}", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        click.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(EXIT_ERROR)
    except PipelineError as exc:
        click.echo(error_line(exc), err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # never a traceback for the user; PIPELINE_DEBUG=1 shows it
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        text = " ".join(str(exc).split())[:200]
        click.echo(f"error: internal: {type(exc).__name__}: {text}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
