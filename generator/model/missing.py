"""What a quarter's update still lacks: figures not given and priorities not updated."""

from __future__ import annotations

import datetime as dt

from generator.model.actions import is_complete
from generator.model.records import (MONTHLY, QUARTERS, FinancialYear, Kpi, PlanYear,
                                     Priority, quarter_of)


def due(kpi: Kpi, quarter: str, year: FinancialYear) -> tuple[tuple[str, ...], ...]:
    """The figures the indicator owes for `quarter`, each as the periods any one of which
    gives it, or () when nothing is due then: a monthly indicator owes each month of the
    quarter, an annual figure is due in Q4, a six-monthly one in Q2 (H1) and Q4 (H2), one
    collected every few years only in its years."""
    if not kpi.collected_in(year):
        return ()
    if kpi.frequency == "monthly" and kpi.basis != "annual":
        return tuple((month,) for month in MONTHLY if quarter_of(month) == quarter)
    if kpi.frequency == "six-monthly":
        return {"Q2": (("H1",),), "Q4": (("H2", "year"),)}.get(quarter, ())
    if kpi.basis == "annual" or kpi.frequency == "years":
        return (("Q4", "year"),) if quarter == "Q4" else ()
    return ((quarter,),)


def quarter_start(year: FinancialYear, quarter: str) -> dt.date:
    """The first day of a quarter of a financial year (Q1 starts on 1 April)."""
    index = QUARTERS.index(quarter)
    return dt.date(year.start + (index == 3), 1 if index == 3 else 4 + 3 * index, 1)


def missing_figures(plan: PlanYear, quarter: str) -> list[Kpi]:
    """The indicators lacking, for the quarter, a figure or a reason (not_available)."""
    def given(kpi: Kpi, periods: tuple[str, ...]) -> bool:
        return any(r.value is not None or r.unavailable
                   for p in periods if (r := kpi.result(p)))
    return [kpi for kpi in plan.kpis
            if not all(given(kpi, periods) for periods in due(kpi, quarter, plan.year))]


def not_updated(plan: PlanYear, quarter: str) -> list[Priority]:
    """The priorities, not yet complete, with no progress update dated after the previous
    quarter ended (for Q1: after the year began)."""
    since = quarter_start(plan.year, quarter)
    start = (since.year, since.month, 0)  # a month or quarter written as such counts too
    return [p for p in plan.priorities if not is_complete(p) and not any(
        u.date.kind != "text" and u.date.sort >= start for u in p.updates)]
