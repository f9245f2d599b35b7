"""What every return (results, priority updates) shares on its way back into the plans.

A filled-in return is read (spreadsheet.read), its rows checked one by one, and every
refusal reported at once as `FILE: row N, column X: what; how to fix`. What it would change
is listed per plan file (`old → new`); only with `--apply` is it written, as one
transaction under the record commands' lock (record.lock, record.transaction), then read
back as `plansite check` reads it: a change the plans do not accept, or that does not read
back as meant, puts every file back as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.commands.cell_values import written
from generator.commands.plan_text import PlanText
from generator.commands.record import council_or_refuse, lock, recover, transaction
from generator.commands.spreadsheet import HEADER_ROW, column_letter, read
from generator.errors import CommandError, InputError, Problem
from generator.model.records import Council, FinancialYear, PlanYear
from generator.pipeline import read_council
from generator.validate.fields import parse_year

YEAR_FACT = "Plan year"


@dataclass(frozen=True)
class Change:
    """One change to a plan file: what it is, as it was and will be, how to make it in the
    text, and whether the plans read back show it."""

    source: str  # the plan file, relative to the project
    what: str  # e.g. "KPI4 Q1"
    old: str
    new: str
    edit: Callable[[PlanText], None]
    holds: Callable[[Council], bool]


class Rows:
    """The data rows of a return, with the place of each header and a list of refusals."""

    def __init__(self, path: Path, kind: str, needed: tuple[str, ...]):
        self.path, self.kind = path, kind
        self.refusals: list[Problem] = []
        grid = read(path)
        headers = [written(c) if c is not None else "" for c in
                   (grid[HEADER_ROW - 1] if len(grid) >= HEADER_ROW else [])]
        facts = grid[1] if len(grid) > 1 else []
        self.facts = {written(facts[i]): facts[i + 1] for i in range(0, len(facts) - 1, 2)
                      if facts[i] is not None}
        missing = [h for h in needed if h not in headers]
        if missing or YEAR_FACT not in self.facts:
            raise CommandError(str(path), f"this is not a {kind} return from Plansite (row "
                               f"{HEADER_ROW} has no column {', '.join(missing) or 'headers'}"
                               f"{'' if YEAR_FACT in self.facts else ', row 2 no plan year'})",
                               f"write one with plansite export {kind}, fill it in and keep "
                               "its first rows and column headers as they are")
        self.columns = {h: i for i, h in reversed(list(enumerate(headers))) if h}
        self.data = [(number, row) for number, row in enumerate(grid, 1)
                     if number > HEADER_ROW and any(written(c) for c in row if c is not None)]

    def year(self) -> FinancialYear:
        text = written(self.facts[YEAR_FACT] or "")
        year = parse_year(text)
        if year is None:
            raise CommandError(f"{self.path}: row 2", f"the plan year '{text}' is not a "
                               "financial year", "write it like 2025/26")
        return year

    def cell(self, row: list, header: str):
        index = self.columns[header]
        return row[index] if index < len(row) else None

    def refuse(self, number: int, header: str, what: str, fix: str) -> None:
        where = f"{self.path}: row {number}, column {column_letter(self.columns[header])}"
        self.refusals.append(Problem(where, 0, what, fix))

    def raise_if_refused(self) -> None:
        if len(self.refusals) == 1:
            raise CommandError(self.refusals[0].file, self.refusals[0].message,
                               f"{self.refusals[0].fix}. Nothing was changed.")
        if self.refusals:
            raise CommandError(str(self.path), f"{len(self.refusals)} cells cannot be "
                               "imported, so nothing was changed", "fix each one below, then "
                               "import the file again", "\n".join(map(str, self.refusals)))


def plan_year(text: str) -> FinancialYear:
    """The plan year the command line names."""
    year = parse_year(text)
    if year is None:
        raise CommandError(text, "this is not a financial year", "name the plan year like "
                           "2025-26")
    return year


def export_council(root: Path) -> Council:
    """The project's plans, as `check` reads them, for writing a return."""
    return council_or_refuse(root, "no return was written", "export the return again")


