"""Headings, skip link, main landmark and data tables on every page."""

from quality import report, site, structure


def test_structure(root_site):
    pages = site.html_pages(root_site)
    assert pages, "the site has no pages"
    problems = structure.site_problems(pages, root_site)
    message = report.count("structure problems", problems)
    assert not problems, message
