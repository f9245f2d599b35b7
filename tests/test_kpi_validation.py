"""Indicator targets and margins: every mistake is reported as file:line: what; how to fix it."""

from __future__ import annotations

import shutil

import pytest
from conftest import edit, plansite
from test_validation import assert_reported, check, line_of

from generator.model.records import FinancialYear, Season
from generator.pipeline import read_council

PLAN = "data/plans/2024-25/parks.yml"
PK1_TARGET = "    target: 80\n"


def seasons(body: str) -> str:
    return "    target:\n      seasons:\n" + body


CASES = [
    # (name, old text, new text, text on the reported line, expected message part)
    ("season quarter unknown", PK1_TARGET,
     seasons("        summer: {quarters: [Q1, Q5], value: 80}\n"), "summer:",
     "the summer season of the target of indicator PK1 lists 'Q5', which is not a quarter; "
     "list quarters as Q1, Q2, Q3 or Q4"),
    ("quarter in two seasons", PK1_TARGET,
     seasons("        summer: {quarters: [Q1, Q2], value: 80}\n"
             "        winter: {quarters: [Q2, Q3], value: 70}\n"), "winter:",
     "Q2 is in the winter season of the target of indicator PK1 and also in the summer "
     "season; give each quarter one target only"),
    ("quarter in a season and the quarterly targets", PK1_TARGET,
     "    target:\n      quarters: {Q1: 75}\n      seasons:\n"
     "        summer: {quarters: [Q1, Q2], value: 80}\n", "summer:",
     "Q1 is in the summer season of the target of indicator PK1 and also in the quarterly "
     "targets"),
    ("season without a value", PK1_TARGET, seasons("        summer: {quarters: [Q1, Q2]}\n"),
     "summer:", "the summer season of the target of indicator PK1 has no value; add a line "
     "'value: 250' to it"),
    ("season without quarters", PK1_TARGET, seasons("        summer: {value: 80}\n"),
     "summer:", "the summer season of the target of indicator PK1 has no 'quarters'"),
    ("misspelt target field", PK1_TARGET, "    target:\n      season: 80\n", "season: 80",
     "the target of indicator PK1 has a field 'season' that Plansite does not know; check the "
     "spelling; did you mean 'seasons'?"),
    ("later year not after the plan", PK1_TARGET,
     "    target:\n      value: 80\n      later: {2023/24: 85}\n", "later:",
     "sets a target for 2023/24, which is not after this plan's year 2024/25; give later-year "
     "targets only for years after the plan's own year"),
    ("later year not a year", PK1_TARGET,
     "    target:\n      value: 80\n      later: {next year: 85}\n", "later:",
     "has 'next year', which is not a financial year; name each later year like 2026/27: 85"),
    ("baseline year wrong", PK1_TARGET,
     "    target:\n      value: 80\n      baseline: {value: 72, year: 2023}\n", "baseline:",
     "'year' of the baseline in the target of indicator PK1 is '2023', which is not a "
     "financial year; write it like 2025/26"),
    ("baseline as text", PK1_TARGET,
     "    target:\n      value: 80\n      baseline: high\n", "baseline: high",
     "'baseline' of the target of indicator PK1 should be a number"),
    ("margin negative", PK1_TARGET, PK1_TARGET + "    near_target_percent: -2\n",
     "near_target_percent", "'near_target_percent' of indicator PK1 is -2, which is not a "
     "percentage from 0 to 100; write it like near_target_percent: 5"),
    ("margin over 100", PK1_TARGET, PK1_TARGET + "    near_target_percent: 150\n",
     "near_target_percent", "is 150, which is not a percentage from 0 to 100"),
    ("margin as text", PK1_TARGET, PK1_TARGET + "    near_target_percent: 5%\n",
     "near_target_percent", "'near_target_percent' of indicator PK1 is '5%', written with "
     "the % sign; write 5 without the % sign"),
    ("margin on an information-only indicator", "    polarity: higher\n",
     "    polarity: none\n    near_target_percent: 2\n", "near_target_percent",
     "indicator PK1 has near_target_percent, but a information-only indicator is never near "
     "its target; remove the near_target_percent line"),
    ("value and not available", "      Q2: 78\n",
     "      Q2: {value: 78, not_available: Late}\n", "Q2: {value: 78",
     "the Q2 result of indicator PK1 has both a value and not_available; keep the value, or "
     "remove it "
     "and keep the reason it is not available"),
    ("yes-no target with a number", "    unit: percent\n    polarity: higher\n",
     "    unit: yes-no\n    polarity: higher\n", "target: 80",
     "'target' of indicator PK1 should be yes or no but is a number"),
]