def plans_of(council: Council, year: FinancialYear, service: str) -> list[PlanYear]:
    """The year's plans (of one service, if named); refuses when there are none."""
    plans = [p for p in council.plans_for(year) if service in ("", p.service)]
    if not plans:
        known = ", ".join(p.service for p in council.plans_for(year)) or "none"
        raise CommandError(f"data/plans/{year.slug}/", f"there is no plan for "
                           f"{service or 'any service'} in {year.label} (plans: {known})",
                           "check the year and the --service key")
    return plans


def plan_named(council: Council, year: FinancialYear, text: str) -> PlanYear | None:
    """The year's plan of the service a cell names, by its name or its key."""
    wanted = text.strip().casefold()
    return next((p for p in council.plans_for(year)
                 if wanted in (p.service.casefold(), council.service(p.service).name.casefold())),
                None)


SERVICE = "Service"  # the column naming each row's service, in every return


def row_plan(rows: Rows, number: int, row: list, council: Council,
             year: FinancialYear) -> PlanYear | None:
    """The plan a row's Service cell names, or None (refused on the rows)."""
    plan = plan_named(council, year, written(rows.cell(row, SERVICE) or ""))
    if plan is None:
        names = ", ".join(council.service(p.service).name for p in council.plans_for(year))
        rows.refuse(number, SERVICE, f"there is no {year.label} plan for the service "
                    f"'{written(rows.cell(row, SERVICE) or '')}'", f"write one of: {names}")
    return plan


# The changes one row of a return asks for: (rows, row number, row, council, year, replace,
# rows seen so far); refusals are collected on the rows, and yield no change.
RowChanges = Callable[[Rows, int, list, Council, FinancialYear, bool, dict], list[Change]]


def import_return(root: Path, rows: Rows, changes_of: RowChanges, apply: bool,
                  replace: bool) -> list[str]:
    """Read the plans, turn each row of the return into changes (refusing, all at once,
    the rows it must), list them, and with `apply` write them all or none."""
    year = rows.year()
    with lock(root):
        said = recover(root)
        council = council_or_refuse(root, "nothing was imported", "import the file again")
        plans_of(council, year, "")  # refuses a year without plans
        seen: dict[tuple, int] = {}
        changes = [change for number, row in rows.data
                   for change in changes_of(rows, number, row, council, year, replace, seen)]
        rows.raise_if_refused()
        lines = said + describe(changes)
        if not changes:
            return lines + ["Nothing to change: the plan files already say what the return "
                            "says."]
        if not apply:
            return lines + ["This was a dry run: nothing was changed. To write these changes, "
                            "run the same command with --apply."]
        _write(root, changes)
    count = len(changes)
    files = len({c.source for c in changes})
    return lines + [f"Written: {count} change{'s' if count != 1 else ''} in {files} "
                    f"file{'s' if files != 1 else ''}. Check the preview (plansite serve); "
                    "the public site shows them once you record the update: plansite update "
                    f"{year.slug} --date YYYY-MM-DD --note \"...\""]


def short(text: str) -> str:
    """Text from a cell on one line, cut to about 60 characters, for listing changes."""
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def describe(changes: list[Change]) -> list[str]:
    """Per plan file, each change as `what: old → new`."""
    lines: list[str] = []
    for source in sorted({c.source for c in changes}):
        lines.append(f"{source}:")
        lines += [f"  {c.what}: {c.old} → {c.new}" for c in changes if c.source == source]
    return lines


def _write(root: Path, changes: list[Change]) -> None:
    news: dict[str, bytes] = {}
    try:
        for source in sorted({c.source for c in changes}):
            text = PlanText((root / source).read_bytes().decode("utf-8"))
            for change in (c for c in changes if c.source == source):
                change.edit(text)
            news[source] = text.text.encode("utf-8")
    except ValueError as error:
        raise CommandError(source, "the change could not be written into this file "
                           "automatically, so nothing was changed", f"{error}") from None
    try:
        with transaction(root, news):
            council = read_council(root)
            wrong = [c for c in changes if not c.holds(council)]
            if wrong:
                raise CommandError(wrong[0].source, f"{wrong[0].what} did not read back as "
                                   "expected, so nothing was changed",
                                   "make this change by hand")
    except InputError as error:
        raise CommandError("the plan data", "with these changes the plans would not pass "
                           "plansite check, so nothing was changed", "fix the cells the "
                           "problems below come from, then import again",
                           error.report()) from None

