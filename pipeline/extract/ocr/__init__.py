"""OCR for pages without a text layer: a scan becomes the same primitives a text PDF gives.

`read_scanned_page` renders the page at 300 dpi (PDFium), straightens it (image.py), finds its
ruling lines (ruling.py) and the boxes they enclose (boxes.py, with the project's own table
regions), reads each box with Tesseract in the mode and character set that fit it (cells.py,
tesseract.py), and the text outside the tables the same way. The engines' PageContent comes
out: Segments from the rules, Chars (with OCR confidence) inside the boxes they were read in,
so the span grids, loose lines and everything after are built as for a text PDF. `match.py`
sets right labels and bank names read imperfectly. OpenCV and Tesseract load only here.
"""
