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

from dataclasses import dataclass
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

    def refresh(self) -> Update:
        """Read the changed files and render what depends on them. A problem in the files
        raises InputError and leaves `site` as it was."""
        council = self._read()
        services = self._services(self._changed)
        self._changed = set()
        old, self.council = self.site, council
        if services is None:
            self.site = render_site(council, self.preview)
            return Update(None)
        only = _affected(services, old.council, council)
        site = render_site(council, self.preview, only)
        previous = {p.path: p for p in old.pages}
        if [p.path for p in site.pages] != list(previous) or site.nav != old.nav \
                or site.epoch != old.epoch or site.files.keys() != old.files.keys():
            self.site = render_site(council, self.preview)
            return Update(None)
        self.site = Site(tuple(previous[p.path] if isinstance(p, Unrendered) else p
                               for p in site.pages), site.nav, council, site.preview,
                         site.files)
        return Update(
            frozenset(p.path for p in site.pages
                      if not isinstance(p, Unrendered) and p != previous[p.path]),
            frozenset(k for k, v in site.files.items() if old.files[k] != v))

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


def _affected(services: set[str], old: Council, new: Council):
    """Which pages to render after an edit of the plans of `services`: every page but those
    of other services' plans and of indicators that none of their plans (before or after
    the edit) reports."""
    years = {year.slug for year in (*old.years, *new.years)}
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
