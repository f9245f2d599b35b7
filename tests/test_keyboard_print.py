"""Keyboard use, visible focus, the 404 page and printing, in Chromium, on the built sample."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from quality import browser, server, site

A4_WIDTH_MM, PRINT_MARGIN_MM = 210, 12   # assets/plansite.css: @page { size: A4; margin: 11mm 12mm 13mm }
PRINT_WIDTH_PX = round((A4_WIDTH_MM - 2 * PRINT_MARGIN_MM) / 25.4 * 96)  # CSS px at 96 per inch
MAX_TABS = 300  # far more focusable elements than any page has

# Where the keyboard focus is: enough to tell elements apart in a failure message.
_ACTIVE = """() => { const e = document.activeElement;
  return e ? {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className,
              href: e.getAttribute('href'), label: e.getAttribute('aria-labelledby'), text: (e.textContent || '').trim().slice(0, 40)}
           : null; }"""


@pytest.fixture(scope="module")
def served(sample_site):
    """(base URL of the served sample, the Chromium browser, the site directory)."""
    with server.serve(sample_site, site.base_path(sample_site)) as base, \
            browser.chromium() as chromium:
        yield base, chromium, sample_site


def _plan_pages(site_dir):
    """Service plan pages: <year>/<service>/index.html."""
    pages = sorted(site_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*/index.html"))
    assert pages, "the sample has no service plan page"
    return pages


def _tab_walk(tab):
    """Press Tab from the top of the page until focus wraps round; the elements it visited."""
    seen = []
    for _ in range(MAX_TABS):
        tab.keyboard.press("Tab")
        active = tab.evaluate(_ACTIVE)
        if active is None or active["tag"] == "body" or active in seen[:1]:
            break
        seen.append(active)
    return seen


@pytest.mark.parametrize("where", ["home", "plan", "404"])
def test_skip_link_is_first_and_moves_focus_to_content(served, where):
    base, chromium, site_dir = served
    url = {"home": base,
           "plan": site.page_url(base, site_dir, _plan_pages(site_dir)[0]),
           "404": base + "no/such/page/at/depth/"}[where]
    with browser.page(chromium) as tab:
        tab.goto(url)
        tab.keyboard.press("Tab")
        first = tab.evaluate(_ACTIVE)
        assert first["tag"] == "a" and "md-skip" in first["cls"], f"first Tab stop: {first}"
        # Material fades the skip link in when it takes focus; wait for it to show.
        tab.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'",
                              timeout=5000)
        tab.keyboard.press("Enter")
        target = tab.evaluate(_ACTIVE)
        assert first["href"] == f"#{target['id']}", f"focus went to {target}, not {first['href']}"
        assert tab.evaluate("document.activeElement.querySelector('h1') !== null"), \
            "the skip link's target does not hold the page's h1"
        assert tab.evaluate("!!document.activeElement.closest('main')"), \
            "the skip link's target is not inside the main landmark"


def test_tab_reaches_every_table_region(served):
    base, chromium, site_dir = served
    for path in _plan_pages(site_dir):
        with browser.page(chromium) as tab:
            tab.goto(site.page_url(base, site_dir, path))
            regions = tab.evaluate("""() => [...document.querySelectorAll('.ps-table-scroll')]
              .map(r => ({role: r.getAttribute('role'), tabindex: r.getAttribute('tabindex'),
                          label: r.getAttribute('aria-labelledby'),
                          caption: (r.querySelector('caption') || {}).id || null}))""")
            assert regions, f"{path}: no table regions"
            for region in regions:
                assert region["role"] == "region" and region["tabindex"] == "0", region
                assert region["label"] and region["label"] == region["caption"], \
                    f"{path}: region not labelled by its table's caption: {region}"
            reached = {a["label"] for a in _tab_walk(tab) if "ps-table-scroll" in a["cls"]}
            assert len(reached) == len(regions), \
                f"{path}: Tab reached {len(reached)} of {len(regions)} table regions"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible(served, scheme):
    base, chromium, site_dir = served
    with browser.page(chromium, color_scheme=scheme) as tab:
        tab.goto(site.page_url(base, site_dir, _plan_pages(site_dir)[0]))
        stops = 0
        while not tab.evaluate("!!document.activeElement.closest('article a[href]')"):
            tab.keyboard.press("Tab")
            stops += 1
            assert stops < MAX_TABS, "Tab never reached a link in the content"
        style = tab.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
        assert style["style"] != "none" and style["width"] >= 2, f"focused link outline: {style}"


# Widths: a phone (or 400% zoom), a tablet (drawer navigation, contents on the right), a desktop.
NARROW, MIDDLE, WIDE = 400, 1000, 1280
DRAWER_BREAKPOINT = 76.25 * 16  # Material's drawer becomes a sidebar from 76.25em
MENU_BUTTON = ".ps-menu-button"

# True once the focused element can be seen: a box of some size inside the viewport, and
# neither it nor an ancestor hidden or fully transparent. Material's colour-scheme switch
# is a radio of no size whose focus ring is drawn on the label after it: judge that label.
_FOCUS_SHOWN = """() => { let e = document.activeElement;
  if (e.matches('input.md-option')) e = e.nextElementSibling;
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight
      && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}); }"""


def _focus_shown(tab) -> bool:
    """Whether the focused element shows, once its transition (Material fades and slides
    things in over a quarter of a second) has had time to run."""
    try:
        tab.wait_for_function(_FOCUS_SHOWN, timeout=2000)
        return True
    except PlaywrightTimeout:
        return False


@pytest.mark.parametrize("width", [NARROW, MIDDLE, WIDE])
@pytest.mark.parametrize("where", ["home", "plan"])
def test_tab_never_lands_on_something_hidden(served, width, where):
    """WCAG 2.4.7 / 2.4.11: every Tab stop of the page can be seen (the closed drawer's
    links, and the closed search's results pane, are out of the tab order)."""
    base, chromium, site_dir = served
    url = base if where == "home" else site.page_url(base, site_dir, _plan_pages(site_dir)[0])
    with browser.page(chromium, viewport={"width": width, "height": 800}) as tab:
        tab.goto(url)
        hidden, stops = [], 0
        for _ in range(MAX_TABS):
            tab.keyboard.press("Tab")
            active = tab.evaluate(_ACTIVE)
            if active is None or active["tag"] == "body" or (stops and "md-skip" in active["cls"]):
                break
            stops += 1
            if not _focus_shown(tab):
                hidden.append(active)
        assert stops > 10, f"Tab stopped after {stops} stops"
        assert not hidden, f"{width}px: Tab landed on {len(hidden)} hidden elements: {hidden}"


def test_menu_button_opens_the_drawer_from_the_keyboard(served):
    """WCAG 2.1.1 / 4.1.2 on a narrow screen: the menu is a button in the tab order that Enter
    opens, focus goes into the drawer and through all of its links, Escape closes it and
    returns focus to the button."""
    base, chromium, site_dir = served
    with browser.page(chromium, viewport={"width": NARROW, "height": 800}) as tab:
        tab.goto(site.page_url(base, site_dir, _plan_pages(site_dir)[0]))
        for _ in range(MAX_TABS):
            tab.keyboard.press("Tab")
            if tab.evaluate(f"document.activeElement.matches('{MENU_BUTTON}')"):
                break
        else:
            pytest.fail("Tab never reached the menu button")
        button = tab.locator(MENU_BUTTON)
        assert button.evaluate("b => b.tagName") == "BUTTON" and button.get_attribute("aria-label")
        assert tab.locator('label[for="__drawer"].md-header__button').is_hidden(), \
            "Material's menu label still shows beside the button"
        assert _focus_shown(tab) and button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-controls") == "ps-drawer"

        tab.keyboard.press("Enter")
        assert tab.evaluate("document.getElementById('__drawer').checked"), "Enter did not open it"
        assert button.get_attribute("aria-expanded") == "true"
        assert tab.evaluate("!!document.activeElement.closest('#ps-drawer')"), \
            f"focus stayed outside the drawer: {tab.evaluate(_ACTIVE)}"
        reached, hidden = set(), []
        while tab.evaluate("!!document.activeElement.closest('#ps-drawer')"):
            reached.add(tab.evaluate("document.activeElement.href"))
            if not _focus_shown(tab):
                hidden.append(tab.evaluate(_ACTIVE))
            assert len(reached) < MAX_TABS
            tab.keyboard.press("Tab")
        links = set(tab.evaluate("[...document.querySelectorAll('#ps-drawer a[href]')]"
                                 ".map(a => a.href)"))
        assert len(links) > 5 and links <= reached, f"not reached in the drawer: {links - reached}"
        assert not hidden, f"focus hidden in the open drawer: {hidden}"
        assert not tab.evaluate("document.getElementById('__drawer').checked"), \
            "the drawer stayed open when focus left it"

        button.focus()
        tab.keyboard.press("Space")
        assert button.get_attribute("aria-expanded") == "true", "Space did not open it"
        tab.keyboard.press("Escape")
        assert not tab.evaluate("document.getElementById('__drawer').checked"), \
            "Escape left it open"
        assert button.get_attribute("aria-expanded") == "false"
        assert tab.evaluate(f"document.activeElement.matches('{MENU_BUTTON}')"), \
            f"Escape left focus on {tab.evaluate(_ACTIVE)}"
        tab.wait_for_function(  # the closed drawer hides once it has slid away
            "!document.getElementById('ps-drawer').checkVisibility({checkVisibilityCSS: true})",
            timeout=2000)


def test_wide_screen_sidebar_links_are_reachable(served):
    """On a wide screen the navigation is a normal sidebar: no menu button, every link shown
    in it is a visible Tab stop."""
    base, chromium, _ = served
    with browser.page(chromium, viewport={"width": WIDE, "height": 800}) as tab:
        tab.goto(base)
        assert WIDE >= DRAWER_BREAKPOINT and tab.locator(MENU_BUTTON).is_hidden()
        shown = set(tab.evaluate("""[...document.querySelectorAll('#ps-drawer a[href]')]
            .filter(a => a.checkVisibility({checkVisibilityCSS: true})).map(a => a.href)"""))
        reached = set()
        for _ in range(MAX_TABS):
            tab.keyboard.press("Tab")
            if tab.evaluate("!!document.activeElement.closest('#ps-drawer')"):
                reached.add(tab.evaluate("document.activeElement.href"))
            elif reached:
                break
        assert len(shown) > 5 and shown <= reached, f"sidebar links not reached: {shown - reached}"


def test_404_page_works_from_any_depth(served):
    base, chromium, _ = served
    with browser.page(chromium) as tab:
        response = tab.goto(base + "2025-26/no-such-service/deeper/still/")
        assert response.status == 404
        assert tab.locator("h1").inner_text() == "Page not found"
        failed = [r for r in tab.responses if r[0] >= 400 and r[1] != response.url]
        assert not failed, f"the 404 page could not load: {failed}"
        assert tab.evaluate("[...document.styleSheets].some(s => s.href && /plansite/.test(s.href))"), \
            "the 404 page did not load the Plansite stylesheet"
        home = tab.get_by_role("link", name="Go to the home page")
        assert home.evaluate("a => a.href") == base


def _print_pages(site_dir):
    """Service plan pages, and the accessibility statement (it links to other sites)."""
    return [*_plan_pages(site_dir), site_dir / "accessibility" / "index.html"]


def test_prints_on_a4_without_navigation_or_cut_off_tables(served):
    base, chromium, site_dir = served
    external = 0
    for path in _print_pages(site_dir):
        with browser.page(chromium, viewport={"width": PRINT_WIDTH_PX, "height": 1000}) as tab:
            tab.goto(site.page_url(base, site_dir, path))
            tab.emulate_media(media="print")
            shown = tab.evaluate("""() => ['.md-header', '.md-sidebar--primary',
                '.md-sidebar--secondary', '.md-footer', '.md-skip', '.md-search', '.ps-breadcrumbs']
              .flatMap(s => [...document.querySelectorAll(s)])
              .filter(e => e.getClientRects().length > 0).map(e => e.className)""")
            assert not shown, f"{path}: navigation shown in print: {shown}"
            cut = tab.evaluate("""() => [...document.querySelectorAll('table')]
              .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1
                        || t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .map(t => (t.caption ? t.caption.textContent.trim() : 'table')
                        + ` (${t.scrollWidth}px in ${t.parentElement.clientWidth}px)`)""")
            assert not cut, f"{path}: tables wider than an A4 page: {cut}"
            targets = tab.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')]
              .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
            external += len(targets)
            hidden = [href for href, after in targets if href not in after]
            assert not hidden, f"{path}: printed links do not show where they go: {hidden}"
            assert tab.pdf(format="A4").startswith(b"%PDF-")
    assert external, "no printed page links to another site, so link targets went untested"
