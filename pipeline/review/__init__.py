"""OUT/review.html: every published value beside the print it was read from, and on top what
most needs a reviewer's look (built from the published files and the source PDFs in RAW)."""
