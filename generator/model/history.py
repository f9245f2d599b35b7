"""The history of each plan, version by version, and the latest changes across the site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from generator.model.changes import Change, compare
from generator.model.gate import pending
from generator.model.records import Council, PlanYear, Version

WHATS_NEW_LIMIT = 50  # entries on /whats-new/ and in the feed; older ones are in each history


@dataclass(frozen=True)
class Entry:
    """One step of a plan's history: a version (None for a preview's working copy),
    the plan's content at that step when it was frozen, and what changed since `since`
    (worked out when first asked for: by the process that renders the page showing it)."""

    plan: PlanYear
    version: Version | None
    shown: PlanYear | None = None
    earlier: PlanYear | None = None  # the content of the earlier frozen version
    names: tuple[Callable[[str], str], Callable[[str], str]] = (str, str)  # themes', types'

    @property
    def since(self) -> Version | None:
        """The earlier frozen version compared with."""
        return self.earlier.versions[-1] if self.earlier else None

    @cached_property
    def changes(self) -> tuple[Change, ...]:
        return compare(self.earlier, self.shown, *self.names) \
            if self.earlier and self.shown else ()


def history(council: Council, plan: PlanYear, preview: bool) -> tuple[Entry, ...]:
    """The plan's versions, oldest first; a preview adds its unapproved working copy last."""
    corporate = council.corporate_plan(plan.corporate_plan)
    names = (corporate.theme_name if corporate else str, council.config.indicator_type)
    entries, previous = [], None
    for version in plan.versions:
        shown = plan.snapshot(version.number)
        if shown is None:
            entries.append(Entry(plan, version))
            continue
        entries.append(Entry(plan, version, shown, previous, names))
        previous = shown
    if preview and pending(plan):
        entries.append(Entry(plan, None, plan, previous, names))
    return tuple(entries)


def whats_new(histories: list[tuple[Entry, ...]]) -> tuple[Entry, ...]:
    """The latest frozen versions across the plans' histories, newest first (working
    copies first)."""
    entries = [e for entries in histories for e in entries if e.shown is not None]
    drafts = [e for e in entries if e.version is None]
    dated = sorted(((e.version, e) for e in entries if e.version is not None),
                   key=lambda pair: (pair[0].date.sort, pair[1].plan.year, pair[1].plan.service,
                                     pair[0].number), reverse=True)
    return tuple(drafts + [e for version, e in dated[:WHATS_NEW_LIMIT]])