@pytest.mark.parametrize("name,old,new,line_text,message", CASES, ids=[c[0] for c in CASES])
def test_each_target_mistake_names_file_line_and_fix(project, name, old, new, line_text,
                                                     message):
    assert_reported(project, PLAN, old, new, line_text, message)


def test_a_yes_no_margin_is_refused(project):
    edit(project / PLAN, "    unit: percent\n    polarity: higher\n    basis: quarter\n"
         "    target: 80\n", "    unit: yes-no\n    polarity: higher\n    basis: quarter\n"
         "    target: yes\n    near_target_percent: 5\n")
    edit(project / PLAN, "      Q1: {value: 82, comment: Good summer.}\n      Q2: 78\n",
         "      Q1: yes\n")
    line = line_of(project, PLAN, "near_target_percent")
    stderr = check(project)
    assert (f"{PLAN}:{line}: indicator PK1 has near_target_percent, but a yes-no indicator is "
            "never near its target") in stderr


def test_one_indicator_per_key_in_a_year(project):
    shutil.copy(project / "data/services/parks.yml", project / "data/services/gardens.yml")
    text = (project / PLAN).read_text(encoding="utf-8")
    text = text.replace("service: parks", "service: gardens")
    text = text[: text.index("versions:")]  # a new plan, with no version history yet
    (project / "data/plans/2024-25/gardens.yml").write_text(text, encoding="utf-8")
    stderr = check(project)
    files = {PLAN, "data/plans/2024-25/gardens.yml"}
    for key in ("park-satisfaction", "litter-complaints"):
        reported = [x.strip() for x in stderr.splitlines() if f"key '{key}' is also" in x]
        assert len(reported) == 1, stderr
        here, other = reported[0].split(":")[0], reported[0].split(" by ")[1].split(";")[0]
        line = line_of(project, here, f"key: {key}") - 1  # the item starts on the line above
        assert reported[0].startswith(f"{here}:{line}: indicator key '{key}' is also used in "
                                      f"2024/25 by {other}; give each indicator its own key")
        assert {here, other} == files


def test_every_target_shape_reaches_the_model(project):
    edit(project / PLAN, PK1_TARGET,
         "    target:\n      value: 80\n      text: 80% or more\n"
         "      quarters: {Q1: 70, Q2: 75}\n"
         "      seasons:\n        winter: {quarters: [Q3, Q4], value: 85}\n"
         "      baseline: {value: 72, year: 2023/24}\n"
         "      later: {2025/26: 85, 2026-27: 90}\n"
         "    near_target_percent: 2.5\n")
    assert plansite("check", root=project).returncode == 0
    kpi = read_council(project).plans[0].kpis[0]
    target = kpi.target
    assert (target.value, target.text) == (80, "80% or more")
    assert target.quarters == (("Q1", 70), ("Q2", 75))
    assert target.seasons == (Season("winter", ("Q3", "Q4"), 85),)
    assert (target.baseline, target.baseline_year) == (72, FinancialYear(2023))
    assert target.later == ((FinancialYear(2025), 85), (FinancialYear(2026), 90))
    assert kpi.tolerance_percent == 2.5
    assert target.for_quarter("Q2") == (75, "quarter")
    assert target.for_quarter("Q4") == (85, "winter")
