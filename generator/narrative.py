"""Narrative Markdown to HTML that contains only a documented safe set of tags."""

from __future__ import annotations

import re

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
# An image left without a source (it was on another site) or without alt text is dropped.
_INCOMPLETE_IMAGE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>|<img(?![^>]*\salt=)[^>]*>")
EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes", "toc", "sane_lists", "abbr"]


def to_html(text: str, shift_headings: int = 0) -> str:
    """Convert narrative Markdown to HTML that contains only the safe set of tags.

    `shift_headings` demotes headings so that narrative sits under a page's own h1/h2.
    """
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "toc": {"permalink": False, "baselevel": 1 + shift_headings}})
    html = md.convert(text)
    # No `rel` is added to links: a link whose unsafe href was removed stays valid HTML.
    clean = nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES,
                      url_schemes=SAFE_SCHEMES, link_rel=None, strip_comments=True,
                      attribute_filter=_local_images)
    return _INCOMPLETE_IMAGE.sub("", clean)


def _local_images(tag: str, attribute: str, value: str) -> str | None:
    """Keep an image's src only when it is a file of this site: no request to another host."""
    if tag == "img" and attribute == "src" and re.match(r"^([a-zA-Z][\w+.-]*:|//|\\)", value):
        return None
    return value
