"""How KPI figures and targets are written for readers."""

from __future__ import annotations

from .model import BASES, POLARITIES, Kpi, Result, Target


def format_value(kpi: Kpi, value) -> str:
    """A figure in the indicator's unit, e.g. 29.5%, £25, 65 per 100,000, Yes."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if kpi.decimals is not None:
        number = f"{value:,.{kpi.decimals}f}"
    else:
        number = f"{round(value, 4):,}"
        number = number[:-2] if number.endswith(".0") else number
    return {"percent": f"{number}%", "pounds": f"£{number}", "per-100000": f"{number} per 100,000",
            "days": f"{number} days"}.get(kpi.unit, number)


def format_target(kpi: Kpi, target: Target | None = None) -> str:
    """The target as the plan words it, or its formatted value, or '–' when there is none."""
    target = target or kpi.target
    if target.text:
        return target.text
    if target.value is not None:
        return format_value(kpi, target.value)
    if target.quarters:
        return "; ".join(f"{q}: {format_value(kpi, v)}" for q, v in target.quarters)
    return "–"


def format_result(kpi: Kpi, result: Result | None) -> str:
    """A period's figure, 'Not available', or '–' when nothing is reported."""
    if result is None:
        return "–"
    if result.value is None and result.unavailable:
        return "Not available"
    return format_value(kpi, result.value)


def describe(kpi: Kpi) -> str:
    """The indicator's basis and polarity in words, e.g. 'cumulative year to date; higher is better'."""
    return f"{BASES[kpi.basis].capitalize()}; {POLARITIES[kpi.polarity]}"


def latest_comment(kpi: Kpi) -> str:
    """The comment (or not-available reason) of the latest period that has one."""
    for _, result in reversed(kpi.results):
        text = " ".join(t for t in (result.unavailable, result.comment) if t)
        if text:
            return text
    return ""
