"""Actions (status from the council's scheme, stage, percentage complete, counts by status),
resources tables and a plan's own sections: built for real from the fictional council, and
every mistake reported in the house's words."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import copy_council, edit, edit_snapshot, plansite
from generator.model.actions import attention_words
from generator.model.records import DEFAULT_ACTION_SCHEME, ActionStatus

# Files of the fictional test council (tests/fixtures/council, copied for each test), never
# of the council at the project root.
PLAN = Path("data/plans/2024-25/parks.yml")
V1, V2 = (Path(f"data/plans/2024-25/versions/parks/v{n}.yml") for n in (1, 2))

SCHEME = """
action_status:
  - {key: achieved, label: Achieved, icon: "✓", colour: "#1b6e35"}
  - {key: partly, label: Partially achieved, icon: "◐", colour: "#7a4a00", attention: yes}
  - {key: not-achieved, label: Not achieved, icon: "✕", attention: yes}
  - {key: no-data, label: No data, icon: "?"}
"""

# The first priority as the council now reports it, then resources and sections of its own.
PRIORITY = """    status: achieved
    stage: complete
    percent_complete: 100
"""
SECOND = """    themes: all
    status: partly
    stage: in-progress
    percent_complete: 62.5
"""
RESOURCES = """resources:
  staff: |
    12 full-time equivalent.
    Two seasonal posts in summer.
  budget: £1.2m
  staffing:
    - {post: Park rangers, posts: 8, fte: 7.5}
    - {post: Apprentices, posts: 2}
  staffing_total: {posts: 10, fte: 9.5}
  budget_lines:
    - {line: Employees, amount: 400000}
    - {line: Supplies, amount: 1250.5}
"""
SECTIONS = """sections:
  - title: Other work-streams
    text: |
      Two smaller pieces of work.
      Both run all year.
    items: [Allotment waiting list, Bench sponsorship]
  - title: Risks
    table:
      caption: Risks to this plan
      columns: [Risk, Score, Owner]
      rows:
        - [Drought, 12, Parks manager]
        - [Vandalism, 6, Rangers]
