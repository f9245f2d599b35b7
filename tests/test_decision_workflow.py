"""The "Record a decision" workflow, in this repository and in the starter: its form, that
the form's values reach commands only through the environment, pinned actions, and its
steps run for real (plansite records the decision; the branch is pushed and a pull request
opened with a stand-in for GitHub's `gh`)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, plansite, sample_copy
from generator.commands.cli import parser
from test_sitediff import git
from test_workflow import actionlint

REPO = ROOT / ".github" / "workflows" / "record-decision.yml"
STARTER = ROOT / "generator" / "commands" / "starter" / ".github" / "workflows" / \
    "record-decision.yml"
INPUTS = ["year", "service", "stage", "body", "date", "reference", "note"]
BIN = str(Path(sys.executable).parent)
HOSTILE = '-x $(touch pwned); `touch pwned2` "; touch pwned3 #'


def steps(workflow: Path) -> list[dict]:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["record"]["steps"]


def step(workflow: Path, name: str) -> dict:
    return next(s for s in steps(workflow) if s.get("name", "").startswith(name))


@pytest.mark.parametrize("workflow", [REPO, STARTER], ids=["repository", "starter"])
def test_the_form_asks_for_the_decision(workflow):
    on = yaml.safe_load(workflow.read_text(encoding="utf-8"))[True]  # YAML 1.1 reads on: as True
    inputs = on["workflow_dispatch"]["inputs"]
    assert list(inputs) == INPUTS
    assert inputs["stage"]["type"] == "choice"
    commands = parser()._subparsers._group_actions[0].choices
    for stage in inputs["stage"]["options"]:  # each is a plansite command with these options
        options = {o for a in commands[stage]._actions for o in a.option_strings}
        assert {"--service", "--date", "--body", "--ref", "--note"} <= options, stage
    assert {i for i, spec in inputs.items() if spec.get("required")} == {
        "year", "service", "stage", "date"}


@pytest.mark.parametrize("workflow", [REPO, STARTER], ids=["repository", "starter"])
def test_inputs_reach_commands_only_through_the_environment(workflow):
    text = workflow.read_text(encoding="utf-8")
    assert not actionlint(workflow)
    used = set(re.findall(r"\$\{\{\s*(?:github\.event\.)?inputs\.(\w+)\s*\}\}", text))
    assert used == set(INPUTS)
    for s in steps(workflow):
        assert "${{" not in s.get("run", ""), s  # no expression is ever pasted into a script
        for key, value in s.get("with", {}).items():
            assert "inputs." not in str(value), (s, key)
        for value in s.get("env", {}).values():
            assert re.fullmatch(r"\$\{\{ (inputs\.\w+|github\.token) \}\}", value), value
    for s in steps(workflow):
        if "uses" in s:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", s["uses"]), s["uses"]


def decision_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DECISION_")}
    return env | {f"DECISION_{k.upper()}": v for k, v in values.items()}


def test_the_repository_step_records_hostile_text_as_text(tmp_path):
    sample = sample_copy(tmp_path)
    shutil.copy(ROOT / "Makefile", sample)
    plan = sample / "data/plans/2025-26/corporate-services.yml"
    plan.write_text(plan.read_text().replace("target: 80", "target: 85"))
    assert step(REPO, "Record the decision")["run"] == "make decision"
    env = decision_env(stage="update", year="2025-26", service="all", date="2025-07-31",
                       note=HOSTILE, body="", reference="")
    result = subprocess.run(["make", "decision", f"BIN={BIN}", "STAMP="], cwd=sample, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Recorded Corporate Services 2025/26: Version 3: Progress update" in result.stdout
    assert not list(sample.glob("pwned*"))
    versions = yaml.safe_load(plan.read_text())["versions"]
    assert versions[-1]["note"] == HOSTILE
    wrong = subprocess.run(["make", "decision", f"BIN={BIN}", "STAMP="], cwd=sample,
                           env=decision_env(stage="publish", year="2025-26", date="2025-07-31"),
                           capture_output=True, text=True)
    assert wrong.returncode != 0 and "must be scrutiny, approve or update" in wrong.stderr


def fake_gh(folder: Path) -> Path:
    """A stand-in for GitHub's `gh` that writes down its arguments and the body file."""
    gh = folder / "bin" / "gh"
    gh.parent.mkdir()
    gh.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_LOG"\n'
                  'while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "$GH_LOG.body"; '
                  'shift; done\n')
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    return gh.parent


