"""Material's page frame rendered once for many pages, then filled in for each.

Material's template (header, navigation, search, footer) costs about 5 ms a page, and
most pages differ in it only in their title, description, address, content, relative
links and contents-list entries. A shell is Material's page rendered with markers for
those values (an entry of markers for each contents entry) and with each relative link
kept as the page it points to; a page that can use one is the shell with its own values
put in and its links written from its own address, as MkDocs writes them. Pages share a
shell when they are equally deep in the site, are not in the navigation (nothing in it
is marked as theirs, and no entry lies below them), and have as many contents entries
and the same metadata and heading. No shell is made when a marker did not come out as it
went in (a theme override that transforms the title, say), when a value of the page
stayed in the frame, or when the frame links to the page itself or below it: such pages
are rendered whole, as before. tests/test_shells.py checks both ways give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils import get_relative_url

# The values a shell leaves open (and toc-id-N, toc-title-N for the contents list's Nth
# entry); each marker is text that no filter changes.
_SLOTS = ("title", "description", "canonical", "content")
_MARKER = "plansite-slot-{}-5e1d"
_PIECE = re.compile(r"plansite-slot-([a-z]+|toc-(?:id|title)-[0-9]+)-5e1d"
                    r'|(?:(?<=href=")|(?<=src="))([^"#:?]+)(?=")')


@dataclass(frozen=True)
class Shell:
    """A rendered frame: text, then a slot, then text, and so on. A slot is a value's
    name, or the site path of a page or file the frame links to (in `links`)."""

    parts: tuple[str, ...]
    links: frozenset[int]  # the positions of `parts` that are link targets

    def fill(self, values: dict[str, str], url: str) -> str:
        """The frame for the page at `url` with `values`."""
        return "".join(part if not i % 2 else get_relative_url(part, url) if i in self.links
                       else values[part] for i, part in enumerate(self.parts))


def contents(entries) -> TableOfContents:
    """A page's contents list as Material reads it, from its (id, heading) entries."""
    return get_toc([{"level": 2, "id": anchor, "name": heading, "children": []}
                    for anchor, heading in entries])


class Shells:
    """The shells of one build, made as pages ask for them. `render` renders a page whole
    from its template context; `nav_urls` are the addresses of the navigation's pages."""

    def __init__(self, render, nav_urls: frozenset[str]) -> None:
        self._render = render
        self._nav_urls = nav_urls
        self._made: dict[tuple, Shell | None] = {}

    def page(self, context: dict, toc: tuple) -> Markup:
        """The page of `context` in Material's frame: from a shell where one serves,
        else rendered whole."""
        page = context["page"]
        values = {"title": page.meta.get("title", ""),
                  "description": page.meta.get("description", ""),
                  "canonical": page.canonical_url or "", "content": page.content or ""}
        for number, (anchor, heading) in enumerate(toc):
            values.update({f"toc-id-{number}": anchor, f"toc-title-{number}": heading})
        key = self._key(page, toc, values)
        if key is not None and key not in self._made:
            self._made[key] = self._make(context, values, len(toc))
        shell = self._made.get(key) if key is not None else None
        return Markup(shell.fill(values, page.url) if shell else self._render(context))

    def _key(self, page, toc: tuple, values: dict[str, str]) -> tuple | None:
        if page.is_homepage or any(url.startswith(page.url) for url in self._nav_urls):
            return None
        meta = tuple(sorted((k, repr(v)) for k, v in page.meta.items()
                            if k not in ("title", "description")))
        return (page.url.count("/"), meta, "description" in page.meta, len(toc),
                "<h1" in values["content"])

    def _make(self, context: dict, values: dict[str, str], entries: int) -> Shell | None:
        """Render the frame of `context`'s page with markers for its values, and find its
        relative links; None if the frame cannot serve other pages (see the module)."""
        page = context["page"]
        kept = (dict(page.meta), page.canonical_url, page.content, page.toc)
        markers = {slot: _MARKER.format(slot) for slot in values}
        heading = "<h1" if "<h1" in values["content"] else ""  # else Material adds one
        page.meta["title"] = markers["title"]
        if "description" in page.meta:
            page.meta["description"] = markers["description"]
        page.canonical_url = markers["canonical"]
        page.content = markers["content"] + heading
        page.toc = contents([(markers[f"toc-id-{n}"], markers[f"toc-title-{n}"])
                             for n in range(entries)])
        try:
            html = self._render(context).replace(page.content, markers["content"])
        finally:
            page.meta, page.canonical_url, page.content, page.toc = kept
        if any(values[slot] and values[slot] in html for slot in _SLOTS[:3]) or \
                page.url in html:
            return None
        parts: list[str] = []
        links: set[int] = set()
        start = 0
        for match in _PIECE.finditer(html):
            slot, link = match.groups()
            if link is not None:
                slot = urljoin("/" + page.url, link).lstrip("/")
                if slot.startswith(page.url):
                    return None
                if get_relative_url(slot, page.url) != link:
                    continue  # not written by MkDocs from the page's address: kept as it is
                links.add(len(parts) + 1)
            parts += [html[start:match.start()], slot]
            start = match.end()
        parts.append(html[start:])
        if html.lower().count("plansite-slot") != len(parts) // 2 - len(links):
            return None
        return Shell(tuple(parts), frozenset(links))
