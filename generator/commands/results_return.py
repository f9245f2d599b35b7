"""`plansite export results` and `plansite import results`: a period's indicator figures
collected from services in a spreadsheet, and merged back into the plan files.

A period is a key of an indicator's `results` (Q1..Q4, H1, H2, year). A return asked for
one period gives each indicator the period its frequency reports at that time (a
six-monthly indicator's H1 in a Q2 return) and leaves out those not due then.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.commands import spreadsheet
from generator.commands.cell_values import Unreadable, figure, written, yaml_number
from generator.commands.plan_text import clean_text, text_value
from generator.commands.returns import (SERVICE, Change, Rows, export_council,
                                        import_return, plan_year, plans_of, row_plan, short)
from generator.commands.spreadsheet import Check, Column, Sheet
from generator.errors import CommandError
from generator.i18n import _
from generator.model.gate import public_plan
from generator.model.records import (FREQUENCIES, PERIODS, QUARTER_MONTHS, UNITS,
                                     FinancialYear, Kpi, PlanYear, Result, month_of)
from generator.model.status import applicable_target
from generator.render.figures import format_target, format_value
from generator.validate.fields import LARGEST

VALUE, REASON, COMMENT = "Value", "Not available because", "Comment"
REFERENCE, PERIOD = "Reference", "Period"
_SAME_END = {"Q2": "H1", "H1": "Q2", "Q4": "H2", "H2": "Q4"}  # periods ending together


def period_for(kpi: Kpi, asked: str, year: FinancialYear) -> str | None:
    """The period of `kpi` a return for `asked` collects, or None when none is due."""
    periods = kpi.periods
    if not kpi.collected_in(year):
        return None
    if asked == "year":
        return "year"
    if kpi.basis == "annual":  # its figure comes at the end of the year
        return periods[-2] if asked in ("Q4", "H2") else None
    if asked in periods:
        return asked
    return _SAME_END.get(asked) if _SAME_END.get(asked) in periods else None


def export(root: Path, year_text: str, period: str, service: str, to: Path) -> str:
    """Write the results return for `period` of the year's plans; says what it wrote."""
    year = plan_year(year_text)
    if period not in PERIODS:
        raise CommandError("--period", f"'{period}' is not a period",
                           "give Q1 to Q4, H1, H2, M1 to M12 (M1 is April) or year, "
                           "like --period Q2")
    spreadsheet.check_format(to, "--to")
    council = export_council(root)
    wanted = [(plan, kpi, found) for plan in plans_of(council, year, service)
              for kpi in plan.kpis if (found := period_for(kpi, period, year))]
    left_out = sum(len(p.kpis) for p in plans_of(council, year, service)) - len(wanted)
    earlier = [p for p in PERIODS if any(p in _earlier(kpi, found) for _, kpi, found in wanted)]
    when = "the whole year" if period == "year" else f"{period}, " + (
        QUARTER_MONTHS.get(period) or "%s %d" % month_of(period, year))
    sheet = Sheet(
        name=f"Results {period} {year.slug}",
        title=f"{council.config.council_name}: indicator results for {year.label} ({when})",
        facts=[("Plan year", year.label), ("Period", period)],
        note="Fill in the Value (the figure alone, like 57 for 57%), or say why it is not "
             "available. A comment is optional. Leave a row as it is to change nothing. "
             f"Then: plansite import results {to.name}",
        columns=[Column(SERVICE, 22), Column(REFERENCE, 11), Column("Indicator", 48),
                 Column("Unit", 16), Column("Target", 18), Column(PERIOD, 8),
                 *(Column(f"{p} figure", 10) for p in earlier),
                 Column(VALUE, 12, True), Column(REASON, 30, True), Column(COMMENT, 40, True)])
    by_unit: dict[str, list[int]] = {}
    for index, (plan, kpi, found) in enumerate(wanted):
        result = kpi.result(found) or Result()
        sheet.rows.append([
            council.service(plan.service).name, kpi.ref, kpi.title, _(UNITS[kpi.unit].name),
            _target(kpi, found), found,
            *(_shown(kpi, kpi.result(p)) if p in _earlier(kpi, found) else None
              for p in earlier),
            _cell(result.value), result.unavailable or None, result.comment or None])
        by_unit.setdefault(kpi.unit, []).append(index)
    for unit, rows in sorted(by_unit.items()):
        if unit == "yes-no":
            sheet.checks.append(Check(VALUE, tuple(rows), "list", "Yes or no", ("yes", "no")))
        else:
            sheet.checks.append(Check(VALUE, tuple(rows), "decimal",
                                      f"{_(UNITS[unit].name)}: the figure alone, like 57",
                                      (-LARGEST, LARGEST)))
    spreadsheet.write(sheet, to)
    said = f"Wrote {to}: {len(wanted)} indicators for {year.label}, {period}."
    if left_out:
        said += f" Left out {left_out} not reported in {period} (by their frequency)."
    return said


def _earlier(kpi: Kpi, period: str) -> tuple[str, ...]:
    periods = kpi.periods[:-1]
    return periods[:periods.index(period)] if period in periods else periods


def _target(kpi: Kpi, period: str) -> str:
    value, source = applicable_target(kpi, period)
    if source in ("single", "year-end", "") or value is None:
        return format_target(kpi)
    return format_value(kpi, value)


