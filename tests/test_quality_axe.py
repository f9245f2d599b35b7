"""axe-core in Chromium over every page, in both colour schemes, and the requests it saw;
and over a representative set of pages on narrow screens, with the navigation drawer closed
and open."""

import time
from collections import Counter

import pytest

from quality import browser, report, server, site

MATERIAL_SCHEME = {"light": "default", "dark": "slate"}  # data-md-color-scheme per scheme
# A phone, or a 1280px window zoomed to 320%; 320px is WCAG 1.4.10's reflow width (400% zoom).
NARROW_WIDTHS = [400, 320]
MISSING = "no/such/page/"  # the server answers any unknown address with the site's 404.html


@pytest.fixture(scope="module")
def served(root_site):
    """(base URL of the served council at the project root, the Chromium browser)."""
    with server.serve(root_site, site.base_path(root_site)) as base, \
            browser.chromium() as chromium:
        yield base, chromium


@pytest.fixture(scope="module")
def audited(root_site, served):
    """A function: colour scheme -> PageAudits of every page, each scheme audited once."""
    base, chromium = served
    urls = [site.page_url(base, root_site, p) for p in site.html_pages(root_site)]
    done = {}

    def run(scheme):
        if scheme not in done:
            start = time.monotonic()
            done[scheme] = browser.audit(chromium, urls, scheme)
            print(f"\naxe ({scheme}): {len(urls)} pages in {time.monotonic() - start:.1f} s")
        return done[scheme]

    return run


def _assert_clean(label, scheme, audits):
    """Fail on a page not in Material's palette for scheme or on any axe violation, after
    printing the count. audits: (where, PageAudit) pairs; where names the page in messages."""
    assert audits, "no page was audited"
    wrong = [f"{where} shows {a.scheme!r}" for where, a in audits
             if a.scheme != MATERIAL_SCHEME[scheme]]
    assert not wrong, report.listing(f"pages not in Material's {scheme} palette", wrong)
    found = [(where, f"{v.rule} ({v.impact})", v.help, v.target, " ".join(v.html.split())[:200])
             for where, a in audits for v in a.violations]
    message = report.count(label, found)
    rules = Counter(v.rule for _, a in audits for v in a.violations)
    assert not found, f"{message}\nby rule: {dict(rules)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe(audited, scheme):
    _assert_clean(f"axe violations ({scheme})", scheme, [(a.url, a) for a in audited(scheme)])


def test_no_third_party_requests(audited):
    found = sorted({(a.url, request) for scheme in MATERIAL_SCHEME
                    for a in audited(scheme) for request in a.third_party})
    message = report.count("third-party requests", found)
    assert not found, message


def _narrow_pages(site_dir):
    """One page of each kind: home, the latest year, every service plan, a KPI with a chart,
    open data, a plan's history and the accessibility statement."""
    years = sorted(site_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/index.html"))
    plans = sorted(site_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*/index.html"))
    histories = sorted(site_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*/history/index.html"))
    charts = [p for p in sorted(site_dir.glob("kpis/*/index.html"))
              if 'class="ps-chart' in p.read_text(encoding="utf-8")]
    assert years and plans and histories and charts, "the council lacks a kind of page"
    pages = [site_dir / "index.html", years[-1], *plans, charts[0], histories[0],
             site_dir / "data" / "index.html", site_dir / "accessibility" / "index.html"]
    assert all(p.is_file() for p in pages), [p for p in pages if not p.is_file()]
    return pages


def _open_drawer(page):
    """Open the navigation drawer with its menu button (generator/engine/mkdocs/theme/assets/plansite.js); wait until
    it has slid in."""
    page.click(".ps-menu-button", timeout=5000)
    page.wait_for_function("document.getElementById('__drawer').checked"
                           " && document.getAnimations().every(a => a.playState !== 'running')",
                           timeout=5000)


@pytest.mark.parametrize("width", NARROW_WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_narrow(root_site, served, scheme, width):
    """WCAG 1.4.10 reflow: at phone widths the layout changes (the navigation becomes a
    drawer behind the menu button); axe passes with the drawer closed and with it open."""
    base, chromium = served
    urls = [site.page_url(base, root_site, p) for p in _narrow_pages(root_site)]
    urls.append(base + MISSING)
    viewport = {"width": width, "height": 800}
    audits = [(f"{a.url} (drawer {state})", a)
              for state, prepare in (("closed", None), ("open", _open_drawer))
              for a in browser.audit(chromium, urls, scheme, prepare, viewport=viewport)]
    _assert_clean(f"axe violations ({width}px, {scheme}, drawer closed and open)", scheme, audits)
