"""`plansite scrutiny`, `approve` and `update`: record versions, refuse to rewrite history."""

from __future__ import annotations

import hashlib

import pytest
import yaml
from conftest import plansite

from generator.model.gate import digest as snapshot_digest
from generator.commands.record import append_version

PLANS = "data/plans/2024-25"  # in a copy of tests/fixtures/versions-council (fictional)


def digest(folder) -> str:
    """Every file under folder, names and bytes, so any change shows."""
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        sha.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            sha.update(path.read_bytes())
    return sha.hexdigest()


def test_approve_appends_the_version_keeps_the_file_and_freezes_a_snapshot(versions_council):
    plan = versions_council / PLANS / "markets.yml"
    before = plan.read_text()
    result = plansite("approve", "2024-25", "--service", "markets", "--body", "Cabinet",
                      "--date", "2024-10-15", "--ref", "minute 126", "--note",
                      "Approved: first plan #1", root=versions_council)
    assert result.returncode == 0, result.stderr
    assert ("Recorded Street Markets 2024/25: Version 2: Approved (Cabinet), 15 October 2024, "
            "minute 126 in") in result.stdout
    after = plan.read_text()
    assert after.startswith(before)  # comments and wording untouched: only lines added
    added = ("  - version: 2\n    stage: approved\n    date: 2024-10-15\n"
             "    body: Cabinet\n    reference: minute 126\n"
             "    note: \"Approved: first plan #1\"\n")
    snapshot = (versions_council / PLANS / "versions/markets/v2.yml").read_text()
    # The plan as it stands at version 2, without the editor's schema line (never edited).
    assert before.startswith("# yaml-language-server: ")
    assert snapshot == before.split("\n", 1)[1] + added
    assert after == f"{before + added}    snapshot: {snapshot_digest(snapshot)}\n"  # its digest
    assert yaml.safe_load(after)["versions"][-1]["note"] == "Approved: first plan #1"
    site = versions_council / "site"
    assert plansite("build", root=versions_council).returncode == 0
    assert "Castle Square" in (site / "2024-25/markets/index.html").read_text()
    history = (site / "2024-25/markets/history/index.html").read_text()
    assert "minute 126" in history and 'href="../v2/"' in history


def test_scrutiny_then_approval_keeps_both_snapshots(versions_council):
    for command in (["scrutiny", "--body", "Overview and Scrutiny Committee", "--date",
                     "2024-09-20"], ["approve", "--body", "Cabinet", "--date", "2024-10-15"]):
        result = plansite(command[0], "2024-25", "--service", "markets", *command[1:],
                          root=versions_council)
        assert result.returncode == 0, result.stderr
    kept = sorted(p.name for p in (versions_council / PLANS / "versions/markets").iterdir())
    assert kept == ["v2.yml", "v3.yml"]
    assert plansite("check", root=versions_council).returncode == 0


def test_update_publishes_the_working_copy(versions_council):
    check = plansite("check", root=versions_council)
    assert ("Not yet on the public site (only in previews): Libraries 2024/25, Street Markets "
            "2024/25.") in check.stdout
    result = plansite("update", "2024-25", "--service", "libraries", "--date", "2024-10-20",
                      "--note", "Second-quarter update", root=versions_council)
    assert result.returncode == 0, result.stderr
    assert (versions_council / PLANS / "versions/libraries/v4.yml").is_file()
    assert plansite("build", root=versions_council).returncode == 0
    page = (versions_council / "site/2024-25/libraries/index.html").read_text()
    assert "housebound residents" in page and "Progress update" in page


