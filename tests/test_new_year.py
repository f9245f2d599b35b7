"""`plansite new-year`: a new plan year as drafts, started from the last; approving it
supersedes the old year; updates dated outside a plan's year are refused."""

from __future__ import annotations

import datetime as dt
import re

import yaml
from conftest import edit, plansite, sample_copy
from test_approve import digest

OLD = "data/plans/2024-25/parks.yml"
NEW = "data/plans/2025-26/parks.yml"
SERVICE = "Parks and Open Spaces"


def new_year(project, *args: str):
    return plansite("new-year", *args, "--date", "2025-02-01", root=project)


def test_the_sample_starts_a_new_year_seen_in_previews_only(tmp_path):
    sample = sample_copy(tmp_path)
    result = plansite("new-year", "2026-27", "--from", "2025-26", root=sample)
    assert result.returncode == 0, result.stderr
    assert "Wrote data/plans/2026-27/corporate-services.yml" in result.stdout
    check = plansite("check", root=sample)
    assert check.returncode == 0, check.stderr
    assert "Corporate Services 2026/27" in check.stdout  # listed as not yet public
    plan = yaml.safe_load((sample / "data/plans/2026-27/corporate-services.yml").read_text())
    assert not any("results" in k for k in plan["kpis"])
    assert not any("updates" in p for p in plan["priorities"])
    assert [v["stage"] for v in plan["versions"]] == ["draft"]
    for preview in (True, False):
        site = tmp_path / f"site-{preview}"
        built = plansite("build", "--site-dir", str(site), *["--preview"] * preview,
                         root=sample)
        assert built.returncode == 0, built.stderr
        page = site / "2026-27" / "corporate-services" / "index.html"
        assert page.exists() == preview
        if preview:
            assert "To be reviewed (carried from 2025/26)." in page.read_text()


def test_progress_results_and_versions_stay_behind_and_comments_come_along(project):
    edit(project / OLD, "    area: Climate\n", "    # Planting is seasonal.\n    area: Climate\n")
    edit(project / OLD, "    results:\n      Q1: {value: 82",
         "    results:\n      # From the survey.\n      Q1: {value: 82")
    result = new_year(project, "2025-26")  # --from defaults to the year before
    assert result.returncode == 0, result.stderr
    assert "Wrote data/plans/2025-26/parks.yml: 2 priorities carried over" in result.stdout
    text = (project / NEW).read_text()
    assert "# Planting is seasonal." in text and "# From the survey." not in text
    plan = yaml.safe_load(text)
    for key in ("updates", "status", "stage", "percent_complete"):
        assert not any(key in p for p in plan["priorities"]), key
    assert [p["title"] for p in plan["priorities"]] == ["Plant a thousand trees",
                                                        "Review play areas"]
    assert not any("results" in k for k in plan["kpis"])
    assert [(k["key"], k["target"], k["target_review"]) for k in plan["kpis"]] == [
        ("park-satisfaction", 80, "carried from 2024/25"),
        ("litter-complaints", {"value": 100, "text": "No more than 100 in the year"},
         "carried from 2024/25")]
    assert plan["versions"] == [{"version": 1, "stage": "draft", "date": dt.date(2025, 2, 1),
                                 "note": "Started from the 2024/25 plan"}]
    assert plansite("check", root=project).returncode == 0


def test_open_only_leaves_complete_priorities_out_and_renumbers(project):
    edit(project / OLD, "status: on-track", "status: complete")
    result = new_year(project, "2025-26", "--open-only")
    assert result.returncode == 0, result.stderr
    assert "1 priority carried over, 1 complete left out" in result.stdout
    text = (project / NEW).read_text()
    assert "number: 1  # priority 2 in 2024/25" in text
    plan = yaml.safe_load(text)
    assert [(p["number"], p["title"]) for p in plan["priorities"]] == [(1, "Review play areas")]


