"""The publishing gate holds: snapshot digests, public and preview builds, and updates that
record only what changed."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, edit, plansite

from generator.model.gate import digest

PARKS = "data/plans/2024-25/parks.yml"
V1 = "data/plans/2024-25/versions/parks/v1.yml"
FOCUS = "focus: Projects beyond day-to-day work."


def _update(root, *extra):
    return plansite("update", "2024-25", "--date", "2024-11-05", *extra, root=root)


def test_every_fixture_and_sample_version_records_a_matching_digest():
    for root in (".", "tests/fixtures/council", "tests/fixtures/versions-council"):
        assert plansite("check", root=ROOT / root).returncode == 0


def test_a_hand_edited_snapshot_is_reported_and_never_published(project):
    edit(project / V1, "note: Approved plan.", "note: Approved plan, quietly reworded.")
    check = plansite("check", root=project)
    assert check.returncode == 1
    assert re.search(rf"{PARKS}:\d+: the snapshot of version 1, {V1}, has been changed since "
                     "it was recorded", check.stderr), check.stderr
    assert f"git checkout HEAD -- {V1}" in check.stderr and "Traceback" not in check.stderr
    build = plansite("build", root=project)
    assert build.returncode == 1 and not (project / "site").exists()


def test_a_snapshot_edit_elsewhere_in_the_file_is_caught_too(project):
    snapshot = project / "data/plans/2024-25/versions/parks/v2.yml"
    snapshot.write_text(snapshot.read_text().replace("Q2: 78", "Q2: 98"))
    assert "has been changed since it was recorded" in plansite("check", root=project).stderr


def test_line_endings_alone_do_not_break_a_digest(project):
    snapshot = project / V1
    snapshot.write_bytes(snapshot.read_bytes().replace(b"\n", b"\r\n"))
    assert plansite("check", root=project).returncode == 0


def test_a_version_without_a_digest_is_reported_with_the_line_to_add(project):
    text = (project / PARKS).read_text()
    line = next(x for x in text.splitlines() if "snapshot: sha256" in x)
    (project / PARKS).write_text(text.replace(line + "\n", ""))
    check = plansite("check", root=project)
    assert check.returncode == 1
    assert f"version 1 records no digest of its snapshot, {V1}" in check.stderr
    assert f"add the line 'snapshot: {digest((project / V1).read_text())}'" in check.stderr


def test_a_malformed_digest_is_reported(project):
    text = (project / PARKS).read_text()
    (project / PARKS).write_text(re.sub(r"sha256:[0-9a-f]+", "sha256:abc", text, count=1))
    check = plansite("check", root=project)
    assert check.returncode == 1 and "'sha256:abc' is not the digest of a snapshot" in check.stderr


def test_a_build_records_its_kind_and_publish_refuses_a_preview(project, tmp_path):
    preview, public = tmp_path / "preview", tmp_path / "public"
    assert plansite("build", "--preview", "--site-dir", str(preview), root=project).returncode == 0
    assert plansite("build", "--site-dir", str(public), root=project).returncode == 0
    marker = json.loads((preview / ".plansite-build").read_text())
    assert marker["kind"] == "preview" and "index.html" in marker["files"]
    assert json.loads((public / ".plansite-build").read_text())["kind"] == "public"
    target = tmp_path / "www"
    result = plansite("publish", "--site-dir", str(preview), "--target", str(target))
    assert result.returncode == 1
    assert "this is a preview build" in result.stderr and "without --preview" in result.stderr
    assert not (target / "current").exists()
    assert plansite("publish", "--site-dir", str(public), "--target", str(target)).returncode == 0


def test_an_update_with_nothing_changed_is_refused_naming_the_plans(project):
    before = (project / PARKS).read_bytes()
    for extra in ((), ("--service", "parks")):
        result = _update(project, *extra)
        assert result.returncode == 1
        assert result.stderr.startswith(f"{PARKS}: nothing on the public site would change: "
                                        "Parks and Open Spaces 2024/25 is unchanged since "
                                        "Version 2: Progress update"), result.stderr
        assert "Nothing was changed." in result.stderr
    assert (project / PARKS).read_bytes() == before
    assert not (project / "data/plans/2024-25/versions/parks/v3.yml").exists()


def test_an_update_records_only_the_plans_that_changed(versions_council):
    markets = versions_council / "data/plans/2024-25/markets.yml"
    assert plansite("approve", "2024-25", "--service", "markets", "--body", "Cabinet", "--date",
                    "2024-10-15", root=versions_council).returncode == 0
    before = markets.read_bytes()
    result = plansite("update", "2024-25", "--date", "2024-11-05", root=versions_council)
    assert result.returncode == 0, result.stderr
    assert "Recorded Libraries 2024/25: Version 4: Progress update" in result.stdout
    assert "Not recorded: Street Markets 2024/25 is unchanged since Version 2" in result.stdout
    assert markets.read_bytes() == before
    assert plansite("check", root=versions_council).returncode == 0


@pytest.mark.parametrize("day", ["2205-01-01", "1899-12-31"])
def test_a_record_date_outside_1990_to_2100_is_refused(project, day):
    edit(project / PARKS, FOCUS, "focus: Revised focus.")
    result = _update(project, "--date", day)
    assert result.returncode == 1
    assert result.stderr.startswith(f"--date: {day} is in {day[:4]}, outside the years 1990 "
                                    "to 2100 that a plan's dates fall in; check the year")


def test_superseded_stays_when_the_last_q4_update_is_recorded_after_it(project):
    text = (project / PARKS).read_text()
    (project / PARKS).write_text(text + "  - version: 3\n    stage: superseded\n"
                                 "    date: 2025-04-09\n    note: The 2025/26 plan is approved.\n")
    edit(project / PARKS, FOCUS, "focus: Revised focus.")
    result = plansite("update", "2024-25", "--service", "parks", "--date", "2025-05-20",
                      "--note", "Q4 update", root=project)
    assert result.returncode == 0, result.stderr
    assert plansite("build", root=project).returncode == 0
    for page in ("2024-25/parks/index.html", "2024-25/index.html"):
        text = re.sub(r"<[^>]+>", "", (project / "site" / page).read_text())
        assert "Version 3: Superseded, 9 April 2025" in text, page
    assert "Revised focus" in (project / "site/2024-25/parks/index.html").read_text()
    assert "not yet on the public site" not in plansite("check", root=project).stdout.lower()
