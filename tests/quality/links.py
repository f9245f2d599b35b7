"""Offline checks over a built site's files: broken internal links, and third-party loads.

HTML is read with the stdlib's html.parser: only start tags and their attributes are
needed, which it reports faithfully even for imperfect markup, so no dependency is
added (the Nu checker judges the markup itself).
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript"}
# <link rel=...> values with which a browser fetches (or connects to) the href.
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect",
                "dns-prefetch", "icon", "apple-touch-icon", "mask-icon", "manifest"}
# Attributes whose URL a browser loads: attribute -> the element it loads on (None: any).
LOADING_ATTRS = {"src": None, "poster": "video", "data": "object"}

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_XML_REF = re.compile(r"""<(?:\?xml-stylesheet|image|use|script|feImage)\b[^>]*?\b(?:xlink:)?href\s*=\s*['"]([^'"]+)""")
_JS_REF = re.compile(r"""\bsrc\s*=\s*['"`]((?:https?:)?//[^'"`]+)""")


class Broken(NamedTuple):
    """A link or reference that does not resolve; file and url as written."""

    file: str
    url: str
    reason: str


class TargetParser(HTMLParser):
    """Base for page walkers: records every fragment target (`id`, `<a name>`) it meets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def attributes(self, tag: str, attrs: list) -> dict:
        """The start tag's attributes as a dict, after noting any fragment target."""
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        return attrs


class _Page(TargetParser):
    """Collects a page's ids, URL attributes and the URLs it makes a browser load."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []      # every href, src and srcset candidate
        self.loaded: list[str] = []    # those a browser fetches, plus url()/@import in styles
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = self.attributes(tag, attrs)
        if "href" in attrs:
            self.urls.append(attrs["href"])
            if tag == "link" and LOADING_RELS & set(attrs.get("rel", "").lower().split()):
                self.loaded.append(attrs["href"])
        for name, element in LOADING_ATTRS.items():
            if name in attrs and element in (None, tag):
                self.urls.append(attrs[name])
                self.loaded.append(attrs[name])
        for name in ("srcset", "imagesrcset"):
            candidates = [c.split()[0] for c in attrs.get(name, "").split(",") if c.strip()]
            self.urls.extend(candidates)
            self.loaded.extend(candidates)
        self.loaded.extend(css_refs(attrs.get("style", "")))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.loaded.extend(css_refs(data))


def css_refs(css: str) -> list[str]:
    """URLs in CSS ``url(...)`` and ``@import``."""
    return [a or b for a, b in _CSS_URL.findall(css)]


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in EXTERNAL_SCHEMES or bool(parts.netloc)


def _target(site_dir: Path, page: Path, url: str, base_path: str) -> tuple[Path | None, str]:
    """The file url (as written in page) points to, or None and why not."""
    page_url = "/" + page.relative_to(site_dir).as_posix()
    path = unquote(urlsplit(urljoin(page_url, url)).path)
    if url.startswith("/"):  # root-relative: the site lives under base_path
        if not path.startswith(base_path):
            return None, f"outside the site's base path {base_path}"
        path = "/" + path[len(base_path):]
    target = site_dir / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.resolve().is_relative_to(site_dir.resolve()):
        return None, "outside the site"
    return target, ""


def broken_links(site_dir: Path, base_path: str = "/") -> list[Broken]:
    """Every internal href/src/srcset in the site's HTML that misses its file or #fragment."""
    site_dir = site_dir.resolve()
    _parse.cache_clear()
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        for url in _parse(page).urls:
            if _is_external(url):
                continue
            parts = urlsplit(url)
            if parts.path or parts.query:
                target, why = _target(site_dir, page, url, base_path)
            else:
                target, why = page, ""
            if target is None:
                broken.append(Broken(rel, url, why))
            elif not target.is_file():
                broken.append(Broken(rel, url, f"no file {target.relative_to(site_dir).as_posix()}"))
            elif (fragment := unquote(parts.fragment)) and target.suffix == ".html" \
                    and fragment.lower() != "top" and not fragment.startswith(":~:") \
                    and fragment not in _parse(target).ids:
                broken.append(Broken(rel, url, f"no id {fragment!r} in "
                                               f"{target.relative_to(site_dir).as_posix()}"))
    return broken


def third_party_refs(site_dir: Path) -> list[Broken]:
    """References in built HTML/CSS/JS/XML/SVG files that make a browser load another host.

    Plain navigation links (``<a href>``) to other sites are allowed and not reported.
    """
    found = []
    for path in sorted(site_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix == ".html":
            urls = _Page()
            urls.feed(path.read_text(encoding="utf-8", errors="replace"))
            refs = urls.loaded
        elif suffix == ".css":
            refs = css_refs(path.read_text(encoding="utf-8", errors="replace"))
        elif suffix in {".xml", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            refs = _XML_REF.findall(text) + css_refs(text)
        elif suffix in {".js", ".mjs"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            refs = _JS_REF.findall(text) + [u for u in css_refs(text) if urlsplit(u).netloc]
        else:
            continue
        rel = path.relative_to(site_dir).as_posix()
        found += [Broken(rel, url, "loads from another host")
                  for url in refs if urlsplit(url.strip()).netloc]
    return found
