"""The publishing gate: what the public site may show of each plan.

A plan is public once a version in PUBLISHED_STAGES (approved, or a progress update) is
recorded. The public site then shows the plan as frozen at its latest such version, never
the working copy, so edits made since reach the public only when they are approved or
published as an update. Plans with no published version are left out entirely. Preview
builds show every plan's working copy instead.

Each version with a snapshot records the snapshot's digest in the plan file
(`snapshot: sha256:...`), so a snapshot edited by hand after it was recorded is refused
rather than published.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from generator.model.records import PUBLISHED_STAGES, Council, PlanYear, Version


def digest(text: str) -> str:
    """The digest a version records of its snapshot's text. Line endings do not count, so a
    checkout that turns LF into CRLF (or back) keeps it valid."""
    normal = text.replace("\r\n", "\n").encode("utf-8")
    return f"sha256:{hashlib.sha256(normal).hexdigest()}"


def release(plan: PlanYear) -> Version | None:
    """The latest published version of a plan (approved or update), if any."""
    return next((v for v in reversed(plan.versions) if v.stage in PUBLISHED_STAGES), None)


def released(plan: PlanYear) -> PlanYear:
    """The plan as frozen at its latest published version; only for a plan that has one
    (validation makes sure every published version has its snapshot)."""
    latest = release(plan)
    shown = plan.snapshot(latest.number) if latest else None
    if shown is None:
        raise ValueError(f"{plan.source} has no published snapshot")
    return shown


def same_content(a: PlanYear, b: PlanYear) -> bool:
    """Whether two states of a plan say the same things (versions and file aside)."""
    return replace(a, versions=(), frozen=(), source="") == \
        replace(b, versions=(), frozen=(), source="")


def pending(plan: PlanYear) -> bool:
    """Whether the working copy holds anything the public site does not show."""
    latest = release(plan)
    if latest is None:
        return True
    if any(v.number > latest.number and v.stage != "superseded" for v in plan.versions):
        return True
    return not same_content(plan, released(plan))


def public_plan(plan: PlanYear) -> PlanYear | None:
    """The plan as the public may read it, or None when nothing of it is published yet.

    Its content is the snapshot of the latest published version; its history is every
    version up to that one, plus any later `superseded` record (which changes no content).
    """
    latest = release(plan)
    if latest is None:
        return None
    versions = tuple(v for v in plan.versions
                     if v.number <= latest.number or v.stage == "superseded")
    frozen = tuple(s for s in plan.frozen if s.versions[-1].number <= latest.number)
    return replace(released(plan), versions=versions, frozen=frozen,
                   source=plan.source)


def published(council: Council) -> Council:
    """The council as the public site shows it: only published plans, as published, and
    only the services that have one."""
    plans = tuple(p for p in map(public_plan, council.plans) if p)
    keys = {p.service for p in plans}
    return replace(council, plans=plans, years=tuple(sorted({p.year for p in plans}, reverse=True)),
                   services=tuple(s for s in council.services if s.key in keys))
