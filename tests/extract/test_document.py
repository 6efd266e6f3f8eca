"""The extract artifact: span grids tiling each table, loose lines outside them, errors located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.artifact import read_artifact, write_artifact
from pipeline.core.errors import PipelineError
from pipeline.extract import document
from tests.conftest import NPO_PDF


def test_every_table_is_tiled_by_its_cells_exactly_once(npo_extracted, plan_extracted) -> None:
    tables = [t for doc in (npo_extracted, plan_extracted) for p in doc["pages"]
              for t in p["tables"]]
    assert len(tables) >= 4
    for table in tables:
        covered: dict[tuple[int, int], int] = {}
        for cell in table["cells"]:
            for r in range(cell["row"], cell["row"] + cell["rowspan"]):
                for c in range(cell["col"], cell["col"] + cell["colspan"]):
                    covered[r, c] = covered.get((r, c), 0) + 1
        assert set(covered) == {(r, c) for r in range(table["n_rows"])
                                for c in range(table["n_cols"])}
        assert set(covered.values()) == {1}


def test_loose_lines_lie_outside_the_tables(npo_extracted) -> None:
    for page in npo_extracted["pages"]:
        assert page["lines"], page["page"]
        for line in page["lines"]:
            cy = (line["top"] + line["bottom"]) / 2
            for table in page["tables"]:
                x0, top, x1, bottom = table["bbox"]
                assert not (top <= cy <= bottom and x0 <= line["x0"] and line["x1"] <= x1)
            assert line["size"] > 0


def test_source_and_pages_are_recorded(npo_extracted, plan_extracted) -> None:
    assert npo_extracted["source"]["file"] == NPO_PDF.name
    assert len(npo_extracted["source"]["sha256"]) == 64
    assert [p["page"] for p in plan_extracted["pages"]] == list(range(1, 10))
    assert sum(len(p["tables"]) for p in plan_extracted["pages"]) == 2


def test_artifact_round_trip_and_kind_check(npo_extracted, tmp_path) -> None:
    path = tmp_path / "a" / "x.extract.json"
    write_artifact(npo_extracted, path)
    assert read_artifact(path, "extract") == npo_extracted
    with pytest.raises(PipelineError, match="not a clean artifact"):
        read_artifact(path, "clean")
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(PipelineError, match="cannot read extract artifact"):
        read_artifact(path, "extract")
    assert not list(path.parent.glob("*.tmp"))


def test_a_page_that_fails_inside_the_parser_is_named(monkeypatch) -> None:
    real = document.page_artifact

    def failing(page, before=None):
        if page.number == 2:
            raise KeyError("/Resources")
        return real(page, before)

    monkeypatch.setattr(document, "page_artifact", failing)
    with pytest.raises(PipelineError) as caught:
        document.extract_pdf(NPO_PDF)
    assert str(caught.value).startswith(f"{NPO_PDF}: page 2: cannot read page: KeyError")


def test_extraction_is_deterministic(npo_extracted) -> None:
    again = document.extract_pdf(NPO_PDF)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(npo_extracted, ensure_ascii=False)


def _pages_pdf(path: Path, pages: int, text: str | None) -> Path:
    """A PDF of `pages` pages, each printing `text` (or only a drawing when None)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    canvas = Canvas(str(path), invariant=1)
    for n in range(pages):
        if text is None:
            canvas.rect(72, 72, 300, 400, fill=1)  # what a scan's page image stands for here
        else:
            canvas.setFont("HeiseiKakuGo-W5", 12)
            canvas.drawString(72, 760, f"{text} {n + 1}")
        canvas.showPage()
    canvas.save()
    return path


def test_an_unknown_document_is_turned_away_after_its_first_page(tmp_path, monkeypatch) -> None:
    pdf = _pages_pdf(tmp_path / "minutes.pdf", 150, "議事録　第１回理事会")
    read = []
    real = document.page_artifact
    monkeypatch.setattr(document, "page_artifact",
                        lambda page, before=None: read.append(page) or real(page, before))
    with pytest.raises(PipelineError, match="not a known document"):
        document.extract_pdf(pdf)
    assert len(read) == 1


def test_pages_without_any_text_say_there_is_no_text_layer(tmp_path) -> None:
    pdf = _pages_pdf(tmp_path / "scan.pdf", 5, None)
    with pytest.raises(PipelineError, match=r"scan\.pdf: page 1: no text layer: pages 1–3"):
        document.extract_pdf(pdf)
    with pytest.raises(PipelineError, match="no text layer: page 1 hold"):
        document.extract_pdf(_pages_pdf(tmp_path / "one.pdf", 1, None))


@pytest.mark.slow
def test_a_blank_first_page_lets_the_next_one_decide(tmp_path) -> None:
    import pypdfium2

    from tests.variants.npo_pdf import load_truth_edition, render_npo_pdf

    table = render_npo_pdf(load_truth_edition(), tmp_path / "table.pdf")
    cover = _pages_pdf(tmp_path / "cover.pdf", 1, None)
    joined = pypdfium2.PdfDocument(cover)
    joined.import_pages(pypdfium2.PdfDocument(table))
    joined.save(tmp_path / "with_cover.pdf")
    artifact = document.extract_pdf(tmp_path / "with_cover.pdf")
    assert artifact["kind"] == "npo_loan" and len(artifact["pages"]) == 3
    assert artifact["pages"][0]["lines"] == [] and artifact["pages"][0]["tables"] == []