def with_remote(folder: Path, remote: Path) -> None:
    """Make `folder` a git repository whose main is pushed to a bare `remote`, like a clone."""
    git(folder, "init", "--quiet", "--initial-branch=main")
    git(folder, "add", ".")
    git(folder, "commit", "--quiet", "-m", "Plans")
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    git(folder, "remote", "add", "origin", str(remote))
    git(folder, "push", "--quiet", "origin", "main")
    git(folder, "fetch", "--quiet", "origin")


def github_env(tmp_path: Path, **values: str) -> dict[str, str]:
    """What GitHub Actions gives the steps, with `gh` replaced by a stand-in."""
    return decision_env(**values) | {
        "GITHUB_RUN_ID": "42", "GITHUB_REF_NAME": "main", "GITHUB_ACTOR": "comms-officer",
        "RUNNER_TEMP": str(tmp_path), "GH_LOG": str(tmp_path / "gh.log"),
        "PATH": f"{fake_gh(tmp_path)}:{os.environ['PATH']}"}


def assert_pull_request(tmp_path: Path, remote: Path, title: str, page: str) -> None:
    branches = subprocess.run(["git", "-C", str(remote), "branch", "--list"],
                              capture_output=True, text=True).stdout
    assert "decision/42" in branches
    args = (tmp_path / "gh.log").read_text().splitlines()
    assert args[:2] == ["pr", "create"]
    assert args[args.index("--title") + 1] == title
    assert args[args.index("--head") + 1] == "decision/42"
    body = (tmp_path / "gh.log.body").read_text()
    assert "## Changes to the site" in body and page in body


def test_the_repository_steps_push_a_branch_and_open_a_pull_request(tmp_path):
    sample = sample_copy(tmp_path)
    shutil.copy(ROOT / "Makefile", sample)
    remote = tmp_path / "origin.git"
    with_remote(sample, remote)
    plan = sample / "data/plans/2025-26/corporate-services.yml"
    plan.write_text(plan.read_text().replace("target: 80", "target: 85"))
    git(sample, "commit", "--quiet", "-am", "Raise a target")
    git(sample, "push", "--quiet", "origin", "main")
    env = github_env(tmp_path, stage="update", year="2025-26", service="corporate-services",
                     date="2025-07-31", note="Quarter 1 update")
    for target in ("decision", "propose"):
        assert step(REPO, "Record" if target == "decision" else "Open")["run"] == \
            f"make {target}"
        result = subprocess.run(["make", target, f"BIN={BIN}", "STAMP="], cwd=sample, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert_pull_request(tmp_path, remote, "Record update: 2025-26 plans (corporate-services), "
                        "2025-07-31", "/2025-26/corporate-services/")


def test_the_starter_steps_record_push_and_open_a_pull_request(tmp_path):
    council = tmp_path / "council"
    assert plansite("new", str(council)).returncode == 0
    remote = tmp_path / "origin.git"
    with_remote(council, remote)
    venv = tmp_path / "plansite" / ".venv"
    venv.parent.mkdir()
    venv.symlink_to(Path(sys.executable).parent.parent)
    env = github_env(tmp_path, stage="approve", year="2025-26", service="parks",
                     date="2025-04-10", body="Cabinet", reference="minute 9", note=HOSTILE)
    record = subprocess.run(["bash", "-e", "-c", step(STARTER, "Record the decision")["run"]],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert record.returncode == 0, record.stderr
    assert "Recorded Parks" in record.stdout and not list(tmp_path.rglob("pwned*"))
    pr = step(STARTER, "Open a pull request")
    opened = subprocess.run(["bash", "-e", "-c", pr["run"]], cwd=tmp_path / pr[
        "working-directory"], env=env, capture_output=True, text=True)
    assert opened.returncode == 0, opened.stderr
    assert_pull_request(tmp_path, remote, "Record approve: 2025-26 plans (parks), 2025-04-10",
                        "/2025-26/parks/")