def _cell(value):
    """A figure as a spreadsheet cell: a number (whole when it is), or yes/no."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return int(value) if float(value).is_integer() else float(value)


def _shown(kpi: Kpi, result: Result | None) -> str | None:
    if result is None:
        return None
    if result.value is not None:
        return format_value(kpi, result.value)
    return "not available" if result.unavailable else None


def _describe(kpi: Kpi, result: Result | None) -> str:
    if result is None or result == Result():
        return "nothing"
    parts = [format_value(kpi, result.value)] if result.value is not None else []
    if result.unavailable:
        parts.append(f"not available ({short(result.unavailable)})")
    if result.comment:
        parts.append(f"comment “{short(result.comment)}”")
    return ", ".join(parts) if parts else "nothing"


def import_results(root: Path, path: Path, apply: bool, replace: bool) -> list[str]:
    """Merge a filled-in results return into the plan files (written only with `apply`)."""
    rows = Rows(path, "results", (SERVICE, REFERENCE, PERIOD, VALUE, REASON, COMMENT))
    return import_return(root, rows, _row, apply, replace)


def _row(rows: Rows, number: int, row: list, council, year: FinancialYear, replace: bool,
         seen: dict) -> list[Change]:
    """The change one row asks for (none when there is nothing to change or it is refused)."""
    value_cell, reason, comment = (rows.cell(row, h) for h in (VALUE, REASON, COMMENT))
    reason, comment = (clean_text(written(c)) if c is not None else "" for c in (reason, comment))
    if value_cell is None and not reason and not comment:
        return []
    plan = row_plan(rows, number, row, council, year)
    if plan is None:
        return []
    ref = written(rows.cell(row, REFERENCE) or "")
    kpi = next((k for k in plan.kpis if k.ref == ref), None)
    name = council.service(plan.service).name
    if kpi is None:
        rows.refuse(number, REFERENCE, f"the {name} plan for {year.label} has no indicator "
                    f"'{ref}'", "write one of its references: " +
                    ", ".join(k.ref for k in plan.kpis))
        return []
    period = written(rows.cell(row, PERIOD) or "")
    if period not in kpi.periods:
        rows.refuse(number, PERIOD, f"indicator {ref} is {_(FREQUENCIES[kpi.frequency])}, so "
                    f"it has no '{period}' figure", "write one of: " +
                    ", ".join(kpi.periods))
        return []
    if (plan.source, ref, period) in seen:
        rows.refuse(number, REFERENCE, f"indicator {ref} ({period}) is already in row "
                    f"{seen[plan.source, ref, period]}", "keep one of the two rows")
        return []
    seen[plan.source, ref, period] = number
    try:
        value = figure(value_cell, kpi.unit, "value")
    except Unreadable as error:
        rows.refuse(number, VALUE, error.what, error.fix)
        return []
    if value is not None and reason:
        rows.refuse(number, REASON, f"indicator {ref} has both a value and a reason it is not "
                    "available", "keep the value, or delete it and keep the reason")
        return []
    if value is not None and not kpi.collected_in(year):
        rows.refuse(number, VALUE, f"indicator {ref} is not collected in {year.label}",
                    "delete the value")
        return []
    old = kpi.result(period)
    new = _merged(old, value, reason, comment)
    if new == (old or Result()):
        return []
    if old and old.value is not None and new.value != old.value and not replace:
        public = public_plan(plan)
        shown = public and (k := next((k for k in public.kpis if k.ref == ref), None)) and \
            (was := k.result(period)) and was.value == old.value
        where = "on the public site" if shown else "in the plan file"
        rows.refuse(number, REASON if value is None else VALUE,
                    f"indicator {ref} already has {format_value(kpi, old.value)} for {period} "
                    f"{where}, and this row gives {_describe(kpi, new)}",
                    "if the council has corrected the figure, import again with --replace; "
                    "otherwise put back the figure already published")
        return []
    return [Change(plan.source, f"{ref} {period}", _describe(kpi, old), _describe(kpi, new),
                   lambda text: text.put([("kpis", "ref", ref)], ["results", period],
                                         _entry(new), PERIODS),
                   lambda council: _reads(council, plan.source, ref, period, new))]


def _merged(old: Result | None, value, reason: str, comment: str) -> Result:
    """The result once the row is merged into what the plan has: a cell left blank keeps
    what was there; a value replaces a reason and a reason a value."""
    old = old or Result()
    if value is not None:
        value = value if isinstance(value, bool) else float(value)
        return Result(value, comment or old.comment, "")
    if reason:
        return Result(None, comment or old.comment, reason)
    return Result(old.value, comment, old.unavailable)


def _entry(result: Result):
    """A result as a plan file writes it: `Q1: 57`, or a block of value, comment and
    not_available."""
    value = None
    if isinstance(result.value, bool):
        value = "yes" if result.value else "no"
    elif result.value is not None:
        value = yaml_number(Decimal(repr(result.value)))
    if value is not None and not result.comment:
        return value
    return [(key, text) for key, text in (
        ("value", value), ("comment", result.comment and text_value(result.comment)),
        ("not_available", result.unavailable and text_value(result.unavailable))) if text]


def _reads(council, source: str, ref: str, period: str, expected: Result) -> bool:
    plan: PlanYear = next(p for p in council.plans if p.source == source)
    kpi = next(k for k in plan.kpis if k.ref == ref)
    return kpi.result(period) == expected
