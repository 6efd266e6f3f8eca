"""The rows OCR read least surely, across datasets: what to check by eye first."""

from __future__ import annotations

import pandas as pd

# How many rows the validation summary and the report list.
SHOWN = 20


def least_sure(frames: dict[str, pd.DataFrame], n: int = SHOWN) -> list[dict[str, object]]:
    """The `n` OCR'd rows of lowest source_confidence (dataset, file, page, cell, confidence),
    least sure first; none for text PDFs."""
    found = []
    for name, frame in sorted(frames.items()):
        if "source_confidence" not in frame or "source_method" not in frame:
            continue
        read = frame[(frame["source_method"] == "ocr") & frame["source_confidence"].notna()]
        for _, row in read.iterrows():
            found.append({"dataset": name, "file": row.get("source_file", ""),
                          "page": row.get("source_page", ""),
                          "cell": row.get("source_cell", "") or "",
                          "confidence": float(row["source_confidence"])})
    found.sort(key=lambda r: (r["confidence"], r["dataset"], str(r["file"]), str(r["page"]),
                              str(r["cell"])))
    return found[:n]


def shown(row: dict[str, object]) -> str:
    """One row of `least_sure` as a line: where, and how sure."""
    where = f"{row['file']} page {row['page']}" + (f" {row['cell']}" if row["cell"] else "")
    return f"{row['confidence']:.2f} {row['dataset']}: {where}"
