"""The one error type the pipeline raises for bad input, printed as a single line."""

from __future__ import annotations

import re
import traceback


class PipelineError(Exception):
    """Bad input or a failed check, located by file, page and cell where known."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        page: int | None = None,
        cell: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.page = page
        self.cell = cell

    def located(self, *, file: str | None = None, page: int | None = None) -> PipelineError:
        """Fill in the location if the raiser did not know it."""
        self.file = self.file or file
        self.page = self.page or page
        return self

    def __str__(self) -> str:
        where = [w for w in (self.file, self.page and f"page {self.page}", self.cell) if w]
        text = " ".join(self.message.split())
        return ": ".join([*where, text]) if where else text


# Library exceptions people meet with damaged or unusual PDFs, and what they mean in plain words.
_DAMAGED = "the PDF's internal structure is damaged, so it cannot be parsed"
_PLAIN: dict[str, str] = {
    "PSSyntaxError": _DAMAGED,
    "PSEOF": "the PDF ends in the middle of its data (cut short or damaged)",
    "PSTypeError": _DAMAGED,
    "PDFSyntaxError": _DAMAGED,
    "PDFTypeError": _DAMAGED,
    "PDFValueError": _DAMAGED,
    "PDFNoValidXRef": "the PDF's cross-reference table (its index of objects) is missing or "
                      "broken",
    "PDFNotImplementedError": "the PDF uses a feature the PDF reader (pdfminer.six) does not "
                              "implement",
    "error": "a compressed stream inside the PDF is damaged",  # zlib.error
    "JSONDecodeError": "the file is not valid JSON (damaged, or not written by this pipeline)",
}
_FILTER = re.compile(r"Unsupported filter: /?'?(\w+)")


def plain_reason(exc: BaseException) -> str | None:
    """What a library exception means for the user, where it is one of the known ones."""
    kind = type(exc).__name__
    found = _FILTER.search(str(exc))
    if found:
        return (f"the PDF compresses its content with /{found[1]}, which the PDF reader "
                "(pdfminer.six) cannot decode; save it again with standard compression "
                "(for example, print it to a new PDF)")
    if kind in _PLAIN and (kind != "error" or type(exc).__module__ == "zlib"):
        return _PLAIN[kind]
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    if frames and re.search(r"[/\\](pdfminer|pdfplumber)[/\\]", frames[-1].filename):
        return "the PDF reader (pdfminer.six) failed on damaged data in the file"
    return None


def describe(exc: BaseException) -> str:
    """A short, single-line description of a library exception: what it means in plain words
    where known, then its type and message (kept, for a bug report)."""
    kind = type(exc).__name__
    text = " ".join(str(exc).split())[:160]
    technical = f"{kind}: {text}" if text else kind
    plain = plain_reason(exc)
    return f"{plain} ({technical})" if plain else technical
