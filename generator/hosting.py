"""What a static host needs besides the pages: robots.txt and cache-safe asset names."""

from __future__ import annotations

import hashlib
import posixpath


def robots_txt(base_url: str, preview: bool) -> str:
    """robots.txt: a public build invites crawlers to its sitemap; a preview shuts them out.

    Crawlers read robots.txt only at a domain's root; under a path prefix the council's
    own robots.txt applies, and every preview page also carries a `noindex` meta tag.
    """
    if preview:
        return "# A preview build: not for search engines.\nUser-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"


def fingerprint(path: str, content: bytes) -> str:
    """`path` with a hash of `content` before its extension: assets/plansite.1a2b3c4d.css.

    A changed file gets a new name, so a browser or proxy may cache every such file for
    a year and still never serve an old stylesheet with a new page.
    """
    stem, extension = posixpath.splitext(path)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}{extension}"
