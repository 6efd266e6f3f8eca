"""Every producer variant generated once per session, each PDF in a folder of its own.

The session fixture `producers` makes them in a background thread: it builds every Calc and
Writer case, converts them all in ONE soffice call (and the HTML pages Writer prints in a
second one), then prints the Chromium cases (one chromium call per file); reportlab cases are
drawn on demand. `producers.pdf(case)` waits for
just that case's PDF, so reading back the first cases overlaps making the others. Every PDF
has its truth beside it (<name>.truth.json). Without soffice or chromium, the cases of that
producer skip, naming the missing program.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path

import pytest

from tests.producers.cases import CASES, NPO, Case, reportlab_truth
from tests.variants.calc_npo import calc_job
from tests.variants.docx_npo import docx_npo_job
from tests.variants.docx_plan import plan_job
from tests.variants.html_print import render_html
from tests.variants.npo_pdf import render_npo_pdf
from tests.variants.office import OfficeBatch, OfficeJob, build_jobs, missing_tools, write_truth
from tests.variants.plan_pdf import render_plan_pdf
from tests.variants.writer_html import writer_html_job

OFFICE = ("calc", "writer", "writer-html")


def office_job(case: Case, folder: Path) -> OfficeJob:
    """The office document `case` prints: a workbook (Calc), a Word document or an HTML page
    (Writer)."""
    if case.producer == "calc":
        make = calc_job
    elif case.producer == "writer-html":
        make = writer_html_job
    else:
        make = docx_npo_job if case.kind == NPO else plan_job
    return make(case.edition(), case.pdf(folder), **case.options)


class Producers:
    """The PDFs of every case, made by their real producers into `folder`.

    A background thread builds the office documents and starts their soffice call, waits for
    it, then prints the Chromium cases one by one; reportlab cases are drawn when asked for.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.missing = {tool: bool(missing_tools(tool)) for tool in ("soffice", "chromium")}
        office = [case for case in CASES if case.producer in OFFICE]
        # The first case of each office producer once more, last: same inputs, same bytes?
        firsts: dict[str, Case] = {}
        for case in office:
            firsts.setdefault(case.producer, case)
        self.twins = {c.name: replace(c, name=f"{c.name}-twin") for c in firsts.values()}
        office += list(self.twins.values())
        # Writer opens HTML in a soffice call of its own, after the one for the rest.
        calls = ([c for c in office if c.producer != "writer-html"],
                 [c for c in office if c.producer == "writer-html"])
        self.office_index = {case.name: (n, i) for n, call in enumerate(calls)
                             for i, case in enumerate(call)}
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="producers")
        self.batches: list[Future[OfficeBatch] | None] = [None, None]
        if office and not self.missing["soffice"]:
            for n, call in enumerate(calls):
                if call:
                    self.batches[n] = self.pool.submit(self._start_office, call)
                    self.pool.submit(self._finish_office, n)
        self.browser: dict[str, Future[Path]] = {}
        if not self.missing["chromium"]:
            for case in CASES:
                if case.producer == "chromium":
                    self.browser[case.name] = self.pool.submit(self._print, case)

    def _start_office(self, office: list[Case]) -> OfficeBatch:
        """Build the documents in a worker process (openpyxl and python-docx would hold the
        GIL against the read-backs), then start soffice."""
        jobs = [office_job(case, self.folder) for case in office]
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as worker:
            truths = worker.submit(build_jobs, jobs).result()
        return OfficeBatch(jobs, truths)

    def _finish_office(self, n: int) -> None:
        """Keep soffice alone on its core until it is done (Chromium would slow it)."""
        batch = self.batches[n]
        assert batch is not None
        batch.result().wait()

    def _print(self, case: Case) -> Path:
        pdf = case.pdf(self.folder)
        render_html(case.kind, case.edition(), pdf, **case.options)
        return pdf

    def _draw(self, case: Case) -> Path:
        pdf = case.pdf(self.folder)
        if not pdf.exists():
            pdf.parent.mkdir(parents=True, exist_ok=True)
            edition = case.edition()
            render = render_npo_pdf if case.kind == NPO else render_plan_pdf
            render(edition, pdf, **case.options)
            write_truth(pdf, reportlab_truth(case, edition))
        return pdf

    def pdf(self, case: Case) -> Path:
        """`case`'s PDF (with its truth beside it), waiting for its producer if need be."""
        tool = "soffice" if case.producer in OFFICE else case.producer
        if self.missing.get(tool):
            pytest.skip(f"{tool} is not installed: the {tool}-printed variants cannot be made")
        if case.producer in OFFICE:
            n, index = self.office_index[case.name]
            batch = self.batches[n]
            assert batch is not None
            return batch.result().wait_for(index)
        if case.producer == "chromium":
            return self.browser[case.name].result()
        return self._draw(case)

    def close(self) -> None:
        """Let every producer finish (never leave soffice or chromium running)."""
        self.pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def producers(tmp_path_factory) -> Iterator[Producers]:
    made = Producers(tmp_path_factory.mktemp("producers"))
    try:
        yield made
    finally:
        made.close()
