"""The stages as functions over files, shared by the CLI commands and `all`."""

from __future__ import annotations

import json
import logging
import shlex
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.core.errors import PipelineError
from pipeline.core.lang import DEFAULT as DEFAULT_LANG
from pipeline.core.limits import Limits, alarm_per_step, run_limited, step
from pipeline.core.workers import Background, can_fork, cpus, run_calls

if TYPE_CHECKING:  # pandas is heavy: `--help` and the extract command do without it
    import pandas as pd

log = logging.getLogger(__name__)

INTERIM = "interim"
# Seconds each page of a PDF may take to be read (and the clean stage, once it is read): a
# page takes well under one (an OCR'd page 10–20 s), so this only stops a damaged file that
# sends a parser into a loop; a long document is given its pages' worth.
DEFAULT_TIMEOUT = 300.0


@contextmanager
def time_limit(seconds: float | None, file: str) -> Iterator[None]:
    """Raise PipelineError "timed out" naming `file` if the block (each of its steps, see
    pipeline.core.limits.step) runs longer than `seconds`; in this process, under SIGALRM, so
    only between Python instructions (extract_file and all run the PDFs in limited children)."""
    try:
        with alarm_per_step(seconds):
            yield
    except PipelineError as exc:
        raise exc.located(file=file) from None


def _extract(pdf: Path, artifact: Path, engine: str | None) -> dict[str, Any]:
    """Read `pdf` with `engine` (else the default) and write its extract artifact."""
    from pipeline.core.artifact import write_artifact
    from pipeline.extract.document import extract_pdf
    from pipeline.extract.engines import DEFAULT

    data = extract_pdf(pdf, engine=engine or DEFAULT)
    write_artifact(data, artifact)
    return data


def extract_file(
    pdf: Path, artifact: Path, timeout: float | None = DEFAULT_TIMEOUT, engine: str | None = None
) -> dict[str, Any]:
    """Extract stage for one PDF (with `engine`, else the default), in a child limited in
    memory and to `timeout` seconds per page: write and return its extract artifact."""
    return run_limited([(_extract, (pdf, artifact, engine))], [pdf.name], 1, Limits(timeout))[0]


def clean_file(extracted: Path | dict[str, Any], artifact: Path) -> dict[str, Any]:
    """Clean stage for one extract artifact (a path or the dict itself)."""
    from pipeline.clean.run import clean_artifact
    from pipeline.core.artifact import read_artifact, write_artifact

    data = extracted if isinstance(extracted, dict) else read_artifact(extracted, "extract")
    try:
        cleaned = clean_artifact(data)
    except PipelineError as exc:
        raise exc.located(file=data["source"]["file"]) from None
    write_artifact(cleaned, artifact)
    return cleaned


