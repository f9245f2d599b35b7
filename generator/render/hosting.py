"""What a static host needs besides the pages: robots.txt, the sitemap and cache-safe
asset names."""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import xml.etree.ElementTree as ET

from generator.render import xmlfile
from generator.render.site import Site

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def robots_txt(base_url: str, preview: bool) -> str:
    """robots.txt: a public build invites crawlers to its sitemap; a preview shuts them out.

    Crawlers read robots.txt only at a domain's root; under a path prefix the council's
    own robots.txt applies, and every preview page also carries a `noindex` meta tag.
    """
    if preview:
        return "# A preview build: not for search engines.\nUser-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"


def sitemap(base_url: str, paths: list[str], updated: dt.date | None) -> str:
    """sitemap.xml: every page's address, each with the date of the latest change in the
    data (`updated`); no date at all when the data has none, rather than an invented one."""
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in paths:
        url = xmlfile.add(root, f"{{{SITEMAP}}}url")
        xmlfile.add(url, f"{{{SITEMAP}}}loc", f"{base_url}{path}")
        if updated:
            xmlfile.add(url, f"{{{SITEMAP}}}lastmod", updated.isoformat())
    return xmlfile.to_bytes(root).decode("utf-8")


def fingerprint(path: str, content: bytes) -> str:
    """`path` with a hash of `content` before its extension: assets/plansite.1a2b3c4d.css.

    A changed file gets a new name, so a browser or proxy may cache every such file for
    a year and still never serve an old stylesheet with a new page.
    """
    stem, extension = posixpath.splitext(path)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}{extension}"


def host_files(site: Site, updated: dt.date | None) -> dict[str, str]:
    """The files at the site's root that a static host and crawlers read: robots.txt and
    the sitemap of the pages search engines may list (dated `updated`)."""
    base = site.council.config.base_url
    return {"robots.txt": robots_txt(base, site.preview),
            "sitemap.xml": sitemap(base, [p.path for p in site.pages if not p.unlisted],
                                   updated)}
