"""Downloads and feed are safe: no CSV cell runs as a spreadsheet formula, and the feed and
sitemap always parse, with no invented date and no crash on a far-future one."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gzip
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

from conftest import edit, plansite

from generator.render import hosting
from generator.engine.mkdocs import settings
from generator.pipeline import read_council
from generator.render.pages import render_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PLAN = "data/plans/2024-25/parks.yml"


def _build(project: Path, site: Path, *options: str):
    result = plansite("build", "--site-dir", str(site), *options, root=project)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _rows(site: Path, rel: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / rel).read_bytes().decode("utf-8"),
                                           newline="")))


def test_formula_cells_are_neutralised_and_negative_numbers_stay_numbers(project, tmp_path):
    formula = '=HYPERLINK("https://evil.example/","Click")'
    edit(project / "data/services/parks.yml", "name: Parks and Open Spaces", f"name: '{formula}'")
    plan = project / PLAN
    edit(plan, "Q1: {value: 82, comment: Good summer.}", "Q1: {value: -3.5, comment: '@SUM(1+1)'}")
    edit(plan, "Q2: 78", "Q2: {value: 78, comment: '+1 improvement'}")
    edit(plan, "title: Plant a thousand trees", "title: \"-2 trees\\tplanted\"")
    site = tmp_path / "site"
    result = _build(project, site, "--preview")  # the working copy, not the approved snapshot
    assert result.returncode == 0, result.stdout + result.stderr
    kpis = _rows(site, "data/kpi-results.csv")
    assert kpis and {row["service_name"] for row in kpis} == {f"'{formula}"}
    first = next(r for r in kpis if r["key"] == "park-satisfaction" and r["period"] == "Q1")
    second = next(r for r in kpis if r["key"] == "park-satisfaction" and r["period"] == "Q2")
    assert (first["value"], first["comment"]) == ("-3.5", "'@SUM(1+1)")
    assert second["comment"] == "'+1 improvement"
    priorities = _rows(site, "data/priorities.csv")
    assert priorities[0]["title"] == "'-2 trees\tplanted"
    # Every text cell of every CSV: none starts as a formula would.
    for path in site.rglob("*.csv"):
        for row in _rows(site, str(path.relative_to(site))):
            for name, cell in row.items():
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path, name, cell)
                assert not cell.startswith("-") or cell == "-3.5", (path, name, cell)
    # The JSON files are for machines: they keep the text and the number as they are.
    rows = json.loads((site / "data/kpi-results.json").read_text(encoding="utf-8"))["rows"]
    assert {r["service_name"] for r in rows} == {formula}
    assert -3.5 in [r["value"] for r in rows]


def test_control_characters_in_text_never_break_the_feed_or_sitemap(project, tmp_path):
    """The data reader may refuse them (at file:line); if it lets them through, the XML files
    drop them and still parse."""
    edit(project / "data/services/parks.yml", "name: Parks and Open Spaces",
         'name: "Parks\\x01 and\\x0b Open\\x1f Spaces"')
    edit(project / "site_config.yml", "title: Exampleshire service plans",
         'title: "Exampleshire\\x08 service plans"')
    site = tmp_path / "site"
    result = _build(project, site)
    if result.returncode:
        assert result.stderr.count("parks.yml:") + result.stderr.count("site_config.yml:") >= 2
        return
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find(f"{ATOM}title").text == "Exampleshire service plans: what's new"
    titles = [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")]
    assert titles and all(t.startswith("Parks and Open Spaces") for t in titles)
    assert ET.parse(site / "sitemap.xml").getroot().find(f"{SITEMAP}url") is not None


def test_the_xml_files_drop_what_xml_forbids_even_past_the_reader(project):
    """The safety net itself, given text no reader checked: both files still parse."""
    council = read_council(project)
    bad = "A\x00B\x01C\x0bD\x1fE\x1bF\ufffeG"
    config = dataclasses.replace(council.config, title=bad, council_name=bad)
    services = tuple(dataclasses.replace(s, name=bad) for s in council.services)
    council = dataclasses.replace(council, config=config, services=services)
    feed = ET.fromstring(render_site(council).files["feed.xml"])
    assert feed.find(f"{ATOM}title").text == "ABCDEFG: what's new"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "ABCDEFG"
    assert [e.find(f"{ATOM}title").text[:7] for e in feed.iter(f"{ATOM}entry")][:1] == ["ABCDEFG"]
    sitemap = ET.fromstring(hosting.sitemap("https://x.example/", [f"{bad}/"], None))
    assert sitemap.find(f"{SITEMAP}url/{SITEMAP}loc").text == "https://x.example/ABCDEFG/"


def test_with_no_versions_nothing_is_dated_1970(project, tmp_path):
    plan = project / PLAN
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[:text.index("versions:")], encoding="utf-8")
    for snapshot in (project / "data/plans/2024-25/versions/parks").iterdir():
        snapshot.unlink()
    site = tmp_path / "site"
    result = _build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    urls = ET.parse(site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    assert urls and all(u.find(f"{SITEMAP}lastmod") is None for u in urls)
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find(f"{ATOM}updated") is None and feed.find(f"{ATOM}entry") is None
    for name in ("sitemap.xml", "feed.xml"):
        assert b"1970" not in (site / name).read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == \
        (site / "sitemap.xml").read_bytes()


def test_the_sitemap_is_dated_by_the_latest_change_in_the_data(project, tmp_path):
    site = tmp_path / "site"
    assert _build(project, site).returncode == 0
    dates = {e.text for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}lastmod")}
    assert dates == {"2024-11-12"}  # the fixture's latest progress update


def test_a_far_future_date_never_crashes_the_build(project, tmp_path):
    """The data reader may refuse a date after 2100; if one gets through, the build's clock
    stops at the end of 2100 and the compressed sitemap is still written."""
    edit(project / PLAN, "date: 2024-11-12", "date: 2205-11-12")
    site = tmp_path / "site"
    result = _build(project, site, "--preview")
    if result.returncode:
        assert f"{PLAN}:" in result.stderr
        return
    dates = {e.text for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}lastmod")}
    assert dates == {"2100-12-31"}
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == \
        (site / "sitemap.xml").read_bytes()


def test_the_build_clock_is_kept_within_what_gzip_can_store():
    latest = dt.datetime(2100, 12, 31, tzinfo=dt.timezone.utc)
    for epoch, expected in ((-86400, 0), (0, 0), (1_700_000_000, 1_700_000_000),
                            (int(dt.datetime(2205, 1, 1).timestamp()), latest.timestamp())):
        assert settings.build_time(SimpleNamespace(epoch=epoch)) == expected
    assert settings.build_date(SimpleNamespace(epoch=0)) is None
    assert settings.build_date(SimpleNamespace(epoch=10**11)) == latest.date()
