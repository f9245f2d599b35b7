"""Links and images in narrative Markdown: each resolved to the page or file it names.

A link names another content file (`about.md`, `services/waste.md#bins`, `../vision.md`,
`/about.md` from the top of content/), a page of the plan data (`kpi:KEY`,
`plan:YEAR/SERVICE`, `theme:KEY`) or another site. An image names a file of content/:
nothing a browser fetches by itself may come from another host.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from functools import cached_property
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import quote, unquote

from generator.load.assets import IMAGES, check_asset
from generator.errors import InputError, Problem
from generator.validate.fields import parse_year
from generator.load.frontmatter import first_heading
from generator.load.sources import Sources
from generator.model.records import ContentIndex, Council
from generator.render.narrative import SAFE_SCHEMES, convert
from generator.validate.plans import RESERVED

DATA_FORMS = {"kpi": ("kpis/{}/", "performance indicator", "kpi:rec-01"),
              "plan": ("{}/", "service plan", "plan:2025-26/waste"),
              "theme": ("themes/{}/", "corporate plan theme", "theme:planet")}
# Elements that make a browser fetch something by itself; only <img> with a file of the
# project is published (the sanitiser removes the rest; `check` says so).
FETCHING = {"audio", "embed", "frame", "iframe", "image", "input", "link", "object", "picture",
            "script", "source", "style", "svg", "track", "video"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_IMAGE_FIX = ("save the image in content/ and give its file name, like "
              "![Bar chart of visits](chart.png)")


def browser_form(address: str) -> str:
    """An address as a browser reads it: outer spaces and control characters trimmed, tabs
    and line breaks anywhere removed, backslashes read as slashes."""
    trimmed = address.strip("".join(map(chr, range(33))))
    return re.sub(r"[\t\n\r]", "", trimmed).replace("\\", "/")


def elsewhere(address: str) -> bool:
    """Whether a browser could resolve `address` to another host (or to no file at all):
    it has a scheme (`https:`, `https:host`, `data:`) or starts with `//` once normalised."""
    normal = browser_form(address)
    return bool(_SCHEME.match(normal)) or normal.startswith("//")


class Resolved(NamedTuple):
    address: str | None  # a site path ("about/#x", "chart.png") when on_site, else as written
    on_site: bool = False
    problem: tuple[str, str] | None = None  # (what is wrong, how to fix it)


class Resolver:
    """Resolves the addresses of one council's narrative."""

    def __init__(self, council: Council):
        self.council = council
        self.index = council.content

    @cached_property
    def data_keys(self) -> dict[str, set[str]]:
        plans = self.council.plans
        return {"kpi": {k.key for p in plans for k in p.kpis},
                "plan": {p.path.rstrip("/") for p in plans},
                "theme": {t.key for c in self.council.corporate_plans for t in c.themes}}

    def resolve(self, tag: str, written: str, origin: str) -> Resolved:
        """Where `written` (an href or an img src in content/`origin`) leads."""
        normal = browser_form(written)
        scheme = _SCHEME.match(normal)
        kind = scheme[0][:-1].lower() if scheme else ""
        if tag == "a" and scheme and kind in DATA_FORMS:
            return self._data(kind, normal[len(scheme[0]):])
        if elsewhere(written):
            if tag != "a":
                return Resolved(None, problem=(
                    f"the image '{written}' is not a file of the project; a reader's browser "
                    "would fetch it from another site", _IMAGE_FIX))
            if kind in SAFE_SCHEMES or not kind:
                return Resolved(written)
            return Resolved(None, problem=(
                f"the link '{written}' starts with '{kind}:', which Plansite does not publish",
                "link to a web page (https://…), an email address (mailto:…) or a page "
                "of this site"))
        if normal.startswith("#") or not normal:
            return self._fragment(origin, normal[1:]) if tag == "a" else Resolved(
                None, problem=("this image has no file name", _IMAGE_FIX))
        path, _, fragment = normal.partition("#")
        path = unquote(path.partition("?")[0])
        base = "" if path.startswith("/") else posixpath.dirname(origin)
        target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if target == ".." or target.startswith("../"):
            return Resolved(None, problem=(f"'{written}' points outside the content folder",
                                           "name a file inside content/"))
        if tag == "a" and target in self.index.pages:
            return self._page(target, fragment, written)
        if target in self.index.files and (tag == "a" or target.lower().endswith(IMAGES)):
            return Resolved(quote(target), on_site=True)
        what = "image" if tag == "img" else "link"
        return Resolved(None, problem=(
            f"the {what} '{written}' names content/{target}, which does not exist"
            + ("" if tag == "a" or target not in self.index.files else " as an image"),
            "check the spelling, or put the file in content/" if tag == "img" else
            "check the spelling; link to a page by its file name (about.md), or to the plan "
            "data with kpi:KEY, plan:YEAR/SERVICE or theme:KEY"))

    def _data(self, kind: str, key: str) -> Resolved:
        form, what, example = DATA_FORMS[kind]
        if key in self.data_keys[kind]:
            return Resolved(form.format(key), on_site=True)
        return Resolved(None, problem=(f"there is no {what} '{key}' to link to with "
                                       f"{kind}:{key}", f"use an existing key, like {example}"))

    def _page(self, target: str, fragment: str, written: str) -> Resolved:
        entry = self.index.pages[target]
        if entry is None:
            return Resolved(None, problem=(
                f"'{written}' names content/{target}, a service overview shown on plan pages, "
                "not a page of its own", "link to the plan instead, like plan:2025-26/waste"))
        address, ids = entry
        if fragment and fragment not in ids:
            return Resolved(None, problem=(
                f"'{written}' names a heading '#{fragment}' that content/{target} does not have",
                "use the id of one of its headings: " + (", ".join(sorted(ids)) or "it has none")))
        return Resolved(address + (f"#{fragment}" if fragment else ""), on_site=True)

    def _fragment(self, origin: str, fragment: str) -> Resolved:
        ids = (self.index.pages.get(origin) or ("", None))[1]
        if fragment and ids is not None and fragment not in ids:
            return Resolved(None, problem=(f"'#{fragment}' names a heading this page does not "
                                           "have", "use the id of one of its headings: "
                                           + (", ".join(sorted(ids)) or "it has none")))
        return Resolved(f"#{fragment}" if fragment else "")


