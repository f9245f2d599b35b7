"""`plansite check --period Q2 2024-25`: what each plan still lacks for a quarter."""

from __future__ import annotations

import re

from conftest import edit, plansite

PLAN = "data/plans/2024-25/parks.yml"  # in a copy of tests/fixtures/council (fictional)
# An annual and a six-monthly indicator besides the fixture's two quarterly ones.
MORE = """  - ref: PK3
    key: green-flag
    title: Main park keeps its Green Flag Award
    unit: yes-no
    polarity: higher
    basis: annual
    target: yes
  - ref: PK4
    key: volunteer-hours
    title: Volunteer hours
    unit: number
    polarity: higher
    basis: quarter
    frequency: six-monthly
    target: 500
versions:
"""


def missing(project, *args: str) -> tuple[int, dict[str, list[str]]]:
    """Exit status, and each heading of the list with the items under it."""
    result = plansite("check", *args, root=project)
    assert "Traceback" not in result.stderr
    found, heading = {}, None
    for line in result.stdout.splitlines():
        if match := re.match(r"  - (.*):$", line):
            heading = match[1]
            found[heading] = []
        elif heading and (match := re.match(r"    - (.*)$", line)):
            found[heading].append(match[1])
    return result.returncode, found


def test_lists_figures_and_updates_a_quarter_lacks_respecting_frequency(project):
    edit(project / PLAN, "versions:\n", MORE)
    kpis = "Indicators with neither a figure nor a reason (not_available) for {}"
    code, found = missing(project, "--period", "Q2", "2024-25")
    assert code == 1
    assert found == {
        kpis.format("Q2"): ["PK2 Number of litter complaints", "PK4 Volunteer hours"],
        "Priorities with no update since 30 June 2024": ["2. Review play areas"]}
    code, found = missing(project, "--period", "Q3", "2024-25")
    assert found[kpis.format("Q3")] == ["PK1 Percentage of residents satisfied with parks",
                                        "PK2 Number of litter complaints"]
    code, found = missing(project, "--period", "Q4", "2024-25")
    assert [k.split()[0] for k in found[kpis.format("Q4")]] == ["PK1", "PK2", "PK3", "PK4"]
    assert found["Priorities with no update since 31 December 2024"] == [
        "1. Plant a thousand trees", "2. Review play areas"]


def test_a_reason_counts_as_given_and_nothing_missing_exits_0(project):
    code, found = missing(project, "2024-25", "--period", "Q1")  # PK2's Q1 gives a reason
    assert code == 1 and list(found) == ["Priorities with no update since 31 March 2024"]
    edit(project / PLAN, "    target: Throughout 2024/25\n", "    target: Throughout 2024/25\n"
         "    updates:\n      - date: 2024-06\n        text: Survey started.\n")
    result = plansite("check", "--period", "Q1", "2024-25", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Parks and Open Spaces (data/plans/2024-25/parks.yml): nothing missing." in \
        result.stdout


def test_a_complete_priority_needs_no_update(project):
    edit(project / PLAN, "    target: Throughout 2024/25\n",
         "    target: Throughout 2024/25\n    stage: complete\n")
    code, found = missing(project, "--period", "Q1", "2024-25")
    assert code == 0 and found == {}


def test_a_wrong_period_or_year_is_explained(project):
    for args, message in ((("--period", "Q5", "2024-25"), "--period Q5: this is not a quarter"),
                          (("--period", "Q2"), "the plan year is missing"),
                          (("2024-25",), "--period: no quarter is given"),
                          (("--period", "Q2", "2030-31"), "there are no plans for 2030/31")):
        result = plansite("check", *args, root=project)
        assert result.returncode == 1 and message in result.stderr, (args, result.stderr)


MONTHLY = """  - ref: PK5
    key: cafe-visits
    title: Park cafe visits
    unit: number
    polarity: higher
    basis: quarter
    frequency: monthly
    target: 900
    results:
      M1: 950
      M2: 910
      M3: 880
      M4: 990
      M6:
        not_available: The counter broke
versions:
"""


def test_a_monthly_indicator_owes_each_month_of_the_quarter(project):
    edit(project / PLAN, "versions:\n", MONTHLY)
    kpis = "Indicators with neither a figure nor a reason (not_available) for {}"
    _, found = missing(project, "--period", "Q1", "2024-25")
    assert "PK5 Park cafe visits" not in found.get(kpis.format("Q1"), [])
    _, found = missing(project, "--period", "Q2", "2024-25")  # M5 is missing
    assert "PK5 Park cafe visits" in found[kpis.format("Q2")]
    edit(project / PLAN, "      M6:\n", "      M5: 1000\n      M6:\n")
    _, found = missing(project, "--period", "Q2", "2024-25")
    assert "PK5 Park cafe visits" not in found.get(kpis.format("Q2"), [])
