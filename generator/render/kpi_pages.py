"""The indicator pages: /kpis/ (every indicator, and how status works) and /kpis/<key>/,
each with its chart; the rows they show come from `rows.Indicators`."""

from __future__ import annotations

import functools

from generator.render import charts
from generator.i18n import _
from generator.render.figures import format_profile, format_value
from generator.model.records import MONTHLY, UNITS, FinancialYear, Kpi, month_of
from generator.render.jinja import Page, Renderer
from generator.render.rows import Indicators, Row, table_periods


def chart(indicators: Indicators, key: str) -> charts.Chart | None:
    """A bar chart of every figure of one indicator, with its targets; None for yes/no
    indicators and for indicators with no figure yet (the table says it all)."""
    entries = indicators.by_key[key]
    kpi = entries[-1][1]
    if kpi.unit == "yes-no":
        return None
    periods = table_periods([k for _, k in entries])
    slots: list[str] = []
    groups, bars, targets, notes = [], [], [], []
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
            slots.append(_("Year") if period == "year" else
                         month_of(period, plan.year)[0][:3] if period in MONTHLY else period)
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
    if latest is None:  # no figure to draw a bar for
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
                    tolerance=council.config.tolerance_percent, **common)]
    for key, entries in indicators.by_key.items():
        kpi = entries[-1][1]
        pages.append(r.page(
            "kpi.j2", f"kpis/{key}/", kpi.title,
            description=_("%(title)s: definition, targets and results in every year.",
                          title=kpi.title),
            later=functools.partial(_figures, indicators, key, kpi),
            key=key, kpi=kpi, entries=entries, UNITS=UNITS, profile=format_profile, **common))
    return pages


def _figures(indicators: Indicators, key: str, kpi: Kpi) -> dict:
    """What an indicator's page shows of its figures: its chart as SVG markup ('' when it
    has none) and its latest figure."""
    drawn = chart(indicators, key)
    return {"chart_svg": charts.svg(drawn, lambda v: format_value(kpi, v)) if drawn else "",
            "latest": indicators.latest(key)}
