"""The indicator pages of the built sample: /kpis/, /kpis/<key>/, charts, and status shown
in words on the service, home and year pages."""

from __future__ import annotations

import html as htmllib
import re

import pytest
import yaml
from conftest import HART, edit, plansite
from html_tables import strip_tags, table, tables, words
from quality import structure

from generator.i18n import _ as gettext
from generator.render.rows import Indicators
from generator.model.status import OCCASIONAL, RULES, STATUSES, TRENDS
from generator.pipeline import render

YEARS = ("2022-23", "2025-26")


def plan(year: str) -> dict:
    return yaml.safe_load((HART / f"data/plans/{year}/corporate-services.yml").read_text())


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def content(html: str) -> str:
    """The page's own content (inside the article), without Material's navigation."""
    start = html.index("<article")
    return html[start: html.index("</article>", start)]


def test_the_index_lists_every_indicator_of_every_year(sample_site):
    keys = {k["key"] for year in YEARS for k in plan(year)["kpis"]}
    assert keys, "the sample has no indicators"
    index = content(page(sample_site, "kpis"))
    listed = table(index, "Every performance indicator")
    assert len(listed.rows) == len(keys)
    for key in keys:
        assert f'href="{key}/"' in index, key
        assert (sample_site / "kpis" / key / "index.html").is_file(), key


def test_calls_answered_shows_both_years_under_one_key(sample_site):
    html = content(page(sample_site, "kpis/calls-answered-30-seconds"))
    results = table(html, "period by period")
    q1 = results.row("Q1 2022/23")
    assert (q1["Ref"], q1["Result"], q1["Target"]) == ("CP5", "83%", "70%")
    assert q1["Status"] == "On target"
    for quarter in ("Q1", "Q2", "Q3", "Q4"):
        row = results.row(f"{quarter} 2025/26")
        assert (row["Ref"], row["Result"], row["Target"], row["Status"]) == ("CP4", "–", "80%", "–")
    assert "CP4 in 2025/26; CP5 in 2022/23" in strip_tags(html)
    targets = table(html, "year by year")
    assert targets.row("2025/26")["Target in the plan"] == "80%"
    assert targets.row("2022/23")["Target in the plan"] == "70%"


def test_council_tax_at_q1_is_not_yet_due_against_the_annual_target(sample_site):
    html = content(page(sample_site, "kpis/council-tax-collected"))
    row = table(html, "period by period").row("Q1 2022/23")
    assert (row["Ref"], row["Result"], row["Target"]) == ("CP7", "29.5%", "98% by year end")
    assert row["Status"] == ("Not yet due 29.5% so far this year, against a year-end target "
                             "of 98%.")
    service = content(page(sample_site, "2022-23/corporate-services"))
    cp7 = table(service, "Performance indicators").row("CP7")
    assert cp7["Q1"] == "29.5%" and cp7["Target"] == "98%"
    assert cp7["Status"].startswith("Not yet due Q1 2022/23.")


@pytest.mark.parametrize("kpi", [k for k in plan("2022-23")["kpis"]
                                 if "not_available" in k["results"].get("Q1", {})],
                         ids=lambda k: k["key"])
def test_indicators_without_data_say_so_and_why(sample_site, kpi):
    reason = words(kpi["results"]["Q1"]["not_available"])
    html = content(page(sample_site, f"kpis/{kpi['key']}"))
    row = table(html, "period by period").row("Q1 2022/23")
    assert (row["Result"], row["Status"], row["Comment"]) == ("Not available", "No data", reason)
    service = content(page(sample_site, "2022-23/corporate-services"))
    cells = table(service, "Performance indicators").row(kpi["ref"])
    assert cells["Status"] == "No data Q1 2022/23." and cells["Comment"] == reason


def test_indicators_with_nothing_reported_have_no_data(sample_site):
    service = content(page(sample_site, "2025-26/corporate-services"))
    rows = table(service, "Performance indicators").rows
    assert len(rows) == len(plan("2025-26")["kpis"]), rows
    for row in rows:
        assert "No data No results have been reported yet." in " ".join(row)
    html = content(page(sample_site, "kpis/internal-audit-satisfaction"))
    assert "No figures have been reported yet, so there is no chart." in html
    assert "<svg" not in html


def _svg_text(svg: str, css_class: str) -> list[str]:
    return [htmllib.unescape(t) for t in
            re.findall(rf'<text class="{css_class}"[^>]*>([^<]*)</text>', svg)]


