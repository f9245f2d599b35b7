"""A council's own performance framework (issue 12), built for real from the fictional
tests/fixtures/frameworks-council: its status keys (bands in per cent and in points, labels,
words for screen readers), every frequency and basis, and the trend tolerance; and every
mistake in them reported as file:line: what; how to fix it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, plansite
from html_tables import strip_tags, table
from test_validation import assert_reported

FRAMEWORKS = ROOT / "tests" / "fixtures" / "frameworks-council"
PLAN = "data/plans/2025-26/housing.yml"
CONFIG = "site_config.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The frameworks council's preview (its plans are drafts), built for real."""
    folder = tmp_path_factory.mktemp("frameworks") / "site"
    built = plansite("build", "--preview", "--site-dir", str(folder), root=FRAMEWORKS)
    assert built.returncode == 0, built.stderr
    return folder


@pytest.fixture
def frameworks(tmp_path) -> Path:
    return shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# (ref, the status shown for the year, after its icon if it has one, and why)
HEADLINES = [
    ("FR1", "●Green", "0.5 short of 90%: within the green band's 1%"),
    ("FR2", "◆Yellow", "3 short of 90%: within the yellow band's 5% (position at quarter end)"),
    ("FR3", "■Red", "2.5% against at most 2%: 25% over, beyond every band"),
    ("FR4", "●Within 2 points", "a year-to-date rate judged in Q1 by its points key"),
    ("FR5", "Not due yet", "cumulative against a year-end target, in the standard key"),
    ("FR6", "Not collected this year", "a survey every two years, in its off year"),
    ("FR7", "●Green", "six-monthly: its H1 figure beats the target"),
    ("FR8", "Not due yet", "annual, nothing reported while the plan is at Q1 and H1"),
    ("FR9", "◆Yellow", "10.31 days against at most 10: 3.1% over"),
    ("FR10", "Context only", "information only, in the council's words"),
    ("FR11", "Grey: no data", "not available, in the council's words"),
    ("FR12", "●Green", "monthly: its latest month, July (M4), beats the target"),
    ("FR13", "Context only", "contextual: never judged, although lower is better"),
]


@pytest.mark.parametrize("ref,status,why", HEADLINES, ids=[h[0] for h in HEADLINES])
def test_each_indicator_shows_its_status_in_the_councils_words(site, ref, status, why):
    plan = table(_page(site, "2025-26/housing"), "Performance indicators: Housing, 2025/26")
    assert plan.row(ref)["Status"].startswith(status), (why, plan.row(ref))


def test_a_band_is_read_out_in_its_own_words_and_drawn_in_its_colour(site):
    html = _page(site, "2025-26/housing")
    assert ('<span class="ps-icon ps-icon--own" aria-hidden="true" style="--ps-own: #1b6e35; '
            '--ps-own-dark: #c6dbcc">●</span><span aria-hidden="true">Green</span>'
            '<span class="ps-visually-hidden">Green: on target or within 1%</span>') in html


def test_half_years_trends_and_the_year_to_date_basis_on_the_plan_page(site):
    plan = table(_page(site, "2025-26/housing"), "Performance indicators: Housing, 2025/26")
    # A plan's table keeps to quarters, to fit the page: a half-year's figure is shown under
    # the quarter it ends with, saying which half-year it is.
    assert plan.head[2:7] == ["Q1", "Q2", "Q3", "Q4", "Target"]
    assert (plan.row("FR7")["Q1"], plan.row("FR7")["Q2"]) == ("–", "99% H1 2025/26")
    assert "Rate for the year to date" in plan.row("FR4")["Indicator"]
    assert plan.row("FR9")["Trend"] == ("On a year earlier: No significant change "
                                        "Q1 2024/25: 10.30 days")
    assert plan.row("FR1")["Trend"] == "On a year earlier: No change Q1 2024/25: 89.5%"


def test_a_monthly_indicator_in_the_plan_table_shows_each_quarters_latest_month(site):
    plan = table(_page(site, "2025-26/housing"), "Performance indicators: Housing, 2025/26")
    row = plan.row("FR12")
    assert (row["Q1"], row["Q2"], row["Q3"]) == ("70% June 2025", "81% July 2025", "–")
    assert "Figure for the month; reported every month" in row["Indicator"]
    assert row["Status"].endswith("within 1% July 2025.")
    assert row["Trend"] == "On the previous period: Better June 2025: 70%"