def test_a_revised_target_date_becomes_the_target_and_later_targets_move_up(project):
    edit(project / OLD, "    target: 2025-03\n", "    target: 2025-03\n    revised_target: "
         "2025-06\n    revised_reason: A wet winter.\n")
    edit(project / OLD, "    target: 80\n", "    target:\n      value: 80\n      later:\n"
         "        2025/26: 85\n        2026/27: 90\n")
    result = new_year(project, "2025-26")
    assert result.returncode == 0, result.stderr
    plan = yaml.safe_load((project / NEW).read_text())
    first = plan["priorities"][0]
    assert first["target"] == "2025-06" and "revised_reason" not in first
    kpi = plan["kpis"][0]
    assert kpi["target"] == {"value": 80, "later": {"2026/27": 90}}
    assert kpi["target_review"] == "carried from 2024/25, whose plan set 85 for 2025/26"
    assert plansite("check", root=project).returncode == 0


def test_refusals_change_nothing(project):
    assert new_year(project, "2025-26").returncode == 0
    before = digest(project)
    for args, message in ((("2025-26",), "2025/26 already has plans (parks.yml)"),
                          (("2026-27", "--from", "2019-20"), "there are no plans for 2019/20"),
                          (("2024-25", "--from", "2025-26"), "2025/26 is not before 2024/25"),
                          (("2026",), "this is not a financial year"),
                          (("2026-27", "--from", "last"), "this is not a financial year")):
        result = new_year(project, *args)
        assert result.returncode == 1, args
        assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert digest(project) == before


def test_approval_needs_the_targets_reviewed_and_supersedes_last_year(project, tmp_path):
    assert new_year(project, "2025-26").returncode == 0
    approve = ("approve", "2025-26", "--body", "Cabinet", "--date", "2025-04-09",
               "--ref", "minute 3")
    refused = plansite(*approve, root=project)
    assert refused.returncode == 1
    line = (project / NEW).read_text().splitlines().index("  - ref: PK1") + 1  # the first
    assert f"{NEW}:{line}: " in refused.stderr
    assert "still marked for review (PK1, PK2)" in refused.stderr
    edit(project / NEW, "    target_review: carried from 2024/25\n", "")
    edit(project / NEW, "    target_review: carried from 2024/25\n", "")
    result = plansite(*approve, root=project)
    assert result.returncode == 0, result.stderr
    assert (f"Marked {SERVICE} 2024/25 superseded: Version 3: Superseded (Cabinet), "
            f"9 April 2025, minute 3 in {OLD}.") in result.stdout
    old = yaml.safe_load((project / OLD).read_text())
    assert old["versions"][-1] == {"version": 3, "stage": "superseded",
                                   "date": dt.date(2025, 4, 9), "body": "Cabinet", "reference": "minute 3",
                                   "note": "Replaced by the 2025/26 plan."}
    assert plansite("check", root=project).returncode == 0
    site = tmp_path / "site"
    assert plansite("build", "--site-dir", str(site), root=project).returncode == 0
    page = re.sub(r"<[^>]+>", "", (site / "2024-25" / "parks" / "index.html").read_text())
    assert ("Version 3: Superseded (Cabinet), 9 April 2025, minute 3. Replaced by the 2025/26 "
            "plan.") in page
    assert (site / "2025-26" / "parks" / "index.html").exists()


def test_an_update_dated_outside_the_plans_year_is_refused(project):
    from test_validation import assert_reported

    assert_reported(project, OLD, "- date: 2024-08-12", "- date: 2023-08-12",
                    "date: 2023-08-12", "an update of priority 1 is dated 12 August 2023, "
                    "outside the plan's year 2024/25")
    edit(project / OLD, "- date: 2023-08-12", "- date: 2025-09")  # the year-end report: fine
    assert plansite("check", root=project).returncode == 0
    assert_reported(project, OLD, "- date: 2025-09", "- date: 2025-10-01", "date: 2025-10-01",
                    "outside the plan's year 2024/25")


def test_a_windows_file_stays_windows(project):
    old = project / OLD
    old.write_bytes(old.read_bytes().replace(b"\n", b"\r\n"))
    assert new_year(project, "2025-26").returncode == 0
    data = (project / NEW).read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 20
    assert plansite("check", root=project).returncode == 0


def test_an_editors_schema_line_stays_first(project):
    line = "# yaml-language-server: $schema=../../../schemas/plan.json"
    (project / OLD).write_text(f"{line}\n" + (project / OLD).read_text())
    assert new_year(project, "2025-26").returncode == 0
    lines = (project / NEW).read_text().splitlines()
    assert lines[0] == line and lines[1].startswith("# Draft plan for 2025/26")
