"""A real build of the sample council: every page exists and carries what the seeds say."""

from __future__ import annotations

import html as htmllib

import pytest
import yaml
from conftest import HART

PAGES = ["index.html", "2025-26/index.html", "2022-23/index.html",
         "2025-26/corporate-services/index.html", "2022-23/corporate-services/index.html",
         "themes/index.html", "themes/planet/index.html", "themes/people/index.html",
         "themes/place/index.html", "themes/resilient-council/index.html",
         "vision/index.html", "values/index.html", "about/index.html",
         "accessibility/index.html", "404.html"]


def plan(year: str) -> dict:
    return yaml.safe_load((HART / f"data/plans/{year}/corporate-services.yml").read_text())


def text_of(page: str) -> str:
    return htmllib.unescape(page)


@pytest.mark.parametrize("page", PAGES)
def test_page_exists(sample_site, page):
    html = (sample_site / page).read_text(encoding="utf-8")
    assert '<html lang="en-GB"' in html
    assert html.count("<h1") == 1


def test_the_sample_is_the_seed_council():
    new, old = plan("2025-26"), plan("2022-23")
    assert [p["number"] for p in new["priorities"]] == list(range(1, 15))
    assert [p["number"] for p in old["priorities"]] == list(range(1, 20))
    assert [k["ref"] for k in new["kpis"]] == [f"CP{i}" for i in range(1, 13)]
    assert [k["ref"] for k in old["kpis"]] == [f"CP{i}" for i in range(1, 14)]


@pytest.mark.parametrize("year", ["2025-26", "2022-23"])
def test_every_priority_and_indicator_is_on_its_service_page(sample_site, year):
    page = text_of((sample_site / f"{year}/corporate-services/index.html").read_text())
    data = plan(year)
    for priority in data["priorities"]:
        assert f'id="priority-{priority["number"]}"' in page
        assert " ".join(priority["title"].split()) in " ".join(page.split())
    table = page[page.index('class="ps-table ps-kpis"'):]
    table = table[: table.index("</table>")]
    for kpi in data["kpis"]:
        assert f"<td>{kpi['ref']}</td>" in table
        assert kpi["title"] in table


def test_2022_23_results_and_reasons(sample_site):
    page = text_of((sample_site / "2022-23/corporate-services/index.html").read_text())
    row = page[page.index("<td>CP7</td>"):]
    row = row[: row.index("</tr>")]
    assert "29.5%" in row and "98%" in row and "Improvement over 28.7%" in row
    row = page[page.index("<td>CP10</td>"):]
    row = row[: row.index("</tr>")]
    assert "Not available" in row and "contractual dispute with Serco" in row
    assert "12 August 2022" in page  # the seed's "Update on 12.08.22", as a date in words


def test_2025_26_version_and_functions(sample_site):
    page = text_of((sample_site / "2025-26/corporate-services/index.html").read_text())
    assert "Version 2" in page and "Cabinet" in page and "April 2025" in page
    assert "Everyone Active" in page and "Capita" in page
    assert "100% by year-end" in page


def test_theme_page_lists_every_priority_linked_to_it(sample_site):
    page = text_of((sample_site / "themes/planet/index.html").read_text())
    linked = [p for p in plan("2025-26")["priorities"]
              if p.get("themes") == "all" or "planet" in (p.get("themes") or [])]
    assert linked, "the sample links some priorities to Planet"
    for priority in linked:
        assert f"2025-26/corporate-services/#priority-{priority['number']}" in page
    others = [p for p in plan("2025-26")["priorities"] if p not in linked]
    for priority in others:
        assert f"#priority-{priority['number']}\"" not in page


def test_free_text_corporate_plan_links_are_shown(sample_site):
    page = " ".join(text_of((sample_site / "2022-23/corporate-services/index.html")
                            .read_text()).split())
    links = [p["corporate_plan_link"] for p in plan("2022-23")["priorities"]
             if p.get("corporate_plan_link")]
    assert links, "the sample's 2022/23 plan gives no corporate plan links"
    for link in links:
        assert " ".join(link.split()) in page
