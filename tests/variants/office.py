"""Run the real producers: LibreOffice (soffice) and headless Chromium, and pin their PDFs.

`render_office` (or `OfficeBatch`, which converts in the background) builds many office files
(xlsx, docx; HTML opened in Writer, in a call of their own) and converts them all in ONE
soffice call (it takes seconds to start), with a
private profile so parallel runs never share one, writing each truth beside its PDF as
<name>.truth.json. `print_with_chromium` prints one HTML file. `pin_pdf` overwrites the
creation dates, document ID and checksum both producers stamp into a PDF with fixed text of the
same length, so the same inputs give byte-identical PDFs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOFFICE = "soffice"
CHROMIUM = "chromium"
_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)([^)]*)(\))")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(<)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)()")
_UUID = re.compile(rb"(uuid:)([0-9a-fA-F-]{36})")


def missing_tools(*tools: str) -> list[str]:
    """The producer programs of `tools` that are not on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


def _fixed(match: re.Match[bytes], digit: bytes = b"0") -> bytes:
    """A match with its variable groups (2, 4) overwritten by as many fixed bytes."""
    parts = list(match.groups())
    for i in range(1, len(parts), 2):
        body = parts[i]
        parts[i] = re.sub(rb"[0-9A-Fa-f]", digit, body)
    return b"".join(parts)


def _pin_date(match: re.Match[bytes]) -> bytes:
    """A PDF date string as 2025-04-01 00:00 (the rest of it, time zone included, zeroed)."""
    body, fixed = match[2], b"20250401000000"
    new = fixed[: len(body)] + re.sub(rb"[0-9]", b"0", body[len(fixed):])
    return match[1] + new + match[3]


def pin_pdf(path: Path) -> Path:
    """Overwrite `path`'s dates, ID, checksum and XMP uuids with fixed same-length text (so
    no offset moves); returns `path`."""
    data = path.read_bytes()
    data = _DATE.sub(_pin_date, data)
    data = _ID.sub(_fixed, data)
    data = _XMP_DATE.sub(_fixed, data)
    data = _CHECKSUM.sub(_fixed, data)
    data = _UUID.sub(lambda m: m[1] + re.sub(rb"[0-9a-fA-F]", b"0", m[2]), data)
    path.write_bytes(data)
    return path


# HTML opened as a Writer document (soffice's default opens it in Writer/Web, which drops a
# page's first paragraph), printed by Writer's own PDF export.
WRITER_HTML = ("--infilter=HTML (StarWriter)", "pdf:writer_pdf_Export")


class SofficeRun:
    """One soffice call converting office `files` (xlsx, docx: any mix; or, with `html`, HTML
    files opened in Writer) to PDFs in `outdir`, started in the background; `wait` finishes it
    and returns the PDFs in `files` order."""

    def __init__(self, files: Sequence[Path], outdir: Path, timeout: float = 300,
                 html: bool = False) -> None:
        self.files = [Path(f) for f in files]
        self.outdir = outdir
        self.timeout = timeout
        self.html = html
        outdir.mkdir(parents=True, exist_ok=True)
        self._profile = tempfile.TemporaryDirectory(prefix="soffice-profile-")
        infilter, target = WRITER_HTML if html else ("", "pdf")
        command = [
            SOFFICE, f"-env:UserInstallation=file://{self._profile.name}", "--headless",
            "--norestore", *([infilter] if infilter else []), "--convert-to", target,
            "--outdir", str(outdir), *map(str, self.files),
        ]
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE, text=True)
        self._pending = True
        self._pdfs: list[Path] = []
        self._claimed: set[int] = set()

    def wait_for(self, index: int, poll: float = 0.05) -> Path:
        """The PDF of files[index] once it is complete: soffice converts in argument order, so
        a file is done when the next one's PDF appears (or soffice has ended)."""
        pdf = self.outdir / (self.files[index].stem + ".pdf")
        after = [self.outdir / (f.stem + ".pdf") for f in self.files[index + 1 :]]
        deadline = time.monotonic() + self.timeout
        while self._process.poll() is None and not any(p.exists() for p in after):
            if time.monotonic() > deadline:
                self.wait()  # raises: timed out
            time.sleep(poll)
        if self._process.poll() is not None:
            self.wait()
        if not pdf.exists():
            # soffice now and then skips a file of a batch without a word (seen once in a full
            # run, never again alone): that file converted on its own, once, before giving up
            SofficeRun([self.files[index]], self.outdir, self.timeout, self.html).wait()
        if not pdf.exists():
            raise RuntimeError(f"soffice wrote no {pdf.name}")
        self._claimed.add(index)  # the caller may move it away
        return pdf

    def wait(self) -> list[Path]:
        """Finish the call; the PDFs (those taken by `wait_for` may have been moved away)."""
        if self._process.returncode is not None and not self._pending:
            return self._pdfs
        try:
            _, stderr = self._process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            raise RuntimeError(f"soffice took more than {self.timeout:g} s") from None
        finally:
            self._profile.cleanup()
        pdfs = [self.outdir / (f.stem + ".pdf") for f in self.files]
        absent = [p.name for i, p in enumerate(pdfs) if i not in self._claimed and not p.exists()]
        if self._process.returncode or absent:
            raise RuntimeError(f"soffice failed (status {self._process.returncode}, missing "
                               f"{absent}): {stderr.strip()[-500:]}")
        self._pending = False
        self._pdfs = pdfs
        return pdfs


