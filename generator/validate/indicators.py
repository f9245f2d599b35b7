"""Validate one indicator: its definition, every shape of target, and its results."""

from __future__ import annotations

from generator.validate.fields import Fields, parse_year
from generator.model.records import (COMPARATORS, MONTHS, PERIODS, QUARTERS, Comparator,
                                     FinancialYear, Kpi, Outturn, Result, Revision, Season,
                                     Target, periods_for)


def _value(f: Fields, key: str, unit: str):
    """A KPI figure: yes/no for yes-no indicators, otherwise a number."""
    if unit == "yes-no":
        return f.yes_no(key)
    return f.number(key)


def read_kpi(k: Fields, year: FinancialYear, plan_key: str, theme_keys: set[str],
             types: dict[str, str], contextual_types: tuple[str, ...] = ()) -> Kpi:
    """One indicator block of a plan file, as the model's Kpi; `plan_key` names the plan's
    corporate plan, `theme_keys` are its themes, `types` the site's indicator types and
    `contextual_types` the keys of those never judged against a target."""
    k.allow()
    ref = k.text("ref")  # k.what names it by ref already
    unit = k.choice("unit", default="number")
    polarity = k.choice("polarity", default="none")
    target = _target(k, unit, year)
    tolerance = read_tolerance(k, "near_target_percent")
    if tolerance is not None and (unit == "yes-no" or polarity == "none"):
        k.problem("near_target_percent", f"{k.what} has near_target_percent, but a "
                  f"{'yes-no' if unit == 'yes-no' else 'information-only'} indicator is never "
                  "near its target", "remove the near_target_percent line")
    trend_tolerance = read_trend_tolerance(k)
    if trend_tolerance is not None and unit == "yes-no":
        k.problem("trend_tolerance", f"{k.what} has trend_tolerance, but a yes-no answer "
                  "either changes or does not", "remove the trend_tolerance line")
    basis = k.choice("basis", default="quarter")
    frequency, every, first = _frequency(k, basis)
    periods = periods_for(frequency)
    results = []
    block = k.block("results")
    if block:
        for period in block.data:
            if period not in periods:
                block.problem(period, *_wrong_period(k.what, str(period), frequency, periods))
                continue
            r = block.shorthand(period, f"the {period} result of {k.what}")
            r.allow()
            result = Result(_value(r, "value", unit), r.text("comment"), r.text("not_available"))
            if result.value is not None and result.unavailable:
                r.problem("not_available", f"{r.what} has both a value and not_available",
                          "keep the value, or remove it and keep the reason it is not available")
            results.append((period, result))
    if first and not (year.start - first.start) % every == 0 and \
            any(r.value is not None for _, r in results):
        k.problem("results", f"{k.what} is collected every {every} years from "
                  f"{first.label}, so not in {year.label}, but has a figure for it",
                  "remove the figure, or check first_year under frequency")
    kind = _type(k, types)
    contextual = kind in contextual_types
    if contextual and (target.value is not None or target.quarters or target.seasons):
        k.problem("target", f"{k.what} is of the type '{types[kind]}', which is contextual: "
                  "it is shown beside a forecast or benchmark and never judged against a "
                  "target", "remove the target (give a forecast or benchmark instead), or "
                  "choose a type that is not contextual")
    order = {q: i for i, q in enumerate(PERIODS)}
    return Kpi(key=k.key("key"), ref=ref, title=k.text("title"), unit=unit, polarity=polarity,
               basis=basis, frequency=frequency, every_years=every, first_year=first,
               notes=k.text("notes"), decimals=_decimals(k), target=target,
               results=tuple(sorted(results, key=lambda r: order[r[0]])),
               tolerance_percent=tolerance, trend_tolerance=trend_tolerance,
               status_scheme=k.key("status_scheme"), type=kind, contextual=contextual,
               level=k.choice("level"), **_lead(k), directorate=k.text("directorate"),
               themes=read_themes(k, plan_key, theme_keys, "remove the themes line"),
               comparators=tuple(c for kind in COMPARATORS if (c := _comparator(k, kind, unit))),
               revisions=_revisions(k, unit, target), outturn=_outturn(k, unit, year),
               target_review=k.text("target_review"),
               line=k.line)


def _type(k: Fields, types: dict[str, str]) -> str:
    """The indicator's type: a key of the site's `indicator_types`."""
    kind = k.text("type", example=next(iter(types)))
    if kind and kind not in types:
        k.problem("type", f"{k.label('type')} is '{kind}', which is not one of the site's "
                  f"indicator types: {', '.join(types)}", "use one of those keys, or add the "
                  "type to indicator_types in site_config.yml")
        return ""
    return kind


def _lead(k: Fields) -> dict[str, str]:
    """The lead officer: a role, like "Head of Finance", or a block of role and name."""
    lead = k.block("lead_officer") if isinstance(k.data.get("lead_officer"), dict) else None
    if lead is None:
        return {"lead_role": k.text("lead_officer")}
    lead.allow()
    return {"lead_role": lead.text("role"),
            "lead_name": lead.text("name")}