# (month, figure, status, on the previous period, on a year earlier) on the page of FR12
MONTHS = [
    ("March 2025", "79%", "◆Yellow", "–", "–"),  # M12 of 2024/25
    ("April 2025", "82%", "●Green", "Better March 2025: 79%", "Worse April 2024: 84%"),
    ("May 2025", "78.5%", "◆Yellow", "Worse April 2025: 82%", "–"),
    ("June 2025", "70%", "■Red", "Worse May 2025: 78.5%", "–"),
    ("July 2025", "81%", "●Green", "Better June 2025: 70%", "–"),
    ("August 2025", "–", "–", "–", "–"),
    ("March 2026", "–", "–", "–", "–"),
]


@pytest.mark.parametrize("month,figure,status,previous,year_earlier", MONTHS,
                         ids=[m[0] for m in MONTHS])
def test_a_monthly_indicator_page_judges_and_compares_month_by_month(
        site, month, figure, status, previous, year_earlier):
    results = table(_page(site, "kpis/calls-answered"), "Results of “Percentage of housing "
                    "calls answered within 60 seconds”, period by period")
    row = next(dict(zip(results.head, r)) for r in results.rows if r[0] == month)
    assert row["Status"].startswith(status), row
    assert (row["Result"], row["On the previous period"], row["On a year earlier"]) == \
        (figure, previous, year_earlier)


def test_a_monthly_indicator_is_charted_and_downloaded_by_month(site):
    html = _page(site, "kpis/calls-answered")
    start = html.index('class="ps-chart"')
    svg = html[start:html.index("</svg>", start)]
    assert ">Apr<" in svg and ">Mar<" in svg and ">Q1<" not in svg
    rows = list(csv.DictReader(io.StringIO(
        (site / "data/2025-26/housing/kpi-results.csv").read_text(encoding="utf-8"))))
    periods = [r["period"] for r in rows if r["ref"] == "FR12"]
    assert periods == [f"M{n}" for n in range(1, 13)]
    m3 = next(r for r in rows if r["ref"] == "FR12" and r["period"] == "M3")
    assert (m3["value"], m3["status"], m3["trend_previous"]) == ("70", "Red", "Worse")


def test_a_contextual_indicator_is_never_judged_and_its_step_is_explained(site):
    plan = table(_page(site, "2025-26/housing"), "Performance indicators: Housing, 2025/26")
    assert "Forecast: 150 (County housing projection) The latest figure is 12 above the " \
        "forecast." in plan.row("FR13")["Target"]
    assert "Contextual: shown beside its forecast or benchmark, never judged." in \
        plan.row("FR13")["Status"]
    steps = table(_page(site, "kpis"), "Steps of the status rule, in order")
    assert ["The indicator is contextual: it is shown beside its forecast or benchmark and "
            "never judged against a target.", "Context only"] in [r[1:] for r in steps.rows]


def test_an_indicator_page_names_the_key_that_judges_it(site):
    targets = table(_page(site, "kpis/repairs-on-time"), "Targets of “Percentage of repairs "
                    "done on time”, year by year")
    assert targets.column("Near-target margin") == ["Not used: judged by the Green, yellow, "
                                                    "red key"]
    targets = table(_page(site, "kpis/homes-delivered"), "Targets of “Affordable homes "
                    "delivered”, year by year")
    assert targets.column("Near-target margin") == ["5% of the target (the site's margin)"]


def test_the_explanation_follows_the_schemes_in_force(site):
    text = strip_tags(_page(site, "kpis"))
    meanings = table(_page(site, "kpis"), "What each status means")
    assert [r[0] for r in meanings.rows] == [
        "●GreenGreen: on target or within 1%", "◆Yellow", "■Red", "On target",
        "Near target", "Off target", "●Within 2 points", "●More than 2 points off",
        "Not due yet", "Not collected this year", "Grey: no data", "No target",
        "Context only"]
    steps = table(_page(site, "kpis"), "Steps of the status rule, in order")
    assert [r[1:] for r in steps.rows[-3:]] == [
        ["The result beats the target or misses it by no more than 1% of the target.",
         "●GreenGreen: on target or within 1%"],
        ["The result misses the target by no more than 5% of the target.", "◆Yellow"],
        ["The result misses the target by more than the band before allows.", "■Red"]]
    points = table(_page(site, "kpis"), "Bands of the Percentage points key, in order")
    assert points.rows == [
        ["●Within 2 points", "The result beats the target or misses it by no more than 2 in "
         "the indicator's unit."],
        ["●More than 2 points off", "The result misses the target by more than the band "
         "before allows."]]
    assert "A result is near target when it misses its target by no more than 5%" in text
    assert "The site's trend tolerance: 0.5 in each indicator's unit." in text
    assert "Average days to re-let a home (FR9, 2025/26): 0.10 days" in text



