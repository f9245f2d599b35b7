"""`plansite new-year 2026-27 [--from 2025-26] [--open-only]`: start a plan year from the last.

Each plan of the earlier year is copied as text, so the comms officer's wording, layout
and comments stay, then edited line by line into a draft for the new year:

- priorities are carried over (with --open-only, only those not complete), renumbered from
  1, without their progress (status, stage, percentage complete, updates); a revised target
  date becomes the target;
- indicators keep their stable keys and definitions; their results, target revisions and
  last year's outturn go, and each target gets a `target_review:` line, shown in previews,
  which `approve` and `update` refuse to publish until someone deletes it;
- the versions start again at version 1, a draft.

The files are written in one transaction (record.transaction) and read back: if the new
year would not pass `plansite check`, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.record import day_option, yaml_scalar, lock, recover, transaction
from generator.errors import CommandError, InputError
from generator.load.yamlfile import Map, Seq, as_written, parse_yaml
from generator.model.actions import is_complete
from generator.model.records import FinancialYear, PlanYear
from generator.pipeline import read_council
from generator.validate.fields import outside_years, parse_year

PROGRESS = ("updates", "status", "stage", "percent_complete")  # a priority's progress
RESULTS = ("results", "revisions", "last_year")  # an indicator's figures for its own year


@dataclass
class _Edit:
    """Line edits to a YAML text: lines deleted, replaced, or added after a line."""

    lines: list[str]
    deleted: set[int] = field(default_factory=set)
    replaced: dict[int, str] = field(default_factory=dict)
    after: dict[int, list[str]] = field(default_factory=dict)

    def column(self, index: int, key: str) -> int:
        """Where `key` starts on line `index` (0-based); -1 when it is not written there."""
        match = re.match(rf"^(\s*(?:-\s+)*)([\"']?){re.escape(key)}\2\s*:", self.lines[index])
        return len(match[1]) if match else -1

    def end(self, index: int, column: int, compact: bool = True) -> int:
        """The last line of the block that starts on line `index` at `column`: every later
        line indented further (and, for a key, a list item at its column: a compact list)."""
        last = index
        for i in range(index + 1, len(self.lines)):
            text = self.lines[i]
            stripped = text.strip()
            if not stripped:
                continue
            indent = len(text) - len(text.lstrip(" "))
            if indent > column or (compact and indent == column and re.match(r"-(\s|$)", stripped)
                                   and not stripped.startswith("#")):
                last = i
            else:
                break
        return last

    def key(self, block: Map, key: str) -> tuple[int, int, int]:
        """(first line, last line, column) of `key` in `block`, 0-based; refuses a key that
        starts a list item, which cannot be removed on its own."""
        index = block.line_of(key) - 1
        column = self.column(index, key)
        if column < 0 or self.lines[index][:column].strip():
            raise ValueError(f"line {index + 1}: move '{key}' below the first field of its "
                             "block, or remove it by hand")
        return index, self.end(index, column), column

    def delete(self, block: Map, key: str) -> None:
        first, last, _ = self.key(block, key)
        self.deleted.update(range(first, last + 1))

    def text(self) -> str:
        out = []
        for i, line in enumerate(self.lines):
            if i not in self.deleted:
                out.append(self.replaced.get(i, line))
            out += self.after.get(i, [])
        return "".join(out)


def _priorities(edit: _Edit, items: Seq, plan: PlanYear, open_only: bool,
                source: FinancialYear) -> tuple[int, int]:
    """Carry the priorities over; returns (carried, left out as complete)."""
    done = {p.number for p in plan.priorities if is_complete(p)}
    carried = dropped = 0
    for index, item in enumerate(items):
        start = items.line_of(index) - 1
        if open_only and item.get("number") in done:
            column = len(edit.lines[start]) - len(edit.lines[start].lstrip(" "))
            edit.deleted.update(range(start, edit.end(start, column, compact=False) + 1))
            dropped += 1
            continue
        carried += 1
        for key in PROGRESS + ("revised_reason",):
            if key in item:
                edit.delete(item, key)
        if "revised_target" in item:
            if "target" in item:
                edit.delete(item, "target")
            line = item.line_of("revised_target") - 1
            edit.replaced[line] = edit.lines[line].replace("revised_target", "target", 1)
        number = item.get("number")
        if "number" in item and number != carried:
            line = item.line_of("number") - 1
            edit.replaced[line] = re.sub(
                r"number(\s*):\s*\S+.*?(\r?\n)$", lambda m: f"number: {carried}  # priority "
                f"{as_written(number)} in {source.label}{m[2]}", edit.lines[line])
    return carried, dropped


def _indicators(edit: _Edit, items: Seq, source: FinancialYear, year: FinancialYear,
                eol: str) -> int:
    """Keep the indicators without their figures; mark each target for review. Returns how
    many targets are marked."""
    marked = 0
    for item in items:
        for key in RESULTS:
            if key in item:
                edit.delete(item, key)
        if item.get("target") is None:
            continue
        review = f"carried from {source.label}"
        target = item["target"]
        if isinstance(target, Map) and isinstance(target.get("later"), Map):
            later = target["later"]
            passed = [k for k in later if (parse_year(str(k)) or year) <= year]
            value = next((later[k] for k in passed if parse_year(str(k)) == year), None)
            if value is not None:
                review += f", whose plan set {as_written(value)} for {year.label}"
            for key in (["later"] if len(passed) == len(later) else passed):
                edit.delete(target if key == "later" else later, key)
        _, last, column = edit.key(item, "target")
        edit.after.setdefault(last, []).append(
            f"{' ' * column}target_review: {yaml_scalar(review)}{eol}")
        marked += 1
    return marked


def draft_text(text: str, shown: str, plan: PlanYear, year: FinancialYear, open_only: bool,
               date: str) -> tuple[str, str]:
    """The plan file's text as a draft for `year`, and a line saying what was carried."""
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += eol
    edit, data = _Edit(lines), parse_yaml(text, shown)
    carried = dropped = marked = 0
    if isinstance(data.get("priorities"), Seq):
        carried, dropped = _priorities(edit, data["priorities"], plan, open_only, plan.year)
    if isinstance(data.get("kpis"), Seq):
        marked = _indicators(edit, data["kpis"], plan.year, year, eol)
    if "versions" in data:
        edit.delete(data, "versions")
    header = [f"# Draft plan for {year.label}, started from {plan.source} by plansite "
              f"new-year.", "# Progress, results and versions were left out. Check each "
              "target marked target_review,", "# then delete that line: plansite approve "
              "refuses a plan that still has one."]
    versions = ["versions:", "  - version: 1", "    stage: draft", f"    date: {date}",
                f"    note: {yaml_scalar(f'Started from the {plan.year.label} plan')}"]
    body = edit.text().rstrip("\r\n")
    new = eol.join(header) + eol + body + eol + eol + eol.join(versions) + eol
    said = [f"{carried} {'priority' if carried == 1 else 'priorities'} carried over"]
    if dropped:
        said.append(f"{dropped} complete left out")
    said.append(f"{len(plan.kpis)} indicators, {marked} targets marked for review")
    return new, ", ".join(said)


