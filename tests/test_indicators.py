"""Indicator types, ownership, theme links, forecasts, target revisions and last year's
outturn: validated with the house's messages, and shown on the pages of a real build."""

from __future__ import annotations

import csv
import io
import re

import pytest
from conftest import copy_council, edit, edit_snapshot, plansite
from html_tables import strip_tags, table
from test_validation import assert_reported, check, line_of

PLAN = "data/plans/2024-25/parks.yml"
SNAPSHOT = "data/plans/2024-25/versions/parks/v2.yml"
PK1_TARGET = "    target: 80\n"

CASES = [
    # (name, old text, new text, text on the reported line, expected message part)
    ("type not in the site's list", PK1_TARGET, PK1_TARGET + "    type: outcome\n", "type:",
     "'type' of indicator PK1 is 'outcome', which is not one of the site's indicator types: "
     "key-result, performance, contextual; use one of those keys, or add the type to "
     "indicator_types in site_config.yml"),
    ("level unknown", PK1_TARGET, PK1_TARGET + "    level: team\n", "level:",
     "'level' of indicator PK1 is 'team', which is not one of: corporate, service"),
    ("lead officer with a name but no role", PK1_TARGET,
     PK1_TARGET + "    lead_officer: {name: Sam Jones}\n", "lead_officer:",
     "'lead_officer' of indicator PK1 has no 'role'; add a line 'role: Head of Finance'"),
    ("lead officer as a list", PK1_TARGET, PK1_TARGET + "    lead_officer: [a, b]\n",
     "lead_officer:", "'lead_officer' of indicator PK1 should be text"),
    ("unknown theme", PK1_TARGET, PK1_TARGET + "    themes: [green, blue]\n", "blue",
     "indicator PK1 links to an unknown theme 'blue'; use the theme keys of corporate plan "
     "2024-2028: fair, green, sound, or 'all'"),
    ("forecast without a value", PK1_TARGET, PK1_TARGET + "    forecast: {source: ONS}\n",
     "forecast:", "the forecast of indicator PK1 has no value; write it like forecast: "
     "{value: 12.5, source: ONS projection}"),
    ("benchmark as words", PK1_TARGET, PK1_TARGET + "    benchmark: high\n", "benchmark:",
     "'benchmark' of indicator PK1 should be a number"),
    ("revision from no quarter", PK1_TARGET,
     PK1_TARGET + "    revisions:\n      - {from: Q5, value: 78, reason: Budget}\n", "Q5",
     "'from' of target revision 1 of indicator PK1 is 'Q5', which is not one of: Q1, Q2, Q3, "
     "Q4"),
    ("revision without a reason", PK1_TARGET,
     PK1_TARGET + "    revisions:\n      - {from: Q3, value: 78}\n", "from: Q3",
     "target revision 1 of indicator PK1 has no 'reason'"),
    ("revision without a value", PK1_TARGET,
     PK1_TARGET + "    revisions:\n      - {from: Q3, reason: Budget}\n", "from: Q3",
     "target revision 1 of indicator PK1 has no value; add the new target, like value: 35"),
    ("two revisions from one quarter", PK1_TARGET,
     PK1_TARGET + "    revisions:\n      - {from: Q3, value: 78, reason: Budget}\n"
     "      - {from: Q3, value: 77, reason: Again}\n", "value: 77",
     "indicator PK1 has two target revisions from Q3; keep one revision per quarter"),
    ("revision of no target", "    target: {value: 100, text: \"No more than 100 in the year\"}\n",
     "    revisions:\n      - {from: Q3, value: 90, reason: Budget}\n", "revisions:",
     "indicator PK2 revises its target but has no target value to revise; give the original "
     "target as target: 36"),
    ("last year not before the plan", PK1_TARGET,
     PK1_TARGET + "    last_year: {value: 75, year: 2024/25}\n", "last_year:",
     "last year's outturn of indicator PK1 is for 2024/25, which is not before this plan's "
     "year 2024/25"),
    ("last year as words", PK1_TARGET, PK1_TARGET + "    last_year: good\n", "last_year:",
     "'last_year' of indicator PK1 should be a number"),
    ("a contextual indicator with a target", PK1_TARGET, PK1_TARGET + "    type: contextual\n",
     "target: 80", "indicator PK1 is of the type 'Contextual', which is contextual: it is "
     "shown beside a forecast or benchmark and never judged against a target; remove the "
     "target (give a forecast or benchmark instead), or choose a type that is not contextual"),
]


