"""The rendered site the core hands to an engine, and what the core knows of that engine.

The core renders each page's content; an engine (generator/engine/mkdocs/ today) puts the
pages in its frame (header, navigation, search) and writes them. The engine describes
itself with an `Engine` value, so the core never names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.model.records import Council
from generator.render.jinja import Page

# The engine puts every page's content in the element with this id (the skip link's
# target): `plansite diff` reads a page's text from it.
CONTENT_ID = "ps-content"


@dataclass(frozen=True)
class Engine:
    """What the core must know of the engine: the addresses it writes itself."""

    name: str
    reserved: frozenset[str]  # top-level folders and files, e.g. its search and assets
    derived: tuple[str, ...] = ()  # paths it derives from the pages (not changes of their own)


@dataclass(frozen=True)
class NavItem:
    """One navigation entry: a page, or a titled section of entries."""

    title: str
    path: str | None = None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class Site:
    """Everything the engine must publish: pages, other files (downloads, the feed, the
    host files) and the navigation, for the public or for a preview. Pages may still be
    waiting to be rendered (render_site's `finish`): the engine gets each one's content from
    `render(page)` as it writes it."""

    pages: tuple[Page, ...]
    nav: tuple[NavItem, ...]
    council: Council
    preview: bool = False
    files: dict[str, bytes] = field(default_factory=dict)  # path -> content
    render: Callable[[Page], Page] = field(default=lambda page: page, compare=False,
                                           repr=False)

    @property
    def epoch(self) -> int:
        """The build's only notion of 'now': see `latest_moment`."""
        return latest_moment(self.council)


def latest_moment(council: Council) -> int:
    """The latest date in the data, as Unix time (0 when the data has no date)."""
    dates = [v.date for p in council.plans for v in p.versions]
    dates += [u.date for p in council.plans for pr in p.priorities for u in pr.updates]
    moments = [m for m in (d.moment() for d in dates) if m]
    return int(max(moments).timestamp()) if moments else 0
