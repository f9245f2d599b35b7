"""`plansite export updates` and `plansite import updates`: progress on priorities (a dated
update, the status, the percentage complete) collected in a spreadsheet and merged back
into the plan files."""

from __future__ import annotations

from pathlib import Path

from generator.commands import spreadsheet
from generator.commands.cell_values import Unreadable, day, percent, written, yaml_number
from generator.commands.plan_text import clean_text, text_value
from generator.commands.returns import (SERVICE, Change, Rows, export_council,
                                        import_return, plan_year, plans_of, row_plan, short)
from generator.commands.spreadsheet import Check, Column, Sheet
from generator.model.records import ActionStatus, FinancialYear, Priority

NUMBER, DATE, UPDATE, STATUS, PERCENT = "Priority", "Date", "Update", "Status", "% complete"
_AFTER = ("status", "stage", "percent_complete", "updates")  # a new key goes before these


def export(root: Path, year_text: str, service: str, to: Path) -> str:
    """Write the priority updates return for the year's plans; says what it wrote."""
    year = plan_year(year_text)
    spreadsheet.check_format(to, "--to")
    council = export_council(root)
    scheme = council.config.action_scheme
    sheet = Sheet(
        name=f"Updates {year.slug}",
        title=f"{council.config.council_name}: progress on priorities, {year.label}",
        facts=[("Plan year", year.label)],
        note="For each priority with news, fill in the Date and the Update; change the Status "
             "or % complete if they have changed. Leave a row as it is to change nothing. "
             f"Then: plansite import updates {to.name}",
        columns=[Column(SERVICE, 22), Column(NUMBER, 9), Column("Title", 48),
                 Column("Status now", 14), Column("% complete now", 10),
                 Column("Latest update", 48), Column(DATE, 12, True),
                 Column(UPDATE, 48, True), Column(STATUS, 16, True),
                 Column(PERCENT, 10, True)])
    for plan in plans_of(council, year, service):
        for priority in plan.priorities:
            latest = priority.latest_update
            sheet.rows.append([
                council.service(plan.service).name, priority.number, priority.title,
                priority.status.text if priority.status else None,
                _number(priority.percent_complete),
                f"{latest.date.text}: {latest.text}" if latest else None,
                None, None, None, None])
    every = tuple(range(len(sheet.rows)))
    labels = [s.text for s in scheme]
    sheet.checks += [Check(DATE, every, "date", "The day of the update, like 31/07/2025")]
    if not any("," in label for label in labels) and len(",".join(labels)) < 250:
        sheet.checks.append(Check(STATUS, every, "list", "One of the statuses", tuple(labels)))
    sheet.checks.append(Check(PERCENT, every, "decimal", "How much is done, from 0 to 100",
                              (0, 100)))
    spreadsheet.write(sheet, to)
    return f"Wrote {to}: {len(sheet.rows)} priorities for {year.label}."


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def import_updates(root: Path, path: Path, apply: bool, replace: bool) -> list[str]:
    """Merge a filled-in priority updates return into the plan files (written only with
    `apply`); `replace` lets a row change the words of an update of the same day."""
    rows = Rows(path, "updates", (SERVICE, NUMBER, DATE, UPDATE, STATUS, PERCENT))
    return import_return(root, rows, _row, apply, replace)