def convert_with_soffice(files: Sequence[Path], outdir: Path, timeout: float = 300) -> list[Path]:
    """Convert office `files` (xlsx, docx: any mix) to PDFs in `outdir` in one soffice call."""
    return [pin_pdf(p) for p in SofficeRun(files, outdir, timeout).wait()] if files else []


def print_with_chromium(html: Path, pdf: Path, timeout: float = 120) -> Path:
    """Print the HTML file `html` to `pdf` with headless Chromium (its @page sets the paper)."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}", html.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode or not pdf.exists():
        raise RuntimeError(f"chromium failed (status {done.returncode}): "
                           f"{done.stderr.strip()[-500:]}")
    return pin_pdf(pdf)


@dataclass(frozen=True)
class OfficeJob:
    """One office document to print: build(edition, source, **options) writes `source` (the
    PDF's name with `suffix`) and returns the truth of what it printed."""

    build: Callable[..., dict[str, Any]]
    edition: dict[str, Any]
    pdf: Path
    options: dict[str, Any] = field(default_factory=dict)
    suffix: str = ".xlsx"

    @property
    def source(self) -> Path:
        return self.pdf.with_suffix(self.suffix)


def truth_path(pdf: Path) -> Path:
    """Where a generator writes the truth of `pdf`: <name>.truth.json beside it."""
    return pdf.with_name(pdf.stem + ".truth.json")


def write_truth(pdf: Path, truth: dict[str, Any]) -> None:
    truth_path(pdf).write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")


def build_jobs(jobs: Sequence[OfficeJob]) -> list[dict[str, Any]]:
    """Write every job's office document; their truths (a function a worker process can run)."""
    truths = []
    for job in jobs:
        job.pdf.parent.mkdir(parents=True, exist_ok=True)
        truths.append(job.build(job.edition, job.source, **job.options))
    return truths


class OfficeBatch:
    """Office jobs converted by ONE soffice call running in the background.

    The documents are built first (unless `truths` says they were, by `build_jobs`).
    `wait_for(i)` returns job i's PDF as soon as soffice has written it (pinned, moved where
    the job says, its truth beside it); `wait` finishes them all and returns the truths.
    """

    def __init__(self, jobs: Sequence[OfficeJob],
                 truths: list[dict[str, Any]] | None = None) -> None:
        stems = [job.pdf.stem for job in jobs]
        if len(set(stems)) != len(stems):
            raise ValueError("office jobs need distinct PDF names (soffice names output by input)")
        html = {job.suffix == ".html" for job in jobs}
        if len(html) > 1:
            raise ValueError("HTML jobs go to Writer in a soffice call of their own")
        self.jobs = list(jobs)
        self.truths = build_jobs(self.jobs) if truths is None else truths
        self._out = tempfile.TemporaryDirectory(prefix="soffice-out-")
        self._run = SofficeRun([job.source for job in self.jobs], Path(self._out.name),
                               html=html == {True})
        self._placed: set[int] = set()

    def wait_for(self, index: int) -> Path:
        if index not in self._placed:
            job = self.jobs[index]
            shutil.move(self._run.wait_for(index), job.pdf)
            pin_pdf(job.pdf)
            write_truth(job.pdf, self.truths[index])
            self._placed.add(index)
        return self.jobs[index].pdf

    def wait(self) -> list[dict[str, Any]]:
        try:
            self._run.wait()
            for index in range(len(self.jobs)):
                self.wait_for(index)
        finally:
            self._out.cleanup()
        return self.truths


def render_office(jobs: Sequence[OfficeJob]) -> list[dict[str, Any]]:
    """Build every job's document, convert them all in ONE soffice call (HTML in a second
    one), put each PDF where its job says and its truth beside it; the truths, in job order."""
    truths: dict[int, dict[str, Any]] = {}
    for html in (False, True):
        batch = [(n, job) for n, job in enumerate(jobs) if (job.suffix == ".html") == html]
        if batch:
            done = OfficeBatch([job for _, job in batch]).wait()
            truths.update({n: truth for (n, _), truth in zip(batch, done, strict=True)})
    return [truths[n] for n in range(len(jobs))]
