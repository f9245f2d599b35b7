"""Headings, skip link, main landmark and data tables on every page."""

from quality import report, site, structure


def test_structure(sample_site):
    problems = structure.site_problems(site.html_pages(sample_site), sample_site)
    message = report.count("structure problems", problems)
    assert not problems, message