def _row(rows: Rows, number: int, row: list, council, year: FinancialYear, replace: bool,
         seen: dict) -> list[Change]:
    """The changes one row asks for (none when refused)."""
    cells = {h: rows.cell(row, h) for h in (DATE, UPDATE, STATUS, PERCENT)}
    if all(c is None or not written(c) for c in cells.values()):
        return []
    plan = row_plan(rows, number, row, council, year)
    if plan is None:
        return []
    shown = written(rows.cell(row, NUMBER) or "")
    priority = next((p for p in plan.priorities if shown in (str(p.number),
                                                              f"{p.number}.0")), None)
    name = council.service(plan.service).name
    if priority is None:
        rows.refuse(number, NUMBER, f"the {name} plan for {year.label} has no priority "
                    f"'{shown}'", "write one of its numbers: " +
                    ", ".join(str(p.number) for p in plan.priorities))
        return []
    if (plan.source, priority.number) in seen:
        rows.refuse(number, NUMBER, f"priority {priority.number} of {name} is already in row "
                    f"{seen[plan.source, priority.number]}", "put both updates in one row, or "
                    "import them one after the other")
        return []
    seen[plan.source, priority.number] = number
    where = ("priorities", "number", str(priority.number))
    text = clean_text(written(cells[UPDATE])) if cells[UPDATE] is not None else ""
    try:
        when = day(cells[DATE])
    except Unreadable as error:
        rows.refuse(number, DATE, error.what, error.fix)
        return []
    if bool(when) != bool(text):
        missing, given = (UPDATE, "date") if when else (DATE, "update")
        rows.refuse(number, missing, f"priority {priority.number} of {name} has an {given} "
                    f"but no {missing.lower()}", f"write the {missing.lower()} too, or leave "
                    f"both empty")
    status = _status(rows, number, cells[STATUS], council.config.action_scheme)
    try:
        done = percent(cells[PERCENT], "% complete")
    except Unreadable as error:
        rows.refuse(number, PERCENT, error.what, error.fix)
        done = None
    changes = []
    what = f"priority {priority.number}"
    if when and text:
        same_day = next((u for u in priority.updates if u.date.iso == when.isoformat()), None)
        if same_day and same_day.text == text:
            pass
        elif same_day and not replace:
            rows.refuse(number, UPDATE, f"{what} of {name} already has an update dated "
                        f"{when.isoformat()} in other words", "change the date, or import "
                        "again with --replace to put these words in its place")
        else:
            changes.append(_update(plan.source, where, what, priority, when.isoformat(), text,
                                   same_day is not None))
    if status and status != priority.status:
        changes.append(Change(
            plan.source, f"{what} status", priority.status.text if priority.status else
            "not reported", status.text,
            lambda t: t.put([where], ["status"], status.key, _AFTER),
            lambda c: _priority(c, plan.source, priority.number).status == status))
    if done is not None and float(done) != priority.percent_complete:
        old = "not given" if priority.percent_complete is None else \
            f"{_number(priority.percent_complete)}%"
        changes.append(Change(
            plan.source, f"{what} % complete", old, f"{yaml_number(done)}%",
            lambda t: t.put([where], ["percent_complete"], yaml_number(done), _AFTER),
            lambda c: _priority(c, plan.source, priority.number).percent_complete ==
            float(done)))
    return changes


def _update(source: str, where, what: str, priority: Priority, iso: str, text: str,
            replacing: bool) -> Change:
    """Add the dated update (or, replacing, give the same day's update these words)."""
    before = next((u.text for u in priority.updates if u.date.iso == iso), "")

    def edit(plan_text) -> None:
        if replacing:
            plan_text.put_in_item(where, "updates", ("date", iso), "text", text_value(text))
        else:
            plan_text.add_item(where, "updates", [("date", iso), ("text", text_value(text))])

    return Change(source, f"{what} update {iso}",
                  f"“{short(before)}”" if replacing else "nothing",
                  f"“{short(text)}”", edit,
                  lambda c: any(u.date.iso == iso and u.text == text for u in
                                _priority(c, source, priority.number).updates))


def _status(rows: Rows, number: int, cell, scheme: tuple[ActionStatus, ...]):
    if cell is None or not written(cell):
        return None
    wanted = written(cell).casefold()
    found = next((s for s in scheme if wanted in (s.key.casefold(), s.text.casefold())), None)
    if found is None:
        rows.refuse(number, STATUS, f"the status '{written(cell)}' is not one of the "
                    "council's statuses", "write one of: " + ", ".join(s.text for s in scheme))
    return found


def _priority(council, source: str, number: int) -> Priority:
    plan = next(p for p in council.plans if p.source == source)
    return next(p for p in plan.priorities if p.number == number)

