"""`plansite new-year 2026-27 [--from 2025-26] [--open-only]`: start a plan year from the last.

Each plan of the earlier year is copied as text, so the comms officer's wording, layout
and comments stay, then edited line by line (finding the lines with plan_text) into a
draft for the new year:

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
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.commands.plan_text import PlanText, child, last_line, scalar
from generator.commands.record import council_or_refuse, day_option, lock, recover, transaction
from generator.errors import CommandError, InputError
from generator.model.actions import is_complete
from generator.model.records import FinancialYear, PlanYear
from generator.pipeline import read_council
from generator.validate.fields import outside_years, parse_year

PROGRESS = ("updates", "status", "stage", "percent_complete")  # a priority's progress
RESULTS = ("results", "revisions", "last_year")  # an indicator's figures for its own year
NULLS = ("", "~", "null", "Null", "NULL")  # an empty value, as YAML writes one
MODELINE = "# yaml-language-server:"  # names the file's JSON Schema for editors


@dataclass
class _Edit:
    """Line edits to a YAML text, found through its nodes (plan_text): lines deleted,
    replaced, or added after a line; indexes are 0-based."""

    lines: list[str]
    eol: str
    deleted: set[int] = field(default_factory=set)
    replaced: dict[int, str] = field(default_factory=dict)
    after: dict[int, list[str]] = field(default_factory=dict)

    def key(self, node: Node, key: str) -> tuple[ScalarNode, Node] | None:
        """The (key, value) nodes of `key` in a block, which must be written one field a
        line, or None when the block has no such key."""
        found = child(node, key)
        if found and ((isinstance(node, MappingNode) and node.flow_style) or self.lines[found[0].start_mark.line][
                :found[0].start_mark.column].strip()):
            raise ValueError(f"line {found[0].start_mark.line + 1}: '{key}' shares its line "
                             "with another field; write one field a line, then try again")
        return found

    def delete(self, node: Node, key: str) -> None:
        if found := self.key(node, key):
            self.drop(found[0], found[1])

    def drop(self, first: Node, last: Node) -> None:
        """Delete the lines from `first`'s to the last of `last`."""
        self.deleted.update(range(first.start_mark.line, last_line(self.lines, last) + 1))

    def rewrite(self, node: Node, text: str) -> None:
        """Write `text` in place of a one-line node, to the end of its line."""
        line = self.lines[node.start_mark.line]
        self.replaced[node.start_mark.line] = line[:node.start_mark.column] + text + self.eol

    def text(self) -> str:
        out = []
        for i, line in enumerate(self.lines):
            if i not in self.deleted:
                out.append(self.replaced.get(i, line))
            out += self.after.get(i, [])
        return "".join(out)


def _priorities(edit: _Edit, items: list[Node], plan: PlanYear,
                open_only: bool) -> tuple[int, int]:
    """Carry the priorities over; returns (carried, left out as complete)."""
    done = {str(p.number) for p in plan.priorities if is_complete(p)}
    carried = dropped = 0
    for item in items:
        number = child(item, "number")
        if open_only and number and number[1].value in done:
            edit.drop(item, item)
            dropped += 1
            continue
        carried += 1
        for key in PROGRESS + ("revised_reason",):
            edit.delete(item, key)
        if revised := edit.key(item, "revised_target"):
            edit.delete(item, "target")
            edit.replaced[revised[0].start_mark.line] = edit.lines[
                revised[0].start_mark.line].replace("revised_target", "target", 1)
        if number and isinstance(number[1], ScalarNode) and number[1].value != str(carried):
            edit.rewrite(number[1], f"{carried}  # priority {number[1].value} in "
                         f"{plan.year.label}")
    return carried, dropped


def _indicators(edit: _Edit, items: list[Node], source: FinancialYear,
                year: FinancialYear) -> int:
    """Keep the indicators without their figures; mark each target for review. Returns how
    many targets are marked."""
    marked = 0
    for item in items:
        for key in RESULTS:
            edit.delete(item, key)
        target = edit.key(item, "target")
        if not target or (isinstance(target[1], ScalarNode) and target[1].value in NULLS):
            continue
        review = f"carried from {source.label}"
        later = child(target[1], "later")
        if later and isinstance(later[1], MappingNode):
            entries = [(k, v) for k, v in later[1].value if isinstance(k, ScalarNode)]
            passed = [(k, v) for k, v in entries if (parse_year(k.value) or year) <= year]
            value = next((v.value for k, v in passed if parse_year(k.value) == year), None)
            if value is not None:
                review += f", whose plan set {value} for {year.label}"
            if len(passed) == len(entries):
                edit.delete(target[1], "later")
            for k, _ in passed if len(passed) < len(entries) else ():
                edit.delete(later[1], k.value)
        edit.after.setdefault(last_line(edit.lines, target[1]), []).append(
            f"{' ' * target[0].start_mark.column}target_review: {scalar(review)}{edit.eol}")
        marked += 1
    return marked


def draft_text(text: str, plan: PlanYear, year: FinancialYear, open_only: bool,
               date: str) -> tuple[str, str]:
    """The plan file's text as a draft for `year`, and a line saying what was carried."""
    draft = PlanText(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += draft.eol
    edit, root = _Edit(lines, draft.eol), draft.root()
    carried = dropped = marked = 0
    if (found := child(root, "priorities")) and isinstance(found[1], SequenceNode):
        carried, dropped = _priorities(edit, found[1].value, plan, open_only)
    if (found := child(root, "kpis")) and isinstance(found[1], SequenceNode):
        marked = _indicators(edit, found[1].value, plan.year, year)
    edit.delete(root, "versions")
    eol = draft.eol
    header = [f"# Draft plan for {year.label}, started from {plan.source} by plansite "
              f"new-year.", "# Progress, results and versions were left out. Check each "
              "target marked target_review,", "# then delete that line: plansite approve "
              "refuses a plan that still has one."]
    versions = ["versions:", "  - version: 1", "    stage: draft", f"    date: {date}",
                f"    note: {scalar(f'Started from the {plan.year.label} plan')}"]
    body = edit.text().rstrip("\r\n")
    if body.startswith(MODELINE):  # an editor's schema line stays the first line
        modeline, _, body = body.partition(eol)
        header.insert(0, modeline)
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
        council = council_or_refuse(root, "the new year was not started")
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
                new, carried = draft_text(text, plan, year, open_only, date.iso)
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
