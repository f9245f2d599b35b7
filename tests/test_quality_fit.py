"""Tables that fit and summaries first, in Chromium, on every page of the council at the
project root and of the frozen Hart sample: no table wider than its column at a desktop and
a phone width, nothing wider than the window, and each plan page's first screen holds its
status summary ("At a glance")."""

import pytest

from conftest import ROOT, plansite
from quality import browser, server, site

DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}  # the narrowest screen the tables must fit

# Each table wider than the box that holds it (its scroll region, or the main column), and
# whether anything is wider than the window.
_OVERFLOWS = """() => {
  const column = document.querySelector('.md-content__inner') || document.body;
  const right = column.getBoundingClientRect().right;
  const tables = [...document.querySelectorAll('.md-content table')].filter(t => {
    const box = t.closest('.ps-table-scroll') || t.parentElement;
    return box.scrollWidth > box.clientWidth + 1 || t.getBoundingClientRect().right > right + 1;
  }).map(t => (t.querySelector('caption') || t).textContent.trim().slice(0, 60));
  const page = document.documentElement.scrollWidth > window.innerWidth + 1;
  return {tables, page};
}"""

# The bottom of the status counts of the plan page's "At a glance", in CSS px from the top.
_GLANCE_BOTTOM = """() => { const g = document.querySelector('#at-a-glance .ps-glance__counts');
  return g ? g.getBoundingClientRect().bottom + window.scrollY : null; }"""


def overflows(chromium, urls, viewport):
    """{url: (captions of tables wider than their column, whether the page scrolls sideways)}."""
    found = {}
    with browser.page(chromium, viewport=viewport) as tab:
        for url in urls:
            tab.goto(url, wait_until="load")
            result = tab.evaluate(_OVERFLOWS)
            if result["tables"] or result["page"]:
                found[url] = (result["tables"], result["page"])
    return found


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module (Playwright allows one running at a time)."""
    with browser.chromium() as launched:
        yield launched


@pytest.fixture(scope="module", params=["root", "hart"])
def served(request, root_site, sample_site, chromium):
    """(base URL, Chromium, site directory) for the root council and the Hart sample."""
    built = root_site if request.param == "root" else sample_site
    with server.serve(built, site.base_path(built)) as base:
        yield base, chromium, built


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x900", "390x844"])
def test_no_table_is_wider_than_its_column(served, viewport):
    base, chromium, built = served
    urls = [site.page_url(base, built, p) for p in site.html_pages(built)]
    found = overflows(chromium, urls, viewport)
    tables = sum(len(t) for t, _ in found.values())
    print(f"\n{viewport['width']}px: {tables} tables too wide on {len(urls)} pages")
    assert not found, "\n".join(f"{u}: tables {t}, page wider than window: {p}"
                                for u, (t, p) in found.items())


@pytest.fixture(scope="module")
def frameworks_site(tmp_path_factory):
    """The fictional frameworks council (a monthly, a six-monthly and a contextual indicator
    among others), previewed: its plans are drafts."""
    built = tmp_path_factory.mktemp("frameworks") / "site"
    result = plansite("build", "--preview", "--site-dir", str(built),
                      root=ROOT / "tests" / "fixtures" / "frameworks-council")
    assert result.returncode == 0, result.stderr
    return built


def test_tables_with_every_frequency_fit_the_narrowest_screen(frameworks_site, chromium):
    with server.serve(frameworks_site, site.base_path(frameworks_site)) as base:
        urls = [site.page_url(base, frameworks_site, p) for p in site.html_pages(frameworks_site)]
        found = overflows(chromium, urls, NARROWEST)
    assert not found, "\n".join(f"{u}: tables {t}, page wider than window: {p}"
                                for u, (t, p) in found.items())


def test_plan_pages_open_with_their_summary(served):
    base, chromium, built = served
    plans = sorted(built.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*/index.html"))
    assert plans, "no service plan page"
    with browser.page(chromium, viewport=DESKTOP) as tab:
        for path in plans:
            tab.goto(site.page_url(base, built, path), wait_until="load")
            bottom = tab.evaluate(_GLANCE_BOTTOM)
            assert bottom is not None, f"{path}: no 'At a glance' summary"
            assert bottom <= DESKTOP["height"], f"{path}: the status counts end at {bottom:.0f}px"


def test_phone_tables_are_cards_that_keep_their_headers(served):
    base, chromium, built = served
    with browser.page(chromium, viewport=PHONE) as tab:
        tab.goto(base + "kpis/", wait_until="load")
        cell = tab.evaluate("""() => { const td = document.querySelector('#kpis tbody td');
          return {label: td.dataset.label, display: getComputedStyle(td).display,
                  before: getComputedStyle(td, '::before').content,
                  role: td.getAttribute('role'), table: td.closest('table').getAttribute('role'),
                  header: document.querySelector('#kpis thead th').getAttribute('role')}; }""")
    assert cell["display"] == "block" and cell["label"] and cell["label"] in cell["before"]
    assert (cell["role"], cell["table"], cell["header"]) == ("cell", "table", "columnheader")


def test_kpis_can_be_filtered_and_sorted(served):
    base, chromium, built = served
    visible = """() => [...document.querySelectorAll('#kpis tbody tr')].filter(r => !r.hidden)
      .map(r => r.dataset.status)"""
    with browser.page(chromium, viewport=DESKTOP) as tab:
        tab.goto(base + "kpis/", wait_until="load")
        everything = tab.evaluate(visible)
        status = everything[-1]
        tab.select_option("form.ps-find select[name=status]", status)
        shown = tab.evaluate(visible)
        assert shown and set(shown) == {status}
        tab.set_viewport_size(PHONE)  # rows shown as cards stay hidden when filtered out
        assert tab.evaluate("""() => [...document.querySelectorAll('#kpis tbody tr[hidden]')]
          .every(r => getComputedStyle(r).display === 'none')""")
        assert tab.text_content(".ps-find__count").strip() == \
            f"Showing {len(shown)} of {len(everything)}."
        tab.select_option("form.ps-find select[name=status]", "")
        tab.select_option("form.ps-find select[name=sort]", "status")
        order = tab.evaluate("""() => [...document.querySelectorAll('#kpis tbody tr')]
          .map(r => Number(r.dataset.sortStatus))""")
        assert order == sorted(order) and len(order) == len(everything)


def test_without_javascript_kpis_are_grouped_by_status_and_no_form_shows(served):
    base, chromium, built = served
    with browser.page(chromium, viewport=DESKTOP, java_script_enabled=False) as tab:
        tab.goto(base + "kpis/", wait_until="load")
        assert not tab.is_visible("form.ps-find")
        groups = tab.evaluate("""() => [...document.querySelectorAll("a[href^='#status-']")]
          .map(a => document.querySelector(a.getAttribute('href') + ' + ul'))
          .map(list => list ? list.querySelectorAll('li a').length : 0)""")
        assert groups and all(groups), groups  # each status link leads to its list
