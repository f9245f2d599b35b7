"""The core renders each page type from the model, with no engine involved."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys

import pytest
from conftest import FIXTURE, ROOT, edit

import generator

from generator.pipeline import make_site


@pytest.fixture(scope="module")
def pages():
    site = make_site(FIXTURE)
    return {page.path: page for page in site.pages}


# Run in a fresh interpreter in which MkDocs and Material cannot be imported: every module
# of the core (all of generator/ but the MkDocs adapter) imports, and a site renders.
_WITHOUT_ENGINE = """
import importlib, importlib.abc, pkgutil, sys
from pathlib import Path

class NoEngine(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material"):
            raise ImportError(f"the core imported {name}")

sys.meta_path.insert(0, NoEngine())
import generator
core = [m.name for m in pkgutil.walk_packages(generator.__path__, "generator.")
        if not m.name.startswith("generator.engine.mkdocs.")]
for name in core:
    importlib.import_module(name)
from generator.pipeline import make_site
site = make_site(Path(sys.argv[1]), preview=True)
print(len(core), len(site.pages))
"""


def test_the_core_imports_no_engine():
    result = subprocess.run([sys.executable, "-c", _WITHOUT_ENGINE, str(FIXTURE)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    modules, pages = map(int, result.stdout.split())
    core = {m.name for m in pkgutil.walk_packages(generator.__path__, "generator.")
            if not m.name.startswith("generator.engine.mkdocs.")}
    assert modules == len(core) and {"generator.commands.cli", "generator.live"} <= core
    assert pages == 17, result.stdout


def test_every_page_type_is_rendered(pages):
    assert set(pages) == {"", "2024-25/", "2024-25/parks/", "2024-25/parks/history/",
                          "2024-25/parks/v1/", "2024-25/parks/v2/", "whats-new/",
                          "themes/", "themes/green/",
                          "themes/fair/", "themes/sound/", "accessibility/", "about/",
                          "kpis/", "kpis/park-satisfaction/", "kpis/litter-complaints/",
                          "data/"}
    for page in pages.values():
        assert page.html.count("<h1") == 1, page.path


def test_home_lists_current_year_services_and_themes(pages):
    html = pages[""].html
    assert 'href="2024-25/parks/"' in html and "Parks and Open Spaces" in html
    assert "2 service priorities, 2 performance indicators." in html
    for theme in ("green", "fair", "sound"):
        assert f'href="themes/{theme}/"' in html
    assert "Welcome to the fictional plans." in html
    # the title does not give the corporate plan's period, so the heading adds it
    assert ">Exampleshire Corporate Plan (2024–2028)</h2>" in html


def test_themes_page_shows_each_corporate_plan_period_approval_vision_and_values(pages):
    html = pages["themes/"].html
    assert "<dt>Period</dt><dd>2024–2028</dd>" in html
    assert '<dt>Approved</dt><dd><time datetime="2024-03">March 2024</time></dd>' in html
    vision = html.index('id="2024-2028-vision"')
    assert html.index("A greener, fairer Exampleshire.") > vision
    values = html[html.index('id="2024-2028-values"'):]
    assert "<ul><li>Listen first</li><li>Spend wisely</li></ul>" in values


def test_year_page_has_a_captioned_table_and_approval_record(pages):
    html = pages["2024-25/"].html
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert ("<li>Version 2: Progress update, <time datetime=\"2024-08-12\">12 August 2024</time>. "
            "First-quarter update.</li>") in html
    # a note that ends with a full stop gets no second one
    assert ("<li>Version 1: Approved (Cabinet), <time datetime=\"2024-04-10\">10 April 2024</time>"
            ", minute 12. Approved plan.</li>") in html
    assert "<th scope=\"col\">Directorate</th>" in html and "<td>Community Services</td>" in html


def test_service_plan_page_shows_everything_the_plan_says(pages):
    html = pages["2024-25/parks/"].html
    assert "Parks and Open Spaces service plan 2024/25" in html
    assert "The parks team looks after twelve fictional parks." in html
    assert '<h3 id="how-we-work">How we work</h3>' in html  # narrative sits under the h2
    assert "Grounds maintenance" in html and "Example Trees Ltd" in html
    assert "12 full-time equivalent" in html and "£1.2m" in html
    # priorities: number, title, themes as links, outcomes, target, status, latest update
    assert 'id="priority-1"' in html and "Plant a thousand trees" in html
    assert 'href="../../themes/green/"' in html
    assert "A thousand trees planted" in html and "March 2025" in html
    assert "On track" in html
    latest = html.index("Latest update, <time datetime=\"2024-11-12\">")
    assert html.index("Seven hundred planted.") > latest
    assert "Earlier updates (1)" in html and "Four hundred planted." in html
    # priority 2 links to every theme ("all")
    section = html[html.index('id="priority-2"'):]
    assert all(f"themes/{t}/" in section[:2000] for t in ("green", "fair", "sound"))
    # KPI table
    table = html[html.index("<table class=\"ps-table ps-kpis\""):]
    table = table[: table.index("</table>")]
    assert "<caption" in table and "Performance indicators: Parks and Open Spaces, 2024/25" in table
    assert re.search(r'<th scope="row"><span class="ps-kpi-title"><a href="../../kpis/'
                     r'park-satisfaction/">Percentage of residents', table)
    assert "Figure for the quarter; higher is better" in table
    assert "82%" in table and "78%" in table and "80%" in table
    assert "Not available" in table and "The reporting system was being replaced." in table
    assert "No more than 100 in the year" in table
    assert "Version 2</strong>: Progress update, <time datetime=\"2024-08-12\">" in html
    assert "Directorate: Community Services" in html[:html.index('class="ps-version"')]
    kept = pages["2024-25/parks/v1/"].html
    assert ("<strong>You are reading version 1</strong>: Approved (Cabinet), <time datetime="
            "\"2024-04-10\">10 April 2024</time>, minute 12. Approved plan.</p>") in kept
    assert ".." not in re.sub(r"\.\./", "", kept)
    assert "Alex Example" in html and "mailto:parks@example.org" in html


def test_theme_page_lists_linked_priorities_by_year_and_service(pages):
    green = pages["themes/green/"].html
    assert "Priorities in 2024/25" in green and "Parks and Open Spaces" in green
    assert 'href="../../2024-25/parks/#priority-1"' in green
    assert "Plant a thousand trees" in green and "Review play areas" in green
    fair = pages["themes/fair/"].html
    assert "Review play areas" in fair and "Plant a thousand trees" not in fair


def test_accessibility_statement_uses_the_settings_contact(pages):
    html = pages["accessibility/"].html
    assert "mailto:plans@example.org" in html and "01234 567890" in html
    assert "Web Content Accessibility Guidelines version 2.2" in html
    assert "1 May 2024" in html


def test_narrative_page(pages):
    html = pages["about/"].html
    assert "<h1>About these plans</h1>" in html
    assert '<h2 id="what-a-service-plan-is">What a service plan is</h2>' in html


def test_text_from_data_never_becomes_markup(project):
    edit(project / "data/plans/2024-25/parks.yml", "title: Plant a thousand trees",
         "title: \"<script>alert(1)</script> <b onmouseover=x>trees</b>\"")
    edit(project / "content/about.md", "A plan for a year.",
         "A plan. <b onmouseover=alert(2)>bold</b> <img src=chart.png alt=A onerror=alert(4)>")
    (project / "content/chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    pages = {p.path: p for p in make_site(project, preview=True).pages}  # the edited working copy
    plan = pages["2024-25/parks/"].html
    assert "<script>" not in plan and "&lt;script&gt;alert(1)&lt;/script&gt;" in plan
    assert "<b onmouseover" not in plan
    about = pages["about/"].html
    assert "onmouseover" not in about and "onerror" not in about
    assert '<img src="../chart.png" alt="A">' in about
