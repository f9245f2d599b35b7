"""Render: Jinja2 templates (autoescaped) that turn the model into page HTML."""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from markupsafe import Markup, escape

from generator import i18n
from generator.compiled_templates import CompiledTemplates
from generator.parallel import in_two
from generator.render import snippets
from generator.render import figures as kpi_text
from generator.model.actions import figure, pounds
from generator.model.changes import by_kind
from generator.model.status import STATUSES as KPI_STATUSES
from generator.model.status import TRENDS
from generator.model.records import (ACTION_STAGES, BASES, COMPARATORS, POLARITIES, QUARTER_MONTHS,
                    VERSION_STAGES)
from generator.render.narrative import to_html
from generator.validate.narrative_links import Resolver


@dataclass(frozen=True)
class Page:
    """One rendered page: its address, title and the HTML of its content area."""

    path: str  # "" for home, otherwise "a/b/"
    title: str
    html: str
    description: str = ""
    toc: tuple[tuple[str, str], ...] = ()  # (id, heading) of each h2
    unlisted: bool = False  # kept out of search engines, the sitemap and the site's search


class Unrendered(Page):
    """A page a partial render skipped (see Renderer's `only`): its address and title, no
    HTML. Whoever asked for the partial render puts the page's previous rendering in."""


@dataclass(frozen=True)
class Pending(Page):
    """A page whose template is rendered later, with all the others (Renderer.finish)."""

    job: int = 0  # its template and values in the Renderer's list


@functools.lru_cache(maxsize=1 << 16)  # pages link to the same few addresses again and again
def relative(from_path: str, to_path: str) -> str:
    """Link from page `from_path` to `to_path` (both "a/b/" style), so any prefix works."""
    target, _, anchor = to_path.partition("#")
    rel = _relpath(target, from_path)
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath(target, start) ('' meaning the top), by comparing the paths' parts
    rather than making both absolute: most of a build's links are each asked for once."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    here = [part for part in start.split("/") if part not in ("", ".")]
    if ".." in to or ".." in here or target.startswith("/") or start.startswith("/"):
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def paragraphs(text: str) -> Markup:
    """Plain text from data as escaped paragraphs: blank lines split paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return Markup("".join(f"<p>{escape(p)}</p>" for p in parts))


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment per process: `plansite serve` rebuilds reuse its compiled templates.
    Templates are not checked for changes on each use (see `_fresh`)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"), auto_reload=False,
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"], bytecode_cache=CompiledTemplates("core"))
    # `{% trans %}` calls i18n's functions with named values. jinja2.ext.i18n adds this
    # attribute to the environment at run time; Jinja's type hints do not declare it.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(_=i18n.jinja_gettext, gettext=i18n.jinja_gettext,
                       ngettext=i18n.jinja_ngettext)
    env.filters.update(paragraphs=paragraphs, narrative=_narrative, t=i18n._,
                       value=kpi_text.format_value, result=kpi_text.format_result,
                       target=kpi_text.format_target, describe=kpi_text.describe,
                       direction=kpi_text.direction, latest_comment=kpi_text.latest_comment,
                       figure=figure, pounds=pounds,
                       revision=kpi_text.format_revision,
                       comparator=kpi_text.format_comparator,
                       compare_with=kpi_text.compare_with, by_kind=by_kind)
    env.globals.update(kpi_status=snippets.kpi_status, trend_badge=snippets.trend_badge,
                       status_cell=snippets.status_cell, trend_cell=snippets.trend_cell,
                       status_badge=snippets.status_badge, when=snippets.when,
                       text_block=snippets.text_block, kpi_target_cell=snippets.kpi_target_cell,
                       theme_links=snippets.theme_links)
    env.globals.update(QUARTER_MONTHS=QUARTER_MONTHS, BASES=BASES, POLARITIES=POLARITIES,
                       ACTION_STAGES=ACTION_STAGES, VERSION_STAGES=VERSION_STAGES,
                       KPI_STATUSES=KPI_STATUSES, TRENDS=TRENDS,
                       COMPARATORS=COMPARATORS)
    return env


def _fresh(env: jinja2.Environment) -> jinja2.Environment:
    """The environment, its templates reloaded if any file changed since they were loaded:
    a build checks once, not at every page, include and import."""
    if env.cache is not None and not all(t.is_up_to_date for t in env.cache.values()):
        env.cache.clear()
    return env


@jinja2.pass_context
def _narrative(context, markdown_text: str, shift: int = 0) -> Markup:
    """Narrative Markdown to sanitised HTML (safe to mark as markup: nh3 cleaned it), its
    links and images made relative to the page being rendered."""
    council, path = context["council"], context["path"]
    origin = council.content.origins.get(markdown_text, ("", 0))[0]
    resolver = Resolver(council)

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        resolved = resolver.resolve(tag, value, origin)
        if resolved.address is None:  # a problem: `check` reports it
            return None  # nothing unresolved is published
        return relative(path, resolved.address) if resolved.on_site else resolved.address
    return Markup(to_html(markdown_text, shift, rewrite))


class Renderer:
    """Renders pages from templates; each page gets a `link(path)` helper relative to itself.
    With `only`, pages whose path it refuses are not rendered (see Unrendered)."""

    def __init__(self, only: Callable[[str], bool] | None = None) -> None:
        self.env = _fresh(_environment())
        self.only = only
        # each Pending page's template, values, and what works out more values for it
        self._jobs: list[tuple[str, dict, Callable[[], dict] | None]] = []

    def page(self, template: str, path: str, title: str, description: str = "",
             unlisted: bool = False, later: Callable[[], dict] | None = None,
             **context) -> Page:
        """The page at `path` from `template`, rendered when `finish` renders them all (or
        by `render`, one at a time, as the engine writes it).
        `later()` gives more values when the page is rendered, by whichever process renders
        it (what only this page shows, worked out in parallel with other pages)."""
        if self.only and not self.only(path):
            return Unrendered(path=path, title=title, html="", description=description,
                              unlisted=unlisted)
        self._jobs.append((template, context, later))
        return Pending(path=path, title=title, html="", description=description,
                       unlisted=unlisted, job=len(self._jobs) - 1)

    def finish(self, pages: list[Page]) -> tuple[Page, ...]:
        """`pages`, each Pending one rendered, shared with a second process (pages are
        independent of each other, and rendering is the largest step of a build)."""
        pending = [page for page in pages if isinstance(page, Pending)]
        rendered = iter(in_two(self.render, pending))
        return tuple(next(rendered) if isinstance(page, Pending) else page for page in pages)

    def render(self, page: Page) -> Page:
        """`page` rendered, if it is Pending (any other page is returned as it is)."""
        if not isinstance(page, Pending):
            return page
        template, context, later = self._jobs[page.job]
        path = page.path
        html = self.env.get_template(template).render(
            title=page.title, path=path, link=lambda to: relative(path, to), **context,
            **(later() if later else {}))
        toc = tuple(re.findall(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', html))
        toc = tuple((i, re.sub(r"<[^>]+>", "", h)) for i, h in toc)
        return Page(path=path, title=page.title, html=html, description=page.description,
                    toc=toc, unlisted=page.unlisted)
