"""Read corrections.csv: one correction of one printed value per line, located by line number."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.errors import PipelineError

DEFAULT = "corrections.csv"
COLUMNS = ("dataset", "edition", "key", "field", "printed", "corrected", "reason")
HEADER = ",".join(COLUMNS)
# Joins the primary key's columns after the edition: 北海道労働金庫|融資額限度|無担保.
KEY_SEPARATOR = "|"


@dataclass(frozen=True)
class Correction:
    """One line of corrections.csv: `field` of the row `key` of `dataset`'s `edition` prints
    `printed` and should say `corrected`, because `reason`."""

    file: str
    line: int
    dataset: str
    edition: str
    key: str
    field: str
    printed: str
    corrected: str
    reason: str

    @property
    def key_parts(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.key.split(KEY_SEPARATOR))

    def error(self, message: str) -> PipelineError:
        """PipelineError naming this line: `corrections.csv: line N: message`."""
        return PipelineError(message, file=self.file, cell=f"line {self.line}")


def parse_corrections(text: str, file: str = DEFAULT) -> list[Correction]:
    """The corrections in a corrections.csv text (header first, blank lines skipped)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    found: list[Correction] = []
    header_seen = False
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if not header_seen:
                if tuple(cell.strip() for cell in row) != COLUMNS:
                    raise PipelineError(f"the first line must be the header {HEADER}",
                                        file=file, cell=f"line {line}")
                header_seen = True
                continue
            if len(row) != len(COLUMNS):
                raise PipelineError(
                    f"{len(row)} columns where the header has {len(COLUMNS)} ({HEADER}); quote "
                    'a value holding a comma ("1,000")', file=file, cell=f"line {line}")
            dataset, edition, key, field, printed, corrected, reason = row
            found.append(Correction(file, line, dataset.strip(), edition.strip(), key.strip(),
                                    field.strip(), printed, corrected, reason.strip()))
    except csv.Error as exc:
        raise PipelineError(f"not CSV: {exc}", file=file, cell=f"line {start}") from None
    if not header_seen:
        raise PipelineError(f"empty: the first line must be the header {HEADER}", file=file)
    return found


def read_corrections(path: Path) -> list[Correction]:
    """The corrections in the file at `path` (UTF-8, with or without a byte-order mark)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise PipelineError("no such file (--corrections)", file=path.name) from None
    except IsADirectoryError:
        raise PipelineError("a folder, not a file (--corrections)", file=path.name) from None
    except UnicodeDecodeError as exc:
        raise PipelineError(f"not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV",
                            file=path.name) from None
    return parse_corrections(text, path.name)
