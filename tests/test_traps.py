"""The traps that once got through `check` silently or with a misleading message: dates and
figures written as people write them, a # or a quote cutting text, empty values, tabs, and
indicators named by position. Each is now reported at its line with the way to write it."""

from __future__ import annotations

import pytest
from conftest import edit, edit_snapshot, plansite
from test_validation import assert_reported, check

PLAN = "data/plans/2024-25/parks.yml"
SNAPSHOT = "data/plans/2024-25/versions/parks/v2.yml"
SERVICE = "data/services/parks.yml"
CORPORATE = "data/corporate-plans/2024-2028.yml"
SETTINGS = "site_config.yml"
LATER_UPDATE = "date: 2024-11-12"

DATES = [
    # (file, old text, new text, text on the reported line, expected message part)
    ("update in words", PLAN, LATER_UPDATE, "date: Summer 2024", "date: Summer",
     "the date of update 2 of priority 1 is 'Summer 2024', words that cannot be put in order"),
    ("day/month/year", PLAN, LATER_UPDATE, "date: 31/07/2025", "date: 31/07",
     "'date' of update 2 of priority 1 is '31/07/2025', a date written day/month/year; "
     "write it as 2025-07-31"),
    ("day-month-year", PLAN, LATER_UPDATE, "date: 31-07-2025", "date: 31-07",
     "write it as 2025-07-31"),
    ("two-digit year", PLAN, LATER_UPDATE, "date: 3.7.25", "date: 3.7.25",
     "write it as 2025-07-03"),
    ("day in words", PLAN, LATER_UPDATE, "date: 15 July 2025", "date: 15 July",
     "is '15 July 2025', a date written in words; write it as 2025-07-15"),
    ("month first in words", PLAN, LATER_UPDATE, "date: 'Tuesday, July 15, 2025'",
     "date: 'Tues", "write it as 2025-07-15"),
    ("month in words", PLAN, "target: 2025-03", "target: July 2025", "target: July",
     "'target' of priority 1 is 'July 2025', a month written in words; write it as 2025-07"),
    ("abbreviated month", PLAN, "target: 2025-03", "target: Sept 2025", "target: Sept",
     "write it as 2025-09"),
    ("month first, US order", PLAN, LATER_UPDATE, "date: 07/31/2025", "date: 07/31",
     "not a real date read day/month/year (there is no month 31); if it is 31 July 2025, "
     "write it as 2025-07-31"),
    ("quarter with a hyphen", PLAN, "target: 2025-03", "target: Q3 2024-25", "target: Q3",
     "is 'Q3 2024-25', a quarter written another way; write it as 'Q3 2024/25'"),
    ("quarter of a calendar year", PLAN, "target: 2025-03", "target: Q3 2024",
     "target: Q3", "a quarter without its financial year"),
    ("version date", PLAN, "date: 2024-08-12\n    note:", "date: 12/08/2024\n    note:",
     "date: 12/08/2024", "'date' of version 2 is '12/08/2024', a date written "
     "day/month/year; write it as 2024-08-12"),
    ("target revision date", PLAN, "    target: 80\n",
     "    target: 80\n    revisions:\n      - {from: Q3, value: 75, reason: Budget cut, "
     "date: 20 October 2024}\n", "- {from: Q3", "write it as 2024-10-20"),
    ("corporate plan approval", CORPORATE, "approved: 2024-03", "approved: March 2024",
     "approved:", "'approved' of the corporate plan is 'March 2024', a month written in "
     "words; write it as 2024-03"),
    ("settings date", SETTINGS, "prepared: 2024-05-01", "prepared: 1/5/2024", "prepared:",
     "'prepared' of 'accessibility' of the settings file is '1/5/2024', a date written "
     "day/month/year; write it as 2024-05-01"),
]

