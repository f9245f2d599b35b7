"""Static hosting: the sample served under a path prefix and at a domain root, robots.txt,
sitemap.xml, the 404 page, and stylesheet and script names that change with their content."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest
import yaml

from conftest import HART, edit, plansite, sample_copy
from generator.engine.mkdocs.settings import THEME
from quality import links, server, site
from quality.links import css_refs

HASHED = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$")


def set_base_url(root: Path, url: str) -> None:
    config = root / "site_config.yml"
    old = re.search(r"^  base_url: .*$", config.read_text(encoding="utf-8"), re.M)[0]
    edit(config, old, f"  base_url: {url}")


@contextmanager
def served_sample(tmp_path: Path, prefix: str):
    """The sample built for, and served at, http://127.0.0.1:PORT{prefix}; yields that URL."""
    root, site_dir = sample_copy(tmp_path), tmp_path / "site"
    site_dir.mkdir()
    with server.serve(site_dir, prefix) as base_url:
        set_base_url(root, base_url)
        result = plansite("build", "--site-dir", str(site_dir), root=root)
        assert result.returncode == 0, result.stderr
        yield base_url, site_dir


class _Refs(HTMLParser):
    """Every href, src and srcset URL in a page, and Material's JSON configuration."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [attrs[k] for k in ("href", "src") if attrs.get(k)]
        self.urls += [c.split()[0] for c in (attrs.get("srcset") or "").split(",") if c.strip()]
        self._in_config = attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def references(url: str, kind: str, body: bytes) -> list[str]:
    """The URLs a page, stylesheet, feed or robots.txt refers to, made absolute."""
    text = body.decode("utf-8", errors="replace")
    if kind == "text/css":
        return [urljoin(url, ref) for ref in css_refs(text)]
    if kind.endswith("xml"):  # the Atom feed's links, the sitemap's locations
        return [urljoin(url, href or loc)
                for href, loc in re.findall(r'href="([^"]+)"|<loc>([^<]+)', text)]
    if url.endswith("/robots.txt"):
        return re.findall(r"^Sitemap: (\S+)$", text, re.M)
    if kind != "text/html":
        return []
    page = _Refs()
    page.feed(text)
    found = [urljoin(url, ref) for ref in page.urls]
    if page.config:  # Material's search: its worker script and the index it loads (as
        config = json.loads(page.config)  # Material's bundle resolves them)
        base = urljoin(url, config["base"])
        found += [urljoin(url, config["search"]), urljoin(base, "search/search_index.json")]
    return found


def crawl(base_url: str, starts: list[str]) -> tuple[dict[str, int], list[str]]:
    """Fetch every URL on this server reachable from starts; returns statuses and problems.

    Problems: anything not answered with 200, and any link leaving the base path.
    """
    origin, prefix = urlsplit(base_url)[:2], urlsplit(base_url).path
    statuses: dict[str, int] = {}
    problems: list[str] = []
    queue = deque((None, url) for url in starts)
    while queue:
        source, url = queue.popleft()
        if url in statuses:
            continue
        status, kind, body = fetch(url)
        statuses[url] = status
        if status != 200:
            problems.append(f"{url} (linked from {source}): HTTP {status}")
            continue
        for ref in references(url, kind, body):
            parts = urlsplit(ref)
            if parts[:2] != origin:
                continue  # another site, mailto:, data: ...
            if not parts.path.startswith(prefix):
                problems.append(f"{url} links to {parts.path}, outside {prefix}")
                continue
            queue.append((url, urlunsplit(parts._replace(fragment=""))))
    return statuses, problems


def sitemap_urls(site_dir: Path) -> list[str]:
    return [el.text.strip() for el in ET.parse(site_dir / "sitemap.xml").iter()
            if el.tag.endswith("}loc")]


@pytest.mark.parametrize("prefix", ["/plans/", "/"], ids=["under-a-prefix", "at-the-root"])
def test_every_internal_link_resolves_when_served(tmp_path, prefix):
    with served_sample(tmp_path, prefix) as (base_url, site_dir):
        statuses, problems = crawl(base_url, [base_url, f"{base_url}robots.txt"])
        # The 404 page must work wherever it is shown: here, deep below the prefix.
        missing = f"{base_url}no/such/page/"
        status, kind, body = fetch(missing)
        assert status == 404 and b"Page not found" in body
        statuses_404, problems_404 = crawl(base_url, [
            ref for ref in references(missing, kind, body)  # this site's, less same-page links
            if urlsplit(ref)[:2] == urlsplit(base_url)[:2]
            and urlsplit(ref)._replace(fragment="") != urlsplit(missing)])
    problems += problems_404
    print(f"URLs fetched under {prefix}: {len(statuses) + len(statuses_404)}, "
          f"problems: {len(problems)}")
    assert not problems, "\n".join(problems)
    # Every page, download and feed was reached by following links from the home page and
    # robots.txt (which names the sitemap).
    files = [site.page_url(base_url, site_dir, p) for p in site_dir.rglob("*")
             if p.suffix in {".html", ".csv", ".json", ".xml"} and p.name != "404.html"]
    unreached = sorted(set(files) - set(statuses))
    assert len(files) >= 14 and not unreached, unreached
    offline = links.broken_links(site_dir, prefix)  # also checks every #fragment
    assert not offline, offline


def sample_base_url() -> str:
    config = yaml.safe_load((HART / "site_config.yml").read_text(encoding="utf-8"))
    return config["site"]["base_url"].rstrip("/") + "/"


def test_robots_txt_public_and_preview(sample_site, tmp_path):
    base_url = sample_base_url()
    public = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base_url}sitemap.xml" in public.splitlines()
    assert "Disallow: /" not in public
    preview = tmp_path / "preview"
    result = plansite("build", "--preview", "--site-dir", str(preview), root=HART)
    assert result.returncode == 0, result.stderr
    rules = (preview / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in rules and "Disallow: /" in rules and "Sitemap" not in rules


def test_sitemap_lists_every_indexable_page(sample_site):
    urls, base_url = sitemap_urls(sample_site), sample_base_url()
    assert urls, "the sitemap lists no page"
    expected = {site.page_url(base_url, sample_site, p)
                for p in sample_site.rglob("index.html")
                if 'name="robots" content="noindex' not in p.read_text(encoding="utf-8")}
    assert sorted(urls) == sorted(expected)
    assert not any("404" in url for url in urls)
    compressed = gzip.decompress((sample_site / "sitemap.xml.gz").read_bytes())
    assert compressed == (sample_site / "sitemap.xml").read_bytes()


def test_every_stylesheet_and_script_is_named_by_its_content(sample_site):
    """So a host may cache them for a year: a changed file always has a new name."""
    assets = set()
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for ref in re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"',
                              html):
            url = ref[0] or ref[1]
            if not urlsplit(url).netloc:
                assets.add((page.parent / url).resolve()
                           if not url.startswith("/") else sample_site / url.lstrip("/"))
    names = sorted(a.name for a in assets)
    assert names and all(HASHED.search(name) for name in names), names
    ours = [a for a in assets if a.name.startswith("plansite.")]
    assert ours, names
    for asset in ours:
        assert asset.name.split(".")[1] == hashlib.sha256(asset.read_bytes()).hexdigest()[:8]
    assert {a.suffix for a in ours} == {".css", ".js"}, names
    assert not (sample_site / "assets" / "plansite.css").exists()
    assert not (sample_site / "assets" / "plansite.js").exists()


def test_stylesheet_name_changes_with_its_content(project, tmp_path):
    def stylesheet(site_dir: Path) -> str:
        return re.search(r'href="(assets/plansite\.[0-9a-f]{8}\.css)"',
                         (site_dir / "index.html").read_text(encoding="utf-8"))[1]

    before, again, after = tmp_path / "before", tmp_path / "again", tmp_path / "after"
    for site_dir in (before, again):
        assert plansite("build", "--site-dir", str(site_dir), root=project).returncode == 0
    css = project / "theme" / "assets" / "plansite.css"  # the project's own, overriding
    css.parent.mkdir(parents=True)
    css.write_text((THEME / "assets" / "plansite.css").read_text(encoding="utf-8")
                   + "\n/* changed */\n", encoding="utf-8")
    assert plansite("build", "--site-dir", str(after), root=project).returncode == 0
    assert stylesheet(before) == stylesheet(again) != stylesheet(after)
    assert (after / stylesheet(after)).read_text(encoding="utf-8").endswith("/* changed */\n")
