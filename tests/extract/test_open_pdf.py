"""open_pdf turns every way a file can fail to be a readable PDF into one PipelineError line."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.files import sha256_of
from pipeline.extract.open_pdf import describe, open_pdf
from tests.bad_pdfs import BAD_INPUTS
from tests.conftest import NPO_PDF


@pytest.mark.parametrize(("case", "says"), [
    ("empty", "empty file"),
    ("not_a_pdf", "not a PDF"),
    ("truncated", "truncated PDF"),
    ("encrypted", "encrypted PDF"),
])
def test_unreadable_files_say_why(tmp_path, case, says) -> None:
    path = tmp_path / "input.pdf"
    path.write_bytes(BAD_INPUTS[case].build())
    with pytest.raises(PipelineError) as caught:
        open_pdf(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and says in message and "\n" not in message


def test_missing_file(tmp_path) -> None:
    with pytest.raises(PipelineError, match="no such file"):
        open_pdf(tmp_path / "absent.pdf")


def test_damaged_but_whole_file_is_not_called_truncated(tmp_path) -> None:
    data = NPO_PDF.read_bytes()
    assert data.count(b"/Count 2>>") == 1
    path = tmp_path / "broken.pdf"
    path.write_bytes(data.replace(b"/Count 2>>", b"/Count  >>"))  # a key without its value
    with pytest.raises(PipelineError) as caught:
        open_pdf(path)
    assert "damaged PDF" in str(caught.value) and "truncated" not in str(caught.value)


def test_readable_pdf_opens_and_hashes() -> None:
    pdf = open_pdf(NPO_PDF)
    try:
        assert len(pdf.pages) == 2
    finally:
        pdf.close()
    assert sha256_of(NPO_PDF) == hashlib.sha256(NPO_PDF.read_bytes()).hexdigest()


def test_describe_unwraps_pdfplumber_and_stays_on_one_line() -> None:
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    assert describe(PdfminerException(PDFPasswordIncorrect())).startswith("encrypted")
    assert describe(ValueError("a\nb   c")) == "ValueError: a b c"
    assert len(describe(ValueError("x" * 1000))) < 200