def test_the_downloads_name_the_statuses_and_trends_a_reader_meets(site):
    """The column descriptions come from the rule in force: the council's own labels, and
    no significant change because it sets a trend tolerance; the /data/ page says the same."""
    meanings = table(_page(site, "kpis"), "What each status means")
    labels = [strip_tags(row[0]).lstrip("●◆■") for row in meanings.rows]
    labels[0] = "Green"  # the cell also holds what screen readers say
    document = json.loads((site / "data/kpi-results.json").read_text(encoding="utf-8"))
    described = {c["name"]: c["description"] for c in document["columns"]}
    assert f"{', '.join(labels[:-1])} or {labels[-1]};" in described["status"]
    assert described["trend_previous"].startswith(
        "Better, Worse, No change, No significant change, Up or Down compared with")
    columns = table(_page(site, "data"), "Columns of kpi-results.csv and kpi-results.json")
    assert dict(columns.rows) == described

def test_the_fixture_is_valid():
    result = plansite("check", root=FRAMEWORKS)
    assert result.returncode == 0, result.stderr


# (name, file, old text, new text, text on the reported line, expected message part)
MISTAKES = [
    ("unknown default scheme", CONFIG, "  scheme: gyr ", "  scheme: rgb ", "scheme: rgb",
     "the default scheme 'rgb' is not one of the schemes (standard, gyr, points); check the "
     "spelling"),
    ("band colour too light", CONFIG, 'colour: "#6b5200"', 'colour: "#ffd700"', "#ffd700",
     "colour '#ffd700' is too light: on white it has a contrast of"),
    ("band colour not hex", CONFIG, 'colour: "#6b5200"', "colour: yellow", "colour: yellow",
     "colour 'yellow' is not a hex colour"),
    ("last band with a limit", CONFIG, "          label: Red\n",
     "          label: Red\n          within_percent: 20\n", "within_percent: 20",
     "band 3 of the 'gyr' scheme is the last band: it takes every result the bands before it "
     "leave, so it has no limit; remove within_percent"),
    ("band without a limit", CONFIG, "          within_percent: 1\n", "", "key: green",
     "band 1 of the 'gyr' scheme does not say how far from the target it reaches; add "
     "within_percent: 5"),
    ("bands out of order", CONFIG, "          within_percent: 5\n",
     "          within_percent: 0.5\n", "within_percent: 0.5",
     "band 2 of the 'gyr' scheme reaches 0.5%, no further than the band before it"),
    ("both kinds of limit", CONFIG, "          within_points: 2\n",
     "          within_points: 2\n          within_percent: 2\n", "within_points: 2",
     "has both within_percent and within_points; keep one of them"),
    ("band key of a built-in status", CONFIG, "key: red", "key: off-target",
     "key: off-target", "'off-target' is the key of a built-in status; give the band a key "
     "of its own, like gyr-off-target"),
    ("band key in two schemes", CONFIG, "key: beyond-two-points", "key: red",
     "key: red\n          label: More than 2 points off",
     "the band key 'red' is also used in the 'gyr' scheme; give each band its own key"),
    ("one band only", CONFIG, "        - key: beyond-two-points\n"
     "          label: More than 2 points off\n", "", "bands:\n        - key: within-two",
     "the 'points' scheme has one band"),
    ("a scheme named standard", CONFIG, "    points:\n", "    standard:\n", "standard:",
     "the scheme name 'standard' is the built-in scheme's"),
    ("label for an unknown status", CONFIG, "    no-data:", "    no-dat:", "no-dat:",
     "has a field 'no-dat' that Plansite does not know"),
    ("icon too long", CONFIG, 'icon: "●"', "icon: GREEN", "icon: GREEN",
     "the icon of band 1 of the 'gyr' scheme is 'GREEN', longer than 3 characters"),
    ("trend tolerance negative", CONFIG, "trend_tolerance: 0.5", "trend_tolerance: -1",
     "trend_tolerance: -1", "'trend_tolerance' of 'kpi_status' of the settings file is -1"),
    ("indicator scheme unknown", PLAN, "    status_scheme: points\n",
     "    status_scheme: pointz\n", "status_scheme: pointz",
     "indicator FR4 uses status_scheme 'pointz', which is not one of the schemes (gyr, "
     "points, standard); check the spelling, or add the scheme under kpi_status → schemes"),
    ("own margin with a council's scheme", PLAN, "    status_scheme: points\n",
     "    near_target_percent: 3\n", "near_target_percent: 3",
     "indicator FR4 has near_target_percent, which is the margin of the standard scheme, but "
     "it is judged with the 'gyr' scheme"),
    ("H1 for a quarterly indicator", PLAN, "      Q1: 2.5\n", "      H1: 2.5\n", "H1: 2.5",
     "indicator FR3 has results for 'H1', which is not a quarter; use Q1, Q2, Q3, Q4 or "
     "year (H1 and H2 need frequency: six-monthly; M1 to M12 frequency: monthly)"),
    ("Q1 for a six-monthly indicator", PLAN, "      H1: 99\n", "      Q1: 99\n", "Q1: 99",
     "indicator FR7 has results for 'Q1', which is not a half-year; use H1, H2 or year (it "
     "is six-monthly)"),
    ("unknown frequency", PLAN, "frequency: six-monthly", "frequency: weekly",
     "frequency: weekly", "is 'weekly', which is not one of: quarterly, monthly, six-monthly"),
    ("a month by its name", PLAN, "      M1: 82\n", "      April: 82\n", "April: 82",
     "indicator FR12 has results for 'April', which is not a month (M1 to M12); write April "
     "as M1 (M1 is April, M12 is March)"),
    ("January by its short name", PLAN, "      M1: 82\n", "      Jan: 82\n", "Jan: 82",
     "write Jan as M10 (M1 is April, M12 is March)"),
    ("Q1 for a monthly indicator", PLAN, "      M2: 78.5\n", "      Q1: 78.5\n", "Q1: 78.5",
     "indicator FR12 has results for 'Q1', which is not a month (M1 to M12); use M1, M2, M3, "
     "M4, M5, M6, M7, M8, M9, M10, M11, M12 or year (it is monthly; M1 is April)"),
    ("M1 for a quarterly indicator", PLAN, "      Q1: 2.5\n", "      M1: 2.5\n", "M1: 2.5",
     "indicator FR3 has results for 'M1', which is not a quarter"),
    ("monthly with an annual basis", PLAN, "    basis: quarter\n    frequency: monthly",
     "    basis: annual\n    frequency: monthly", "basis: annual\n    frequency: monthly",
     "indicator FR12 is reported every month, but its basis is 'annual'; write the basis of "
     "each month's figure"),
    ("a contextual indicator with a target", PLAN, "    type: contextual\n",
     "    type: contextual\n    target: 150\n", "target: 150",
     "indicator FR13 is of the type 'Contextual', which is contextual: it is shown beside a "
     "forecast or benchmark and never judged against a target; remove the target"),
    ("every 1 year", PLAN, "{every_years: 2, first_year: 2024/25}",
     "{every_years: 1, first_year: 2024/25}", "every_years: 1",
     "the frequency of indicator FR6 is every 1 years; write a whole number of years from 2 "
     "to 10"),
    ("every few years without a first year", PLAN, "{every_years: 2, first_year: 2024/25}",
     "{every_years: 2}", "every_years: 2", "the frequency of indicator FR6 has no "
     "'first_year'"),
    ("every few years, not annual", PLAN,
     "    basis: annual\n    frequency: {every_years",
     "    basis: quarter\n    frequency: {every_years", "basis: quarter\n    frequency",
     "indicator FR6 is collected every few years, but its basis is 'quarter'; write basis: "
     "annual"),
    ("a figure in the off year", PLAN, "    target: 75\n",
     "    target: 75\n    results:\n      Q4: 70\n", "results:\n      Q4: 70",
     "indicator FR6 is collected every 2 years from 2024/25, so not in 2025/26, but has a "
     "figure for it; remove the figure, or check first_year under frequency"),
    ("trend tolerance on yes/no", PLAN, "    unit: percent\n    polarity: higher\n    basis: "
     "quarter\n    target: 90\n    results:\n      Q1: 89.5\n",
     "    unit: yes-no\n    polarity: higher\n    basis: quarter\n    target: yes\n"
     "    trend_tolerance: 1\n    results:\n      Q1: yes\n", "trend_tolerance: 1",
     "indicator FR1 has trend_tolerance, but a yes-no answer either changes or does not"),
]


@pytest.mark.parametrize("name,file,old,new,line_text,message", MISTAKES,
                         ids=[m[0] for m in MISTAKES])
def test_each_framework_mistake_names_file_line_and_fix(frameworks, name, file, old, new,
                                                        line_text, message):
    assert_reported(frameworks, file, old, new, line_text, message)


