"""Headings, skip link, main landmark and data tables on every page."""

from quality import report, site, structure


def test_structure(sample_site):
    pages = site.html_pages(sample_site)
    assert pages, "the sample site has no pages"
    problems = structure.site_problems(pages, sample_site)
    message = report.count("structure problems", problems)
    assert not problems, message
