"""Corrections stage: a reviewer's corrections of what a PDF prints, applied after clean and
before validate, kept across rebuilds in corrections.csv (versioned with the data).

Each line of corrections.csv names one printed value (dataset, edition, the rest of the key
joined by `|`, field), what the PDF prints there and what it should say, and why. A line is
applied only if the PDF still prints exactly that (otherwise a new edition or a fixed extraction
has made it stale) and the key and field exist; any other line stops the build with one line
naming it, so nothing is published with a correction silently dropped. The kind recomputes the
typed columns from the corrected text (its `corrections.py`), and the row's `corrected` column
says which fields were corrected and why.
"""
