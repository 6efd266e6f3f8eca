"""Banks a page prints that no part of the comparison table read: an error, never fewer banks.

The banks are the edition's own (read from the header, never from a list), so a page whose
table is not found, or a header one bank of which is not told apart, would otherwise publish a
smaller table without a word. A line of loose text (outside every table read) naming two banks
or more, each a word of its own (北海道労働金庫　東北労働金庫 …), is a bank header: it must be
part of a table read. A bank header cell naming two banks is two banks read as one.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.core.text import fold
from schemas.reference import is_labour_bank

# Banks a line must name to be a header.
HEADER_BANKS = 2


_ONE_BANK = re.compile(r".+?(?:労働金庫|ろうきん|労金)")


def banks_named(text: str) -> list[str]:
    """The banks' names the words of `text` are (a word of two names run together is two)."""
    return [name for word in fold(text).split() if is_labour_bank(word)
            for name in _ONE_BANK.findall(word)]


def check_bank_lines(artifact: dict[str, Any]) -> None:
    """PipelineError naming the page of a bank header printed outside every table read."""
    file = artifact["source"]["file"]
    for page in artifact["pages"]:
        for line in page["lines"]:
            named = banks_named(line["text"])
            if len(named) >= HEADER_BANKS:
                shown = ", ".join(named[:3]) + (" …" if len(named) > 3 else "")
                raise PipelineError(
                    f"a line names banks ({shown}) but no table was read under it: the "
                    "comparison table on this page is not found", file=file, page=page["page"])


def check_bank_cells(artifact: dict[str, Any], read: dict[int, list[Grid]]) -> None:
    """PipelineError naming the cell of a table read (`read`: each page's grids holding a part
    of the comparison) that names two banks or more."""
    for number, grids in read.items():
        for grid in grids:
            for cell in grid.cells:
                named = banks_named(cell.text)
                if len(named) >= HEADER_BANKS:
                    raise PipelineError(
                        f"one cell names {len(named)} banks ({', '.join(named)}): their columns "
                        "are not told apart", file=artifact["source"]["file"], page=number,
                        cell=cell.ref)