def validated_frames(
    clean_paths: list[Path], corrections: Path | None = None,
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Corrections (the file `corrections`, if given), then the validate stage: every
    dataset's checked frame, and the sources they came from."""
    from pipeline.core.artifact import read_artifact
    from pipeline.validate.check import validate
    from pipeline.validate.frames import build_frame

    if not clean_paths:
        raise PipelineError("no input PDFs: nothing to publish")
    records: dict[str, list[dict]] = {}
    by_file: dict[str, dict[str, list[dict]]] = {}
    sources = []
    for path in sorted(clean_paths, key=lambda p: p.name):
        artifact = read_artifact(path, "clean")
        source = artifact["source"]
        sources.append({"title": source["file"], "path": source["file"],
                        "hash": f"sha256:{source['sha256']}", "x_kind": artifact["kind"]})
        for name, rows in artifact["datasets"].items():
            records.setdefault(name, []).extend(rows)
            by_file.setdefault(name, {})[source["file"]] = rows
    if corrections is not None:
        correct(records, corrections)
    frames = {}
    for name, rows in records.items():
        try:
            frames[name] = validate(name, build_frame(name, rows))
        except PipelineError as exc:
            raise _locate(name, by_file[name], exc) from None
    return frames, sources


def correct(records: dict[str, list[dict]], corrections: Path) -> int:
    """Apply the corrections file to the clean records (in place); how many were applied."""
    from pipeline.corrections.apply import Layout, apply_corrections
    from pipeline.corrections.table import read_corrections
    from pipeline.validate.datasets import DATASETS

    layouts = {name: Layout(d.edition, tuple(c for c in d.key if c != d.edition))
               for name, d in DATASETS.items()}
    return len(apply_corrections(records, read_corrections(corrections), layouts))


def _locate(name: str, by_file: dict[str, list[dict]], exc: PipelineError) -> PipelineError:
    """The failure of the first file that fails on its own (so the error names it), else `exc`.

    Only run after the whole dataset failed, so a good build validates each dataset once.
    """
    from pipeline.validate.check import validate
    from pipeline.validate.frames import build_frame

    if len(by_file) == 1:
        return exc.located(file=next(iter(by_file)))
    for file, rows in by_file.items():
        try:
            validate(name, build_frame(name, rows))
        except PipelineError as own:
            return own.located(file=file)
    return exc  # only the files together fail (one edition printed by two PDFs, …)


def publish_files(
    clean_paths: list[Path], out: Path, extra: dict[str, Path] | None = None,
    derive: Callable[[Path], list[str]] | None = None, corrections: Path | None = None,
    drop: list[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Correct, validate, then publish: every dataset (and the `extra` files, and what
    `derive` makes from the staged datasets) into `out`, atomically, removing in the same
    step the files of datasets no longer produced and the files of `drop`."""
    from pipeline.publish.write import publish

    frames, sources = validated_frames(clean_paths, corrections)
    publish(frames, sources, out, extra=extra, derive=derive, drop=drop)
    return frames


# What `all` makes from the published files, by the command that makes each alone.
DERIVED = {"database": "rokin.duckdb", "workbook": "rokin.xlsx", "report": "report.html",
           "review": "review.html"}
# The order workers take them in: the longest first, so two workers finish together.
_LONGEST_FIRST = ("review", "report", "database", "workbook")


def _makers(out: Path, raw: Path | None, jobs: int = 1,
            lang: str = DEFAULT_LANG) -> dict[str, Callable[[Path], Path]]:
    """Each derived file's maker, called with the folder holding the published files: the
    report links the diff pages of `out`, the review page crops the PDFs in `raw` (a PDF per
    worker, up to `jobs`) and lists the cross-check of `out`; the pages and the workbook's own
    labels in language `lang`."""
    from pipeline.database.build import build_database
    from pipeline.publish.workbook import write_workbook
    from pipeline.report.build import write_report
    from pipeline.review.build import write_review

    return {
        "database": build_database,
        "workbook": lambda folder: write_workbook(folder, lang=lang),
        "report": lambda folder: write_report(folder, diffs_in=out, lang=lang),
        "review": lambda folder: write_review(folder, raw, checks_in=out, jobs=jobs, lang=lang),
    }


def _make(stage: str, folder: Path, out: Path, raw: Path | None, jobs: int, lang: str) -> str:
    """Make one derived file in `folder` (in a worker: everything is imported already)."""
    return _makers(out, raw, jobs, lang)[stage](folder).name


def vouch_staged(folder: Path) -> None:
    """Vouch for the Parquet files publish just staged in `folder` from the frames
    validated_frames checked (so the report's re-check need not check them again)."""
    from pipeline.publish.read import PACKAGE
    from pipeline.validate.check import vouch

    package = json.loads((folder / PACKAGE).read_text("utf-8"))
    for resource in package["resources"]:
        if resource.get("format") == "parquet" and "hash" in resource:
            vouch(resource["path"].rsplit(".", 1)[0], resource["hash"])


def _deriver(out: Path, raw: Path | None, stages: tuple[str, ...], jobs: int,
             crops: Background | None = None,
             lang: str = DEFAULT_LANG) -> Callable[[Path], list[str]]:
    """publish's `derive`: the derived files of `stages`, made from the datasets publish just
    staged (from validated frames: vouched for), the review page from `crops` if given."""
    def derive(folder: Path) -> list[str]:
        vouch_staged(folder)
        return build_derived(folder, out, raw, stages, jobs, crops, lang)

    return derive


def build_derived(folder: Path, out: Path, raw: Path | None = None,
                  stages: tuple[str, ...] = tuple(DERIVED), jobs: int = 1,
                  crops: Background | None = None, lang: str = DEFAULT_LANG) -> list[str]:
    """What `make all` makes from the published files (the database, the workbook, the report
    and the review page, or those of `stages`), made in `folder` (where `all` staged them) by
    up to `jobs` workers, in language `lang`; their names, in the order of `stages`. With
    `crops` (crop_ahead running since before validation), the review page is made here
    meanwhile, from them."""
    from pipeline.review.build import write_review

    _makers(out, raw)  # imported here, once, before any worker is forked
    order = [stage for stage in _LONGEST_FIRST if stage in stages]
    made: dict[str, str] = {}
    here = crops is not None and "review" in order

    def review_here() -> None:
        try:
            known = crops.result()
        except Exception as exc:  # noqa: BLE001  (the review crops what it lacks, and says
            # what fails)
            log.info("the review page's crops made ahead failed (%s: %s): cropping them now",
                     type(exc).__name__, exc)
            known = {}
        # one job: this process runs a pool's thread now, so it forks no workers of its own
        made["review"] = write_review(folder, raw, out, 1, known, lang=lang).name

    rest = [stage for stage in order if not (here and stage == "review")]
    made.update(zip(rest, run_calls([(_make, (stage, folder, out, raw, jobs, lang))
                                     for stage in rest],
                                    jobs, meanwhile=review_here if here else None), strict=True))
    return [made[stage] for stage in stages]


@contextmanager
def crops_ahead(clean_paths: list[Path], raw: Path | None, stages: tuple[str, ...],
                jobs: int) -> Iterator[Background | None]:
    """The review page's crops, started in the background (while validate and publish run,
    which leave the other CPUs idle) when the review is to be made with workers to spare
    (else None); stopped on leaving if never asked for."""
    if "review" not in stages or raw is None or jobs <= 1 or not can_fork():
        yield None
        return
    from pipeline.review.crops import crop_ahead

    with Background(crop_ahead, clean_paths, raw, jobs) as crops:
        yield crops


# The stages `build` runs in one process, in this order.
BUILD_STAGES = ("publish", "database", "workbook", "report", "review")


def warm_imports() -> None:
    """Import what validate, publish and the derived files need (about a second: pandas,
    pandera, pyarrow, DuckDB), e.g. while workers read the PDFs."""
    import pipeline.publish.write  # noqa: F401
    import pipeline.validate.check  # noqa: F401
    import pipeline.validate.frames  # noqa: F401

    _makers(Path(), None)


def preload_extract(engine: str | None, files: int, jobs: int) -> None:
    """Import the extract and clean stages here before the children that read `files` PDFs,
    `jobs` at once, are forked, when some child would otherwise import them again (more PDFs
    than jobs): each inherits them. With a PDF per job, each child imports them at once."""
    if files <= jobs:
        return
    import pipeline.clean.run  # noqa: F401
    import pipeline.core.artifact  # noqa: F401
    import pipeline.extract.document  # noqa: F401
    from pipeline.extract.engines import DEFAULT
    from pipeline.kinds import CLEAN_PART, IDENTIFY_PART, kinds

    for known in kinds():  # how each kind is recognised and cleaned
        known.part(IDENTIFY_PART)
        known.part(CLEAN_PART)
    if (engine or DEFAULT) == "pdfium":
        import pdfminer.pdfdocument  # noqa: F401  (pdfium_fonts reads the fonts with it)
        import pdfminer.pdffont  # noqa: F401
        import pdfminer.pdfpage  # noqa: F401

        import pipeline.extract.engines.pdfium_engine  # noqa: F401
        import pipeline.extract.engines.pdfium_open  # noqa: F401
    else:
        import pipeline.extract.engines.pdfplumber_engine  # noqa: F401


def refresh_artifacts(pdfs: list[Path], extracted: list[Path], folder: Path, jobs: int = 1,
                      timeout: float | None = DEFAULT_TIMEOUT, engine: str | None = None,
                      meanwhile: Callable[[], None] | None = None) -> list[Path]:
    """Extract and clean each of `pdfs` into `folder`, and clean each extract artifact of
    `extracted` into `folder` too, each in a limited child (`timeout` seconds per page), up to
    `jobs` at once (`meanwhile` runs here while they work); the clean artifacts written, in
    that order."""
    calls = [(extract_and_clean, (pdf, folder, engine)) for pdf in pdfs]
    calls += [(clean_into, (artifact, folder)) for artifact in extracted]
    files = [pdf.name for pdf in pdfs] + [artifact.name for artifact in extracted]
    preload_extract(engine, len(calls), jobs)
    return run_limited(calls, files, jobs, Limits(timeout), meanwhile)


def cleaned_beside(extracted: Path) -> Path:
    """Where the clean artifact of NAME.extract.json goes: NAME.clean.json beside it."""
    return extracted.with_name(extracted.name.removesuffix(".extract.json") + ".clean.json")


def clean_into(extracted: Path, folder: Path) -> Path:
    """Clean one extract artifact into NAME.clean.json in `folder`; that path."""
    from pipeline.core.artifact import read_artifact

    cleaned = folder / cleaned_beside(extracted).name
    data = read_artifact(extracted, "extract")
    step(what="cleaning", pages=len(data["pages"]))  # its pages' worth of time
    clean_file(data, cleaned)
    return cleaned


def build_stages(out: Path, stages: list[str], clean_paths: list[Path],
                 corrections: Path | None = None, raw: Path | None = None, jobs: int = 1,
                 extra: dict[str, Path] | None = None, lang: str = DEFAULT_LANG,
                 ) -> list[str]:
    """Run `stages` (of BUILD_STAGES) in this one process, paying pandas', pandera's, pyarrow's
    and DuckDB's imports once (the derived files made by up to `jobs` forked workers); the
    names of the files made.

    With publish, the datasets are published (with `corrections` applied) together with the
    derived files asked for (made in publish's staging folder) and the `extra` files (fresh
    interim artifacts), all or nothing, as the whole set: the interim artifacts of PDFs not
    among `clean_paths` are removed with it. Without publish, the derived files are made from
    what `out` already holds. The review page crops the PDFs in `raw`; the pages and the
    workbook's labels are in language `lang`."""
    unknown = [s for s in stages if s not in BUILD_STAGES]
    if unknown:
        raise PipelineError(f"unknown stage {unknown[0]!r} (known: {', '.join(BUILD_STAGES)})")
    wanted = tuple(s for s in BUILD_STAGES if s in stages and s != "publish")

    if "publish" in stages:
        with crops_ahead(clean_paths, raw, wanted, jobs) as crops:
            frames = publish_files(
                clean_paths, out, extra=extra, corrections=corrections,
                derive=_deriver(out, raw, wanted, jobs, crops, lang),
                drop=leftover_artifacts(out, artifact_names(clean_paths)))
        return ["datapackage.json", *[f"{name}.csv" for name in frames], *[
            DERIVED[stage] for stage in wanted]]
    return build_derived(out, out, raw, wanted, jobs, lang=lang)


def check_raw_folder(raw: Path) -> list[Path]:
    """The PDFs in `raw`, or PipelineError naming the folder as given: missing, not a folder, or
    holding no PDF."""
    if not raw.exists():
        raise PipelineError(f"{shlex.quote(str(raw))}: no such folder (--raw)")
    if not raw.is_dir():
        raise PipelineError(f"{shlex.quote(str(raw))}: not a folder (--raw)")
    from pipeline.core.files import pdfs_in

    pdfs = pdfs_in(raw)
    if not pdfs:
        raise PipelineError(f"{shlex.quote(str(raw))}: no PDF files in this folder (--raw)")
    return pdfs


def extract_and_clean(pdf: Path, folder: Path, engine: str | None = None) -> Path:
    """Extract and clean one PDF into `folder`; the clean artifact. (Run it through
    run_limited, which keeps its time and memory.)"""
    extracted = folder / f"{pdf.stem}.extract.json"
    cleaned = folder / f"{pdf.stem}.clean.json"
    data = _extract(pdf, extracted, engine)
    step(what="cleaning", pages=len(data["pages"]))  # its pages' worth of time
    clean_file(data, cleaned)
    return cleaned


def leftover_artifacts(out: Path, keep: set[str]) -> list[str]:
    """The interim artifacts in `out` (relative paths) of PDFs no longer published: every
    NAME.extract.json and NAME.clean.json whose name is not in `keep`."""
    folder = out / INTERIM
    if not folder.is_dir():
        return []
    return sorted(f"{INTERIM}/{p.name}" for p in folder.iterdir() if p.name not in keep
                  and p.name.endswith((".extract.json", ".clean.json")))


def artifact_names(clean_paths: list[Path]) -> set[str]:
    """The interim file names of the PDFs whose clean artifacts are `clean_paths`."""
    stems = {p.name.removesuffix(".clean.json") for p in clean_paths}
    return {f"{stem}{suffix}" for stem in stems for suffix in (".extract.json", ".clean.json")}


def run_all(
    raw: Path, out: Path, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
    progress: Callable[[int, int, str], None] | None = None, derived: bool = False,
    engine: str | None = None, corrections: Path | None = None, lang: str = DEFAULT_LANG,
) -> dict[str, pd.DataFrame]:
    """Every stage for every PDF in `raw`, and with `derived` (as `python -m pipeline all`
    does) the database, the workbook, the report and the review page too: all of `make all`'s
    files, published only if all of them succeed.

    Interim artifacts are written to a temporary folder and published into `out/interim`
    together with the datasets and what is made from them, so a failure anywhere leaves `out`
    untouched. `engine` reads the PDFs (None: the default). `progress`, if given, is called
    as (0, PDFs, "") first, then (PDFs done, PDFs, its name) after each one. `corrections`
    names a corrections.csv to apply (None: none). `lang` is the language of the pages and the
    workbook's labels (ja, en).
    """
    pdfs = check_raw_folder(raw)
    if jobs < 0:
        raise PipelineError(f"--jobs {jobs}: must be 0 (one per CPU) or more")
    workers = jobs or cpus()  # the derived files' too, however few PDFs
    jobs = max(1, min(workers, len(pdfs)))
    staging = Path(tempfile.mkdtemp(prefix="pipeline-interim-"))
    try:
        n = len(pdfs)
        tick = progress or (lambda done, total, name: None)
        tick(0, n, "")
        finished: list[int] = []

        def done(index: int) -> None:
            finished.append(index)
            tick(len(finished), n, pdfs[index].name)

        preload_extract(engine, n, jobs)
        cleaned = run_limited([(extract_and_clean, (pdf, staging, engine)) for pdf in pdfs],
                              [pdf.name for pdf in pdfs], jobs, Limits(timeout),
                              meanwhile=warm_imports, done=done)
        extra = {f"{INTERIM}/{p.name}": p for p in sorted(staging.iterdir())}
        with crops_ahead(cleaned, raw, tuple(DERIVED) if derived else (), workers) as crops:
            derive = (_deriver(out, raw, tuple(DERIVED), workers, crops, lang) if derived
                      else None)
            return publish_files(cleaned, out, extra=extra, derive=derive,
                                 corrections=corrections,
                                 drop=leftover_artifacts(out, set(p.name for p in
                                                                  staging.iterdir())))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
