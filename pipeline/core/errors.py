"""The one error type the pipeline raises for bad input, printed as a single line."""

from __future__ import annotations


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


def describe(exc: BaseException) -> str:
    """A short, single-line description of a library exception: its type and message."""
    kind = type(exc).__name__
    text = " ".join(str(exc).split())[:160]
    return f"{kind}: {text}" if text else kind
