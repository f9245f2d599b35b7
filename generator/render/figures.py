"""How KPI figures and targets are written for readers."""

from __future__ import annotations

from generator.i18n import N_, _
from generator.model.status import Assessment, Comparison
from generator.model.records import (BASES, COMPARATORS, MONTHLY, POLARITIES, UNITS, Comparator,
                                     FinancialYear, Kpi, Result, Revision, Target, month_of,
                                     quarter_of)

def format_value(kpi: Kpi, value) -> str:
    """A figure in the indicator's unit, e.g. 29.5%, £25, 65 per 100,000, Yes."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if kpi.decimals is not None:
        number = f"{value:,.{kpi.decimals}f}"
    else:
        number = f"{round(value, 4):,}"
        number = number[:-2] if number.endswith(".0") else number
    return _(UNITS[kpi.unit].written, number=number)


def format_target(kpi: Kpi, target: Target | None = None) -> str:
    """The target as the plan words it, or its formatted value, or '–' when there is none."""
    target = target or kpi.target
    if target.text:
        return target.text
    if target.value is not None:
        return format_value(kpi, target.value)
    return format_profile(kpi, target)


def format_profile(kpi: Kpi, target: Target | None = None) -> str:
    """Quarterly and seasonal targets, e.g. 'Q1: 29%; Q2: 57%' or 'summer (Q1, Q2): 250'."""
    target = target or kpi.target
    parts = [f"{q}: {format_value(kpi, v)}" for q, v in target.quarters]
    parts += [f"{s.name} ({', '.join(s.quarters)}): {format_value(kpi, s.value)}"
              for s in target.seasons]
    return "; ".join(parts) or "–"


def period_label(year: FinancialYear, period: str) -> str:
    """'Q1 2022/23', 'April 2022' (M1 of 2022/23), or '2022/23 (whole year)'."""
    if period in MONTHLY:
        name, calendar_year = month_of(period, year)
        return f"{name} {calendar_year}"
    return _("%(year)s (whole year)", year=year.label) if period == "year" \
        else f"{period} {year.label}"


def applied_target(kpi: Kpi, period: str, target, source: str) -> str:
    """The target a period is judged against, saying where it comes from (see kpi_status)."""
    value = format_value(kpi, target)
    if target is None:
        return value
    revised = kpi.revision_for(period) if source in ("revised", "year-end") else None
    if revised:
        return _("%(value)s (revised from %(period)s)", value=value, period=revised.period)
    return {"single": value, "year-end": _("%(value)s by year end", value=value),
            "quarter": _("%(value)s for %(period)s", value=value,
                         period=quarter_of(period))}.get(
        source, f"{value} ({source})")


def status_note(kpi: Kpi, assessment: Assessment, tolerance: float) -> str:
    """A few words beside a status: progress towards a year-end target, why it is not judged."""
    result = kpi.result(assessment.period) if assessment.period else None
    if assessment.rule == "cumulative-not-due" and result:
        so_far, target = format_value(kpi, result.value), format_value(kpi, assessment.target)
        if kpi.unit == "yes-no":
            return _("So far this year: %(so_far)s. The target is %(target)s by the end of "
                     "the year.", so_far=so_far, target=target)
        return _("%(so_far)s so far this year, against a year-end target of %(target)s.",
                 so_far=so_far, target=target)
    if assessment.rule == "not-collected" and kpi.first_year:
        return _("Collected every %(n)s years, starting %(first)s.", n=kpi.every_years,
                 first=kpi.first_year.label)
    if assessment.rule == "nothing-due-yet":
        return _("Reported every six months: the first figure is for H1 (April to "
                 "September).") if kpi.frequency == "six-monthly" else _("Reported once a year.")
    if assessment.rule == "contextual":
        return _("Contextual: shown beside its forecast or benchmark, never judged.")
    if assessment.rule == "near":
        return _("Within the %(margin)s%% near-target margin.", margin=f"{tolerance:g}")
    notes = {"nothing-reported": N_("No results have been reported yet."),
             "annual-not-due": N_("Reported once a year."),

             "no-figure": N_("No figure reported."),
             "no-target": N_("The plan sets no target for this period.")}
    return _(notes[assessment.rule]) if assessment.rule in notes else ""


def compared_with(kpi: Kpi, comparison: Comparison) -> str:
    """The earlier figure a trend compares with, e.g. 'Q4 2021/22: 82%' ('' with no trend)."""
    if comparison.year is None:
        return ""
    when = period_label(comparison.year, comparison.period)
    return f"{when}: {format_value(kpi, comparison.value)}"


def format_result(kpi: Kpi, result: Result | None) -> str:
    """A period's figure, 'Not available', or '–' when nothing is reported."""
    if result is None:
        return "–"
    if result.value is None and result.unavailable:
        return _("Not available")
    return format_value(kpi, result.value)