def read_themes(f: Fields, plan_key: str, theme_keys: set[str],
                instead: str) -> tuple[str, ...]:
    """The theme keys a priority or indicator links to (`all` for every theme of the plan's
    corporate plan `plan_key`); `instead` is the fix offered when the plan names none."""
    themes = f.texts("themes")
    if themes == ("all",):
        themes = tuple(sorted(theme_keys))
    for key in themes:
        if not plan_key:
            f.problem("themes", f"{f.what} links to themes but the plan names no corporate_plan",
                      f"add 'corporate_plan: <key>' to the plan, or {instead}")
            break
        if theme_keys and key not in theme_keys:
            f.problem("themes", f"{f.what} links to an unknown theme '{key}'",
                      f"use the theme keys of corporate plan {plan_key}: "
                      f"{', '.join(sorted(k for k in theme_keys if k))}, or 'all'")
    return themes


def _comparator(k: Fields, kind: str, unit: str) -> Comparator | None:
    """A forecast or benchmark, written as a value or as {value, source}."""
    if kind not in k.data:
        return None
    c = k.shorthand(kind, f"the {kind} of {k.what}")
    c.allow()
    value = _value(c, "value", unit)
    if value is None:
        if "value" not in c.data:
            c.problem("value", f"{c.what} has no value",
                      f"write it like {kind}: {{value: 12.5, source: ONS projection}}")
        return None
    return Comparator(kind, value, c.text("source"))


def _revisions(k: Fields, unit: str, target: Target) -> tuple[Revision, ...]:
    """Changes to the year's target: from which quarter, the new value, why and when."""
    revisions: list[Revision] = []
    for r in k.blocks("revisions", "target revision"):
        r.what = f"{r.what} of {k.what}"
        r.allow()
        period = r.choice("from")
        value = _value(r, "value", unit)
        if value is None and "value" not in r.data:
            r.problem("value", f"{r.what} has no value", "add the new target, like value: 35")
        reason = r.text("reason")
        date = r.when("date")
        if period in [v.period for v in revisions]:
            r.problem("from", f"{k.what} has two target revisions from {period}",
                      "keep one revision per quarter")
        elif period and value is not None:
            revisions.append(Revision(period, value, reason, date))
    if revisions and target.value is None:
        k.problem("revisions", f"{k.what} revises its target but has no target value to revise",
                  "give the original target as target: 36, then list the revisions")
    return tuple(sorted(revisions, key=lambda v: QUARTERS.index(v.period)))


def _outturn(k: Fields, unit: str, year: FinancialYear) -> Outturn | None:
    """Last year's outturn ("level achieved"), written as a value or as {value, year}."""
    if "last_year" not in k.data:
        return None
    o = k.shorthand("last_year", f"last year's outturn of {k.what}")
    o.allow()
    value = _value(o, "value", unit)
    outturn_year = o.year("year")
    if outturn_year and outturn_year >= year:
        o.problem("year", f"{o.what} is for {outturn_year.label}, which is not before this "
                  f"plan's year {year.label}", "give the year before the plan's, or leave out "
                  "the year")
    if value is None:
        if "value" not in o.data:
            o.problem("value", f"{o.what} has no value",
                      "write it like last_year: {value: 72, year: 2024/25}")
        return None
    return Outturn(value, outturn_year or FinancialYear(year.start - 1))


def _wrong_period(indicator: str, period: str, frequency: str, periods) -> tuple[str, str]:
    """What is wrong with a results key that is not one of `periods`, and how to fix it."""
    kind = {"six-monthly": "half-year", "monthly": "month (M1 to M12)"}.get(frequency, "quarter")
    what = f"{indicator} has results for '{period}', which is not a {kind}"
    month = next((n for n, name in enumerate(MONTHS) if period.lower() in
                  (name.lower(), name[:3].lower())), None)
    if month is not None and frequency == "monthly":
        return what, f"write {period} as M{(month - 3) % 12 + 1} (M1 is April, M12 is March)"
    more = {"six-monthly": " (it is six-monthly)", "monthly": " (it is monthly; M1 is April)"}
    return what, f"use {', '.join(periods[:-1])} or year" + more.get(
        frequency, " (H1 and H2 need frequency: six-monthly; M1 to M12 frequency: monthly)")


def _frequency(k: Fields, basis: str) -> tuple[str, int, FinancialYear | None]:
    """How often the figure comes: monthly (M1 April to M12 March), quarterly, six-monthly
    (H1, H2), or every few years (frequency: {every_years: 2, first_year: 2023/24}, a figure
    reported once in each year it is collected)."""
    raw = k.data.get("frequency")
    if not isinstance(raw, dict):
        often = k.choice("frequency", k.declared("frequency", "choice").words) or "quarterly"
        if often == "monthly" and basis == "annual":
            k.problem("basis", f"{k.what} is reported every month, but its basis is "
                      "'annual'", "write the basis of each month's figure (quarter for the "
                      "month alone, quarter-end, cumulative or year-to-date), or leave out "
                      "frequency: monthly")
        return often, 1, None
    f = k.shorthand("frequency", f"the frequency of {k.what}")
    f.allow()
    every, first = f.integer("every_years"), f.year("first_year")
    if every is not None and not 2 <= every <= 10:
        f.problem("every_years", f"{f.what} is every {every} years",
                  "write a whole number of years from 2 to 10, like every_years: 2 (leave "
                  "frequency out for a figure collected every year)")
        every = None
    if basis != "annual":
        k.problem("basis", f"{k.what} is collected every few years, but its basis is "
                  f"'{basis}'", "write basis: annual (one figure in each year it is collected)")
    if every is None or first is None:
        return "quarterly", 1, None
    return "years", every, first


