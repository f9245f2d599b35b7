"""The one status rule and the trend rule, case by case (generator/model/status.py)."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import ROOT

from generator.model.status import (RULES, STATUSES, TRENDS, Performance, Schemes,
                                  applicable_target, assess, progress, standard_scheme, trend)
from generator.model.records import FinancialYear, Kpi, PlanYear, Result, Revision, Season, Target

TOLERANCE = 5.0  # the site's near-target margin in these cases
SITE = Schemes(tolerance=TOLERANCE)  # the standard scheme only


def kpi(polarity="higher", basis="quarter", unit="percent", target=Target(80), results=(),
        tolerance=None, trend_tolerance=None, **more) -> Kpi:
    return Kpi(key="k", ref="K1", title="An indicator", unit=unit, polarity=polarity,
               basis=basis, target=target, results=tuple(results), tolerance_percent=tolerance,
               trend_tolerance=trend_tolerance, **more)


PROFILED = Target(98, quarters=(("Q1", 29), ("Q2", 57), ("Q3", 85), ("Q4", 98)))
PER_QUARTER = Target(quarters=(("Q1", 70), ("Q2", 75), ("Q3", 80), ("Q4", 85)))
SEASONAL = Target(text="250 in summer, 150 in winter",
                  seasons=(Season("summer", ("Q1", "Q2"), 250),
                           Season("winter", ("Q3", "Q4"), 150)))
PART_PROFILED = Target(98, quarters=(("Q2", 57),))

# (name, indicator, period, expected rule, expected status, expected target applied)
CASES = [
    # nothing reported, not available, no figure
    ("nothing reported", kpi(), "", "nothing-reported", "no-data", None),
    ("not available", kpi(results=[("Q1", Result(unavailable="Contract dispute"))]), "Q1",
     "not-available", "no-data", 80),
    ("not available, information only",
     kpi(polarity="none", results=[("Q1", Result(unavailable="Dispute"))]), "Q1",
     "not-available", "no-data", 80),
    ("annual, comment only in Q1",
     kpi(polarity="lower", basis="annual", unit="pounds", target=Target(25),
         results=[("Q1", Result(comment="Reported annually"))]), "Q1", "annual-not-due",
     "not-yet-due", 25),
    ("annual, comment only in Q3", kpi(basis="annual", results=[("Q3", Result(comment="Later"))]),
     "Q3", "annual-not-due", "not-yet-due", 80),
    ("annual, no figure in Q4", kpi(basis="annual", results=[("Q4", Result(comment="Late"))]),
     "Q4", "no-figure", "no-data", 80),
    ("quarterly, comment only", kpi(results=[("Q2", Result(comment="No return"))]), "Q2",
     "no-figure", "no-data", 80),
    # information only
    ("information only", kpi(polarity="none", target=Target(90), results=[("Q1", Result(50))]),
     "Q1", "information-only", "information-only", 90),
    ("information only, no target", kpi(polarity="none", target=Target(),
                                        results=[("Q1", Result(50))]),
     "Q1", "information-only", "information-only", None),
    # cumulative indicators
    ("cumulative, annual target, Q1",
     kpi(basis="cumulative", target=Target(98), results=[("Q1", Result(29.5))]), "Q1",
     "cumulative-not-due", "not-yet-due", 98),
    ("cumulative, annual target, Q3",
     kpi(basis="cumulative", target=Target(98), results=[("Q3", Result(80))]), "Q3",
     "cumulative-not-due", "not-yet-due", 98),
    ("cumulative, annual target, Q4 met",
     kpi(basis="cumulative", target=Target(98), results=[("Q4", Result(98.2))]), "Q4",
     "met", "on-target", 98),
    ("cumulative, annual target, Q4 near",
     kpi(basis="cumulative", target=Target(98), results=[("Q4", Result(96))]), "Q4",
     "near", "near-target", 98),
    ("cumulative, annual target, whole year missed",
     kpi(basis="cumulative", target=Target(98), results=[("year", Result(90))]), "year",
     "missed", "off-target", 98),
    ("cumulative, target with text, Q2",
     kpi(basis="cumulative", target=Target(100, "100% by year-end"),
         results=[("Q2", Result(40))]), "Q2", "cumulative-not-due", "not-yet-due", 100),
    ("cumulative, profiled, Q1 met",
     kpi(basis="cumulative", target=PROFILED, results=[("Q1", Result(29.5))]), "Q1", "met",
     "on-target", 29),
    ("cumulative, profiled, Q2 near",
     kpi(basis="cumulative", target=PROFILED, results=[("Q2", Result(55))]), "Q2", "near",
     "near-target", 57),
    ("cumulative, profiled, Q3 missed",
     kpi(basis="cumulative", target=PROFILED, results=[("Q3", Result(60))]), "Q3", "missed",
     "off-target", 85),
    ("cumulative, profiled for Q2 only, Q1",
     kpi(basis="cumulative", target=PART_PROFILED, results=[("Q1", Result(20))]), "Q1",
     "cumulative-not-due", "not-yet-due", 98),
    ("cumulative, lower is better, annual target, Q2",
     kpi(polarity="lower", basis="cumulative", unit="number", target=Target(100),
         results=[("Q2", Result(30))]), "Q2", "cumulative-not-due", "not-yet-due", 100),
    ("cumulative, lower is better, Q4 missed",
     kpi(polarity="lower", basis="cumulative", unit="number", target=Target(100),
         results=[("Q4", Result(120))]), "Q4", "missed", "off-target", 100),
    ("cumulative yes/no, Q1 not yet",
     kpi(basis="cumulative", unit="yes-no", target=Target(True), results=[("Q1", Result(False))]),
     "Q1", "cumulative-not-due", "not-yet-due", True),
    ("cumulative, no target", kpi(basis="cumulative", target=Target(),
                                  results=[("Q1", Result(10))]),
     "Q1", "no-target", "no-target", None),
    # year-to-date rates: judged every period, never "not yet due"
    ("year-to-date rate, annual target, Q1 met",
     kpi(basis="year-to-date", target=Target(53), results=[("Q1", Result(100))]), "Q1", "met",
     "on-target", 53),
    ("year-to-date rate, annual target, Q2 near",
     kpi(basis="year-to-date", target=Target(53), results=[("Q2", Result(51))]), "Q2", "near",
     "near-target", 53),
    ("year-to-date rate, lower is better, Q3 missed",
     kpi(polarity="lower", basis="year-to-date", unit="days", target=Target(10),
         results=[("Q3", Result(12))]), "Q3", "missed", "off-target", 10),
    # no target
    ("no target", kpi(target=Target(), results=[("Q1", Result(10))]), "Q1", "no-target",
     "no-target", None),
    ("text-only target", kpi(target=Target(text="Improve on last year"),
                             results=[("Q1", Result(10))]),
     "Q1", "no-target", "no-target", None),
    ("per-quarter targets, whole year", kpi(target=PER_QUARTER, results=[("year", Result(80))]),
     "year", "no-target", "no-target", None),
    # yes/no
    ("yes/no met", kpi(unit="yes-no", target=Target(True), results=[("Q2", Result(True))]), "Q2",
     "yes-no-met", "on-target", True),
    ("yes/no missed", kpi(unit="yes-no", target=Target(True), results=[("Q2", Result(False))]),
     "Q2", "yes-no-missed", "off-target", True),
    ("yes/no, target no, lower is better",
     kpi(polarity="lower", unit="yes-no", target=Target(False), results=[("Q1", Result(False))]),
     "Q1", "yes-no-met", "on-target", False),
    ("yes/no, quarter-end, missed",
     kpi(basis="quarter-end", unit="yes-no", target=Target(True), results=[("Q3", Result(False))]),
     "Q3", "yes-no-missed", "off-target", True),
    # single targets, higher is better
    ("higher, equals target", kpi(results=[("Q1", Result(80))]), "Q1", "met", "on-target", 80),
    ("higher, beats target", kpi(results=[("Q1", Result(83))]), "Q1", "met", "on-target", 80),
    ("higher, at the edge of the margin", kpi(results=[("Q1", Result(76))]), "Q1", "near",
     "near-target", 80),
    ("higher, just outside the margin", kpi(results=[("Q1", Result(75.9))]), "Q1", "missed",
     "off-target", 80),
    ("quarter-end, higher, met", kpi(basis="quarter-end", target=Target(70),
                                     results=[("Q1", Result(83))]),
     "Q1", "met", "on-target", 70),
    ("annual figure in Q4, lower, met",
     kpi(polarity="lower", basis="annual", unit="pounds", target=Target(25),
         results=[("Q4", Result(24.5))]), "Q4", "met", "on-target", 25),
    ("annual whole-year figure, lower, near",
     kpi(polarity="lower", basis="annual", unit="pounds", target=Target(25),
         results=[("year", Result(26))]), "year", "near", "near-target", 25),
    # single targets, lower is better
    ("lower, beats target", kpi(polarity="lower", unit="per-100000", target=Target(40),
                                results=[("Q1", Result(35))]),
     "Q1", "met", "on-target", 40),
    ("lower, near", kpi(polarity="lower", unit="per-100000", target=Target(40),
                        results=[("Q1", Result(42))]),
     "Q1", "near", "near-target", 40),
    ("lower, missed", kpi(polarity="lower", unit="per-100000", target=Target(40),
                          results=[("Q1", Result(43))]),
     "Q1", "missed", "off-target", 40),
    ("lower, days, target 0, any miss is off",
     kpi(polarity="lower", unit="days", target=Target(0), results=[("Q1", Result(1))]), "Q1",
     "missed", "off-target", 0),
    # per-quarter and seasonal targets
    ("per-quarter, Q3 met", kpi(target=PER_QUARTER, results=[("Q3", Result(80))]), "Q3", "met",
     "on-target", 80),
    ("per-quarter, Q4 missed", kpi(target=PER_QUARTER, results=[("Q4", Result(79))]), "Q4",
     "missed", "off-target", 85),
    ("seasonal, summer met", kpi(polarity="lower", unit="per-100000", target=SEASONAL,
                                 results=[("Q2", Result(240))]),
     "Q2", "met", "on-target", 250),
    ("seasonal, winter missed", kpi(polarity="lower", unit="per-100000", target=SEASONAL,
                                    results=[("Q3", Result(240))]),
     "Q3", "missed", "off-target", 150),
    ("seasonal, winter near", kpi(polarity="lower", unit="per-100000", target=SEASONAL,
                                  results=[("Q4", Result(157))]),
     "Q4", "near", "near-target", 150),
    # tolerance overridden by the indicator
    ("own margin 0: any miss is off", kpi(tolerance=0, results=[("Q1", Result(79.9))]), "Q1",
     "missed", "off-target", 80),
    ("own margin 10: wider near", kpi(tolerance=10, results=[("Q1", Result(72))]), "Q1", "near",
     "near-target", 80),
    ("own margin 10, lower", kpi(polarity="lower", target=Target(40), tolerance=10,
                                 results=[("Q1", Result(44))]),
     "Q1", "near", "near-target", 40),
    ("own margin 1: site's 5 ignored", kpi(tolerance=1, results=[("Q1", Result(78))]), "Q1",
     "missed", "off-target", 80),
]


@pytest.mark.parametrize("name,indicator,period,rule,status,target", CASES,
                         ids=[c[0] for c in CASES])
def test_status(name, indicator, period, rule, status, target):
    result = Performance((), SITE).assess(indicator, period)
    assert (result.rule, result.status, result.target) == (rule, status, target)
    assert SITE.status(result.status).shown == STATUSES[status][0]


SIX_MONTHLY = dict(frequency="six-monthly")
MONTHLY = dict(frequency="monthly")
# Cases that depend on the indicator's plan: (name, indicator, period, collected in the
# plan's year?, months the plan has reported, expected rule, expected status)
PLAN_CASES = [
    ("every 2 years, off year", kpi(basis="annual"), "", False, 6, "not-collected",
     "not-collected"),
    ("every 2 years, off year, even with a comment",
     kpi(basis="annual", results=[("Q4", Result(comment="Next survey in 2026"))]), "Q4", False,
     12, "not-collected", "not-collected"),
    ("every 2 years, on year, figure", kpi(basis="annual", results=[("Q4", Result(82))]), "Q4",
     True, 12, "met", "on-target"),
    ("annual, nothing yet, plan at Q2", kpi(basis="annual"), "", True, 6, "nothing-due-yet",
     "not-yet-due"),
    ("annual, nothing yet, plan at Q3", kpi(basis="annual"), "", True, 9, "nothing-due-yet",
     "not-yet-due"),
    ("annual, nothing yet, plan at M11", kpi(basis="annual"), "", True, 11, "nothing-due-yet",
     "not-yet-due"),
    ("annual, nothing at year end", kpi(basis="annual"), "", True, 12, "nothing-reported",
     "no-data"),
    ("annual, nothing, plan has nothing", kpi(basis="annual"), "", True, 0, "nothing-reported",
     "no-data"),
    ("six-monthly, nothing, plan at Q1", kpi(**SIX_MONTHLY), "", True, 3, "nothing-due-yet",
     "not-yet-due"),
    ("six-monthly, nothing, plan at M5", kpi(**SIX_MONTHLY), "", True, 5, "nothing-due-yet",
     "not-yet-due"),
    ("six-monthly, nothing, plan at Q2", kpi(**SIX_MONTHLY), "", True, 6, "nothing-reported",
     "no-data"),
    ("six-monthly, H1 met", kpi(**SIX_MONTHLY, results=[("H1", Result(81))]), "H1", True, 6,
     "met", "on-target"),
    ("six-monthly, H2 near", kpi(**SIX_MONTHLY, results=[("H2", Result(77))]), "H2", True, 12,
     "near", "near-target"),
    ("six-monthly cumulative, annual target, H1",
     kpi(basis="cumulative", target=Target(98), results=[("H1", Result(50))], **SIX_MONTHLY),
     "H1", True, 6, "cumulative-not-due", "not-yet-due"),
    ("six-monthly year-to-date rate, H1 missed",
     kpi(basis="year-to-date", results=[("H1", Result(60))], **SIX_MONTHLY), "H1", True, 6,
     "missed", "off-target"),
    # monthly: each month judged like a quarter (M1 is April)
    ("monthly, nothing, plan at M2", kpi(**MONTHLY), "", True, 2, "nothing-reported",
     "no-data"),
    ("monthly, M1 met", kpi(**MONTHLY, results=[("M1", Result(80))]), "M1", True, 1, "met",
     "on-target"),
    ("monthly, M7 near", kpi(**MONTHLY, results=[("M7", Result(77))]), "M7", True, 7, "near",
     "near-target"),
    ("monthly, M12 missed", kpi(**MONTHLY, results=[("M12", Result(70))]), "M12", True, 12,
     "missed", "off-target"),
    ("monthly, M5 comment only", kpi(**MONTHLY, results=[("M5", Result(comment="Late"))]),
     "M5", True, 5, "no-figure", "no-data"),
    ("monthly, M2 not available",
     kpi(**MONTHLY, results=[("M2", Result(unavailable="System down"))]), "M2", True, 2,
     "not-available", "no-data"),
    ("monthly cumulative, annual target, M11",
     kpi(basis="cumulative", target=Target(98), results=[("M11", Result(90))], **MONTHLY),
     "M11", True, 11, "cumulative-not-due", "not-yet-due"),
    ("monthly cumulative, annual target, M12 met",
     kpi(basis="cumulative", target=Target(98), results=[("M12", Result(99))], **MONTHLY),
     "M12", True, 12, "met", "on-target"),
    ("monthly year-to-date rate, M1 missed",
     kpi(basis="year-to-date", results=[("M1", Result(60))], **MONTHLY), "M1", True, 1,
     "missed", "off-target"),
    ("monthly, information only", kpi(polarity="none", results=[("M3", Result(5))], **MONTHLY),
     "M3", True, 3, "information-only", "information-only"),
    # contextual: never judged, whatever its polarity
    ("contextual, higher is better", kpi(contextual=True, target=Target(),
                                         results=[("Q1", Result(10))]),
     "Q1", True, 3, "contextual", "information-only"),
    ("contextual, lower is better, monthly",
     kpi(polarity="lower", contextual=True, target=Target(), results=[("M4", Result(10))],
         **MONTHLY), "M4", True, 4, "contextual", "information-only"),
    ("contextual, not available", kpi(contextual=True, target=Target(),
                                       results=[("Q2", Result(unavailable="Late"))]),
     "Q2", True, 6, "not-available", "no-data"),
]


# A month's target: (name, indicator, month, expected target, where it comes from)
MONTH_TARGETS = [
    ("single", kpi(**MONTHLY), "M5", 80, "single"),
    ("its quarter's own target", kpi(target=PER_QUARTER, **MONTHLY), "M5", 75, "quarter"),
    ("its quarter's season", kpi(target=SEASONAL, **MONTHLY), "M8", 150, "winter"),
    ("cumulative, mid-quarter: the year-end target",
     kpi(basis="cumulative", target=PROFILED, **MONTHLY), "M4", 98, "year-end"),
    ("cumulative, the quarter's last month: its profiled target",
     kpi(basis="cumulative", target=PROFILED, **MONTHLY), "M6", 57, "quarter"),
    ("revised from Q3, in M7", kpi(revisions=(Revision("Q3", 75, "Budget"),), **MONTHLY), "M7",
     75, "revised"),
    ("revised from Q3, not yet in M6", kpi(revisions=(Revision("Q3", 75, "Budget"),),
                                           **MONTHLY), "M6", 80, "single"),
]


@pytest.mark.parametrize("name,indicator,month,target,source", MONTH_TARGETS,
                         ids=[c[0] for c in MONTH_TARGETS])
def test_the_target_of_a_month(name, indicator, month, target, source):
    assert applicable_target(indicator, month) == (target, source)


@pytest.mark.parametrize("name,indicator,period,collected,progress,rule,status", PLAN_CASES,
                         ids=[c[0] for c in PLAN_CASES])
def test_status_in_its_plan(name, indicator, period, collected, progress, rule, status):
    result = assess(indicator, period, standard_scheme(TOLERANCE), collected, progress)
    assert (result.rule, result.status) == (rule, status)


def test_progress_is_the_latest_period_any_indicator_reports():
    assert progress(_plan(2025)) == 0
    assert progress(_plan(2025, kpi(results=[("Q1", Result(1))]),
                          kpi(results=[("Q3", Result(comment="x"))]))) == 9
    assert progress(_plan(2025, kpi(results=[("H1", Result(1))], **SIX_MONTHLY))) == 6
    assert progress(_plan(2025, kpi(results=[("Q1", Result(1))]),
                          kpi(results=[("M4", Result(1))], **MONTHLY))) == 4


def test_every_rule_is_exercised_by_a_case():
    assert {c[3] for c in CASES} | {c[5] for c in PLAN_CASES} == {key for key, _, _ in RULES}
    assert {status for _, _, status in RULES} == set(STATUSES)


# Every combination of polarity × basis × target shape × result state. Each state is
# described relative to the target, so the expected status follows from the words alone.
POLARITIES = ("higher", "lower", "none")
BASES = ("quarter", "quarter-end", "cumulative", "year-to-date", "annual")
SHAPES = ("single", "with-text", "profiled", "per-quarter", "seasonal", "yes-no", "none")
STATES = ("beats", "meets", "near", "misses", "not-available", "comment-only", "unreported")
PERIODS = ("Q1", "Q4", "year")


def _target(shape: str) -> Target:
    return {"single": Target(80), "with-text": Target(80, "80% or better"),
            "profiled": Target(80, quarters=(("Q1", 80), ("Q4", 80))),
            "per-quarter": Target(quarters=(("Q1", 80), ("Q4", 80))),
            "seasonal": Target(seasons=(Season("summer", ("Q1", "Q2"), 80),
                                        Season("winter", ("Q3", "Q4"), 80))),
            "yes-no": Target(True), "none": Target()}[shape]


def _value(polarity: str, shape: str, state: str):
    if shape == "yes-no":  # the target is yes: meeting it is answering yes
        return state in ("beats", "meets")
    step = {"beats": 5, "meets": 0, "near": -3, "misses": -20}[state]
    return 80 + step if polarity != "lower" else 80 - step


def _expected(polarity, basis, shape, state, period) -> str:
    if state == "unreported":
        return "no-data"
    if state == "not-available":
        return "no-data"
    if state == "comment-only":
        return "not-yet-due" if basis == "annual" and period == "Q1" else "no-data"
    if polarity == "none":
        return "information-only"
    has_own = shape in ("profiled", "per-quarter", "seasonal") and period != "year"
    year_target = shape in ("single", "with-text", "profiled", "yes-no")
    if basis == "cumulative" and period == "Q1" and not has_own and year_target:
        return "not-yet-due"
    if not has_own and not year_target:
        return "no-target"
    if shape == "yes-no":
        return "on-target" if state in ("beats", "meets") else "off-target"
    return {"beats": "on-target", "meets": "on-target", "near": "near-target",
            "misses": "off-target"}[state]


COMBINATIONS = [c for c in itertools.product(POLARITIES, BASES, SHAPES, STATES, PERIODS)
                if not (c[2] == "yes-no" and c[3] == "near")]


@pytest.mark.parametrize("polarity,basis,shape,state,period", COMBINATIONS)
def test_every_combination(polarity, basis, shape, state, period):
    unit = "yes-no" if shape == "yes-no" else "percent"
    if state in ("unreported", "not-available", "comment-only"):
        results = {"unreported": [], "not-available": [(period, Result(unavailable="Why"))],
                   "comment-only": [(period, Result(comment="Later"))]}[state]
    else:
        results = [(period, Result(_value(polarity, shape, state)))]
    indicator = kpi(polarity, basis, unit, _target(shape), results)
    shown = period if results else ""
    got = assess(indicator, shown, standard_scheme(TOLERANCE))
    assert got.status == _expected(polarity, basis, shape, state, period), got


def test_headline_is_the_latest_reported_period():
    indicator = kpi(results=[("Q1", Result(90)), ("Q2", Result(70)),
                             ("Q3", Result(unavailable="System down"))])
    perf = Performance((), SITE)
    assert perf.headline(indicator).period == "Q3"
    assert perf.headline(indicator).status == "no-data"
    assert perf.headline(kpi()).rule == "nothing-reported"
    assert perf.counts([indicator, kpi(results=[("Q1", Result(90))]),
                        kpi(results=[("Q1", Result(90))])]) == (("on-target", 2), ("no-data", 1))


def test_the_target_applied_says_where_it_comes_from():
    assert applicable_target(kpi(basis="cumulative", target=Target(98)), "Q1") == (98, "year-end")
    assert applicable_target(kpi(target=PROFILED), "Q2") == (57, "quarter")
    assert applicable_target(kpi(target=SEASONAL), "Q3") == (150, "winter")
    assert applicable_target(kpi(target=Target(70)), "Q3") == (70, "single")
    assert applicable_target(kpi(target=Target()), "Q3") == (None, "")


TREND_CASES = [
    # (polarity, current, previous, expected)
    ("higher", 83, 80, "better"), ("higher", 78, 80, "worse"), ("higher", 80, 80, "no-change"),
    ("lower", 35, 40, "better"), ("lower", 45, 40, "worse"), ("lower", 40.0, 40, "no-change"),
    ("none", 5, 4, "up"), ("none", 3, 4, "down"), ("none", 4, 4, "no-change"),
    ("higher", True, False, "better"), ("higher", False, True, "worse"),
    ("lower", True, False, "worse"), ("higher", True, True, "no-change"),
    ("higher", None, 80, ""), ("higher", 80, None, ""), ("higher", True, 1, ""),
]


@pytest.mark.parametrize("polarity,current,previous,expected", TREND_CASES)
def test_trend(polarity, current, previous, expected):
    assert trend(polarity, current, previous) == expected
    assert expected == "" or expected in TRENDS


def _plan(start: int, *kpis: Kpi) -> PlanYear:
    return PlanYear(year=FinancialYear(start), service="s", source="x.yml", kpis=kpis)


def test_trends_against_the_previous_period_and_a_year_earlier():
    year, before = FinancialYear(2025), FinancialYear(2024)
    last = kpi(polarity="lower", target=Target(40),
               results=[("Q1", Result(50)), ("Q4", Result(45))])
    now = kpi(polarity="lower", target=Target(40),
              results=[("Q1", Result(42)), ("Q2", Result(44)), ("Q3", Result(unavailable="x"))])
    perf = Performance((_plan(2024, last), _plan(2025, now)), SITE)
    q1 = perf.previous(year, now, "Q1")
    assert (q1.trend, q1.year, q1.period, q1.value) == ("better", before, "Q4", 45)
    q2 = perf.previous(year, now, "Q2")
    assert (q2.trend, q2.year, q2.period, q2.value) == ("worse", year, "Q1", 42)
    assert perf.year_on_year(year, now, "Q1").trend == "better"
    assert perf.year_on_year(year, now, "Q2").trend == ""  # no Q2 a year earlier
    assert perf.previous(year, now, "Q3").trend == ""  # no figure now
    assert perf.previous(before, last, "Q1").trend == ""  # no year before


def test_cumulative_figures_are_compared_only_with_a_year_earlier():
    last = kpi(basis="cumulative", target=Target(98), results=[("Q1", Result(28.7)),
                                                               ("Q4", Result(97))])
    now = kpi(basis="cumulative", target=Target(98), results=[("Q1", Result(29.5)),
                                                              ("Q2", Result(57))])
    perf = Performance((_plan(2021, last), _plan(2022, now)), SITE)
    assert perf.previous(FinancialYear(2022), now, "Q2").trend == ""
    assert perf.previous(FinancialYear(2022), now, "Q1").trend == ""
    assert perf.year_on_year(FinancialYear(2022), now, "Q1").trend == "better"


def test_six_monthly_figures_are_compared_half_with_half():
    last = kpi(results=[("H1", Result(70)), ("H2", Result(74))], **SIX_MONTHLY)
    now = kpi(results=[("H1", Result(76)), ("H2", Result(73))], **SIX_MONTHLY)
    perf = Performance((_plan(2021, last), _plan(2022, now)), SITE)
    h1 = perf.previous(FinancialYear(2022), now, "H1")
    assert (h1.trend, h1.year, h1.period) == ("better", FinancialYear(2021), "H2")
    h2 = perf.previous(FinancialYear(2022), now, "H2")
    assert (h2.trend, h2.year, h2.period) == ("worse", FinancialYear(2022), "H1")
    assert perf.year_on_year(FinancialYear(2022), now, "H1").period == "H1"


def test_a_plan_gives_its_indicators_their_year_and_progress():
    survey = kpi(basis="annual", frequency="years", every_years=2,
                 first_year=FinancialYear(2023))
    other = kpi(results=[("Q2", Result(1))])
    perf = Performance((_plan(2024, survey, other),), SITE)
    assert perf.headline(survey).rule == "not-collected"
    perf = Performance((_plan(2025, survey, other),), SITE)
    assert perf.headline(survey).rule == "nothing-due-yet"


def test_year_to_date_rates_are_compared_within_their_year_and_a_year_earlier():
    last = kpi(basis="year-to-date", target=Target(53), results=[("Q1", Result(60)),
                                                                 ("Q4", Result(70))])
    now = kpi(basis="year-to-date", target=Target(53), results=[("Q1", Result(100)),
                                                                ("Q2", Result(90))])
    perf = Performance((_plan(2021, last), _plan(2022, now)), SITE)
    assert perf.previous(FinancialYear(2022), now, "Q1").trend == ""  # not last year's Q4
    q2 = perf.previous(FinancialYear(2022), now, "Q2")
    assert (q2.trend, q2.period, q2.value) == ("worse", "Q1", 100)
    assert perf.year_on_year(FinancialYear(2022), now, "Q1").trend == "better"


def test_a_year_earlier_skips_years_without_a_figure():
    survey = kpi(basis="annual", results=[("Q4", Result(70))])
    off_year = kpi(basis="annual", results=[("Q4", Result(comment="Not collected this year"))])
    now = kpi(basis="annual", results=[("Q4", Result(75))])
    perf = Performance((_plan(2021, survey), _plan(2022, off_year), _plan(2023, now)), SITE)
    for compared in (perf.year_on_year(FinancialYear(2023), now, "Q4"),
                     perf.previous(FinancialYear(2023), now, "Q4")):
        assert (compared.trend, compared.year, compared.value) == \
            ("better", FinancialYear(2021), 70)
    assert perf.year_on_year(FinancialYear(2021), survey, "Q4").trend == ""


TOLERANCE_CASES = [
    # (polarity, current, previous, tolerance, expected)
    ("lower", 10.31, 10.30, 0.1, "no-significant-change"),
    ("lower", 10.40, 10.30, 0.1, "no-significant-change"),  # at the edge
    ("lower", 10.41, 10.30, 0.1, "worse"),
    ("higher", 79.5, 80, 1, "no-significant-change"),
    ("higher", 78.9, 80, 1, "worse"),
    ("none", 5.2, 5, 0.5, "no-significant-change"),
    ("lower", 10.31, 10.30, 0, "worse"),  # no tolerance: every move counts
    ("higher", 80, 80, 1, "no-change"),
    ("higher", True, False, 1, "better"),  # yes/no answers are never within a tolerance
]


@pytest.mark.parametrize("polarity,current,previous,tolerance,expected", TOLERANCE_CASES)
def test_trend_tolerance(polarity, current, previous, tolerance, expected):
    assert trend(polarity, current, previous, tolerance) == expected


def test_the_indicator_trend_tolerance_overrides_the_site():
    last = kpi(polarity="lower", unit="days", results=[("Q1", Result(10.30))])
    now = kpi(polarity="lower", unit="days", results=[("Q1", Result(10.31))])
    site = Performance((_plan(2021, last), _plan(2022, now)), SITE, trend_tolerance=0.1)
    assert site.year_on_year(FinancialYear(2022), now, "Q1").trend == "no-significant-change"
    own = kpi(polarity="lower", unit="days", results=[("Q1", Result(10.31))], trend_tolerance=0)
    site = Performance((_plan(2021, last), _plan(2022, own)), SITE, trend_tolerance=0.1)
    assert site.year_on_year(FinancialYear(2022), own, "Q1").trend == "worse"


def test_annual_figures_are_compared_with_the_year_before():
    last = kpi(polarity="lower", basis="annual", target=Target(25), results=[("Q4", Result(24))])
    now = kpi(polarity="lower", basis="annual", target=Target(25), results=[("Q4", Result(26))])
    perf = Performance((_plan(2021, last), _plan(2022, now)), SITE)
    previous = perf.previous(FinancialYear(2022), now, "Q4")
    assert (previous.trend, previous.year, previous.period) == ("worse", FinancialYear(2021), "Q4")


def test_no_trend_when_the_unit_or_basis_changed():
    last = kpi(unit="number", results=[("Q1", Result(70))])
    now = kpi(results=[("Q1", Result(80))])
    perf = Performance((_plan(2021, last), _plan(2022, now)), SITE)
    assert perf.year_on_year(FinancialYear(2022), now, "Q1").trend == ""
    last = kpi(basis="quarter-end", results=[("Q1", Result(70))])
    perf = Performance((_plan(2021, last), _plan(2022, now)), SITE)
    assert perf.year_on_year(FinancialYear(2022), now, "Q1").trend == ""


def test_monthly_figures_are_compared_month_with_month():
    last = kpi(results=[("M1", Result(84)), ("M12", Result(79))], **MONTHLY)
    now = kpi(results=[("M1", Result(82)), ("M2", Result(78.5))], **MONTHLY)
    perf = Performance((_plan(2024, last), _plan(2025, now)), SITE)
    m1 = perf.previous(FinancialYear(2025), now, "M1")
    assert (m1.trend, m1.year, m1.period, m1.value) == ("better", FinancialYear(2024), "M12", 79)
    m2 = perf.previous(FinancialYear(2025), now, "M2")
    assert (m2.trend, m2.year, m2.period) == ("worse", FinancialYear(2025), "M1")
    a_year_earlier = perf.year_on_year(FinancialYear(2025), now, "M1")
    assert (a_year_earlier.trend, a_year_earlier.period) == ("worse", "M1")
    rate = kpi(basis="year-to-date", results=[("M1", Result(60))], **MONTHLY)
    perf = Performance((_plan(2024, last), _plan(2025, rate)), SITE)
    assert perf.previous(FinancialYear(2025), rate, "M1").trend == ""  # not last year's M12


def test_a_monthly_indicator_reports_a_quarter_by_its_latest_month():
    monthly = kpi(results=[("M1", Result(1)), ("M2", Result(2)), ("M4", Result(4))], **MONTHLY)
    assert [monthly.latest_in(q) for q in ("Q1", "Q2", "Q3", "year")] == ["M2", "M4", "M9",
                                                                         "year"]
    assert kpi(results=[("Q1", Result(1))]).latest_in("Q1") == "Q1"


def test_the_data_reference_states_the_rule_the_site_applies():
    """docs/data-reference.md words the rule for councils; RULES is the rule. Step by step,
    the statuses it names (in bold) are the statuses of RULES, in the same order."""
    text = (ROOT / "docs" / "data-reference.md").read_text(encoding="utf-8")
    rule = text.split("first of these that applies gives the status:", 1)[1].split("\n\n")[1]
    assert rule.startswith("1. ")
    named = re.findall(r"\*\*([^*]+)\*\*", re.sub(r"\n +", " ", rule))
    assert named == [STATUSES[status][0].lower() for _key, _when, status in RULES]
