"""The indicator pages: /kpis/ (every indicator, and how status works) and /kpis/<key>/.

`Indicators` applies the status rule (kpi_status) across the council and words the results
the same way for every page and download: a `Row` is one period of one indicator in one
year, and `Row.shown` is exactly the text a reader sees.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from . import charts
from .i18n import _
from .kpi import (UNIT_NAMES, applied_target, compared_with, format_profile, format_result,
                  format_value, period_label, status_note)
from .kpi_status import (QUARTERS, RULES, TRENDS, Assessment, Comparison, Performance,
                         applicable_target, latest_period)
from .model import Council, FinancialYear, Kpi, PlanYear, Result
from .render import Page, Renderer


@dataclass(frozen=True)
class Row:
    """One period of one indicator in one plan year: its figure, target, status and trends."""

    plan: PlanYear
    kpi: Kpi
    period: str  # Q1..Q4, "year", or "" for a year with nothing reported (headline only)
    result: Result | None
    assessment: Assessment | None  # None for a period with nothing reported
    target: str  # the target that applies to the period, as shown
    target_value: float | bool | None
    previous: Comparison
    year_on_year: Comparison
    note: str = ""

    @property
    def label(self) -> str:
        return period_label(self.plan.year, self.period) if self.period else self.plan.year.label

    @cached_property
    def shown(self) -> dict[str, str]:
        """The row's cells as text, as every page and download shows them ('' when empty)."""
        result, a = self.result, self.assessment
        return {
            "value_shown": _blank(format_result(self.kpi, result)),
            "target_shown": _blank(self.target),
            "status": a.label if a else "",
            "status_note": self.note,
            "trend_previous": _(TRENDS[self.previous.trend][0]) if self.previous.trend else "",
            "previous_figure": compared_with(self.kpi, self.previous)
            if self.previous.trend else "",
            "trend_year_on_year": _(TRENDS[self.year_on_year.trend][0])
            if self.year_on_year.trend else "",
            "year_earlier_figure": compared_with(self.kpi, self.year_on_year)
            if self.year_on_year.trend else "",
            "comment": result.comment if result else "",
            "not_available": result.unavailable if result else "",
        }


def table_periods(kpis) -> tuple[str, ...]:
    """The periods a table of these indicators shows: Q1 to Q4, and the whole year when any
    of them has a whole-year result."""
    return (*QUARTERS, *(("year",) if any(k.result("year") for k in kpis) else ()))


def _blank(text: str) -> str:
    """'' for the dash that pages show in an empty cell."""
    return "" if text == "–" else text


class Indicators:
    """The status rule applied to a council's indicators, for templates and downloads."""

    def __init__(self, council: Council):
        self.council = council
        self.performance = Performance(council.plans, council.config.tolerance_percent)

    def row(self, plan: PlanYear, kpi: Kpi, period: str) -> Row:
        perf, result = self.performance, kpi.result(period) if period else None
        target, source = applicable_target(kpi, period) if period else (None, "")
        assessment = perf.assess(kpi, period) if result or not period else None
        return Row(plan, kpi, period, result, assessment,
                   applied_target(kpi, period, target, source), target,
                   perf.previous(plan.year, kpi, period) if result else Comparison(""),
                   perf.year_on_year(plan.year, kpi, period) if result else Comparison(""),
                   status_note(kpi, assessment, perf.tolerance(kpi)) if assessment else "")

    def rows(self, plan: PlanYear, kpi: Kpi) -> list[Row]:
        """Q1 to Q4 of the year, and the whole year when it has a result."""
        return [self.row(plan, kpi, period) for period in table_periods([kpi])]

    @staticmethod
    def periods(plan: PlanYear) -> tuple[str, ...]:
        """The columns of a plan's indicator table: Q1 to Q4, and the whole year if reported."""
        return table_periods(plan.kpis)

    def headline(self, plan: PlanYear, kpi: Kpi) -> Row:
        """The latest reported period: the indicator's status for the year."""
        return self.row(plan, kpi, latest_period(kpi))

    def counts(self, kpis) -> tuple[tuple[str, int], ...]:
        return self.performance.counts(kpis)

    @cached_property
    def by_key(self) -> dict[str, list[tuple[PlanYear, Kpi]]]:
        """Every indicator key with its (plan, indicator) in each year, oldest first; in the
        order of their latest titles."""
        keyed = defaultdict(list)
        for plan in sorted(self.council.plans, key=lambda p: (p.year, p.service)):
            for kpi in plan.kpis:
                keyed[kpi.key].append((plan, kpi))
        return dict(sorted(keyed.items(), key=lambda item: (item[1][-1][1].title.lower(),
                                                            item[0])))

    def latest(self, key: str) -> Row:
        """The latest period with a result in any year; with none, the latest year's headline."""
        entries = self.by_key[key]
        plan, kpi = next(((p, k) for p, k in reversed(entries) if k.results), entries[-1])
        return self.headline(plan, kpi)

    def service_names(self, key: str) -> list[str]:
        """The services that report an indicator, latest first."""
        names = [self.council.service(p.service).name for p, _ in reversed(self.by_key[key])]
        return list(dict.fromkeys(names))

    def own_margins(self) -> list[tuple[PlanYear, Kpi]]:
        """Indicators that set their own near-target margin."""
        return [(plan, kpi) for entries in self.by_key.values() for plan, kpi in entries
                if kpi.tolerance_percent is not None]

    def margin(self, kpi: Kpi) -> str:
        """The near-target margin in words, and where it is set."""
        if kpi.unit == "yes-no" or kpi.polarity == "none":
            return _("Not used")
        if kpi.tolerance_percent is None:
            return _("%(margin)s%% of the target (the site's margin)",
                     margin=f"{self.performance.default_tolerance:g}")
        return _("%(margin)s%% of the target (this %(indicator)s's own margin)",
                 margin=f"{kpi.tolerance_percent:g}")