FIGURES = [
    ("thousands comma", PLAN, "      Q2: 78", "      Q2: 1,250", "Q2: 1,250",
     "is '1,250', written with the comma; write 1250 without the comma"),
    ("thousands comma inside {...}", PLAN, "Q1: {value: 82,", "Q1: {value: 1,250,",
     "Q1: {value: 1,250", "1,250 is read as two values, 1 and 250, because a comma "
     "separates the values inside [...] or {...}; write 1250 without the comma"),
    ("thousands comma inside [...]", PLAN, "kpis:\n", "sections:\n  - title: Trees\n    table:\n"
     "      columns: [Ward, Planted]\n      rows:\n        - [North, 1,250]\nkpis:\n",
     "- [North", "write 1250 without the comma"),
    ("percent sign", PLAN, "    target: 80\n", "    target: 57%\n", "target: 57%",
     "'target' of indicator PK1 is '57%', written with the % sign; write 57 without the % "
     "sign"),
    ("pounds and millions", PLAN, "  budget: £1.2m\n", "  budget: £1.2m\n  budget_total: "
     "£1.2m\n", "budget_total:", "is '£1.2m', a figure with £ and m; write the figure in "
     "full, 1200000, without £ and m"),
]

EMPTY = [
    ("empty result value", PLAN, "      Q2: 78", "      Q2:\n        value:\n        comment: x",
     "value:\n", "'value' of the Q2 result of indicator PK1 is empty; write its value after "
     "the colon"),
    ("empty result", PLAN, "      Q2: 78", "      Q2:", "Q2:",
     "'Q2' of 'results' of indicator PK1 is empty"),
    ("empty target", PLAN, "    target: 80\n", "    target:\n", "    target:\n    results",
     "'target' of indicator PK1 is empty; write its value after the colon, like target: 95, "
     "or delete the line"),
    ("empty required text", PLAN, "text: Four hundred planted.", "text:", "text:\n",
     "'text' of update 1 of priority 1 is empty; write its value after the colon"),
    ("empty setting", SETTINGS, "email: plans@example.org", "email:", "email:",
     "'email' of 'contact' of the settings file is empty"),
    ("empty quotes", SETTINGS, "base_url: https://plans.example.org/", "base_url: ''",
     "base_url: ''", "'base_url' of 'site' of the settings file is empty"),
    ("blank quotes", PLAN, "text: Four hundred planted.", 'text: "  "', 'text: "  "',
     "'text' of update 1 of priority 1 is empty"),
    ("empty in a service", SERVICE, "directorate: Community Services", "directorate:",
     "directorate:", "'directorate' of the service is empty"),
]

TAB = "this line has a tab character; use spaces to indent"
YAML_TRAPS = [
    ("tab indenting a plan", PLAN, "    area: Climate", "\tarea: Climate", "\tarea", TAB),
    ("tab after spaces", SETTINGS, "  language: en-GB", "  \tlanguage: en-GB", "\tlanguage",
     TAB),
    ("# cuts a title", PLAN, "title: Plant a thousand trees",
     "title: Plant a thousand trees #1 priority", "#1 priority",
     'the # on this line starts a note, so "#1 priority" is dropped from the text "Plant a '
     'thousand trees"; if the # belongs to the text, put the whole text in quotes'),
    ("# cuts a list item", PLAN, "    - Grounds maintenance",
     "    - Grounds maintenance # mowing and hedges", "# mowing", "is dropped from the text"),
    ("# right after one word", SERVICE, "directorate: Community Services",
     "directorate: Community #2", "#2", '"#2" is dropped from the text "Community"'),
    ("text after the closing quote", SERVICE, "summary: Looks after the district's parks.",
     "summary: \"Looks after\" the district's parks.", "summary:",
     'the " after "Looks after" is read as the closing quote, but the line goes on after it'),
    ("apostrophe inside single quotes", PLAN, "title: Review play areas",
     "title: 'Review the area's play'", "title: 'Review",
     "write an apostrophe inside '...' twice"),
    ("lone double quote", CORPORATE, "vision: A greener, fairer Exampleshire.",
     "vision: It's \"fine", "vision:", "has a double quote (\") without its partner"),
    ("quote closed far below", PLAN, "title: Plant a thousand trees",
     "title: \"Plant a thousand trees", "title: \"Plant",
     "the quote (\") that starts the text on this line is closed only on line"),
    ("quote closed by a later text", PLAN, "text: Four hundred planted.\n      - date: "
     "2024-11-12\n        text: Seven hundred planted.\n", "text: \"Four hundred planted.\n"
     "      - date: 2024-11-12\n        text: Seven hundred planted.\"\n", "text: \"Four",
     "so the lines between are read as part of the text; add the closing \" at the end of "
     "the text"),
    ("quote never closed", SETTINGS, "title: Exampleshire service plans",
     "title: \"Exampleshire service plans", "title: \"Ex",
     "the quote (\") that starts the text on this line is never closed"),
]


