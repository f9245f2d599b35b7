"""The MkDocs plugin that replaces MkDocs' own pages with the ones the core rendered."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.render import hosting
from generator.errors import InputError
from generator.render.pages import Site
from generator.pipeline import render
from generator.engine.mkdocs import settings


class PlansiteConfig(Config):
    root = config_options.Type(str)
    preview = config_options.Type(bool, default=False)


class PlansitePlugin(BasePlugin[PlansiteConfig]):
    """Feeds the core's pages to MkDocs; `site` may be handed in already rendered."""

    site: Site | None = None

    def on_config(self, config):
        root, theme = Path(self.config.root), Path(config.theme.custom_dir)
        if self.site is None:  # live preview: read the data and theme afresh on every rebuild
            try:
                self.site = render(root, self.config.preview)
                settings.assemble_theme(root, theme)
            except InputError as error:
                raise PluginError(error.report()) from None
        fresh = settings.mkdocs_config(self.site.council.config, self.site.nav, root,
                                       Path(config.site_dir), self.config.preview, theme)
        for key in ("site_name", "nav", "copyright"):
            config[key] = fresh[key]
        config.extra["plansite"] = fresh["extra"]["plansite"]
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if getattr(search, "search_index", None) is not None:
            entries = search.search_index.entries
            search.search_index.add_entry_from_context = lambda page: _index(entries, page)
        return config

    def on_env(self, env, config, files):
        env.bytecode_cache = _COMPILED  # live preview: compile Material's templates once
        return env

    def on_files(self, files: Files, config) -> Files:
        # Only the theme's files and what the core hands over: nothing of content/ (docs_dir)
        # is copied by MkDocs itself; the core publishes the files beside the narrative.
        kept = [f for f in files if Path(f.src_dir or "") != Path(config.docs_dir)]
        out = Files(kept)
        self._pages = {}
        site = self.site
        assert site is not None  # on_config has rendered it
        for page in site.pages:
            uri = f"{page.path}index.md"
            out.append(File.generated(config, uri, content=""))
            self._pages[uri] = page
        for path, data in sorted(site.files.items()):
            out.append(File.generated(config, path, content=data))
        out.append(File.generated(config, "robots.txt", content=hosting.robots_txt(
            site.council.config.base_url, self.config.preview)))
        config.extra_css = [_fingerprinted(out, path, config) for path in config.extra_css]
        config.extra_javascript = [_fingerprinted(out, str(path), config)
                                   for path in config.extra_javascript]
        return out

    def on_page_markdown(self, markdown, page, config, files):
        rendered = self._pages[page.file.src_uri]
        page.meta["title"] = settings.printed(rendered.title)
        if rendered.description:
            page.meta["description"] = settings.printed(rendered.description)
        page.meta.update(rendered.meta)
        return ""

    def on_page_content(self, html, page, config, files):
        rendered = self._pages[page.file.src_uri]
        page.toc = get_toc([{"level": 2, "id": i, "name": text, "children": []}
                            for i, text in rendered.toc])
        return rendered.html

    def on_post_page(self, output, page, config):
        return _finish_html(output, config)

    def on_post_template(self, output_content, template_name, config):
        # MkDocs' own sitemap would escape the escaped site_url again, and date every page
        # 1970 when the data has no date. Pages kept out of search engines are left out.
        if template_name == "sitemap.xml":
            return hosting.sitemap(self.site.council.config.base_url,
                                   [p.path for p in self.site.pages if not p.meta.get("noindex")],
                                   settings.build_date(self.site))
        return _finish_html(output_content, config) if template_name.endswith(".html") \
            else output_content


# Material's skip link (it points at the first h2, or is missing on pages without one).
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)
_ARTICLE = '<article class="md-content__inner md-typeset">'
CONTENT_ID = "ps-content"
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


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory for the life of the process. MkDocs makes a
    new Jinja environment for every build, so each live-preview rebuild used to spend most
    of its time compiling Material's templates again. A changed template (a different
    checksum) is compiled afresh."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _MemoryBytecodeCache()

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
_SPACE = re.compile(r"\s+")


def _index(entries: list, page) -> None:
    """Add Material search entries for `page` (unless its meta excludes it from search)."""
    if (page.meta.get("search") or {}).get("exclude"):
        return
    parts = _HEADING.split(_UNINDEXED.sub(" ", page.content))
    entries.append({"location": page.url, "title": str(page.meta.get("title", page.title)),
                    "text": _search_text(parts[0])})
    for anchor, title, body in zip(parts[1::3], parts[2::3], parts[3::3]):
        entries.append({"location": f"{page.url}#{anchor}",
                        "title": _SPACE.sub(" ", _TAG.sub("", title)).strip(),
                        "text": _search_text(body)})


def _search_text(html: str) -> str:
    def tag(m: re.Match) -> str:
        name = m[2].lower()
        return f"<{m[1]}{name}>" if name in _KEPT else "" if name in _INLINE else " "
    return _SPACE.sub(" ", _TAG.sub(tag, html)).strip()


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
