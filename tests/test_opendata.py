"""The open-data downloads of the built sample parse, describe their columns, carry the
licence, and hold exactly what the pages show."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml
from conftest import HART
from html_tables import strip_tags, table, words

from generator.render.opendata import DATASETS

CSVS = ["data/kpi-results.csv", "data/priorities.csv",
        "data/2022-23/corporate-services/kpi-results.csv",
        "data/2022-23/corporate-services/priorities.csv",
        "data/2025-26/corporate-services/kpi-results.csv",
        "data/2025-26/corporate-services/priorities.csv"]


def read_csv(site, rel: str) -> list[dict]:
    text = (site / rel).read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_json(site, rel: str) -> dict:
    return json.loads((site / rel).read_text(encoding="utf-8"))


def content(site, path: str) -> str:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    start = html.index("<article")
    return html[start: html.index("</article>", start)]


def dataset(rel: str) -> str:
    return rel.rsplit("/", 1)[1].split(".")[0]


@pytest.mark.parametrize("rel", CSVS)
def test_each_csv_parses_and_matches_its_json(sample_site, rel):
    rows = read_csv(sample_site, rel)
    assert rows, f"{rel} has no rows"
    names = [name for name, _ in DATASETS[dataset(rel)][1]]
    header = next(csv.reader(io.StringIO((sample_site / rel).read_text(encoding="utf-8"))))
    assert header == names
    document = read_json(sample_site, rel.replace(".csv", ".json"))
    assert [c["name"] for c in document["columns"]] == names
    assert len(document["rows"]) == len(rows)
    for row, record in zip(rows, document["rows"]):
        for name in names:
            value = record[name]
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, list):
                value = "\n".join(value)
            elif isinstance(value, float) and value.is_integer():
                value = str(int(value))
            assert row[name] == ("" if value is None else str(value)), (rel, name)


def test_the_licence_is_stated_on_the_page_and_in_every_file(sample_site):
    config = yaml.safe_load((HART / "site_config.yml").read_text(encoding="utf-8"))
    name, url = config["open_data"]["licence"], config["open_data"]["licence_url"]
    html = content(sample_site, "data")
    assert f'<a href="{url}">{name}</a>' in html
    for rel in CSVS:
        document = read_json(sample_site, rel.replace(".csv", ".json"))
        assert document["licence"] == {"name": name, "url": url}


def test_every_column_is_described_on_the_page(sample_site):
    html = content(sample_site, "data")
    for name, (what, columns) in DATASETS.items():
        described = table(html, f"Columns of {name}.csv")
        header = next(csv.reader(io.StringIO(
            (sample_site / f"data/{name}.csv").read_text(encoding="utf-8"))))
        assert [row[0] for row in described.rows] == header
        assert all(row[1] for row in described.rows)


def test_every_download_link_works(sample_site):
    html = content(sample_site, "data")
    links = re.findall(r'href="([^"]+\.(?:csv|json))"', html)
    assert len(links) == 2 * len(CSVS)
    for link in links:
        assert (sample_site / "data" / link).is_file(), link


def test_per_plan_files_are_the_site_wide_rows_of_that_plan(sample_site):
    for name in DATASETS:
        everything = read_csv(sample_site, f"data/{name}.csv")
        parts = []
        for year in ("2025-26", "2022-23"):
            part = read_csv(sample_site, f"data/{year}/corporate-services/{name}.csv")
            assert part and all(r["year"] == year.replace("-", "/") for r in part)
            parts += part
        assert sorted(map(str, parts)) == sorted(map(str, everything))


def _trend(row: dict, which: str, figure: str) -> str:
    return words(f"{row[which]} {row[figure]}") or "–"


def test_kpi_rows_are_what_the_pages_show(sample_site):
    rows = read_csv(sample_site, "data/kpi-results.csv")
    assert rows
    config = yaml.safe_load((HART / "data/plans/2022-23/corporate-services.yml").read_text())
    assert len([r for r in rows if r["year"] == "2022/23"]) == 4 * len(config["kpis"])
    service_tables = {}
    for row in rows:
        # the indicator's own page: one row per period
        page = table(content(sample_site, f"kpis/{row['key']}"), "period by period")
        label = row["year"] + " (whole year)" if row["period"] == "year" else \
            f"{row['period']} {row['year']}"
        shown = page.row(label)
        assert shown["Ref"] == row["ref"]
        assert shown["Result"] == (row["value_shown"] or "–")
        assert shown["Target"] == (row["target_shown"] or "–")
        assert shown["Status"] == (words(f"{row['status']} {row['status_note']}") or "–")
        assert shown["On the previous period"] == _trend(row, "trend_previous", "previous_figure")
        assert shown["On a year earlier"] == _trend(row, "trend_year_on_year",
                                                    "year_earlier_figure")
        assert shown["Comment"] == (words(f"{row['not_available']} {row['comment']}") or "–")
        # the service plan's table: the period's column
        key = (row["year"], row["service"])
        if key not in service_tables:
            service_tables[key] = table(content(
                sample_site, f"{row['year'].replace('/', '-')}/{row['service']}"),
                "Performance indicators")
        cells = service_tables[key].row(row["ref"])
        column = "Whole year" if row["period"] == "year" else row["period"]
        assert cells[column] == (row["value_shown"] or "–")
        assert strip_tags(cells["Indicator"]).startswith(row["title"])
        if row["value"]:
            value = {"yes": "Yes", "no": "No"}.get(row["value"])
            assert value == row["value_shown"] or float(row["value"]) == float(
                re.sub(r"[^0-9.\-]", "", row["value_shown"]))


def test_priority_rows_are_what_the_pages_show(sample_site):
    rows = read_csv(sample_site, "data/priorities.csv")
    assert rows
    for row in rows:
        html = content(sample_site, f"{row['year'].replace('/', '-')}/{row['service']}")
        start = html.index(f'id="priority-{row["number"]}"')
        card = strip_tags(html[start: html.index("</section>", start)])
        assert f"Priority {row['number']}: " in card and words(row["title"]) in card
        assert f"Status {row['status']}" in card
        if row["target"]:
            assert f"Target completion {row['target']}" in card
        else:
            assert "Target completion Not stated" in card
        if row["revised_target"]:
            assert f"Revised target {row['revised_target']}" in card
        if row["latest_update"]:
            assert f"Latest update, {row['latest_update_date']}" in card
            assert words(row["latest_update"]) in card
        for outcome in filter(None, row["outcomes"].split("\n")):
            assert words(outcome) in card
