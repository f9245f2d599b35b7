"""Record a new version of plans: `plansite scrutiny`, `approve` and `update`.

Each appends a version to the plan file's `versions:` list as text, so the comms officer's
wording, layout and comments stay as they were, then freezes a snapshot: a copy of the
plan file as it now stands. It refuses anything that would lose or rewrite history, and
changes no file unless every plan asked for can be recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import CommandError, InputError
from .fields import parse_year
from .load import snapshot_path
from .model import PUBLISHED_STAGES, PlanYear, Version, When
from .site import read_council

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Request:
    """What the command line asked for."""

    year: str
    service: str
    stage: str  # "scrutiny" | "approved" | "update"
    date: str
    body: str = ""
    reference: str = ""
    note: str = ""


def _where(root: Path, plan: PlanYear) -> str:
    """The plan file and the line of its latest version, for messages."""
    lines = (root / plan.source).read_text(encoding="utf-8").splitlines()
    number = plan.versions[-1].number if plan.versions else None
    pattern = re.compile(rf"^\s*-\s*version:\s*{number}\s*(#.*)?$" if number else r"^versions\s*:")
    line = next((i for i, text in enumerate(lines, 1) if pattern.match(text)), 0)
    return f"{plan.source}:{line}" if line else plan.source


def _refusal(root: Path, plan: PlanYear, request: Request, date: When) -> tuple | None:
    """Why this version cannot be recorded for this plan (where, what, what to do), or None."""
    where, name = _where(root, plan), f"the {plan.service} plan for {plan.year.label}"
    published = next((v for v in plan.versions if v.stage in PUBLISHED_STAGES), None)
    update = (f"record a progress update: plansite update {plan.year.slug} --service "
              f"{plan.service} --date YYYY-MM-DD --note \"...\"")
    if request.stage == "approved" and published:
        state = "approved" if published.stage == "approved" else "published"
        return (where, f"{name} is already {state} ({published.describe()}); approving it "
                "again would rewrite its history", f"to publish later changes, {update}")
    if request.stage == "scrutiny" and published:
        return (where, f"{name} is already published ({published.describe()}), so it cannot "
                "go back to Overview and Scrutiny", f"to publish later changes, {update}")
    if request.stage == "update" and not published:
        return (where, f"{name} has not been approved, so it cannot have a progress update",
                f"approve it first: plansite approve {plan.year.slug} --service "
                f"{plan.service} --body Cabinet --date YYYY-MM-DD")
    latest = plan.current_version
    if latest and date.sort < latest.date.sort:
        return (where, f"{date.text} is before the plan's latest version "
                f"({latest.describe()})", "check the --date: a new version is dated on or "
                "after the one before it")
    return None


def _scalar(text: str) -> str:
    """A YAML value that reads back as exactly `text`: plain when safe, else quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def append_version(text: str, fields: list[tuple[str, str]]) -> str:
    """The plan file's text with one more item at the end of its top-level `versions:` list.

    Only lines are added (and an empty `versions: []` opened up); nothing else changes.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if re.match(r"versions\s*:", line)), None)
    if start is None:
        lines.append("versions:\n")
        start = len(lines) - 1
    value = lines[start].split(":", 1)[1].split("#", 1)[0].strip()
    if value in ("[]", "~", "null"):
        lines[start] = "versions:\n"
    elif value:
        raise ValueError("the versions list is not written one item per line")
    end, indent = start, None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t", "-")):
            break
        end = i
        if indent is None and (match := re.match(r"^(\s*)- ", line)):
            indent = match[1]
    indent = "  " if indent is None else indent
    item = [f"{indent}- {fields[0][0]}: {fields[0][1]}\n"]
    item += [f"{indent}  {key}: {value}\n" for key, value in fields[1:]]
    return "".join(lines[: end + 1] + item + lines[end + 1:])


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.plansite-new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def record(root: Path, request: Request) -> list[str]:
    """Record the version in every plan the request names; returns one line per plan."""
    if not _DAY.match(request.date):
        raise CommandError("--date", f"'{request.date}' is not a date",
                           "write the day it happened as YYYY-MM-DD, like 2025-04-03")
    try:
        date = When.day(dt.date.fromisoformat(request.date))
    except ValueError:
        raise CommandError("--date", f"'{request.date}' is not a real date",
                           "check the day and the month") from None
    year = parse_year(request.year)
    if year is None:
        raise CommandError(request.year, "this is not a financial year",
                           "name the plan year like 2025-26")
    try:
        council = read_council(root)
    except InputError as error:
        raise CommandError("the plan data", "it has problems, so no version was recorded",
                           "fix them first (plansite check lists them), then run the command "
                           "again", error.report()) from None
    plans = [p for p in council.plans_for(year) if request.service in ("", p.service)]
    if not plans:
        known = ", ".join(p.service for p in council.plans_for(year)) or "none"
        raise CommandError(f"data/plans/{year.slug}/", f"there is no plan for "
                           f"{request.service or 'any service'} in {year.label} (plans: {known})",
                           "check the year and the --service key")
    refusals = [r for r in (_refusal(root, p, request, date) for p in plans) if r]
    if len(refusals) == 1:
        raise CommandError(*refusals[0], "Nothing was changed.")
    if refusals:
        raise CommandError(f"data/plans/{year.slug}/", f"{len(refusals)} plans cannot take "
                           "this version, so nothing was changed", "see each reason below",
                           "\n".join(str(CommandError(*r)) for r in refusals))
    written_as = [("stage", request.stage), ("date", date.iso)] + [
        (key, _scalar(value)) for key, value in (("body", request.body),
                                                 ("reference", request.reference),
                                                 ("note", request.note)) if value]
    written: dict[Path, str | None] = {}
    try:
        for plan in plans:
            number = len(plan.versions) + 1
            source = root / plan.source
            old = source.read_text(encoding="utf-8")
            new = append_version(old, [("version", str(number))] + written_as)
            snapshot = root / snapshot_path(plan.year.slug, plan.service, number)
            written.setdefault(source, old)
            written.setdefault(snapshot, None)
            _write(source, new)
            _write(snapshot, new)
        _check(root, plans, request, date)
    except (ValueError, InputError, CommandError) as error:
        for path, old in written.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                _write(path, old)
        details = error.report() if isinstance(error, InputError) else str(error)
        raise CommandError(plans[0].source, "the version could not be added to the file "
                           "automatically, so nothing was changed", "see the reason below, "
                           "and docs/data-reference.md, 'Versions and approval'",
                           details) from None
    recorded = [Version(len(p.versions) + 1, request.stage, date, request.body, request.reference)
                for p in plans]
    return [f"Recorded {council.service(p.service).name} {p.year.label}: {v.describe()} in "
            f"{p.source}; snapshot: {snapshot_path(p.year.slug, p.service, v.number)}"
            for p, v in zip(plans, recorded)]


def _check(root: Path, plans: list[PlanYear], request: Request, date: When) -> None:
    """Read the project again: each plan must now end with exactly the version asked for."""
    council = read_council(root)
    for plan in plans:
        now = next(p for p in council.plans if p.source == plan.source)
        expected = Version(len(plan.versions) + 1, request.stage, date, request.body,
                           request.reference, request.note)
        if now.versions != plan.versions + (expected,) or not now.snapshot(expected.number):
            raise CommandError(plan.source, "the file did not read back as expected",
                               "add the version by hand")
