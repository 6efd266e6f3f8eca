"""A fee schedule's one ruled table (品目 | 料金) → one record per item."""

from __future__ import annotations

from typing import Any

from pipeline.core.dates import find_fiscal_year
from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid, box_text
from pipeline.core.text import squeeze
from pipeline.extract.page_text import head_text


def clean(artifact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    first = artifact["pages"][0]
    year = find_fiscal_year(head_text(first))
    if year is None:
        raise PipelineError("no fiscal year in the title", file=artifact["source"]["file"])
    records = []
    for page in artifact["pages"]:
        for table in page["tables"]:
            grid = Grid(table)
            for row in range(1, grid.n_rows):
                item, fee = grid.at(row, 0), grid.at(row, 1)
                if item is None or fee is None:
                    continue
                records.append({
                    "fiscal_year": year,
                    "item": squeeze(item.text),
                    "fee_yen": int(squeeze(fee.text).replace(",", "")),
                    "source_file": artifact["source"]["file"],
                    "source_sha256": artifact["source"]["sha256"],
                    "source_page": page["page"],
                    "source_bbox": box_text(fee.bbox),
                    "source_cell": fee.ref,
                })
    return {"toy_fees": records}