@pytest.mark.parametrize("name,old,new,line_text,message", CASES, ids=[c[0] for c in CASES])
def test_each_indicator_mistake_names_file_line_and_fix(project, name, old, new, line_text,
                                                        message):
    assert_reported(project, PLAN, old, new, line_text, message)


def test_themes_need_the_plan_to_name_its_corporate_plan(project):
    edit(project / PLAN, "corporate_plan: 2024-2028\n", "")
    edit(project / PLAN, "    themes: all\n", "")
    edit(project / PLAN, "    themes: [green]\n", "")
    edit(project / PLAN, PK1_TARGET, PK1_TARGET + "    themes: [green]\n")
    line = line_of(project, PLAN, "themes: [green]")
    assert (f"{PLAN}:{line}: indicator PK1 links to themes but the plan names no "
            "corporate_plan; add 'corporate_plan: <key>' to the plan, or remove the themes line") \
        in check(project)


@pytest.mark.parametrize("types,line_text,message", [
    ("  - {key: outcome, name: Outcome}\n  - {key: outcome, name: Again}\n", "Again",
     "there are two indicator types with the key 'outcome'; give each indicator type its own "
     "key"),
    ("  - {key: outcome}\n", "key: outcome", "indicator type 1 has no 'name'; add a line "
     "'name: Key result (outcome)' to it"),
    ("  - {key: Outcome Measures, name: Outcome}\n", "Outcome Measures",
     "keys may only use lower-case letters, digits and single hyphens"),
    ("  - {key: context, name: Contextual, contextual: sometimes}\n", "sometimes",
     "should be yes or no"),
], ids=["repeated key", "no name", "bad key", "contextual not yes or no"])
def test_each_indicator_type_mistake_is_reported(project, types, line_text, message):
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "indicator_types:\n" + types,
                      encoding="utf-8")
    line = line_of(project, "site_config.yml", line_text)
    stderr = check(project)
    assert any(message in x for x in stderr.splitlines()
               if x.strip().startswith(f"site_config.yml:{line}: ")), stderr


# The fixture council, with indicators that use every new field (the same in the plan and
# in its published snapshot).
TYPES = ("indicator_types:\n  - {key: outcome, name: Key result (outcome)}\n"
         "  - {key: service, name: Performance (service)}\n"
         "  - {key: context, name: Contextual, contextual: yes}\n")
NEW_KPIS = """\
  - ref: PK3
    key: tree-cover
    title: Tree canopy cover
    type: outcome
    level: corporate
    lead_officer: Head of Environment
    directorate: Place
    themes: [sound]
    unit: percent
    polarity: higher
    basis: quarter-end
    target:
      value: 36
      baseline: {value: 30, year: 2022/23}
      later: {2025/26: 38, 2026/27: 40}
    revisions:
      - from: Q3
        value: 35
        reason: Storm damage in October
        date: 2024-10-20
    last_year: 31.5
    results:
      Q1: 33
      Q2: 34
      Q3: 34.6
  - ref: PK4
    key: older-residents
    title: Residents aged over 65
    type: context
    level: service
    lead_officer: {role: Policy manager, name: Sam Jones}
    unit: number
    polarity: higher
    basis: annual
    forecast: {value: 21000, source: ONS projection}
    benchmark: 20500
    results:
      year: 21400
versions:
"""


