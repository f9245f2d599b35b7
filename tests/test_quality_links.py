"""Offline link checks over the built files, and static references to other hosts."""

from quality import links, report, site


def test_no_broken_links(root_site):
    assert site.html_pages(root_site), "the site has no pages"
    broken = links.broken_links(root_site, site.base_path(root_site))
    message = report.count("broken links", broken)
    assert not broken, message


def test_no_static_third_party_references(root_site):
    refs = links.third_party_refs(root_site)
    message = report.count("static third-party references", refs)
    assert not refs, message
