"""Files written so a reader never sees half of one: a temporary sibling, then a rename."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.core.errors import PipelineError


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` (not yet existing) to write; moved over `target` when the
    block succeeds, removed (with any `.wal` sibling a database leaves) when it fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    temp = Path(name)
    temp.unlink()  # some writers (duckdb) refuse an existing empty file
    try:
        yield temp
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def write_atomic(target: Path, data: str | bytes) -> Path:
    """Write `data` (text as UTF-8 with \\n line ends) to `target` atomically."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(target) as temp:
        temp.write_bytes(raw)
    return target


def check_pdf_file(path: Path) -> None:
    """Raise PipelineError unless `path` is a file that starts like a PDF (whichever engine then
    opens it says what else is wrong)."""
    name = str(path)
    if not path.is_file():
        raise PipelineError("a folder, not a PDF file" if path.is_dir() else "no such file",
                            file=name)
    with path.open("rb") as handle:
        head = handle.read(1024)
    if not head:
        raise PipelineError("empty file, not a PDF", file=name)
    if b"%PDF-" not in head:
        raise PipelineError("not a PDF (no %PDF- header)", file=name)


def why_unopenable(path: Path, reason: str) -> str:
    """The line saying why an engine could not open the PDF `path`, from the engine's `reason`:
    encrypted as it is, else cut short (no %%EOF near its end) or otherwise damaged."""
    if reason.startswith("encrypted"):
        return reason
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 1024))
        tail = handle.read()
    if b"%%EOF" not in tail:
        return f"truncated PDF (no %%EOF marker at its end: the file is cut short): {reason}"
    return f"damaged PDF, cannot open it: {reason}"


def pdfs_in(folder: Path) -> list[Path]:
    """The PDFs of `folder` as every command (and `make all`) reads them: each entry whose name
    ends in .pdf in any case (X.pdf, X.PDF, .X.Pdf), sorted by name (byte order, as make
    sorts); PipelineError when two of them would share interim files (X.pdf and X.PDF)."""
    pdfs = sorted((p for p in folder.iterdir() if p.suffix.lower() == ".pdf"),
                  key=lambda p: p.name)
    stems: dict[str, str] = {}
    for pdf in pdfs:
        if pdf.stem in stems:
            raise PipelineError(f"{stems[pdf.stem]} and {pdf.name} would share the interim "
                                f"files {pdf.stem}.*.json: rename one", file=pdf.name)
        stems[pdf.stem] = pdf.name
    return pdfs
