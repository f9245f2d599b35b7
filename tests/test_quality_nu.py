"""The W3C Nu HTML checker over every page."""

from quality import nu, report, site


def test_nu_errors(root_site):
    pages = site.html_pages(root_site.resolve())
    assert pages, "the site has no pages"  # nu.check([]) finds nothing
    errors = [(str(e.file).removeprefix(f"{root_site.resolve()}/"), e.line, e.message)
              for e in nu.check(pages)]
    message = report.count("Nu checker errors", errors)
    assert not errors, message
