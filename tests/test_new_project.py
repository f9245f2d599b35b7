"""`plansite new`: a starter project that checks, builds and publishes only what is
approved, for any council name, in a folder of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import plansite
from html_tables import strip_tags
from test_workflow import actionlint

COUNCIL = "Exampleshire County Council"


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    """A starter project written by `plansite new`, with its public and preview builds."""
    folder = tmp_path_factory.mktemp("new") / "exampleshire"
    result = plansite("new", str(folder), "--council", COUNCIL)
    assert result.returncode == 0, result.stderr
    for extra in ([], ["--preview", "--site-dir", "site-preview"]):
        built = plansite("build", *extra, root=folder)
        assert built.returncode == 0, built.stderr
    return folder


def _pages(site_dir: Path) -> dict[str, str]:
    pages = {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(site_dir.rglob("*.html"))}
    assert pages, f"no pages in {site_dir}"
    return pages


def test_the_starter_is_a_project_without_a_theme(starter):
    for name in ("site_config.yml", "README.md", ".github/workflows/site.yml",
                 "content/index.md", "data/services/waste.yml", "data/services/parks.yml"):
        assert (starter / name).is_file(), name
    assert not (starter / "theme").exists()
    config = yaml.safe_load((starter / "site_config.yml").read_text(encoding="utf-8"))
    assert config["council"]["name"] == COUNCIL
    checked = plansite("check", root=starter)
    assert checked.returncode == 0, checked.stderr
    assert "2 services, 2 plans" in checked.stdout
    assert "Not yet on the public site (only in previews): Parks and Open Spaces" \
        in checked.stdout


def test_the_approved_version_was_recorded_by_plansite(starter):
    plan = yaml.safe_load((starter / "data/plans/2025-26/waste.yml").read_text("utf-8"))
    assert [(v["version"], v["stage"]) for v in plan["versions"]] == [
        (1, "scrutiny"), (2, "approved")]
    for number in (1, 2):
        assert (starter / f"data/plans/2025-26/versions/waste/v{number}.yml").is_file()
    assert "versions" not in (starter / "data/plans/2025-26/parks.yml").read_text("utf-8")


def test_the_public_site_shows_the_approved_plan_and_the_preview_the_draft(starter):
    public, preview = _pages(starter / "site"), _pages(starter / "site-preview")
    assert "2025-26/waste/index.html" in public
    assert "2025-26/waste/history/index.html" in public
    assert "2025-26/parks/index.html" not in public
    assert "2025-26/parks/index.html" in preview
    assert COUNCIL in public["index.html"]


def test_the_starter_indicators_are_in_several_statuses(starter):
    text = strip_tags(_pages(starter / "site")["2025-26/waste/index.html"])
    # WR5, reported once a year, has no figure mid-year: not yet due (no longer "no data").
    found = {s for s in ("On target", "Near target", "Off target", "Not yet due",
                         "Information only") if s.lower() in text.lower()}
    assert found == {"On target", "Near target", "Off target", "Not yet due",
                     "Information only"}, found


def test_no_page_of_the_starter_names_the_sample_council(starter):
    assert _pages(starter / "site")
    named = [path for folder in ("site", "site-preview")
             for path in sorted((starter / folder).rglob("*"))
             if path.suffix in (".html", ".json", ".csv", ".xml", ".js")
             and re.search(r"\bHart\b|\bCP4\b", path.read_text(encoding="utf-8"))]
    assert not named, named
    written = [p for p in starter.rglob("*") if p.is_file() and p.suffix in (".yml", ".md")
               and re.search(r"\bHart\b|\bCP4\b", p.read_text(encoding="utf-8"))]
    assert not written, written


def test_the_starter_workflow_passes_actionlint(starter):
    workflow = starter / ".github" / "workflows" / "site.yml"
    assert not actionlint(workflow)
    text = workflow.read_text(encoding="utf-8")
    assert "$version" not in text and re.search(r"PLANSITE_VERSION: v\d+\.\d+", text)
    for command in ("plansite --root council check", "plansite --root council build",
                    "tests/test_quality_axe.py", "tests/test_quality_nu.py",
                    "tests/test_quality_links.py", "tests/test_quality_structure.py"):
        assert command in text, command


@pytest.mark.parametrize("name", [
    'Exampleshire "County" Council', "Llan-y-Ffug: Borough #1", "- yes", "&anchor *alias",
    "{Council} [of] 'Nowhere' % @", "Cyngor Sir Ffug – Ynys Môn", "$title and $version",
])
def test_any_council_name_is_written_as_safe_yaml(tmp_path, name):
    folder = tmp_path / "council"
    result = plansite("new", str(folder), "--council", name)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((folder / "site_config.yml").read_text(encoding="utf-8"))
    assert config["council"]["name"] == name
    assert config["site"]["title"] == f"{name} plans"
    assert plansite("check", root=folder).returncode == 0


def test_a_folder_that_is_not_empty_is_refused(tmp_path):
    folder = tmp_path / "council"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = plansite("new", str(folder))
    assert result.returncode == 1
    assert "this folder is not empty" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_empty_folder_is_used_and_a_name_over_two_lines_refused(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert plansite("new", str(empty)).returncode == 0
    assert (empty / "site_config.yml").is_file()
    result = plansite("new", str(tmp_path / "other"), "--council", "Line one\nLine two")
    assert result.returncode == 1 and "--council: " in result.stderr, result.stderr
    assert not (tmp_path / "other").exists()


def test_the_starter_shows_a_status_key_frequencies_and_a_year_to_date_rate(starter):
    """Issue 12: the starter's own red/amber/green key, a six-monthly indicator with its H1
    figure, a biennial survey in its off year and a year-to-date rate judged in Q1."""
    pages = _pages(starter / "site")
    plan = strip_tags(pages["2025-26/waste/index.html"])
    assert re.search(r"WR6 Percentage of streets meeting the cleanliness standard .*? 88% .*?"
                     r"Green H1 2025/26", plan), plan
    assert re.search(r"WR7 .*? Not collected this year Collected every 2 years, starting "
                     r"2024/25", plan), plan
    assert re.search(r"WR8 .*? Rate for the year to date; higher is better 78% .*? Red Q1 "
                     r"2025/26", plan), plan
    key = strip_tags(pages["kpis/index.html"])
    for label, meaning in (("Green", "On, above or within 5% of target"),
                           ("Amber", "Between 5% and 10% off target"),
                           ("Red", "More than 10% off target")):
        assert f"{label} {meaning}" in key, (label, key)
    assert "The Red, amber, green key" in key
    survey = strip_tags(pages["kpis/waste-service-satisfaction/index.html"])
    assert "Not collected this year" in survey


def test_kpis_can_be_filtered_by_the_themes_indicators_serve(starter):
    """/kpis/ offers each theme that a published indicator links to, as a filter and as a
    link to the theme's page (the view without JavaScript), and marks each row with its own."""
    linked = {theme for plan in sorted((starter / "data" / "plans").glob("*/*.yml"))
              for kpi in yaml.safe_load(plan.read_text(encoding="utf-8")).get("kpis", [])
              for theme in kpi.get("themes", [])}
    assert linked, "the starter links no indicator to a theme"
    html = (starter / "site" / "kpis" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select name="theme">(.*?)</select>', html, re.S)
    assert select, "no theme filter on /kpis/"
    offered = set(re.findall(r'<option value="([^"]+)"', select.group(1)))
    assert offered == linked
    for theme in offered:
        assert f'href="../themes/{theme}/"' in html and (starter / "site" / "themes" / theme /
                                                           "index.html").is_file()
    marked = {t for value in re.findall(r'data-theme="([^"]*)"', html) for t in value.split()}
    assert marked == linked


def test_the_starter_shows_an_action_in_progress_a_staffing_table_and_a_monthly_figure(starter):
    """Issue 12: an action's percentage complete, staffing as a real table (caption, column
    headers with scope, figures right-aligned) and a monthly indicator's latest month."""
    page = _pages(starter / "site")["2025-26/waste/index.html"]
    text = strip_tags(page)
    assert re.search(r"\b\d{1,3}% complete\b", text), text
    staffing = re.search(r"<table[^>]*>\s*<caption[^>]*>Staffing: .*?</table>", page, re.S)
    assert staffing, "no staffing table"
    assert '<th scope="col"' in staffing.group(0) and "ps-num" in staffing.group(0)
    assert re.search(r"WR9 .*? Figure for the month; reported every month\b.*? "
                     r"(January|February|March|April|May|June|July|August|September|October|"
                     r"November|December) 20\d\d", text), text
