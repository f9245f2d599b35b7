"""The live preview's core: after an edit, read only the files that changed and render only
the pages that can depend on them.

A plan file (or a kept version of one) of a service is shown on that service's pages in
every year (its plans, their histories and kept versions), on the pages of the indicators
its plans report, and on the pages that gather every service (home, years, themes, the
indicator list, open data, what's new, narrative pages). Any other file (the settings,
services, corporate plans, content/) may show anywhere, so it renders everything; so does
an edit that adds or removes pages, or changes the navigation or the site's latest date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from generator.load.sources import SNAPSHOTS, SourceCache
from generator.model.records import Council
from generator.pipeline import gated, read_council
from generator.render.jinja import Unrendered
from generator.render.pages import render_site
from generator.render.site import Engine, Site


@dataclass(frozen=True)
class Update:
    """What a refresh changed: the addresses of changed pages and the paths of changed
    files, or None for pages when everything may have changed."""

    pages: frozenset[str] | None
    files: frozenset[str] = frozenset()


class LiveSite:
    """The latest good rendering of a project, kept up to date edit by edit."""

    def __init__(self, root: Path, preview: bool, engine: Engine | None = None) -> None:
        self.root, self.preview, self.engine = root, preview, engine
        self._cache = SourceCache()
        self._changed: set[Path] = set()
        self.council = self._read()
        self._changed = set()
        self.site = render_site(self.council, preview)

    def _read(self) -> Council:
        try:
            return gated(read_council(self.root, self.engine, self._cache), self.preview)
        finally:  # kept until a refresh succeeds, so no edit is missed after a broken one
            self._changed |= self._cache.changes()

    def refresh(self) -> Iterator[Update]:
        """Read the changed files and render what depends on them, in two steps: first the
        pages of the edited services, rendered from their plans alone (quick, whatever the
        council's size), then every page that changed. `site` is up to date after each
        step. A problem in the files raises InputError and leaves `site` as it was."""
        council = self._read()
        services = self._services(self._changed)
        self._changed = set()
        old, self.council = self.site, council
        if services is None:
            self.site = render_site(council, self.preview)
            yield Update(None)
            return
        years = {year.slug for year in (*old.council.years, *council.years)}
        own = replace(council, plans=tuple(p for p in council.plans if p.service in services))
        first = self._merge(render_site(own, self.preview, _of(services, years)))
        if first is None:  # pages appear or disappear: everything is rendered below
            first = Update(frozenset())
        yield first
        second = self._merge(render_site(council, self.preview,
                                         _affected(services, years, old.council, council)),
                             whole=True)
        if second is None:
            self.site = render_site(council, self.preview)
            second = Update(None)
        yield second

    def _merge(self, site: Site, whole: bool = False) -> Update | None:
        """Put the pages `site` rendered into `self.site` and, if it is the `whole` site, its
        files too; what changed, or None when `site` has pages that `self.site` has not
        (or, whole, other pages, files, navigation or date)."""
        old = self.site
        previous = {p.path: p for p in old.pages}
        rendered = {p.path: p for p in site.pages if not isinstance(p, Unrendered)}
        if not rendered.keys() <= previous.keys() or whole and (
                [p.path for p in site.pages] != list(previous) or site.nav != old.nav
                or site.epoch != old.epoch or site.files.keys() != old.files.keys()):
            return None
        files = site.files if whole else old.files
        self.site = Site(tuple(rendered.get(p.path, p) for p in old.pages), old.nav,
                         self.council, old.preview, files)
        return Update(frozenset(path for path, page in rendered.items()
                                if page != previous[path]),
                      frozenset(k for k, v in files.items() if old.files[k] != v))

    def _services(self, changed: set[Path]) -> set[str] | None:
        """The services whose plan files (or kept versions) are all that changed; None
        when any other file changed."""
        services = set()
        for path in changed:
            parts = path.relative_to(self.root).parts
            if parts[:2] == ("data", "plans") and len(parts) == 4:
                services.add(Path(parts[3]).stem)
            elif parts[:2] == ("data", "plans") and len(parts) == 6 and parts[3] == SNAPSHOTS:
                services.add(parts[4])
            else:
                return None
        return services


def _of(services: set[str], years: set[str]) -> Callable[[str], bool]:
    """Whether a page belongs to one of `services` (its plans, histories, kept versions)."""
    def only(path: str) -> bool:
        parts = path.split("/")
        return parts[0] in years and len(parts) > 2 and parts[1] in services
    return only


def _affected(services: set[str], years: set[str], old: Council,
              new: Council) -> Callable[[str], bool]:
    """Which pages to render after an edit of the plans of `services`: every page but those
    of other services' plans and of indicators that none of their plans (before or after
    the edit) reports."""
    keys = {kpi.key for council in (old, new) for plan in council.plans
            if plan.service in services for kpi in plan.kpis}

    def only(path: str) -> bool:
        parts = path.split("/")
        if parts[0] in years and len(parts) > 2:
            return parts[1] in services
        if parts[0] == "kpis" and len(parts) > 2:
            return parts[1] in keys
        return True
    return only
