"""Facts about a built site directory: its pages and the URL path it is built for."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

_REFRESH = re.compile(r"<meta[^>]+http-equiv=[\"']?refresh", re.IGNORECASE)


def is_redirect(path: Path) -> bool:
    """True for a redirect stub: a page whose head holds a meta refresh."""
    return bool(_REFRESH.search(path.read_text(encoding="utf-8", errors="replace")[:4096]))


def html_pages(site_dir: Path) -> list[Path]:
    """Every HTML page under site_dir, sorted, without redirect stubs."""
    return [p for p in sorted(site_dir.rglob("*.html")) if not is_redirect(p)]


def base_path(site_dir: Path) -> str:
    """The URL path the site is built to be served under (``/`` or e.g. ``/plans/``).

    Read from sitemap.xml, whose locations all start with ``site_url``; the
    common directory of their paths is the base. ``/`` when there is no sitemap.
    """
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return "/"
    paths = [urlsplit(el.text.strip()).path for el in ET.parse(sitemap).iter()
             if el.tag.endswith("}loc") and el.text]
    if not paths:
        return "/"
    common = paths[0]
    for path in paths[1:]:
        while not path.startswith(common):
            common = common[:-1]
    return common[: common.rfind("/") + 1] or "/"


def page_url(base_url: str, site_dir: Path, page: Path) -> str:
    """The URL under base_url at which a server shows page (``x/index.html`` → ``x/``)."""
    rel = page.relative_to(site_dir).as_posix()
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return base_url + rel
