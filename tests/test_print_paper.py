"""A plan printed from Chromium is a committee document: at most 8 A4 pages for the frozen
Hart 2022/23 Corporate Services plan, numbered "Page N of M", headed by council, plan and
version from the data, with the indicator table's header row repeated on every page."""

import io
import re

from pypdf import PdfReader

from conftest import HART
from generator.pipeline import read_council
from quality import browser, server, site

MAX_PAGES = 8  # issue 14: the 2022/23 plan printed to 16 pages


def test_a_plan_prints_as_a_numbered_committee_document(sample_site):
    council = read_council(HART)
    plan = next(p for p in council.plans if p.path == "2022-23/corporate-services/")
    version = plan.versions[-1]
    page = sample_site / plan.path / "index.html"
    with server.serve(sample_site, site.base_path(sample_site)) as base, \
            browser.chromium() as chromium, browser.page(chromium) as tab:
        tab.goto(site.page_url(base, sample_site, page))
        pdf = PdfReader(io.BytesIO(tab.pdf(format="A4")))
        tab.emulate_media(media="print")
        header_rows = tab.evaluate("""() => [...document.querySelectorAll('table thead')]
          .map(h => getComputedStyle(h).display)""")
    texts = [re.sub(r"\s+", " ", p.extract_text()) for p in pdf.pages]
    count = len(texts)
    assert count <= MAX_PAGES, f"the plan prints on {count} A4 pages"
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {count}" in text, f"page {number} has no page number"
    assert council.config.council_name in texts[0]
    assert f"Version {version.number}, {version.date.text}" in texts[0]
    assert header_rows and set(header_rows) == {"table-header-group"}
    table_pages = [t for t in texts if plan.kpis[-1].ref in t or plan.kpis[0].ref in t]
    assert all("Ref Indicator" in t for t in table_pages), "a page of the table lacks its header"