REFUSALS = [
    ("approving twice", ["approve", "2024-25", "--service", "libraries", "--body", "Cabinet",
                         "--date", "2024-11-01"],
     "data/plans/2024-25/libraries.yml:", "the libraries plan for 2024/25 is already approved "
     "(Version 1: Approved (Cabinet), 9 April 2024, minute C/12); approving it again would "
     "rewrite its history; to publish later changes, record a progress update: plansite "
     "update 2024-25"),
    ("approving a year with an approved plan", ["approve", "2024-25", "--body", "Cabinet",
                                                "--date", "2024-11-01"],
     "data/plans/2024-25/libraries.yml:", "is already approved"),
    ("a date before the last version", ["update", "2024-25", "--service", "libraries",
                                        "--date", "2024-06-30"],
     "data/plans/2024-25/libraries.yml:", "30 June 2024 is before the plan's latest version "
     "(Version 3: Draft, 1 October 2024); check the --date"),
    ("updating an unapproved plan", ["update", "2024-25", "--service", "markets", "--date",
                                     "2024-11-01"],
     "data/plans/2024-25/markets.yml:", "the markets plan for 2024/25 has not been approved, "
     "so it cannot have a progress update; approve it first: plansite approve 2024-25"),
    ("scrutiny after approval", ["scrutiny", "2024-25", "--service", "libraries", "--body",
                                 "Overview and Scrutiny Committee", "--date", "2024-11-01"],
     "data/plans/2024-25/libraries.yml:", "cannot go back to Overview and Scrutiny"),
    ("an impossible date", ["approve", "2024-25", "--service", "markets", "--body", "Cabinet",
                            "--date", "2024-02-30"],
     "--date:", "'2024-02-30' is not a real date"),
    ("an unknown service", ["approve", "2024-25", "--service", "parks", "--body", "Cabinet",
                            "--date", "2024-11-01"],
     "data/plans/2024-25/:", "there is no plan for parks in 2024/25 (plans: libraries, markets)"),
]


@pytest.mark.parametrize("name,args,where,message", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_change_nothing(versions_council, name, args, where, message):
    before = digest(versions_council)
    result = plansite(*args, root=versions_council)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(where), result.stderr
    assert message in result.stderr
    assert digest(versions_council) == before


def test_a_data_set_with_problems_is_refused(versions_council):
    plan = versions_council / PLANS / "markets.yml"
    plan.write_text(plan.read_text().replace("target: 2025-03", "target: 2025-13"))
    before = digest(versions_council)
    result = plansite("approve", "2024-25", "--service", "markets", "--body", "Cabinet",
                      "--date", "2024-11-01", root=versions_council)
    assert result.returncode == 1
    assert "the plan data: it has problems, so no version was recorded" in result.stderr
    assert "data/plans/2024-25/markets.yml:9: 'target' of priority 1 is '2025-13'" in result.stderr
    assert digest(versions_council) == before



def test_a_refusal_points_at_the_line_of_the_plans_latest_version(versions_council):
    plan = versions_council / PLANS / "libraries.yml"
    plan.write_text("# Libraries\n# (two comment lines move every line down)\n" + plan.read_text())
    line = plan.read_text().splitlines().index("  - version: 3") + 1
    result = plansite("update", "2024-25", "--service", "libraries", "--date", "2024-06-30",
                      root=versions_council)
    assert result.stderr.startswith(f"{PLANS}/libraries.yml:{line}: 30 June 2024 is before "
                                    "the plan's latest version"), result.stderr

def test_append_version_adds_lines_only_wherever_the_list_is():
    text = ("# A comment\nversions:\n  # kept comment\n  - version: 1\n    stage: draft\n"
            "    date: 2024-09-01\n\n# about the next part\npriorities: []\n")
    result = append_version(text, [("version", "2"), ("stage", "approved"),
                                   ("date", "2024-10-01")])
    assert result == text.replace("    date: 2024-09-01\n", "    date: 2024-09-01\n"
                                  "  - version: 2\n    stage: approved\n    date: 2024-10-01\n")
    assert append_version("service: x", [("version", "1")]) == \
        "service: x\nversions:\n  - version: 1\n"
    assert append_version("versions: []\nservice: x\n", [("version", "1")]) == \
        "versions:\n  - version: 1\nservice: x\n"
    with pytest.raises(ValueError):
        append_version("versions: [{version: 1}]\n", [("version", "2")])