def chart(indicators: Indicators, key: str) -> charts.Chart | None:
    """A bar chart of every figure of one indicator, with its targets; None for yes/no
    indicators and for indicators with no figure yet (the table says it all)."""
    entries = indicators.by_key[key]
    kpi = entries[-1][1]
    if kpi.unit == "yes-no":
        return None
    periods = table_periods([k for _, k in entries])
    slots, groups, bars, targets, notes = [], [], [], [], []
    latest = None
    for number, (plan, item) in enumerate(entries):
        missing = plan.year.start - entries[number - 1][0].year.start - 1 if number else 0
        if missing > 0:  # years with no figures: a labelled gap, at least two slots wide
            first = len(slots)
            slots += [""] * max(2, missing)
            notes.append((first + len(slots[first:]) / 2 - 0.5, _("No figures")))
            groups.append((f"{FinancialYear(plan.year.start - missing).label}"
                           + (f"–{FinancialYear(plan.year.start - 1).label}" if missing > 1
                              else ""), first, len(slots) - 1))
        first = len(slots)
        for period in periods:
            row = indicators.row(plan, item, period)
            slot = len(slots)
            slots.append(_("Year") if period == "year" else period)
            value = row.result.value if row.result else None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                bars.append(charts.Bar(slot, value, row.shown["value_shown"]))
                latest = row
            elif row.result and row.result.unavailable:
                notes.append((slot, _("n/a")))
            if isinstance(row.target_value, (int, float)) and not isinstance(row.target_value,
                                                                              bool):
                targets.append(charts.TargetLine(slot, slot, row.target_value,
                                                 _("Target %(target)s",
                                                   target=row.target)))
        groups.append((plan.year.label, first, len(slots) - 1))
    if not bars:
        return None
    chart_id = f"chart-{key}"
    return charts.Chart(chart_id, _("Chart of %(title)s, %(first)s to %(last)s", title=kpi.title,
                                    first=groups[0][0], last=groups[-1][0]),
                        _headline(latest), tuple(slots), tuple(groups), tuple(bars),
                        _merge(targets), tuple(notes))


def _merge(lines: list[charts.TargetLine]) -> tuple[charts.TargetLine, ...]:
    """Neighbouring slots with the same target make one line, labelled once."""
    merged: list[charts.TargetLine] = []
    for line in lines:
        last = merged[-1] if merged else None
        if last and last.last + 1 == line.first and last.label == line.label:
            merged[-1] = charts.TargetLine(last.first, line.last, last.value, last.label)
        else:
            merged.append(line)
    return tuple(merged)


def _headline(row: Row) -> str:
    """The chart's text alternative: the latest figure, its target and its status."""
    values = {"title": row.kpi.title, "value": row.shown["value_shown"], "period": row.label,
              "target": row.target, "status": row.shown["status"].lower()}
    if row.target_value is not None:
        return _("%(title)s: %(value)s at %(period)s, against a target of %(target)s "
                 "(%(status)s). The table below gives every figure.", **values)
    return _("%(title)s: %(value)s at %(period)s (%(status)s). The table below gives every "
             "figure.", **values)


def kpi_pages(r: Renderer, indicators: Indicators, common: dict) -> list[Page]:
    """/kpis/ and one page per indicator key."""
    council = indicators.council
    pages = [r.page("kpis.j2", "kpis/", _("Performance %(indicators)s"),
                    description=_("Every performance %(indicator)s, its latest result and "
                                  "status, and how status is worked out."),
                    RULES=RULES,
                    tolerance=council.config.tolerance_percent, **common)]
    for key, entries in indicators.by_key.items():
        kpi = entries[-1][1]
        drawn = chart(indicators, key)
        pages.append(r.page(
            "kpi.j2", f"kpis/{key}/", kpi.title,
            description=_("%(title)s: definition, targets and results in every year.",
                          title=kpi.title),
            key=key, kpi=kpi, entries=entries, chart=drawn,
            chart_svg=charts.svg(drawn, lambda v: format_value(kpi, v)) if drawn else "",
            latest=indicators.latest(key), UNIT_NAMES=UNIT_NAMES, profile=format_profile,
            **common))
    return pages

