"""What a quarter's update still lacks: figures not given and priorities not updated."""

from __future__ import annotations

import datetime as dt

from generator.model.actions import is_complete
from generator.model.records import QUARTERS, FinancialYear, Kpi, PlanYear, Priority


def due(kpi: Kpi, quarter: str, year: FinancialYear) -> tuple[str, ...]:
    """The periods whose figure the indicator reports by the end of `quarter` (any one of
    them will do), or () when nothing of it is due then: an annual figure is due in Q4, a
    six-monthly one in Q2 (H1) and Q4 (H2), one collected every few years only in its
    years."""
    if not kpi.collected_in(year):
        return ()
    if kpi.frequency == "six-monthly":
        return {"Q2": ("H1",), "Q4": ("H2", "year")}.get(quarter, ())
    if kpi.basis == "annual" or kpi.frequency == "years":
        return ("Q4", "year") if quarter == "Q4" else ()
    return (quarter,)


def quarter_start(year: FinancialYear, quarter: str) -> dt.date:
    """The first day of a quarter of a financial year (Q1 starts on 1 April)."""
    index = QUARTERS.index(quarter)
    return dt.date(year.start + (index == 3), 1 if index == 3 else 4 + 3 * index, 1)


def missing_figures(plan: PlanYear, quarter: str) -> list[Kpi]:
    """The indicators with neither a figure nor a reason (not_available) for the quarter."""
    out = []
    for kpi in plan.kpis:
        periods = due(kpi, quarter, plan.year)
        given = [r for p in periods if (r := kpi.result(p))]
        if periods and not any(r.value is not None or r.unavailable for r in given):
            out.append(kpi)
    return out


def not_updated(plan: PlanYear, quarter: str) -> list[Priority]:
    """The priorities, not yet complete, with no progress update dated after the previous
    quarter ended (for Q1: after the year began)."""
    since = quarter_start(plan.year, quarter)
    start = (since.year, since.month, 0)  # a month or quarter written as such counts too
    return [p for p in plan.priorities if not is_complete(p) and not any(
        u.date.kind != "text" and u.date.sort >= start for u in p.updates)]
