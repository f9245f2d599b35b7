"""The MkDocs plugin that replaces MkDocs' own pages with the ones the core rendered."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.compiled_templates import CompiledTemplates
from generator.engine.output import Writer
from generator.parallel import in_two
from generator.render import hosting
from generator.render.site import CONTENT_ID, Site
from generator.engine.mkdocs import settings
from generator.engine.mkdocs.shells import Shells, contents

# Every page's template: Material's main.html, through a shell where one serves (shells.py).
_FRAMED = "plansite-framed.html"


class PlansitePlugin(BasePlugin):
    """Feeds the core's pages to MkDocs. The engine hands it the rendered `site` and the
    `writer` of the build folder before a build; it keeps the build's files, navigation and
    templates, so that `rebuild` can write single pages again (the live preview)."""

    site: Site
    writer: Writer

    def on_config(self, config):
        self._styles = (list(config.extra_css), list(config.extra_javascript))
        self._entries: dict[str, list[dict]] = {}  # search entries by page address
        self._host: dict[str, str] = {}
        search = config.plugins.get("material/search") or config.plugins.get("search")
        self._search = search if getattr(search, "search_index", None) is not None else None
        if self._search:
            self._search.search_index.add_entry_from_context = \
                lambda page: self._entries.__setitem__(page.url, _index(page))
            events = config.plugins.events["page_context"]
            events[events.index(self._search.on_page_context)] = self._page_context
        return config

    def _page_context(self, context, *, page, config, nav):
        """Material search's on_page_context, which indexes the page and then removes any
        data-search-* attribute with a regular expression run over every page: run only on
        a page that has one (the core writes none; narrative text could hold the words)."""
        if "data-search-" in page.content:
            return self._search.on_page_context(context, page=page, config=config, nav=nav)
        self._entries[page.url] = _index(page)
        return context

    def on_env(self, env, config, files):
        env.bytecode_cache = _COMPILED
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({_FRAMED: "{{ plansite_framed() }}"}), env.loader])
        env.globals["plansite_framed"] = self._framed
        self._env = env
        return env

    @jinja2.pass_context
    def _framed(self, context):
        return self._shells.page(context.get_all(), self._pages[context["page"].file.src_uri].toc)

    def on_files(self, files: Files, config) -> Files:
        # Only the theme's files and what the core hands over: nothing of content/ (docs_dir)
        # is copied by MkDocs itself; the core publishes the files beside the narrative.
        kept = [f for f in files if Path(f.src_dir or "") != Path(config.docs_dir)]
        out = Files(kept)
        self._pages = {f"{page.path}index.md": page for page in self.site.pages}
        for uri in self._pages:
            out.append(File.generated(config, uri, content=""))
        self._host = hosting.host_files(self.site, settings.build_date(self.site))
        published: dict[str, str | bytes] = {**self.site.files, **self._host}
        for path, data in sorted(published.items()):
            if path != "sitemap.xml":  # a template of the theme: see on_post_template
                out.append(File.generated(config, path, content=data))
        css, scripts = self._styles
        config.extra_css = [_fingerprinted(out, path, config) for path in css]
        config.extra_javascript = [_fingerprinted(out, str(path), config) for path in scripts]
        self._files = out
        return out

    def on_nav(self, nav, config, files):
        self._nav = nav
        self._shells = Shells(lambda context: self._env.get_template("main.html").render(context),
                              frozenset(page.url for page in nav.pages))
        return nav

    def populate(self, page: Page) -> None:
        """Give MkDocs' `page` the core's rendering of it: what MkDocs' _populate_page
        would read and convert from Markdown (the core's pages have none). A page still to
        be rendered gets its title now and its content when it is written."""
        rendered = self._pages[page.file.src_uri]
        page.markdown, page.content, page.toc = "", rendered.html, contents(rendered.toc)
        page.meta = {"title": settings.printed(rendered.title), "template": _FRAMED}
        if rendered.description:
            page.meta["description"] = settings.printed(rendered.description)
        if rendered.unlisted:  # main.html's robots tag; Material's search exclusion
            page.meta.update(noindex=True, search={"exclude": True})

    def on_post_page(self, output, page, config):
        return _finish_html(output, config)

    def on_post_template(self, output_content, template_name, config):
        # MkDocs' own sitemap would escape the escaped site_url again, and date every page
        # 1970 when the data has no date: the core's replaces it.
        if template_name == "sitemap.xml":
            return self._host["sitemap.xml"]
        return _finish_html(output_content, config) if template_name.endswith(".html") \
            else output_content

    @event_priority(100)  # before Material's search plugin writes its index
    def on_post_build(self, config):
        if self._search:  # the entries in page order, however often pages were rebuilt
            self._search.search_index.entries = [
                entry for page in self._files.documentation_pages()
                for entry in self._entries.get(page.page.url if page.page else "", ())]

    def write_pages(self, config, files: list[File]) -> None:
        """Copy `files` and write every page, shared with a second process
        (generator/parallel.py), from which the search entries of its pages come back."""
        documents = self._files.documentation_pages()
        pages = [file.page for file in documents if file.page]

        def write(item: File | Page) -> list[dict]:
            if isinstance(item, File):
                self.writer.write(item.dest_uri, item.content_bytes)
                return []
            uri = item.file.src_uri
            self._pages[uri] = self.site.render(self._pages[uri])
            self.populate(item)
            self._write_page(item, config, documents)
            return self._entries.get(item.url, [])
        items: list[File | Page] = [*pages, *files]
        for page, entries in zip(pages, in_two(write, items)):
            self._entries[page.url] = entries

    def rebuild(self, site: Site, pages: frozenset[str], files: frozenset[str],
                config) -> None:
        """Write again the pages at `pages` and the files at `files` of `site`, whose other
        pages, files and navigation are those of the last build."""
        self.site = site
        self._pages = {f"{page.path}index.md": page for page in site.pages}
        for path in sorted(files):
            file = File.generated(config, path, content=site.files[path])
            self._files.remove(self._files.get_file_from_path(path) or file)
            self._files.append(file)
            self.writer.write(file.dest_uri, file.content_bytes)
        documents = self._files.documentation_pages()
        for path in sorted(pages):
            document = self._files.get_file_from_path(f"{path}index.md")
            page = document.page if document else None
            assert page, path  # LiveSite only reports pages that the last build had
            self.populate(page)
            self._write_page(page, config, documents)
        config.plugins.on_post_build(config=config)

    def _write_page(self, page: Page, config, documents: Sequence[File]) -> None:
        """MkDocs' _build_page, writing through the build's writer: the page's context,
        the page_context events, its template, the post_page events."""
        config._current_page, page.active = page, True
        try:
            context = get_context(self._nav, documents, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config,
                                                     nav=self._nav)
            output = self._env.get_template(_FRAMED).render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            config._current_page, page.active = None, False
        self.writer.write(page.file.dest_uri, output.encode("utf-8", "xmlcharrefreplace"))


# Material's skip link (it points at the first h2, or is missing on pages without one).
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)
_ARTICLE = '<article class="md-content__inner md-typeset">'
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*?type="checkbox"[^>]*?) autocomplete="off"')
# Material's navigation section labels carry tabindex="" to stay out of the tab order.
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link"[^>]*?) tabindex=""')
# Material's menu button: a label for the drawer checkbox, which the keyboard cannot reach.
_DRAWER_LABEL = re.compile(
    r'(<label class="md-header__button md-icon" for="__drawer">(.*?)</label>)', re.DOTALL)
_PRIMARY_SIDEBAR = '<div class="md-sidebar md-sidebar--primary"'
DRAWER_ID = "ps-drawer"
# A label pointing at a control id that is not on the page (the table-of-contents toggle
# is only rendered when the page itself is in the navigation).
_LABEL_FOR = re.compile(r'(<label\b[^>]*?) for="([^"]+)"')


_COMPILED = CompiledTemplates("engine")  # MkDocs makes a new environment for every build

# Search. Material indexes each page by running Python's html.parser over it: the largest
# single cost of a large build. The core's HTML is regular, so a few regular expressions
# split it into the same entries: a section per heading with an id, text with Material's
# kept tags (bare) and every other tag dropped. Entities stay escaped, as in the page.
_HEADING = re.compile(r'<h[1-6]\b[^>]*?\bid="([^"]*)"[^>]*>(.*?)</h[1-6]>', re.DOTALL)
_UNINDEXED = re.compile(r"<(script|style|object)\b.*?</\1>|<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_KEPT = {"p", "li", "ol", "ul", "code", "pre", "sub", "sup"}
_INLINE = {"a", "abbr", "b", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
           "small", "span", "strong", "time", "u"}
# The same, done by three substitutions without a Python call per tag (several times
# faster): inline tags dropped, every other tag but the kept ones a space, the kept ones'
# attributes dropped. They need tag names in lower case (a tag in capitals takes _TAG).
_KEPT_NAMES, _NAME_END = "|".join(sorted(_KEPT)), "(?![a-zA-Z0-9-])"
_INLINE_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_INLINE))}){_NAME_END}[^>]*>")
_OTHER_TAG = re.compile(rf"<(?!/?(?:{_KEPT_NAMES}){_NAME_END})/?[a-zA-Z][a-zA-Z0-9-]*[^>]*>")
_KEPT_ATTRIBUTES = re.compile(rf"<(/?)({_KEPT_NAMES})[^a-zA-Z0-9->][^>]*>")
_CAPITALS = re.compile(r"</?[a-zA-Z0-9-]*[A-Z]")


def _index(page) -> list[dict]:
    """Material search entries for `page` (none if its meta excludes it from search)."""
    if (page.meta.get("search") or {}).get("exclude"):
        return []
    parts = _HEADING.split(_UNINDEXED.sub(" ", page.content))
    entries = [{"location": page.url, "title": str(page.meta.get("title", page.title)),
                "text": _search_text(parts[0])}]
    for anchor, title, body in zip(parts[1::3], parts[2::3], parts[3::3]):
        entries.append({"location": f"{page.url}#{anchor}",
                        "title": _spaced(_TAG.sub("", title)),
                        "text": _search_text(body)})
    return entries


def _search_text(html: str) -> str:
    if _CAPITALS.search(html):
        return _spaced(_TAG.sub(_bare, html))
    html = _OTHER_TAG.sub(" ", _INLINE_TAG.sub("", html))
    return _spaced(_KEPT_ATTRIBUTES.sub(r"<\1\2>", html))


def _bare(tag: re.Match) -> str:
    name = tag[2].lower()
    return f"<{tag[1]}{name}>" if name in _KEPT else "" if name in _INLINE else " "


def _spaced(text: str) -> str:
    """Each run of white space as one space, none at either end (what Material's parser
    gives; str.split is much faster than a regular expression for it)."""
    return " ".join(text.split())


def _fingerprinted(files: Files, path: str, config) -> str:
    """Publish our stylesheet or script at `path` under a name carrying its content hash;
    return that name."""
    file = files.get_file_from_path(path)
    if file is None:
        return path
    content = file.content_bytes
    files.remove(file)
    renamed = hosting.fingerprint(path, content)
    files.append(File.generated(config, renamed, content=content))
    return renamed


def _finish_html(output: str, config) -> str:
    """Small fixes to Material's page HTML, each named by the check it satisfies."""
    language = config.extra["plansite"]["language"]  # escaped in settings.mkdocs_config
    output = output.replace('<html lang="en"', f'<html lang="{language}"', 1)
    # Skip link (WCAG 2.4.1, axe `bypass`): first in the page, to the start of the
    # article (breadcrumbs, then the h1), on every page including 404.html. tabindex=-1
    # on the target makes focus, not just the scroll position, move there.
    output = _SKIP.sub(f'<div data-md-component="skip"><a href="#{CONTENT_ID}" '
                       f'class="md-skip">Skip to content</a></div>', output, count=1)
    output = output.replace(_ARTICLE, _ARTICLE.replace(
        ">", f' id="{CONTENT_ID}" tabindex="-1">'), 1)
    # axe `aria-dialog-name`: the search dialog needs an accessible name.
    output = output.replace('data-md-component="search" role="dialog"',
                            'data-md-component="search" role="dialog" aria-label="Search"', 1)
    # WCAG 4.1.3: announce the search's result count ("3 matching documents") as it changes.
    output = output.replace('<div class="md-search-result__meta">',
                            '<div class="md-search-result__meta" role="status">', 1)
    # Nu checker: `autocomplete` is not allowed on checkboxes (Material's drawer, search
    # and navigation toggles). It only stopped Firefox restoring a toggle after reload.
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    # Nu checker: an empty tabindex is invalid; browsers ignore it, so dropping it keeps
    # the section labels exactly as (un)focusable as before.
    output = _EMPTY_TABINDEX.sub(r"\1", output)
    # WCAG 2.1.1 / 4.1.2 (Material #4101): a real button beside the menu label, hidden
    # until theme/assets/plansite.js shows it in the label's place and makes it work.
    if _PRIMARY_SIDEBAR in output:
        output = output.replace(_PRIMARY_SIDEBAR, f'{_PRIMARY_SIDEBAR} id="{DRAWER_ID}"', 1)
        output = _DRAWER_LABEL.sub(
            rf'\1<button type="button" class="md-header__button md-icon ps-menu-button" '
            rf'aria-label="Menu" aria-controls="{DRAWER_ID}" aria-expanded="false" hidden>'
            r'\2</button>', output, count=1)
    # Nu checker: `label for` must name a control on the page; drop it where none exists.
    return _LABEL_FOR.sub(lambda m: m[0] if f'id="{m[2]}"' in output else m[1], output)