class _Elements(HTMLParser):
    """Every start tag of an HTML text, with its attributes (entities decoded)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def index_content(council: Council, sources: Sources) -> Council:
    """The council with its ContentIndex, every link and image of its narrative checked;
    raises InputError listing every problem."""
    pages: dict = {rel: None for rel in sources.content}
    origins: dict = {}
    home = council.home
    for page in (*council.pages, *([home] if home else [])):
        rel = page.source.removeprefix("content/")
        pages[rel] = (page.path, convert(page.markdown)[1])
        file = sources.content[rel]
        at = file.body.find(page.markdown) if page.markdown else -1
        origins[page.markdown] = (rel, file.line + file.body[:max(at, 0)].count("\n"))
    for rel, file in sources.content.items():
        origins.setdefault(file.body, (rel, file.line))
    origins.pop("", None)
    if home and not sources.content["index.md"].meta.get("title") \
            and not first_heading(sources.content["index.md"].body):
        home = replace(home, title=council.config.title)
    council = replace(council, home=home, content=ContentIndex(origins, pages, sources.files))
    problems = [p for path, data in sources.files.items() for p in [_file_problem(path, data)]
                if p]
    resolver = Resolver(council)
    for text, (rel, line) in origins.items():
        problems += _text_problems(text, rel, line, resolver)
    if problems:
        raise InputError(problems)
    return council


def _file_problem(path: str, data: bytes) -> Problem | None:
    top = path.split("/", 1)[0]
    if top in RESERVED or parse_year(top):
        return Problem(f"content/{path}", 0, f"this file would be published at /{path}, "
                       "among Plansite's own pages", "move it into another folder of content/")
    return check_asset(path, data)


def _text_problems(text: str, rel: str, first: int, resolver: Resolver) -> list[Problem]:
    lines = text.split("\n")

    def problem(written: str, message: str, fix: str) -> Problem:
        """The problem at the first line holding `written` as an address (or at all)."""
        forms = [f"({written}", f"<{written}>", f'"{written}"', f"'{written}'", f"={written}",
                 written] if written else []
        at = next((i for form in forms for i, line in enumerate(lines) if form in line), 0)
        return Problem(f"content/{rel}", first + at, message, fix)

    found = []
    for tag, attrs in _Elements(convert(text)[0]).found:
        if tag in FETCHING:
            found.append(problem(f"<{tag}", f"Plansite does not publish <{tag}> elements, "
                                 "which load things by themselves", "link to it instead, like "
                                 "[Watch the video](https://…), or show an image from content/"))
        elif tag in ("a", "img"):
            written = attrs.get("href" if tag == "a" else "src")
            if tag == "img" and not attrs.get("alt", "").strip():
                found.append(problem(written or "<img", "this image has no alt text, so "
                                     "people who cannot see it do not know what it shows",
                                     "describe it in the brackets: ![What the chart shows](file)"))
            if tag == "img" and "srcset" in attrs:
                found.append(problem("srcset", "Plansite does not publish 'srcset'",
                                     "give one image file with src"))
            if written is not None:
                resolved = resolver.resolve(tag, written, rel)
                if resolved.problem:
                    found.append(problem(written, *resolved.problem))
    return found