CASES = DATES + FIGURES + EMPTY + YAML_TRAPS


@pytest.mark.parametrize("name,rel,old,new,line_text,message", CASES, ids=[c[0] for c in CASES])
def test_each_trap_is_reported_at_its_line(project, name, rel, old, new, line_text, message):
    assert_reported(project, rel, old, new, line_text, message)


def test_an_update_dated_day_month_year_fails_check_with_the_iso_date(project):
    edit(project / PLAN, LATER_UPDATE, "date: 31/07/2025")
    result = plansite("check", root=project)
    assert result.returncode == 1
    assert "2025-07-31" in result.stderr and "Traceback" not in result.stderr


def test_a_snapshot_is_read_with_the_same_care(project):
    edit_snapshot(project / SNAPSHOT, "date: 2024-08-12\n        text:",
                  "date: 12 August 2024\n        text:")
    line = (project / SNAPSHOT).read_text(encoding="utf-8").splitlines().index(
        "      - date: 12 August 2024") + 1
    assert f"{SNAPSHOT}:{line}: 'date' of update 1 of priority 1 is '12 August 2024', a date " \
           "written in words; write it as 2024-08-12" in check(project)


def test_notes_after_numbers_keys_and_single_words_are_fine(project):
    edit(project / PLAN, "    target: 80\n", "    target: 80  # provisional\n")
    edit(project / PLAN, "key: park-satisfaction", "key: park-satisfaction # stable key")
    edit(project / PLAN, "status: on-track", "status: on-track  # was at risk in Q1")
    edit(project / PLAN, "target: 2025-03", "target: 2025-03  # moved from 2024-12")
    edit(project / PLAN, "area: Climate", "area: \"Climate #1\"  # quoted, so kept")
    edit(project / PLAN, "target: Throughout 2024/25", "target: 'Throughout 2024/25'")
    edit(project / SETTINGS, "near_target_percent: 5", "near_target_percent: 5 # the margin")
    result = plansite("check", root=project)
    assert result.returncode == 0, result.stderr


def test_every_message_names_an_indicator_by_its_reference(project):
    edit(project / PLAN, "  - ref: PK2\n", "  - reslts: {}\n    ref: PK2\n")
    edit(project / PLAN, "      Q2: 78", "      Q5: 78")
    stderr = check(project)
    assert "indicator PK2 has a field 'reslts' that Plansite does not know" in stderr
    assert "indicator PK1 has results for 'Q5'" in stderr
    assert "indicator 2" not in stderr and "indicator 1" not in stderr


def test_an_indicator_without_a_reference_is_named_by_its_place(project):
    edit(project / PLAN, "  - ref: PK2\n    key:", "  - key:")
    assert "the 2nd indicator has no 'ref'; add a line 'ref: KPI1' to it" in check(project)


def test_a_recorded_date_written_day_month_year_shows_the_iso_form(project):
    result = plansite("update", "2024-25", "--service", "parks", "--date", "31/07/2025",
                      root=project)
    assert result.returncode == 1, result.stdout
    assert "--date: '31/07/2025' is not a date written year-month-day; write it as " \
           "2025-07-31" in result.stderr
