"""Record a new version of plans: `plansite scrutiny`, `approve` and `update`.

Each appends a version to the plan file's `versions:` list as text, so the comms officer's
wording, layout, comments and line endings stay as they were, and freezes a snapshot: a
copy of the plan file as it stands with the new version. The version's entry then records
the snapshot's digest (gate.digest), so `check` sees a snapshot edited afterwards. It
refuses anything that would lose or rewrite history, and changes no file unless every plan
asked for can be recorded. Approving a plan also adds a `superseded` version (no snapshot)
to its service's published plan of the latest earlier year, in the same transaction.

Nothing is ever half-written. A command holds the project's lock (fcntl.flock on the
data/ folder itself, so no lock file is left behind) from reading the plans to its last write, so two commands never interleave; a second one
waits up to LOCK_WAIT seconds, then refuses. Its writes are one transaction: first a
journal (JOURNAL) of every file's bytes before, then each new file written to a temporary
file, flushed to disk and renamed over the old one (snapshots before plans), and last the
journal removed, which is the moment the change happens. A command interrupted before that
leaves the journal behind, and the next record command or build first puts every file
back as the journal says, so the plans and snapshots are always all as before or all as
after. (Without the journal, a half state still shows: a plan version whose snapshot is
missing or mismatched, or a snapshot no version lists, is reported by `check`.)
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.commands.plan_text import scalar
from generator.errors import CommandError, InputError
from generator.validate.declarations import without_schema_line
from generator.validate.fields import outside_years, parse_year
from generator.validate.lookalikes import date_lookalike
from generator.model.gate import digest, release, released, same_content
from generator.i18n import ngettext
from generator.load.sources import snapshot_path
from generator.model.records import PUBLISHED_STAGES, Council, PlanYear, Version, When
from generator.pipeline import read_council

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
JOURNAL = ".plansite-journal.json"  # in the project folder while a record command writes
LOCK_WAIT = 10  # seconds a record command waits for another to finish


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


def _where(plan: PlanYear) -> str:
    """The plan file and the line of its latest version, for messages."""
    line = plan.versions[-1].line if plan.versions else 0
    return f"{plan.source}:{line}" if line else plan.source


def _refusal(plan: PlanYear, request: Request, date: When) -> tuple[str, str, str] | None:
    """Why this version cannot be recorded for this plan (where, what, what to do), or None."""
    where, name = _where(plan), f"the {plan.service} plan for {plan.year.label}"
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
    review = [k for k in plan.kpis if k.target_review]
    if request.stage in PUBLISHED_STAGES and review:
        refs = ", ".join(k.ref for k in review)
        return (f"{plan.source}:{review[0].line}", f"{name} has targets carried from an "
                f"earlier year that are still marked for review ({refs})", "check each of "
                "those targets against the plan Cabinet approved, then delete its "
                "target_review line")
    latest = plan.versions[-1] if plan.versions else None
    if latest and date.sort < latest.date.sort:
        return (where, f"{date.text} is before the plan's latest version "
                f"({latest.describe()})", "check the --date: a new version is dated on or "
                "after the one before it")
    return None


def append_version(text: str, fields: list[tuple[str, str]]) -> str:
    """The plan file's text with one more item at the end of its top-level `versions:` list.

    Only lines are added (and an empty `versions: []` opened up), ending as the file's first
    line does (CRLF or LF); nothing else changes.
    """
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += eol
    start = next((i for i, line in enumerate(lines) if re.match(r"versions\s*:", line)), None)
    if start is None:
        lines.append(f"versions:{eol}")
        start = len(lines) - 1
    value = lines[start].split(":", 1)[1].split("#", 1)[0].strip()
    if value in ("[]", "~", "null"):
        lines[start] = f"versions:{eol}"
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
    item = [f"{indent}- {fields[0][0]}: {fields[0][1]}{eol}"]
    item += [f"{indent}  {key}: {value}{eol}" for key, value in fields[1:]]
    return "".join(lines[: end + 1] + item + lines[end + 1:])


def day_option(text: str) -> When:
    """The --date as a day, or the house message saying what is wrong with it."""
    if not _DAY.match(text):
        lookalike = date_lookalike(text)  # 31/07/2025: show it as 2025-07-31
        is_day = lookalike is not None and "a date written" in lookalike[0]  # not a month
        raise CommandError("--date", f"'{text}' is not a date written year-month-day",
                           lookalike[1] if lookalike and is_day else
                           "write the day it happened as YYYY-MM-DD, like 2025-04-03")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError("--date", f"'{text}' is not a real date",
                           "check the day and the month") from None
    if why := outside_years(day.year):
        raise CommandError("--date", f"{text} {why}", "check the year")
    return When.day(day)


def council_or_refuse(root: Path, outcome: str, then: str = "run the command again") -> Council:
    """The project's plans, read as `check` reads them; refuses while they have problems,
    saying what was not done (`outcome`) and what to do after fixing them (`then`)."""
    try:
        return read_council(root)
    except InputError as error:
        raise CommandError("the plan data", f"it has problems, so {outcome}",
                           f"fix them first (plansite check lists them), then {then}",
                           error.report()) from None


def record(root: Path, request: Request) -> list[str]:
    """Record the version in every plan the request names; returns one line per plan.

    `update` records only plans whose public content changed since their latest public
    version, and refuses when none did."""
    date = day_option(request.date)
    year = parse_year(request.year)
    if year is None:
        raise CommandError(request.year, "this is not a financial year",
                           "name the plan year like 2025-26")
    with lock(root):
        said = recover(root)
        council = council_or_refuse(root, "no version was recorded")
        plans = [p for p in council.plans_for(year) if request.service in ("", p.service)]
        if not plans:
            known = ", ".join(p.service for p in council.plans_for(year)) or "none"
            raise CommandError(f"data/plans/{year.slug}/", f"there is no plan for "
                               f"{request.service or 'any service'} in {year.label} (plans: "
                               f"{known})", "check the year and the --service key")
        refusals = [r for r in (_refusal(p, request, date) for p in plans) if r]
        if len(refusals) == 1:
            raise CommandError(*refusals[0], "Nothing was changed.")
        if refusals:
            raise CommandError(f"data/plans/{year.slug}/", f"{len(refusals)} plans cannot take "
                               "this version, so nothing was changed", "see each reason below",
                               "\n".join(str(CommandError(*r)) for r in refusals))
        unchanged = [p for p in plans if request.stage == "update" and
                     same_content(p, released(p))]
        if unchanged == plans:
            raise CommandError(plans[0].source if len(plans) == 1 else
                               f"data/plans/{year.slug}/", "nothing on the public site would "
                               "change: " + "; ".join(_unchanged(council, p) for p in plans),
                               "edit the plan file first (new results, progress, status), "
                               "then record the update. Nothing was changed.")
        plans = [p for p in plans if p not in unchanged]
        superseded, kept_on = _superseded(council, plans, request, date)
        _write_versions(root, plans, request, date, superseded)
    recorded = [Version(len(p.versions) + 1, request.stage, date, request.body,
                        request.reference) for p in plans]
    lines = [f"Recorded {council.service(p.service).name} {p.year.label}: {v.describe()} in "
             f"{p.source}; snapshot: {snapshot_path(p.year.slug, p.service, v.number)}"
             for p, v in zip(plans, recorded)]
    lines += [f"Not recorded: {_unchanged(council, p)}." for p in unchanged]
    lines += [f"Marked {council.service(p.service).name} {p.year.label} superseded: "
              f"{v.describe()} in {p.source}." for p, v in superseded]
    lines += [f"Not marked superseded: {council.service(p.service).name} {p.year.label}, "
              f"whose latest version is dated after {date.text}; add a version with stage: "
              f"superseded to {p.source} by hand." for p in kept_on]
    return said + lines


def _superseded(council, plans: list[PlanYear], request: Request,
                date: When) -> tuple[list[tuple[PlanYear, Version]], list[PlanYear]]:
    """Approving a plan supersedes its service's published plan of the latest earlier year:
    (that plan, its new `superseded` version) for each, and the plans that cannot take one
    because their latest version is dated after the approval."""
    if request.stage != "approved":
        return [], []
    superseded, kept_on = [], []
    for plan in plans:
        old = max((p for p in council.plans if p.service == plan.service and p.year < plan.year),
                  key=lambda p: p.year, default=None)
        if old is None or release(old) is None or \
                any(v.stage == "superseded" for v in old.versions):
            continue
        if old.versions[-1].date.sort > date.sort:
            kept_on.append(old)
            continue
        superseded.append((old, Version(len(old.versions) + 1, "superseded", date,
                                        request.body, request.reference,
                                        f"Replaced by the {plan.year.label} plan.")))
    return superseded, kept_on


def _unchanged(council, plan: PlanYear) -> str:
    latest = release(plan)  # a plan compared with its public version has one
    return (f"{council.service(plan.service).name} {plan.year.label} is unchanged since "
            f"{latest.describe() if latest else ''}")


def _write_versions(root: Path, plans: list[PlanYear], request: Request, date: When,
                    superseded: list[tuple[PlanYear, Version]]) -> None:
    """Add the version and its snapshot to each plan, and each `superseded` version (which
    has no snapshot) to its earlier plan, all in one transaction, then read them back; on
    any failure every file is put back as it was."""
    written_as = [("stage", request.stage), ("date", date.iso)] + [
        (key, scalar(value)) for key, value in (("body", request.body),
                                                 ("reference", request.reference),
                                                 ("note", request.note)) if value]
    changes: dict[str, bytes] = {}
    try:
        for plan in plans:
            number = len(plan.versions) + 1
            old = (root / plan.source).read_bytes().decode("utf-8")
            # A snapshot is never edited, so it needs no editor's schema line (whose
            # path, relative to the plan file, would be wrong in the versions folder).
            frozen = without_schema_line(append_version(old, [("version", str(number))] +
                                                        written_as))
            new = append_version(old, [("version", str(number))] + written_as +
                                 [("snapshot", digest(frozen))])
            changes[snapshot_path(plan.year.slug, plan.service, number)] = frozen.encode()
            changes[plan.source] = new.encode()
        for plan, version in superseded:
            old = (root / plan.source).read_bytes().decode("utf-8")
            changes[plan.source] = append_version(old, [
                ("version", str(version.number)), ("stage", version.stage),
                ("date", date.iso)] + [(key, scalar(value)) for key, value in (
                    ("body", version.body), ("reference", version.reference),
                    ("note", version.note)) if value]).encode()
        with transaction(root, changes):
            _check(root, plans, request, date, superseded)
    except (ValueError, InputError, CommandError, OSError) as error:
        details = error.report() if isinstance(error, InputError) else str(error)
        raise CommandError(plans[0].source, "the version could not be added to the file "
                           "automatically, so nothing was changed", "see the reason below, "
                           "and docs/data-reference.md, 'Versions and approval'",
                           details) from None


@contextmanager
def lock(root: Path) -> Iterator[None]:
    """Hold the project's record lock, waiting up to LOCK_WAIT seconds for another command."""
    try:
        handle = os.open(root / "data", os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise CommandError("data/", f"this folder cannot be opened ({error.strerror})",
                           "run the command in the project folder, as a user who may change "
                           "its files") from None
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise CommandError("data/", "another plansite command is recording a "
                                       "version in this project", "wait until it has "
                                       "finished, then run this command again") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(handle)  # which releases the lock


@contextmanager
def transaction(root: Path, changes: dict[str, bytes]) -> Iterator[None]:
    """Write every file of `changes` (path relative to the project: new bytes) so that they
    all change or none does: the journal of their old bytes is written first and removed
    last, after the body of the `with` (a final check) succeeds; on an error, or at the next
    `recover` after an interruption, the journal puts them back."""
    before = {path: _old_bytes(root / path) for path in changes}
    _put(root / JOURNAL, json.dumps({path: None if old is None else base64.b64encode(old)
                                     .decode("ascii") for path, old in before.items()},
                                    sort_keys=True).encode())
    try:
        for path in sorted(changes, key=lambda p: "/versions/" not in p):  # snapshots first
            _put(root / path, changes[path])
        yield
    except BaseException:
        recover(root)
        raise
    (root / JOURNAL).unlink()
    _sync_folder(root)


def interrupted(root: Path) -> bool:
    """Whether a record command was interrupted here, leaving its journal (or half of it)."""
    return any((root / name).exists() for name in (JOURNAL, f".{JOURNAL}.plansite-new"))


def recover(root: Path) -> list[str]:
    """Undo a record command that was interrupted: put every file its journal lists back as
    it was. Returns a line saying so, or nothing when there was nothing to undo."""
    journal = root / JOURNAL
    journal.with_name(f".{JOURNAL}.plansite-new").unlink(missing_ok=True)  # never finished
    if not journal.is_file():
        return []
    try:
        before = json.loads(journal.read_bytes())
        data = (root / "data").resolve()
        if not all((root / path).resolve().is_relative_to(data) for path in before):
            raise ValueError("a path outside data/")
    except ValueError as error:
        raise CommandError(JOURNAL, f"this record of an interrupted command cannot be read "
                           f"({error})", "restore data/plans/ from the repository history "
                           f"(git status shows what changed), then delete {JOURNAL}") from None
    for path, old in sorted(before.items()):
        target = root / path
        target.with_name(f".{target.name}.plansite-new").unlink(missing_ok=True)
        if old is None:
            target.unlink(missing_ok=True)
            _sync_folder(target.parent)
        else:
            _put(target, base64.b64decode(old))
    journal.unlink()
    _sync_folder(root)
    return [ngettext("An interrupted plansite command had left %(num)d file half-recorded; "
                     "it is back as it was before it: %(files)s.",
                     "An interrupted plansite command had left %(num)d files half-recorded; "
                     "they are back as they were before it: %(files)s.",
                     len(before), files=", ".join(sorted(before)))]


def _old_bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _put(path: Path, data: bytes) -> None:
    """Replace the file at `path` with `data` in one step, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.plansite-new")
    with open(temporary, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's list of names to disk, so a rename in it survives a power cut."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _check(root: Path, plans: list[PlanYear], request: Request, date: When,
           superseded: list[tuple[PlanYear, Version]]) -> None:
    """Read the project again: each plan must now end with exactly the version asked for."""
    council = read_council(root)
    for plan, version in superseded:
        now = next(p for p in council.plans if p.source == plan.source)
        if now.versions != plan.versions + (version,):
            raise CommandError(plan.source, "the file did not read back as expected",
                               "add the superseded version by hand")
    for plan in plans:
        now = next(p for p in council.plans if p.source == plan.source)
        expected = Version(len(plan.versions) + 1, request.stage, date, request.body,
                           request.reference, request.note)
        if now.versions != plan.versions + (expected,) or not now.snapshot(expected.number):
            raise CommandError(plan.source, "the file did not read back as expected",
                               "add the version by hand")