def new_year(root: Path, year_text: str, from_text: str = "", open_only: bool = False,
             date_text: str = "") -> list[str]:
    """Write data/plans/<year>/ as drafts started from the plans of `from_text` (default:
    the year before); returns one line per plan written."""
    year = parse_year(year_text)
    if year is None or outside_years(year.start):
        raise CommandError(year_text, "this is not a financial year a plan can be for",
                           "name the new plan year like 2026-27")
    source = parse_year(from_text) if from_text else FinancialYear(year.start - 1)
    if source is None:
        raise CommandError(from_text, "this is not a financial year",
                           "name the year to start from like --from 2025-26")
    if source >= year:
        raise CommandError(f"--from {source.slug}", f"{source.label} is not before "
                           f"{year.label}", "start the new year from an earlier one")
    date = day_option(date_text or dt.date.today().isoformat())
    folder = f"data/plans/{year.slug}"
    with lock(root):
        said = recover(root)
        existing = sorted(p.name for p in (root / folder).glob("*")
                          if p.suffix in (".yml", ".yaml")) if (root / folder).is_dir() else []
        if existing:
            raise CommandError(f"{folder}/", f"{year.label} already has plans "
                               f"({', '.join(existing)})", "edit those files, or move them "
                               "away to start the year again. Nothing was changed.")
        try:
            council = read_council(root)
        except InputError as error:
            raise CommandError("the plan data", "it has problems, so the new year was not "
                               "started", "fix them first (plansite check lists them), then "
                               "run the command again", error.report()) from None
        plans = council.plans_for(source)
        if not plans:
            known = ", ".join(y.slug for y in council.years) or "none"
            raise CommandError(f"data/plans/{source.slug}/", f"there are no plans for "
                               f"{source.label} to start from (years with plans: {known})",
                               "name a year that has plans, like --from 2025-26")
        changes, lines = {}, []
        for plan in plans:
            target = f"{folder}/{plan.service}.yml"
            text = (root / plan.source).read_bytes().decode("utf-8")
            try:
                new, carried = draft_text(text, plan.source, plan, year, open_only,
                                          date.iso)
            except ValueError as error:
                raise CommandError(plan.source, "this plan could not be copied into the new "
                                   f"year automatically ({error})", "Nothing was "
                                   "changed.") from None
            changes[target] = new.encode("utf-8")
            lines.append(f"Wrote {target}: {carried}.")
        try:
            with transaction(root, changes):
                _check(root, year)
        except InputError as error:
            raise CommandError(f"{folder}/", "the new year's files would not pass plansite "
                               "check, so nothing was written", "see the problems below, fix "
                               "them in last year's files or write the new year by hand",
                               error.report()) from None
    return said + lines


def _check(root: Path, year: FinancialYear) -> None:
    """Read the project back: the new year's plans must carry no results and no updates."""
    council = read_council(root)
    for plan in council.plans_for(year):
        if any(k.results for k in plan.kpis) or any(p.updates for p in plan.priorities):
            raise CommandError(plan.source, "results or updates were left in the new year",
                               "remove them by hand")
