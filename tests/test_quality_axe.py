"""axe-core in Chromium over every page, in both colour schemes, and the requests it saw."""

import time
from collections import Counter

import pytest

from quality import browser, report, server, site

MATERIAL_SCHEME = {"light": "default", "dark": "slate"}  # data-md-color-scheme per scheme


@pytest.fixture(scope="module")
def audited(sample_site):
    """A function: colour scheme -> PageAudits of every page, each scheme audited once."""
    done = {}
    with server.serve(sample_site, site.base_path(sample_site)) as base, \
            browser.chromium() as chromium:
        urls = [site.page_url(base, sample_site, p) for p in site.html_pages(sample_site)]

        def run(scheme):
            if scheme not in done:
                start = time.monotonic()
                done[scheme] = browser.audit(chromium, urls, scheme)
                print(f"\naxe ({scheme}): {len(urls)} pages in {time.monotonic() - start:.1f} s")
            return done[scheme]

        yield run


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe(audited, scheme):
    audits = audited(scheme)
    wrong = [f"{a.url} shows {a.scheme!r}" for a in audits
             if a.scheme is not None and a.scheme != MATERIAL_SCHEME[scheme]]
    assert not wrong, report.listing(f"pages not in Material's {scheme} palette", wrong)
    found = [(a.url, f"{v.rule} ({v.impact})", v.help, v.target, " ".join(v.html.split())[:200])
             for a in audits for v in a.violations]
    message = report.count(f"axe violations ({scheme})", found)
    rules = Counter(v.rule for a in audits for v in a.violations)
    assert not found, f"{message}\nby rule: {dict(rules)}"


def test_no_third_party_requests(audited):
    found = sorted({(a.url, request) for scheme in MATERIAL_SCHEME
                    for a in audited(scheme) for request in a.third_party})
    message = report.count("third-party requests", found)
    assert not found, message
