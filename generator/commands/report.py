"""The quarterly performance report for a committee: one plan year and quarter, from the
published data, as a tagged, accessible PDF (WeasyPrint, PDF/UA-1).

Same data, same PDF: its only date is the latest date in the data, never the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from generator.model.actions import action_counts
from generator.errors import CommandError
from generator.model.gate import published
from generator.i18n import _, ngettext, use_terms
from generator.render.rows import Indicators, Row
from generator.model.status import Status
from generator.model.records import (QUARTER_MONTHS, QUARTERS, ActionStatus, Council, FinancialYear, PlanYear, Priority,
                    Service, Update, When)
from generator.render.pages import Site
from generator.render.jinja import Renderer
from generator.pipeline import read_council


@dataclass(frozen=True)
class Section:
    """One service's part of the report: its indicators' rows for the quarter."""

    service: Service
    plan: PlanYear
    rows: tuple[Row, ...]
    period: str
    scheme: tuple[ActionStatus, ...]  # the council's statuses for its actions
    statuses: tuple[Status, ...]  # every indicator status, in the order counts are given

    def update(self, priority: Priority) -> Update | None:
        """The priority's latest update made by the end of the quarter after the report's
        (a quarter's progress is reported during the next one), or dated in words."""
        after = QUARTERS.index(self.period) + 2  # the first day of the quarter after next
        end = When.quarter(FinancialYear(self.plan.year.start + after // 4), QUARTERS[after % 4])
        return next((u for u in priority.updates
                     if u.date.kind == "text" or u.date.sort < end.sort), None)

    @property
    def kpi_counts(self) -> list[tuple[Status, int]]:
        """(status, count) of the quarter's indicators, in the order of the site's counts."""
        counts = Counter(row.status for row in self.rows if row.assessment and row.status)
        order = [*self.statuses, *(s for s in counts if s not in self.statuses)]
        return [(status, counts[status]) for status in order if counts[status]]

    @property
    def priority_counts(self) -> list:
        """(status, count) in the scheme's order, then (None, count) for no status."""
        return action_counts(self.plan.priorities, self.scheme)


def sections(council: Council, year_slug: str, period: str, service: str) -> list[Section]:
    """The report's services, checked against the data: a house message for a year,
    quarter or service that is not there, or a quarter with no figures yet."""
    years = {y.slug: y for y in council.years}
    if year_slug not in years:
        raise CommandError(year_slug, "there is no published plan year of that name",
                           "give one of: " + ", ".join(years) if years else
                           "publish a plan first with plansite approve")
    if period not in QUARTERS:  # argparse would answer in its own words, not the house format
        raise CommandError(period or "--period", "the report is for one quarter",
                           "give --period Q1, Q2, Q3 or Q4")
    plans = council.plans_for(years[year_slug])
    keys = [p.service for p in plans]
    if service and service not in keys:
        raise CommandError(service, f"no published {year_slug} plan has that service key",
                           "give one of: " + ", ".join(keys))
    indicators = Indicators(council)
    chosen = [Section(council.service(p.service), p,
                      tuple(indicators.row(p, k, k.latest_in(period)) for k in p.kpis), period,
                      council.config.action_scheme, tuple(indicators.statuses()))
              for p in plans if not service or p.service == service]
    if not any(row.result for s in chosen for row in s.rows):
        raise CommandError(f"{year_slug} {period}", f"no indicator has a figure for {period} "
                           f"{years[year_slug].label} in the published plans yet",
                           "add the quarter's results, publish them with plansite update, "
                           "or choose an earlier quarter")
    return chosen


def html(council: Council, parts: list[Section], period: str, day: dt.date) -> str:
    """The report as one HTML document (the PDF's source)."""
    year = parts[0].plan.year
    title = _("Performance report: %(period)s %(year)s", period=period, year=year.label)
    return Renderer().env.get_template("report.j2").render(
        title=title, council=council, sections=parts, period=period, year=year,
        months=QUARTER_MONTHS[period], day=day, lang=council.config.language,
        counters=(Markup('" counter(page) "'), Markup('" counter(pages) "')))  # CSS, in words


def write_report(root: Path, year: str, period: str, service: str, to: Path) -> str:
    """Write the report to `to`; the sentence that says what was written."""
    try:
        from weasyprint import HTML  # only this command needs it, and its Pango libraries
    except OSError:
        raise CommandError("plansite report", "the PDF maker (WeasyPrint) cannot find the "
                           "Pango text libraries", "install them: apt-get install "
                           "libpango-1.0-0 libpangoft2-1.0-0 (make site does it when run "
                           "as root)") from None

    council = published(read_council(root))
    use_terms(council.config.terms)
    parts = sections(council, year, period.upper(), service)
    chosen = replace(council, plans=tuple(s.plan for s in parts))
    epoch = Site(pages=(), nav=(), council=chosen).epoch  # the latest date in their data
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
    document = HTML(string=html(council, parts, period.upper(), day))  # refers to no file
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"plansite-report")
    partial = to.with_name(f".{to.name}.partial")
    try:  # a half-written file never replaces an earlier report
        to.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pdf)
        os.replace(partial, to)
    except OSError as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise CommandError(str(to), f"the report could not be written ({reason})",
                           "choose a folder you can write to, with free space") from None
    rows = sum(len(s.rows) for s in parts)
    return _("Report for %(period)s %(year)s written to %(to)s: %(services)s, %(rows)s.",
             period=period.upper(), year=parts[0].plan.year.label, to=to,
             services=ngettext("%(num)d %(service)s", "%(num)d %(services)s", len(parts)),
             rows=ngettext("%(num)d %(indicator)s", "%(num)d %(indicators)s", rows))
