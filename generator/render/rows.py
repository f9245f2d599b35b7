"""The status rule applied across a council, each row worked out once per build.

`Indicators` applies the status rule (kpi_status) to a council's indicators and words the
results the same way for every page, chart, download and report: a `Row` is one period of
one indicator in one plan year, and `Row.shown` is exactly the text a reader sees. Rows are
kept, so each is computed once however many pages and files show it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from generator.i18n import _
from generator.model.records import (HALVES, LEVELS, MONTHLY, PERIODS, Council, Kpi, PlanYear,
                                     Result)
from generator.model.status import (OCCASIONAL, QUARTERS, STANDARD, TRENDS, Assessment,
                                    Comparison, Performance, Scheme, Schemes, Status,
                                    applicable_target, band_when, latest_period, steps, trend)
from generator.render.figures import (applied_target, change_on, compared_with, format_result,
                                      format_value, period_label, status_note)


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
    status: Status | None = None  # how the assessment's status is shown

    @property
    def label(self) -> str:
        return period_label(self.plan.year, self.period) if self.period else self.plan.year.label

    @cached_property
    def shown(self) -> dict[str, str]:
        """The row's cells as text, as every page and download shows them ('' when empty)."""
        result = self.result
        return {
            "value_shown": _blank(format_result(self.kpi, result)),
            "target_shown": _blank(self.target),
            "status": self.status.shown if self.status else "",
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


def table_periods(kpis, by_quarter: bool = False) -> tuple[str, ...]:
    """The periods a table of these indicators shows: M1 to M12 when any is monthly, H1 and
    H2 when any is six-monthly, Q1 to Q4 when any is reported otherwise (or none is), and the
    whole year when any has a whole-year result. `by_quarter` (a plan's table, which must
    fit the page) puts monthly and six-monthly figures under their quarters instead."""
    often = {k.frequency for k in kpis}
    if by_quarter:
        often -= {"monthly", "six-monthly"}
    shown = {*(MONTHLY if "monthly" in often else ()),
             *(HALVES if "six-monthly" in often else ()),
             *(QUARTERS if not often <= {"monthly", "six-monthly"} or not often else ()),
             *(("year",) if any(k.result("year") for k in kpis) else ())}
    return tuple(p for p in PERIODS if p in shown)


def _blank(text: str) -> str:
    """'' for the dash that pages show in an empty cell."""
    return "" if text == "–" else text


class Indicators:
    """The status rule applied to a council's indicators, for pages, downloads and the
    report; one per build, so every row is computed once."""

    def __init__(self, council: Council):
        self.council = council
        config = council.config
        self.schemes = Schemes(config.default_scheme, config.status_schemes,
                               config.status_labels, config.tolerance_percent)
        self.performance = Performance(council.plans, self.schemes, config.trend_tolerance)
        self._rows: dict[tuple[int, int, str], Row] = {}  # by identity; a Row keeps both alive

    def row(self, plan: PlanYear, kpi: Kpi, period: str) -> Row:
        """One period of an indicator (period '' for a year with nothing reported), worked
        out on first asking and kept for every later page, chart and download."""
        key = (id(plan), id(kpi), period)
        if key not in self._rows:
            self._rows[key] = self._compute(plan, kpi, period)
        return self._rows[key]

    def _compute(self, plan: PlanYear, kpi: Kpi, period: str) -> Row:
        perf, result = self.performance, kpi.result(period) if period else None
        target, source = applicable_target(kpi, period) if period else (None, "")
        assessment = perf.assess(kpi, period) if result or not period else None
        return Row(plan, kpi, period, result, assessment,
                   applied_target(kpi, period, target, source), target,
                   perf.previous(plan.year, kpi, period) if result else Comparison(""),
                   perf.year_on_year(plan.year, kpi, period) if result else Comparison(""),
                   status_note(kpi, assessment, perf.tolerance(kpi)) if assessment else "",
                   self.schemes.status(assessment.status) if assessment else None)

    def rows(self, plan: PlanYear, kpi: Kpi) -> list[Row]:
        """Q1 to Q4 of the year, and the whole year when it has a result."""
        return [self.row(plan, kpi, period) for period in table_periods([kpi])]

    @staticmethod
    def periods(plan: PlanYear) -> tuple[str, ...]:
        """The columns of a plan's indicator table: Q1 to Q4, and the whole year if
        reported."""
        return table_periods(plan.kpis, by_quarter=True)

    @staticmethod
    def cell(plan: PlanYear, kpi: Kpi, period: str) -> tuple[str, str]:
        """A plan's table cell: the figure for `period`, and the period it is for when that
        is another (a monthly indicator's latest month in the quarter, a six-monthly one's
        half-year), e.g. ('91%', 'June 2025') or ('99%', 'H1 2025/26')."""
        shown = kpi.latest_in(period)
        result = kpi.result(shown)
        return (format_result(kpi, result),
                period_label(plan.year, shown) if shown != period and result else "")

    def headline(self, plan: PlanYear, kpi: Kpi) -> Row:
        """The latest reported period: the indicator's status for the year."""
        return self.row(plan, kpi, latest_period(kpi))

    def counts(self, kpis) -> tuple[tuple[Status, int], ...]:
        return tuple((self.schemes.status(key), n) for key, n in self.performance.counts(kpis))

    def statuses(self) -> list[Status]:
        """Every status a reader may meet, in the order of counts: the bands of the schemes
        in use, then the statuses that are no band."""
        used = self.scheme_names()
        return [self.schemes.status(key) for key in self.schemes.order(
            {b.status.key for name in used for b in self.schemes.named(name).bands})
            if OCCASIONAL.get(key, "quarterly") in self.frequencies()]

    def steps(self, scheme: Scheme | None = None) -> list[tuple[str, str, Status]]:
        """The rule, step by step, with the default scheme's bands (or `scheme`'s); a step
        for a frequency no indicator has is left out."""
        return [(key, when, self.schemes.status(status)) for key, when, status in
                steps(scheme or self.schemes.named(self.schemes.default))
                if OCCASIONAL.get(key, "quarterly") in self.frequencies()]

    def bands(self, scheme: Scheme) -> list[tuple[str, Status]]:
        """A scheme's bands, each with when it applies."""
        return [(band_when(scheme, band), band.status) for band in scheme.bands]

    @cached_property
    def _frequencies(self) -> set[str]:
        kpis = [kpi for entries in self.by_key.values() for _, kpi in entries]
        return {"quarterly", *(kpi.frequency for kpi in kpis),
                *(("contextual",) if any(kpi.contextual for kpi in kpis) else ())}

    def frequencies(self) -> set[str]:
        """The frequencies the council's indicators have (quarterly always counts), and
        "contextual" when any is contextual: what OCCASIONAL steps need."""
        return self._frequencies

    def meaning(self, status: Status) -> str:
        """What a status means: its own words, or else when its band applies."""
        if status.explained:
            return status.explained
        return next(band_when(scheme, band) for scheme in self.schemes.schemes
                    for band in scheme.bands if band.status.key == status.key)

    def off_target(self, row: Row) -> bool:
        """Whether a row's figure falls in the last band of its scheme (off target, red)."""
        bands = self.performance.scheme(row.kpi).bands
        return row.assessment is not None and row.assessment.status == bands[-1].status.key

    def attention(self, plans, pairs, kpis: bool = True) -> list[tuple]:
        """What needs attention, for "at a glance": (plan, "kpi", indicator, row) for each
        indicator of `plans` off target (when `kpis`), then (plan, "priority", priority, None)
        for each of the (plan, priority) `pairs` whose status needs attention."""
        items: list[tuple] = [(plan, "kpi", kpi, row) for plan in plans for kpi in plan.kpis
                              if self.off_target(row := self.headline(plan, kpi))] if kpis else []
        return items + [(plan, "priority", p, None) for plan, p in pairs
                        if p.status and p.status.attention]

    def uses_standard(self) -> bool:
        """Whether any result is judged with the standard scheme (near target)."""
        return STANDARD in self.scheme_names()

    def scheme_names(self) -> set[str]:
        """The schemes in force: the default and those indicators use."""
        return {self.performance.scheme(kpi).name for entries in self.by_key.values()
                for _, kpi in entries} | {self.schemes.default}

    @staticmethod
    def scheme_title(scheme: Scheme) -> str:
        return _(scheme.title) if scheme.name == STANDARD else scheme.title

    def other_schemes(self) -> list[tuple[Scheme, list[tuple[PlanYear, Kpi]]]]:
        """The schemes other than the default that indicators use, each with its users."""
        users = defaultdict(list)
        for entries in self.by_key.values():
            for plan, kpi in entries:
                if kpi.status_scheme and kpi.status_scheme != self.schemes.default:
                    users[kpi.status_scheme].append((plan, kpi))
        return [(self.schemes.named(name), users[name]) for name in sorted(users)]

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

    def facts(self, plan: PlanYear, kpi: Kpi) -> list[tuple[str, str]]:
        """What the plan says of an indicator's kind and ownership, as (label, words)."""
        config, corporate = self.council.config, self.council.corporate_plan(plan.corporate_plan)
        lead = ", ".join(t for t in (kpi.lead_name, kpi.lead_role) if t)
        facts = [(_("Type"), config.indicator_type(kpi.type) if kpi.type else ""),
                 (_("Level"), _(LEVELS[kpi.level]) if kpi.level else ""),
                 (_("Lead officer"), lead), (_("Directorate"), kpi.directorate),
                 (_("%(Themes)s"), "; ".join(corporate.theme_name(t) for t in kpi.themes)
                  if corporate else "")]
        return [(label, words) for label, words in facts if words]

    def on_last_year(self, plan: PlanYear, kpi: Kpi) -> tuple[Comparison, str]:
        """The latest figure against last year's outturn: its trend and the change in words."""
        result = self.headline(plan, kpi).result
        if kpi.outturn is None or result is None or result.value is None:
            return Comparison(""), ""
        then = kpi.outturn.value
        return (Comparison(trend(kpi.polarity, result.value, then), kpi.outturn.year, "year",
                           then), change_on(kpi, result.value, then))

    def own_margins(self) -> list[tuple[PlanYear, Kpi]]:
        """Indicators that set their own near-target margin."""
        return [(plan, kpi) for entries in self.by_key.values() for plan, kpi in entries
                if kpi.tolerance_percent is not None]

    def trend_tolerances(self) -> list[str]:
        """The trend tolerances in force, in words: the site's, then each indicator's own
        (empty when none is set, so every move counts)."""
        site = self.performance.default_trend_tolerance
        texts = [_("The site's trend tolerance: %(tolerance)s in each %(indicator)s's unit.",
                   tolerance=f"{site:g}")] if site else []
        return texts + [f"{kpi.title} ({kpi.ref}, {plan.year.label}): "
                        f"{format_value(kpi, kpi.trend_tolerance)}"
                        for entries in self.by_key.values() for plan, kpi in entries
                        if kpi.trend_tolerance is not None]

    def trends(self) -> list[str]:
        """The trends a reader may meet: every one but no significant change, which needs a
        trend tolerance."""
        return [key for key in TRENDS
                if key != "no-significant-change" or self.trend_tolerances()]

    def margin(self, kpi: Kpi) -> str:
        """The near-target margin in words, and where it is set."""
        if kpi.unit == "yes-no" or kpi.polarity == "none":
            return _("Not used")
        scheme = self.performance.scheme(kpi)
        if scheme.name != STANDARD:
            return _("Not used: judged by the %(key)s key", key=self.scheme_title(scheme))
        if kpi.tolerance_percent is None:
            return _("%(margin)s%% of the target (the site's margin)",
                     margin=f"{self.performance.default_tolerance:g}")
        return _("%(margin)s%% of the target (this %(indicator)s's own margin)",
                 margin=f"{kpi.tolerance_percent:g}")