def test_every_chart_has_a_text_alternative_and_a_table_of_the_same_figures(sample_site):
    charts = 0
    for path in sorted(sample_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<svg\b[^>]*>.*?</svg>", html, re.S):
            svg = match.group(0)
            if 'class="ps-chart"' not in svg:
                continue
            charts += 1
            assert 'role="img"' in svg, path
            title_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
            name = re.search(rf'<title id="{title_id}">([^<]+)</title>', svg).group(1)
            desc_id = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
            headline = re.search(rf'<desc id="{desc_id}">([^<]+)</desc>', svg).group(1)
            assert name.strip() and headline.strip(), path
            after = [t for t in tables(html) if t.start > match.end()][0]
            shown = [v for v in after.column("Result") if v not in ("–", "Not available")]
            assert _svg_text(svg, "ps-chart__value") == shown, path
            targets = {t.removeprefix("Target ") for t in _svg_text(svg, "ps-chart__target-label")}
            assert targets and targets <= set(after.column("Target")), path
    assert charts >= 8  # every numeric indicator of 2022/23 with a figure has one


def test_the_council_tax_chart_states_its_headline(sample_site):
    html = page(sample_site, "kpis/council-tax-collected")
    start = html.index('class="ps-chart"')
    svg = html[start: html.index("</svg>", start)]
    assert ("Percentage of Council Tax collected: 29.5% at Q1 2022/23, against a target of "
            "98% by year end (not yet due).") in htmllib.unescape(svg)
    assert "Target 98% by year end" in svg and "Target 98.5% by year end" in svg


def test_the_status_rule_page_is_rendered_from_the_rule_itself(sample_site):
    html = content(page(sample_site, "kpis"))
    steps = table(html, "Steps of the status rule")
    # The sample's indicators are all reported quarterly or yearly: no step or status for
    # figures collected every few years or every six months.
    assert [r[1:] for r in steps.rows] == [[gettext(when), STATUSES[status][0]]
                                           for key, when, status in RULES
                                           if key not in OCCASIONAL]
    meanings = table(html, "What each status means")
    assert [r for r in meanings.rows] == [[label, gettext(meaning)] for key, (label, meaning)
                                          in STATUSES.items() if key not in OCCASIONAL]
    trends = table(html, "What each trend means")
    assert [r for r in trends.rows] == [[label, meaning] for key, (label, meaning)
                                        in TRENDS.items() if key != "no-significant-change"]
    assert "no more than 5% of the target" in strip_tags(html)  # site_config.yml's margin


def test_the_margin_on_the_rule_page_follows_the_settings(project):
    config = project / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("near_target_percent: 5", "near_target_percent: 3")
                      if "near_target_percent" in text else
                      text + "kpi_status:\n  near_target_percent: 3\n", encoding="utf-8")
    pages = {p.path: p for p in render(project).pages}
    assert "no more than 3% of the target" in strip_tags(pages["kpis/"].html)
    assert "from 77.6% up to just under 80%" in strip_tags(pages["kpis/"].html)


@pytest.mark.parametrize("year", YEARS)
def test_service_tables_link_each_indicator_to_its_page(sample_site, year):
    html = content(page(sample_site, f"{year}/corporate-services"))
    assert plan(year)["kpis"], f"the sample's {year} plan has no indicators"
    for kpi in plan(year)["kpis"]:
        row = re.search(rf'<tr id="kpi-{kpi["key"]}">.*?</tr>', html, re.S).group(0)
        assert f'href="../../kpis/{kpi["key"]}/"' in row


def test_home_and_year_pages_count_statuses_in_words():
    site = render(HART)
    indicators = Indicators(site.council)
    pages = {p.path: p for p in site.pages}
    for year in site.council.years:
        kpis = [k for p in site.council.plans_for(year) for k in p.kpis]
        counts = indicators.counts(kpis)
        assert counts
        text = strip_tags(pages[f"{year.slug}/"].html)
        expected = " ".join(f"{n} {STATUSES[s.key][0].lower()}" for s, n in counts)
        assert expected in text, (expected, text)
    home = strip_tags(pages[""].html)
    current = site.council.years[0]
    kpis = [k for p in site.council.plans_for(current) for k in p.kpis]
    assert " ".join(f"{n} {STATUSES[s.key][0].lower()}" for s, n in indicators.counts(kpis)) in home


def test_the_2022_23_counts_follow_the_rule(sample_site):
    text = strip_tags(content(page(sample_site, "2022-23")))
    assert "5 on target 5 not yet due 3 no data" in text


def test_status_is_never_colour_alone(sample_site):
    for path in ("kpis", "kpis/council-tax-collected", "2022-23/corporate-services", "2022-23"):
        html = content(page(sample_site, path))
        badges = re.findall(r'<span class="ps-(?:status|trend) ps-(?:status|trend)--[a-z-]+">'
                            r'<span class="ps-icon" aria-hidden="true"></span>([^<]+)</span>', html)
        assert badges and all(b.strip() for b in badges), path


@pytest.mark.parametrize("path", ["kpis", "kpis/council-tax-collected",
                                  "kpis/calls-answered-30-seconds", "kpis/recycling-rate",
                                  "data", "2022-23/corporate-services", "2022-23", ""])
def test_new_pages_are_well_structured(sample_site, path):
    problems = structure.page_problems(sample_site / path / "index.html", sample_site)
    assert not problems, problems


def test_trends_and_seasonal_targets_on_the_fixture(project):
    plan_file = project / "data/plans/2024-25/parks.yml"
    edit(plan_file, "      Q2: 78\n", "      Q2: 78\n      Q3: 81\n")
    edit(plan_file, "    target: 80\n", "    target:\n      seasons:\n"
         "        summer: {quarters: [Q1, Q2], value: 80}\n"
         "        winter: {quarters: [Q3, Q4], value: 85}\n")
    assert plansite("check", root=project).returncode == 0
    pages = {p.path: p for p in render(project, preview=True).pages}  # the working copy
    html = pages["kpis/park-satisfaction/"].html
    results = table(html, "period by period")
    q1, q2, q3 = (results.row(f"Q{n} 2024/25") for n in (1, 2, 3))
    assert (q1["Target"], q1["Status"]) == ("80% (summer)", "On target")
    assert q2["Status"] == "Near target Within the 5% near-target margin."
    assert q2["On the previous period"] == "Worse Q1 2024/25: 82%"
    assert (q3["Target"], q3["Status"]) == ("85% (winter)",
                                            "Near target Within the 5% near-target margin.")
    assert q3["On the previous period"] == "Better Q2 2024/25: 78%"
    assert q3["On a year earlier"] == "–"
    targets = table(html, "year by year").row("2024/25")
    assert targets["Quarterly or seasonal targets"] == ("summer (Q1, Q2): 80%; "
                                                        "winter (Q3, Q4): 85%")
    service = table(pages["2024-25/parks/"].html, "Performance indicators").row("PK1")
    assert service["Trend"] == "On the previous period: Better Q2 2024/25: 78%"
    assert service["Status"].startswith("Near target Q3 2024/25.")