def direction(kpi: Kpi) -> str:
    """Which way is better, in words; a yes/no indicator is answered yes or no instead."""
    if kpi.unit == "yes-no" and kpi.polarity != "none":
        return _("answered yes or no")
    return _(POLARITIES[kpi.polarity])


def describe(kpi: Kpi) -> str:
    """The indicator's basis, how often it comes when not quarterly, and its direction, e.g.
    'Cumulative year to date; higher is better'."""
    own = {("six-monthly", "quarter"): _("figure for the half-year"),
           ("monthly", "quarter"): _("figure for the month"),
           ("monthly", "quarter-end"): _("position at the end of the month")}
    basis = own.get((kpi.frequency, kpi.basis)) or _(BASES[kpi.basis])
    often = {"monthly": _("reported every month"),
             "six-monthly": _("reported every six months"),
             "years": _("collected every %(n)s years", n=kpi.every_years)}.get(kpi.frequency)
    return "; ".join(t for t in (basis.capitalize(), often, direction(kpi)) if t)


def result_note(result: Result) -> str:
    """The words beside a figure: why it is not available, then the comment."""
    return " ".join(t for t in (result.unavailable, result.comment) if t)


def latest_comment(kpi: Kpi) -> str:
    """The comment (or not-available reason) of the latest period that has one."""
    return next((n for _, r in reversed(kpi.results) if (n := result_note(r))), "")


def format_revision(kpi: Kpi, revision: Revision) -> str:
    """A target revision, e.g. 'From Q3: 35% (reason: the budget was cut; 12 October 2025)'."""
    when = f"; {revision.date.text}" if revision.date else ""
    return _("From %(period)s: %(value)s (%(reason)s%(when)s)", period=revision.period,
             value=format_value(kpi, revision.value), reason=revision.reason, when=when)


def format_comparator(kpi: Kpi, comparator: Comparator) -> str:
    """A forecast or benchmark, e.g. 'Forecast: 12.5 (ONS projection)'."""
    source = f" ({comparator.source})" if comparator.source else ""
    return f"{_(COMPARATORS[comparator.kind])}: {format_value(kpi, comparator.value)}{source}"


def compare_with(kpi: Kpi, value, comparator: Comparator) -> str:
    """How a figure stands against a forecast or benchmark, in words; never a judgement."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or \
            isinstance(comparator.value, bool):
        return ""
    what = _(COMPARATORS[comparator.kind]).lower()
    if round(value - comparator.value, 9) == 0:
        return _("The latest figure equals the %(what)s.", what=what)
    gap = format_value(kpi, abs(value - comparator.value))
    if value > comparator.value:
        return _("The latest figure is %(gap)s above the %(what)s.", gap=gap, what=what)
    return _("The latest figure is %(gap)s below the %(what)s.", gap=gap, what=what)


def change_on(kpi: Kpi, value, earlier) -> str:
    """The change from an earlier figure, signed, e.g. '+3.5 percentage points' or '-12'."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or \
            not isinstance(earlier, (int, float)) or isinstance(earlier, bool):
        return ""
    change = round(value - earlier, 9)
    sign = "+" if change > 0 else "-" if change < 0 else ""
    if kpi.unit == "percent":
        shown = format_value(kpi, abs(change))[:-1]
        return _("%(change)s percentage points", change=sign + shown)
    return sign + format_value(kpi, abs(change))
