"""Visit pages in Debian's Chromium (via Playwright), run axe-core, record third-party requests."""

import os
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

# Debian's Chromium; PLANSITE_CHROMIUM names another Chromium-based browser (CI on
# GitHub's Ubuntu runners uses their Google Chrome: Ubuntu's `chromium` is a snap shim).
CHROMIUM = os.environ.get("PLANSITE_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# Runs axe and flattens each violation to one entry per offending node.
_RUN_AXE = """async (options) => {
  const result = await axe.run(document, options);
  return result.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, impact: v.impact, help: v.help,
    target: n.target.map(String).join(' '), html: n.html,
  })));
}"""


@dataclass(frozen=True)
class Violation:
    """One axe rule failed by one element."""

    rule: str
    impact: str | None
    help: str
    target: str
    html: str


@dataclass
class PageAudit:
    """What one visit found: axe violations, third-party requests, Material's colour scheme."""

    url: str
    violations: list[Violation] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    scheme: str | None = None


def is_third_party(url: str) -> bool:
    """True for a network URL whose host is not this machine."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS


@contextmanager
def chromium():
    """Launch headless /usr/bin/chromium (a fresh temporary profile); yield the Browser."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def audit(browser: Browser, urls: list[str], color_scheme: str,
          prepare: Callable[[Page], None] | None = None, **options) -> list[PageAudit]:
    """Load each URL with prefers-color-scheme set to color_scheme ('light' or 'dark'), run axe.

    Every request of the context is recorded; third-party ones are listed on the
    page that made them and aborted, so a missing network cannot stall a page.
    ``scheme`` is Material's ``data-md-color-scheme`` once the page has loaded.
    ``prepare(page)``, if given, runs after each load and before axe (e.g. to open the
    navigation drawer); ``options`` go to ``new_context`` (e.g. ``viewport``).
    """
    context = browser.new_context(color_scheme=color_scheme, service_workers="block", **options)
    context.add_init_script(path=AXE_JS)  # cheaper than injecting into each loaded page
    context.route(is_third_party, lambda route: route.abort("blockedbyclient"))
    results = []
    try:
        page = context.new_page()
        for url in urls:
            result = PageAudit(url)

            def listener(request, found=result.third_party):
                if is_third_party(request.url):
                    found.append(request.url)

            context.on("request", listener)
            page.goto(url, wait_until="load")
            if prepare:
                prepare(page)
            result.violations = [Violation(**v) for v in page.evaluate(_RUN_AXE, AXE_OPTIONS)]
            result.scheme = page.evaluate(
                "document.body && document.body.getAttribute('data-md-color-scheme')")
            context.remove_listener("request", listener)
            results.append(result)
    finally:
        context.close()
    return results


@contextmanager
def page(browser: Browser, color_scheme: str = "light", **options):
    """A fresh page (its own context; third-party requests aborted) for interaction tests.

    ``options`` go to ``new_context`` (e.g. ``viewport``); the page records every response
    it got in ``page.responses`` as (status, url).
    """
    context = browser.new_context(color_scheme=color_scheme, service_workers="block", **options)
    context.route(is_third_party, lambda route: route.abort("blockedbyclient"))
    try:
        tab = context.new_page()
        tab.responses = []
        tab.on("response", lambda response: tab.responses.append((response.status, response.url)))
        yield tab
    finally:
        context.close()