REVISION = "    revisions:\n      - {from: Q2, value: 78, reason: Budget cut, date: 2024-07-01}\n"
# PK1 gains a type and a theme in the update (version 2), so its history names both.
PK1_LINKS = "    type: outcome\n    themes: [green]\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture council with the new indicators, built for real; returns a page reader."""
    project = copy_council(tmp_path_factory.mktemp("indicators") / "council")
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + TYPES, encoding="utf-8")
    # Priority 2 links to green and fair only, so the sound theme is linked by PK3 alone;
    # PK1's target is revised by the update (version 2).
    for old, new in (("    themes: all\n", "    themes: [green, fair]\n"),
                     ("versions:\n", NEW_KPIS), (PK1_TARGET, PK1_TARGET + REVISION + PK1_LINKS)):
        edit(project / PLAN, old, new)
        edit_snapshot(project / SNAPSHOT, old, new)
    site = project / "site"
    result = plansite("build", "--site-dir", str(site), root=project)
    assert result.returncode == 0, result.stderr
    return lambda path: (site / path).read_text(encoding="utf-8")


def test_the_plan_table_shows_type_ownership_revision_baseline_and_last_year(built):
    rows = table(built("2024-25/parks/index.html"), "Performance indicators").rows
    heads = table(built("2024-25/parks/index.html"), "Performance indicators").head
    assert "Last year" in heads
    pk3 = dict(zip(heads, next(r for r in rows if r[0] == "PK3")))
    assert ("Type: Key result (outcome)" in pk3["Indicator"] and "Level: Corporate"
            in pk3["Indicator"] and "Lead officer: Head of Environment" in pk3["Indicator"]
            and "Directorate: Place" in pk3["Indicator"] and "Themes: A sound council"
            in pk3["Indicator"])
    assert pk3["Target"] == ("36% Revised. From Q3: 35% (Storm damage in October; 20 October "
                             "2024) Baseline: 30% (2022/23) Target for 2025/26: 38% "
                             "Target for 2026/27: 40%")
    assert pk3["Last year"] == "31.5% (2023/24) Latest figure: Better +3.1 percentage points"
    assert "Near target" in pk3["Status"]  # 34.6% at Q3 against the revised 35%
    pk1 = dict(zip(heads, next(r for r in rows if r[0] == "PK1")))
    assert pk1["Last year"] == "–"
    assert pk1["Target"] == "80% Revised. From Q2: 78% (Budget cut; 1 July 2024)"


def test_a_contextual_indicator_is_compared_with_its_forecast_never_judged(built):
    page = built("2024-25/parks/index.html")
    found = table(page, "Performance indicators")
    pk4 = dict(zip(found.head, next(r for r in found.rows if r[0] == "PK4")))
    assert "Type: Contextual" in pk4["Indicator"]
    assert "Lead officer: Sam Jones, Policy manager" in pk4["Indicator"]
    assert pk4["Target"] == ("– Forecast: 21,000 (ONS projection) The latest figure is 400 "
                             "above the forecast. Benchmark: 20,500 The latest figure is 900 "
                             "above the benchmark.")
    assert pk4["Status"].startswith("Information only")
    kpi = strip_tags(built("kpis/older-residents/index.html"))
    assert ("Forecast Forecast: 21,000 (ONS projection). The latest figure is 400 above the "
            "forecast. A forecast is shown for comparison; results are not judged against "
            "it.") in kpi


def test_the_kpi_page_shows_the_revision_and_ownership(built):
    page = built("kpis/tree-cover/index.html")
    text = strip_tags(page)
    for fact in ("Type Key result (outcome)", "Level Corporate",
                 "Lead officer Head of Environment", "Directorate Place",
                 "Themes A sound council"):
        assert fact in text
    targets = table(page, "Targets of")
    row = dict(zip(targets.head, targets.rows[0]))
    assert row["Revisions during the year"] == ("From Q3: 35% (Storm damage in October; "
                                                 "20 October 2024)")
    assert row["Level achieved the year before"] == "31.5% (2023/24)"
    results = table(page, "Results of")
    by_period = {r[0]: dict(zip(results.head, r)) for r in results.rows}
    assert by_period["Q2 2024/25"]["Target"] == "36%"
    assert by_period["Q3 2024/25"]["Target"] == "35% (revised from Q3)"
    assert by_period["Q4 2024/25"]["Target"] == "35% (revised from Q3)"


