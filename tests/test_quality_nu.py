"""The W3C Nu HTML checker over every page."""

from quality import nu, report, site


def test_nu_errors(sample_site):
    pages = site.html_pages(sample_site.resolve())
    assert pages, "the sample site has no pages"  # nu.check([]) finds nothing
    errors = [(str(e.file).removeprefix(f"{sample_site.resolve()}/"), e.line, e.message)
              for e in nu.check(pages)]
    message = report.count("Nu checker errors", errors)
    assert not errors, message