def read_tolerance(f: Fields, key: str) -> float | None:
    """A near-target tolerance: a percentage of the target, from 0 to 100."""
    value = f.number(key)
    if value is not None and not 0 <= value <= 100:
        f.problem(key, f"'{key}' of {f.what} is {value}, which is not a percentage from 0 to "
                  "100", f"write it like {key}: 5 (a result within 5% of its target is near "
                  "target)")
        return None
    return value


def read_trend_tolerance(f: Fields) -> float | None:
    """A trend tolerance: how far a figure may move (in its unit) and count as no
    significant change; 0 or more."""
    value = f.number("trend_tolerance")
    if value is not None and value < 0:
        f.problem("trend_tolerance", f"'trend_tolerance' of {f.what} is {value}, but it is "
                  "how far a figure may move and still count as no significant change",
                  "write 0 or a positive number in the indicator's unit, like "
                  "trend_tolerance: 0.1")
        return None
    return value


def _decimals(k: Fields) -> int | None:
    """How many decimal places to show: a whole number from 0 to 6, or None (as given)."""
    value = k.integer("decimals")
    if value is not None and not 0 <= value <= 6:
        k.problem("decimals", f"'decimals' of {k.what} is {value}, but figures can show 0 "
                  "to 6 decimal places", "write a whole number from 0 to 6, like decimals: 1")
        return None
    return value


def _target(k: Fields, unit: str, year: FinancialYear) -> Target:
    if "target" not in k.data:
        return Target()
    t = k.shorthand("target", f"the target of {k.what}")
    t.allow()
    quarters = []
    block = t.block("quarters")
    if block:
        block.allow()
        quarters = [(q, v) for q in QUARTERS if (v := _value(block, q, unit)) is not None]
    baseline, baseline_year = _baseline(t, unit)
    return Target(value=_value(t, "value", unit), text=t.text("text"), quarters=tuple(quarters),
                  seasons=_seasons(t, unit, {q for q, _ in quarters}), baseline=baseline,
                  baseline_year=baseline_year, later=_later(t, unit, year))


def _baseline(t: Fields, unit: str):
    """A baseline figure, written as a value or as {value, year}."""
    if "baseline" not in t.data:
        return None, None
    b = t.shorthand("baseline", f"the baseline in {t.what}")
    b.allow()
    value = _value(b, "value", unit)
    if value is None and "value" not in b.data:
        b.problem("value", f"{b.what} has no value",
                  "write it like baseline: {value: 72, year: 2024/25}")
    return value, b.year("year")


def _later(t: Fields, unit: str, year: FinancialYear) -> tuple:
    """Targets a plan sets for years after its own, written like 2026/27: 85."""
    block = t.block("later")
    if block is None:
        return ()
    later = []
    for name in block.data:
        later_year = parse_year(str(name))
        value = _value(block, name, unit)
        if not later_year:
            block.problem(name, f"{block.what} has '{name}', which is not a financial year",
                          "name each later year like 2026/27: 85")
        elif later_year <= year:
            block.problem(name, f"{block.what} sets a target for {later_year.label}, which is "
                          f"not after this plan's year {year.label}",
                          "give later-year targets only for years after the plan's own year")
        elif value is not None:
            later.append((later_year, value))
    return tuple(sorted(later))


def _seasons(t: Fields, unit: str, profiled: set[str]) -> tuple[Season, ...]:
    """Seasonal targets: each season names its quarters; a quarter has one target at most."""
    block = t.block("seasons")
    if block is None:
        return ()
    seasons, taken = [], {q: "the quarterly targets" for q in profiled}
    for name in block.data:
        s = block.entry(name, f"the {name} season of {t.what}")
        s.allow()
        quarters = s.texts("quarters")
        for quarter in quarters:
            if quarter not in QUARTERS:
                s.problem("quarters", f"{s.what} lists '{quarter}', which is not a quarter",
                          "list quarters as Q1, Q2, Q3 or Q4, like quarters: [Q1, Q2]")
            elif quarter in taken:
                s.problem("quarters", f"{quarter} is in {s.what} and also in {taken[quarter]}",
                          "give each quarter one target only")
            else:
                taken[quarter] = f"the {name} season"
        value = _value(s, "value", unit)
        if value is None and "value" not in s.data:
            s.problem("value", f"{s.what} has no value", "add a line 'value: 250' to it")
        if value is not None and quarters:
            seasons.append(Season(str(name), tuple(q for q in QUARTERS if q in quarters), value))
    return tuple(seasons)
