"""The council's own words (`terms:`), counts that agree in number, honest language, and the
message catalogue they all come from."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_council, plansite

TERMS = """
terms:
  theme: {singular: Ambition, plural: Ambitions}
  plan: {singular: Directorate plan, plural: Directorate plans}
  priority: {singular: Action, plural: Actions}
  indicator: {singular: Measure, plural: Measures}
  service: {singular: Directorate, plural: Directorates}
"""
# Plansite's own words that the terms above replace, as a reader would see them.
DEFAULT_WORDS = re.compile(r"\b(Themes?|themes?|[Ss]ervice plans?|Priority|Priorities|priority|"
                           r"priorities|Indicators?|indicators?)\b(?!\.csv|\.json)")


@pytest.fixture(scope="module")
def terms_site(tmp_path_factory) -> Path:
    """The fictional council in its own words, built for real. Its own writing (site title,
    narrative) avoids the default words, so any that appear come from Plansite."""
    root = copy_council(tmp_path_factory.mktemp("terms") / "council")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "title: Exampleshire service plans", "title: Exampleshire directorate plans")
        + TERMS, encoding="utf-8")
    for page, old, new in (("about.md", "What a service plan is", "What a directorate plan is"),
                           ("index.md", "service plans", "directorate plans")):
        path = root / "content" / page
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = plansite("build", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def visible_text(page: Path) -> str:
    """What a reader sees or hears of a page: text (chart text included), title, labels; not
    code (file and column names, which stay the same whatever the terms)."""
    text = re.sub(r"(?s)<(script|style|code)\b.*?</\1>", " ", page.read_text(encoding="utf-8"))
    labels = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', text)
    return html.unescape(" ".join([re.sub(r"(?s)<[^>]*>", " ", text), *labels]))


def reader_texts(site: Path) -> dict[str, str]:
    """Every page, the feed, and the download files' titles and column descriptions."""
    texts = {str(p.relative_to(site)): visible_text(p) for p in sorted(site.rglob("*.html"))}
    texts["feed.xml"] = visible_text(site / "feed.xml")
    for download in sorted(site.glob("data/**/*.json")):
        document = json.loads(download.read_text(encoding="utf-8"))
        texts[str(download.relative_to(site))] = " ".join(
            [document["title"], *(c["description"] for c in document["columns"])])
    return texts


