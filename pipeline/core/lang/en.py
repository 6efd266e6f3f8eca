"""English: the words of every page people read, with `--lang en` (make all OUT_LANG=en).

Keys are shared with every other catalogue of this package (ja.py); `{name}` fields are filled
in by the caller. Column, dataset and file names are never translated.
"""

LANG = "en"

WORDS: dict[str, str] = {
    # Shared
    "corrected": "corrected: {reason}",
    # Dataset titles (the registry's English titles are the fallback)
    "dataset.npo_loan_terms": "NPO loan programmes of the labour banks (制度概要)",
    "dataset.plan_key_figures": "Key figures and ratios of the guarantee association's business "
                                "plan (事業計画)",
    "dataset.plan_measures": "Outline of the guarantee association's business plan (事業計画), "
                             "block by block",
    # The report
    "report.title": "Labour banks' NPO loans and the guarantee association's business plan",
    "report.subtitle": "Published data {editions}",
    "report.sources": "Sources and editions",
    "report.file": "File",
    "report.kind": "Kind",
    "report.sha256": "sha256",
    "report.several_editions": "Several editions — {editions}",
    "report.diff_pages": "Changes between editions",
    "report.no_diff_pages": "No diff reports yet (python -m pipeline diff).",
    "report.validation": "Validation",
    "report.validation_note": "Each published dataset checked against its schema (pandera). "
                              "Hover over the number of checks to list them.",
    "report.dataset": "Dataset",
    "report.rows": "Rows",
    "report.editions": "Editions",
    "report.edition": "Edition",
    "report.source": "Source",
    "report.checks": "Checks",
    "report.result": "Result",
    "report.passed": "passed",
    "report.n_checks": "{n}",
    "report.confidence": "Confidence",
    "report.page": "Page",
    "report.cell": "Cell",
    "report.least_sure": "Rows OCR read least surely (lowest first): check them by eye.",
    "report.corrections": "Corrections",
    "report.corrections_note": "Values a reviewer corrected where the print is wrong "
                               "(corrections.csv). Tables and charts mark them {mark}; typed "
                               "columns are read again from the corrected text.",
    "report.key": "Key",
    "report.field": "Field",
    "report.corrected_value": "Corrected value",
    "report.reason": "Reason",
    "report.rows_of": "{title}: {rows} rows ({edition})",
    # The report: NPO loans
    "npo.nav": "NPO loans compared",
    "npo.heading": "NPO loan programmes compared",
    "npo.heading_sub": "as of {edition} · {banks} banks",
    "npo.intro": "Source: {files} ({pages} pages). Hover over a cell for its note and source "
                 "(file, page, cell). ※ marks a note, {mark} a value a reviewer corrected "
                 "(the reason on hover).",
    "npo.bank": "Bank",
    "npo.item": "Item",
    "npo.condition": "Condition",
    "npo.printed": "Printed",
    "npo.note": "Note",
    "npo.source": "Source",
    "npo.charts": "Charts",
    "npo.all_notes": "All notes and sources (eligibility included)",
    "npo.older": "This table is the latest edition. Other editions: {editions}",
    "npo.limit": "limit",
    "npo.rate": "rate % per year, low–high",
    "npo.term": "longest",
    "npo.not_offered": "not offered (×)",
    "npo.dash": "none printed (-)",
    "npo.dash_rate": "no separate rate printed (-)",
    # The report: the business plan's key figures
    "plan.heading": "Business plan key figures",
    "plan.year": "fiscal year {year}",
    "plan.item": "Item",
    "plan.value": "Value",
    "plan.cross_foot": "Check: total = sum of parts",
    "plan.agrees": "agrees",
    "plan.difference": "off by {difference}",
    "plan.caption": "{table} (unit: {unit})",
    "plan.all_agree": "All {n} items: total = sum of parts (rounding differences up to 1 in the "
                      "last digit)",
    "plan.some_differ": "{bad} of {n} items: total ≠ sum of parts: {rows}",
    "plan.differs": "{year} {item} (off by {difference})",
    "plan.intro": "Source: {files}. Hover over a figure for its page and cell ({mark} marks a "
                  "value a reviewer corrected).",
    "plan.cross_foot_note": "Check total = sum of parts: {ok} / {n}",
}
