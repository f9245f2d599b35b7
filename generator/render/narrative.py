"""Narrative Markdown to HTML that contains only a documented safe set of tags."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import markdown
import nh3


# The raw HTML a council may write in narrative Markdown (see docs/data-reference.md).
SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Links to the plan data's pages (see narrative_links.DATA_FORMS) reach the rewriting below.
DATA_SCHEMES = {"kpi", "plan", "theme"}
# An image left without a source (it was not a file of the project) or without alt text is
# dropped (`check` has already reported it).
_INCOMPLETE_IMAGE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>|<img(?![^>]*\salt=)[^>]*>")
EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes", "toc", "sane_lists", "abbr"]
# Given (tag, attribute, value) of an href or src: the address to publish, or None to drop it.
Rewrite = Callable[[str, str, str], "str | None"]


def convert(text: str, shift_headings: int = 0) -> tuple[str, set[str]]:
    """Narrative Markdown to raw (not yet sanitised) HTML, and the ids of its headings.

    `shift_headings` demotes headings so that narrative sits under a page's own h1/h2.
    """
    html, ids = _converted(text, shift_headings)
    return html, set(ids)


@functools.lru_cache(maxsize=4096)  # checks and pages (each kept version) convert the same text
def _converted(text: str, shift_headings: int) -> tuple[str, frozenset[str]]:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "toc": {"permalink": False, "baselevel": 1 + shift_headings}})
    html = md.convert(text)
    ids: set[str] = set()
    # The toc extension adds toc_tokens at run time; types-Markdown does not declare it.
    tokens = list(md.toc_tokens)  # type: ignore[attr-defined]
    while tokens:
        token = tokens.pop()
        ids.add(token["id"])
        tokens += token["children"]
    return html, frozenset(ids)


def to_html(text: str, shift_headings: int, rewrite: Rewrite) -> str:
    """Convert narrative Markdown to HTML that contains only the safe set of tags; every
    link and image address goes through `rewrite`."""
    html, _ = convert(text, shift_headings)

    def addresses(tag: str, attribute: str, value: str) -> str | None:
        return rewrite(tag, attribute, value) if attribute in ("href", "src") else value
    # No `rel` is added to links: a link whose unsafe href was removed stays valid HTML.
    clean = nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES,
                      url_schemes=SAFE_SCHEMES | DATA_SCHEMES, link_rel=None,
                      strip_comments=True, attribute_filter=addresses)
    return _INCOMPLETE_IMAGE.sub("", clean)