def test_the_chart_target_line_steps_at_the_revision(built):
    svg = built("kpis/tree-cover/index.html")
    labels = re.findall(r'class="ps-chart__target-label"[^>]*>([^<]*)<', svg)
    assert any("Target 36%" in x for x in labels) and \
        any("Target 35% (revised from Q3)" in x for x in labels), labels


def test_a_theme_linked_only_by_indicators_shows_them(built):
    sound = strip_tags(built("themes/sound/index.html"))
    assert "No service priorities link" not in sound
    assert "Priorities and indicators in 2024/25" in sound
    assert ("1 performance indicator linked to this theme: PK3: Tree canopy cover Status: "
            "Near target · Latest figure: 34.6% (Q3 2024/25)") in sound
    assert "1 linked indicator" in strip_tags(built("themes/index.html"))


def test_the_history_lists_a_target_revision(built):
    history = strip_tags(built("2024-25/parks/history/index.html"))
    assert ("Target revisions Before: Not stated After: From Q2: 78% (Budget cut; 1 July "
            "2024)") in history


def test_the_history_names_the_type_and_the_themes_an_indicator_links_to(built):
    history = strip_tags(built("2024-25/parks/history/index.html"))
    assert "Type Before: Not stated After: Key result (outcome)" in history
    assert "Link to the corporate plan Before: Not stated After: Green" in history


def test_open_data_carries_the_new_columns(built):
    rows = list(csv.DictReader(io.StringIO(built("data/2024-25/parks/kpi-results.csv"))))
    pk3 = next(r for r in rows if r["ref"] == "PK3" and r["period"] == "Q3")
    assert (pk3["type"], pk3["level"], pk3["lead_officer_role"], pk3["directorate"],
            pk3["themes"], pk3["last_year"], pk3["target"]) == (
        "Key result (outcome)", "Corporate", "Head of Environment", "Place",
        "A sound council", "31.5", "35")
    pk4 = next(r for r in rows if r["ref"] == "PK4")
    assert (pk4["forecast"], pk4["benchmark"], pk4["lead_officer_name"]) == \
        ("21000", "20500", "Sam Jones")


def test_the_starter_shows_every_indicator_field(tmp_path):
    folder = tmp_path / "starter"
    assert plansite("new", str(folder)).returncode == 0
    site = folder / "site"
    result = plansite("build", "--site-dir", str(site), root=folder)
    assert result.returncode == 0, result.stderr
    page = (site / "2025-26/waste/index.html").read_text(encoding="utf-8")
    found = table(page, "Performance indicators")
    rows = {r[0]: dict(zip(found.head, r)) for r in found.rows}
    assert "Type: Key result (outcome)" in rows["WR1"]["Indicator"]
    assert "Baseline: 46.5% (2023/24) Target for 2026/27: 52.0%" in rows["WR1"]["Target"]
    assert rows["WR1"]["Last year"].startswith("48.7% (2024/25)")
    assert "Lead officer: Waste Services Manager" in rows["WR2"]["Indicator"]
    assert "Revised. From Q2: 92%" in rows["WR3"]["Target"]
    assert "Forecast: 210 (the trend of the last three years)" in rows["WR4"]["Target"]
    assert rows["WR4"]["Status"].startswith("Information only")
    greener = strip_tags((site / "themes/greener/index.html").read_text(encoding="utf-8"))
    assert "2 performance indicators linked to this theme" in greener


def test_the_indicator_index_has_a_type_column(built):
    found = table(built("kpis/index.html"), "Every performance indicator")
    types = dict(zip(found.column("Indicator"), found.column("Type")))
    assert types["Tree canopy cover"] == "Key result (outcome)"
    assert types["Residents aged over 65"] == "Contextual"
    assert types["Percentage of residents satisfied with parks"] == "Key result (outcome)"
    assert types["Number of litter complaints"] == "–"