versions:"""


def _edit_plan_and_snapshot(root: Path, old: str, new: str) -> None:
    """The same change to the plan file and to its published snapshot (v2)."""
    edit(root / PLAN, old, new)
    edit_snapshot(root / V2, old, new)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fictional council with its own action scheme, an action with its progress, a
    staffing and a budget table and two sections of its own, built for real."""
    root = copy_council(tmp_path_factory.mktemp("actions") / "council")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + SCHEME, encoding="utf-8")
    edit(root / PLAN, "    status: on-track\n", PRIORITY)
    edit_snapshot(root / V2, "    status: on-track\n", PRIORITY)
    edit_snapshot(root / V1, "    status: not-started\n", "    status: no-data\n")
    _edit_plan_and_snapshot(root, "    themes: all\n", SECOND)
    _edit_plan_and_snapshot(root, "resources:\n  staff: 12 full-time equivalent\n"
                            "  budget: £1.2m\n", RESOURCES)
    edit(root / PLAN, "versions:", SECTIONS)
    edit_snapshot(root / V2, "versions:", SECTIONS)
    result = plansite("build", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def table(html: str, caption: str) -> str:
    match = re.search(r"<table[^>]*>\s*<caption[^>]*>" + re.escape(caption) + r"</caption>"
                      r".*?</table>", html, re.S)
    assert match, f"no table captioned {caption!r}"
    return match.group(0)


def test_the_scheme_labels_icons_and_colours_show_on_the_plan(site):
    html = page(site, "2024-25/parks")
    assert ('<span class="ps-status ps-action ps-action--achieved"><span class="ps-icon" '
            'aria-hidden="true" style="--ps-action: #1b6e35">✓</span>Achieved</span>') in html
    assert "◐</span>Partially achieved</span>" in html
    assert "<dt>Stage</dt><dd>Complete</dd>" in html
    assert "<dt>Stage</dt><dd>In progress</dd>" in html
    assert "<dt>Percentage complete</dt><dd>100% complete</dd>" in html
    assert "<dt>Percentage complete</dt><dd>62.5% complete</dd>" in html


@pytest.mark.parametrize("path", ["2024-25/parks", "2024-25", "themes/green"])
def test_counts_by_status_are_words_with_icons(site, path):
    html = page(site, path)
    counts = re.search(r'<ul class="ps-counts ps-action-counts">(.*?)</ul>', html, re.S)
    assert counts, f"no counts of actions on {path}"
    assert ('aria-hidden="true" style="--ps-action: #1b6e35">✓</span>1 Achieved</span>'
            in counts.group(1))
    assert "◐</span>1 Partially achieved</span>" in counts.group(1)
    assert "No data" not in counts.group(1)  # only statuses some action has are counted


def test_theme_page_shows_percentage_complete(site):
    assert "62.5% complete" in page(site, "themes/fair")


def test_staffing_table_has_caption_scopes_alignment_and_the_published_total(site):
    staffing = table(page(site, "2024-25/parks"), "Staffing: Parks and Open Spaces, 2024/25")
    assert '<th scope="col" class="ps-num">Full-time equivalent (FTE)</th>' in staffing
    assert ('<tr><th scope="row">Park rangers</th><td class="ps-num">8</td>'
            '<td class="ps-num">7.5</td></tr>') in staffing
    assert '<th scope="row">Apprentices</th><td class="ps-num">2</td><td class="ps-num">–</td>' \
        in staffing
    assert ('<tfoot><tr><th scope="row">Total</th><td class="ps-num">10</td>'
            '<td class="ps-num">9.5</td></tr></tfoot>') in staffing


def test_budget_table_shows_pounds_and_no_total_it_was_not_given(site):
    budget = table(page(site, "2024-25/parks"), "Budget: Parks and Open Spaces, 2024/25")
    assert '<th scope="col" class="ps-num">Amount (£)</th>' in budget
    assert '<td class="ps-num">£400,000</td>' in budget
    assert '<td class="ps-num">£1,250.50</td>' in budget
    assert "<tfoot>" not in budget and "401,250" not in budget


def test_free_text_keeps_its_line_breaks(site):
    html = page(site, "2024-25/parks")
    assert "<dd>12 full-time equivalent.<br>Two seasonal posts in summer.</dd>" in html
    assert "<p>Two smaller pieces of work.<br>Both run all year.</p>" in html


def test_sections_of_its_own_follow_the_priorities(site):
    html = page(site, "2024-25/parks")
    assert html.index('id="indicators-heading"') < html.index('id="priorities"') \
        < html.index(">Other work-streams</h2>") < html.index(">Risks</h2>")
    assert "<li>Allotment waiting list</li><li>Bench sponsorship</li>" in html
    risks = table(html, "Risks to this plan")
    assert '<th scope="col">Risk</th><th scope="col" class="ps-num">Score</th>' in risks
    assert '<th scope="row">Drought</th><td class="ps-num">12</td><td>Parks manager</td>' in risks


def test_open_data_has_the_action_columns(site):
    rows = list(csv.DictReader(io.StringIO((site / "data" / "priorities.csv").read_text(
        encoding="utf-8"))))
    first = next(r for r in rows if r["number"] == "1")
    assert (first["status"], first["status_key"], first["stage"],
            first["percent_complete"]) == ("Achieved", "achieved", "Complete", "100")
    second = next(r for r in rows if r["number"] == "2")
    assert second["percent_complete"] == "62.5"


def test_needs_attention_lists_the_actions_whose_status_the_scheme_marks(site):
    html = page(site, "2024-25/parks")
    start = html.index('id="at-a-glance-attention"')
    attention = html[start:html.index("</section>", start)]
    assert 'href="#priority-2"' in attention and "Partially achieved" in attention
    assert 'href="#priority-1"' not in attention  # achieved: the scheme does not mark it


@pytest.mark.parametrize("scheme,words", [
    (DEFAULT_ACTION_SCHEME, "delayed or at risk"),
    ((ActionStatus("achieved", "Achieved", "✓"),
      ActionStatus("partly", "Partially achieved", "◐", attention=True),
      ActionStatus("not-achieved", "Not achieved", "✕", attention=True),
      ActionStatus("late", "Late", "!", attention=True)), "Late, Not achieved or Partially achieved"),
    ((ActionStatus("done", "Done", "✓", attention=True),), "Done"),
    ((ActionStatus("done", "Done", "✓"),), ""),
], ids=["default", "three marked", "one marked", "none marked"])
def test_what_needs_attention_is_named_from_the_scheme(scheme, words):
    assert attention_words(scheme) == words


def test_the_data_page_names_the_schemes_action_statuses(site):
    expected = ("The status from the council's list of action statuses (Achieved, Partially "
                "achieved, Not achieved or No data), or Not reported.")
    assert expected in page(site, "data").replace("&#39;", "'")
    columns = json.loads((site / "data" / "priorities.json").read_text(encoding="utf-8"))
    assert {"name": "status", "description": expected} in columns["columns"]


def test_default_scheme_shows_todays_statuses(tmp_path):
    root = copy_council(tmp_path / "council")
    assert plansite("build", root=root).returncode == 0
    html = page(root / "site", "2024-25/parks")
    assert ('<span class="ps-status ps-action ps-action--on-track"><span class="ps-icon" '
            'aria-hidden="true">✓</span>On track</span>') in html
    assert "ps-status--none\">Not reported</span>" in html


# (file, old text, new text, what the message says): each a mistake a council could make.
MISTAKES = [
    (PLAN, "    status: on-track\n", "    status: on-track\n    percent_complete: 120\n",
     "percent_complete' of priority 1 is 120, but a percentage complete is from 0 to 100"),
    (PLAN, "    status: on-track\n", "    status: on-track\n    percent_complete: 60%\n",
     "is '60%', written with the % sign; write 60 without the % sign"),
    (PLAN, "    status: on-track\n", "    status: on-track\n    stage: started\n",
     "is 'started', which is not one of: in-progress, complete"),
    (PLAN, "    status: on-track\n", "    status: on-trak\n",
     "is 'on-trak', which is not one of the action statuses: not-started, on-track"),
    (PLAN, "  budget: £1.2m\n", "  budget: £1.2m\n  staffing:\n    - post: Rangers\n",
     "staffing line 1 gives neither posts nor fte"),
    (PLAN, "  budget: £1.2m\n", "  budget: £1.2m\n  staffing:\n    - {post: Rangers, fte: -1}\n",
     "cannot be below 0"),
    (PLAN, "  budget: £1.2m\n", "  budget: £1.2m\n  budget_lines:\n"
     "    - {line: Staff, amount: £5k}\n", "'amount' of budget line 1 is '£5k', a figure with £ "
     "and k; write the figure in full, 5000, without £ and k"),
    (PLAN, "  budget: £1.2m\n", "  budget: £1.2m\n  budget_total: 1.2m\n",
     "'budget_total' of 'resources' of the plan is '1.2m', a figure with m; write the figure "
     "in full, 1200000, without m"),
    (PLAN, "versions:", "sections:\n  - title: Risks\nversions:",
     "section 'Risks' has no text, items or table"),
    (PLAN, "versions:", "sections:\n  - text: Hello\nversions:", "section 1 has no 'title'"),
    (PLAN, "versions:", "sections:\n  - title: Risks\n    table:\n      columns: [A, B]\n"
     "      rows:\n        - [one]\nversions:", "row 1 of 'table' of section 'Risks' should be "
     "a list of 2 cells"),
    (Path("site_config.yml"), "accessibility:", "action_status:\n"
     "  - {key: done, label: Done, icon: '✓', colour: '#ffcc00'}\naccessibility:",
     "colour '#ffcc00' is too light: the icon on white has a contrast of"),
    (Path("site_config.yml"), "accessibility:", "action_status:\n"
     "  - {key: done, label: Done, icon: Tick}\naccessibility:", "is longer than a symbol"),
    (Path("site_config.yml"), "accessibility:", "action_status:\n"
     "  - {key: done, label: Done, icon: '✓'}\n  - {key: done, label: Finished, icon: '✓'}\n"
     "accessibility:", "the action status 'done' is listed twice"),
    (Path("site_config.yml"), "accessibility:", "action_status:\n"
     "  - {key: done, icon: '✓'}\naccessibility:", "action status 1 has no 'label'"),
    (Path("site_config.yml"), "accessibility:", "action_status:\n"
     "  - {key: done, label: Done, icon: '✓', attention: often}\naccessibility:",
     "should be yes or no"),
]


@pytest.mark.parametrize("file, old, new, message", MISTAKES,
                         ids=[m[3][:40] for m in MISTAKES])
def test_mistakes_are_reported_with_file_line_and_fix(tmp_path, file, old, new, message):
    root = copy_council(tmp_path / "council")
    edit(root / file, old, new)
    result = plansite("check", root=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next((x for x in (result.stdout + result.stderr).splitlines() if message in x), None)
    assert line, result.stdout + result.stderr
    assert re.match(rf"\s*{re.escape(str(file))}:\d+: ", line), line
    assert "; " in line[line.index(message):], line  # the message, then how to fix it


def test_the_starter_shows_an_action_tables_and_a_section_of_its_own(tmp_path):
    folder = tmp_path / "starter"
    assert plansite("new", str(folder)).returncode == 0
    built = plansite("build", root=folder)
    assert built.returncode == 0, built.stderr
    html = page(folder / "site", "2025-26/waste")
    assert "<dt>Percentage complete</dt><dd>40% complete</dd>" in html
    staffing = table(html, "Staffing: Waste and Recycling, 2025/26")
    assert '<td class="ps-num">20.5</td>' in staffing
    assert '<td class="ps-num">£980,000</td>' in table(html, "Budget: Waste and Recycling, "
                                                              "2025/26")
    assert '<h2 id="section-1">Other work-streams</h2>' in html


def test_history_says_how_the_status_stage_and_progress_changed(site):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(site, "2024-25/parks/history")))
    for field, before, after in (("Status", "No data", "Achieved"),
                                 ("Stage", "Not stated", "Complete"),
                                 ("Percentage complete", "Not stated", "100% complete")):
        assert f"trees : {field} Before: {before} After: {after}" in text, field