def test_terms_name_navigation_and_headings(terms_site):
    home = (terms_site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'(?s)<nav class="md-nav md-nav--primary".*?md-sidebar--secondary',
                    home).group(0)
    nav_text = " ".join(re.sub(r"(?s)<[^>]*>", " ", nav).split())
    assert "Ambitions" in nav_text and "Directorate plans" in nav_text
    assert "Measures" in nav_text
    themes = (terms_site / "themes" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Corporate plan ambitions</h1>" in themes
    plan = (terms_site / "2024-25" / "parks" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Parks and Open Spaces directorate plan 2024/25</h1>" in plan
    assert '<h2 id="priorities">Directorate actions</h2>' in plan
    assert '<h2 id="indicators-heading">Performance measures</h2>' in plan
    assert "<title>Parks and Open Spaces directorate plan 2024/25" in plan


def test_no_default_words_anywhere_a_reader_looks(terms_site):
    texts = reader_texts(terms_site)
    assert len(texts) > 20 and any(p.startswith("kpis/") for p in texts)
    assert any("<svg" in (terms_site / p).read_text(encoding="utf-8")
               for p in texts if p.endswith(".html"))  # chart text is among them
    found = {path: sorted(set(DEFAULT_WORDS.findall(text))) for path, text in texts.items()}
    assert {path: words for path, words in found.items() if words} == {}


def test_addresses_stay_the_same(terms_site):
    for address in ("themes/index.html", "kpis/index.html", "2024-25/parks/index.html",
                    "data/priorities.csv"):
        assert (terms_site / address).is_file(), address


# A number, perhaps a describing word, then a word for something counted.
_COUNTED = {"priority": "priorities", "indicator": "indicators", "service": "services",
            "plan": "plans", "theme": "themes", "row": "rows", "version": "versions",
            "action": "actions", "measure": "measures", "ambition": "ambitions",
            "directorate": "directorates", "update": "updates"}
_DESCRIBING = {"service", "performance", "linked", "directorate"}
_COUNT = re.compile(r"(?<![\w./:-])(\d+) ([a-z]+)(?: ([a-z]+))?")


def disagreements(text: str) -> tuple[list[str], int]:
    """Counts that disagree in number ('1 priorities', '2 priority'), and how many counts of
    counted things there were."""
    bad, seen = [], 0
    plurals = {p: s for s, p in _COUNTED.items()}
    for number, first, second in _COUNT.findall(text):
        word = second if first in _DESCRIBING and second in _COUNTED.keys() | plurals else first
        if word not in _COUNTED and word not in plurals:
            continue
        seen += 1
        if (int(number) == 1) != (word in _COUNTED):
            bad.append(f"{number} {first} {second}".strip())
    return bad, seen


def test_disagreement_check_can_fail():
    assert disagreements("1 priorities, 2 service priority, 1 services, 3 linked action") == (
        ["1 priorities", "2 service priority", "1 services", "3 linked action"], 4)
    assert disagreements("1 service priority, 14 performance indicators") == ([], 2)


@pytest.mark.parametrize("council", ["default words", "own words"])
def test_every_count_agrees_in_number(council, terms_site, tmp_path):
    if council == "own words":
        site = terms_site
    else:
        root = copy_council(tmp_path / "council")
        assert plansite("build", root=root).returncode == 0
        site = root / "site"
    seen_one = 0
    for path, text in reader_texts(site).items():
        bad, seen = disagreements(text)
        assert bad == [], path
        seen_one += len(re.findall(r"(?<![\w./:-])1 (?:linked )?\w+", text)) if seen else 0
    assert seen_one, "no count of 1 was checked"


def test_check_summary_agrees_in_number_and_uses_terms(project):
    result = plansite("check", root=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "No problems found: 1 service, 1 plan, 2 priorities, 2 indicators.")
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + TERMS, encoding="utf-8")
    result = plansite("check", root=project)
    assert result.stdout.startswith(
        "No problems found: 1 directorate, 1 plan, 2 actions, 2 measures.")


def _set_language(project: Path, language: str) -> int:
    config = project / "site_config.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("language:"))
    lines[number] = f"  language: {language}"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


@pytest.mark.parametrize("language", ["cy", "fr", "en-US"])
def test_only_languages_the_site_is_written_in(project, language):
    line = _set_language(project, language)
    for command in ("check", "build"):
        result = plansite(command, root=project)
        assert result.returncode == 1
        assert f"site_config.yml:{line}: language '{language}'" in result.stderr
        assert "write en-GB or en" in result.stderr
        assert "Traceback" not in result.stderr and "cy for" not in result.stderr
    assert not (project / "site").exists()


def test_english_is_accepted(project):
    _set_language(project, "en")
    assert plansite("check", root=project).returncode == 0


def test_terms_are_checked(project):
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + """terms:
  theme: {singular: Ambition}
  priority: {singular: "<b>Action</b>", plural: Actions}
  topic: {singular: Topic, plural: Topics}
""", encoding="utf-8")
    result = plansite("check", root=project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(re.search(r"site_config\.yml:\d+: .*plural", line) for line in lines), lines
    assert any(re.search(r"site_config\.yml:\d+: '<b>Action</b>' is not a word", line)
               for line in lines), lines
    assert any(re.search(r"site_config\.yml:\d+: .*topic", line) for line in lines), lines
    assert "Traceback" not in result.stderr


def test_catalogue_is_up_to_date(tmp_path):
    """generator/locale/messages.pot holds every message: re-extract it to see."""
    from babel.messages.frontend import CommandLineInterface

    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "generator/locale/babel.cfg"),
         "--omit-header", "--no-location", "--sort-output", "-o", str(fresh),
         str(ROOT / "generator")])
    checked_in = (ROOT / "generator/locale/messages.pot").read_text(encoding="utf-8")
    assert "Performance %(indicators)s" in checked_in
    assert fresh.read_text(encoding="utf-8") == checked_in, (
        "the message catalogue is stale: run pybabel extract as in generator/locale/babel.cfg")


def test_no_council_in_generic_text():
    """Templates and messages name no real council or its references."""
    generic = [*(ROOT / "generator/render/templates").glob("*.j2"),
               ROOT / "generator/locale/messages.pot"]
    for path in generic:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bHart\b|\bCP\d", text), path
