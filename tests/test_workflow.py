"""The GitHub Actions workflow: actionlint (with ShellCheck) finds nothing, and it calls make.

actionlint and shellcheck come from tests/requirements-test.txt, so every machine runs
the same versions; pyflakes is switched off because no step runs Python inline.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def actionlint(*files: Path) -> list[str]:
    """Every actionlint finding in files, one line each."""
    tools = {name: shutil.which(name, path=str(BIN)) for name in ("actionlint", "shellcheck")}
    assert all(tools.values()), f"missing {tools}: pip install -r tests/requirements-test.txt"
    result = subprocess.run([tools["actionlint"], "-oneline", "-no-color", "-shellcheck",
                             tools["shellcheck"], "-pyflakes=", *map(str, files)],
                            capture_output=True, text=True, cwd=ROOT)
    findings = result.stdout.splitlines()
    assert result.returncode == (1 if findings else 0), result.stderr
    return findings


def test_workflow_passes_actionlint():
    assert WORKFLOWS, "no workflow in .github/workflows"
    findings = actionlint(*WORKFLOWS)
    print(f"actionlint findings: {len(findings)}")
    assert not findings, "\n".join(findings)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    broken = tmp_path / ".github" / "workflows" / "site.yml"
    broken.parent.mkdir(parents=True)
    # A job needing one that does not exist, an unknown context, an unquoted variable.
    broken.write_text(text.replace("needs: check", "needs: chekc", 1)
                      .replace("${{ github.base_ref }}", "${{ github.base_reff }}", 1)
                      .replace('>> "$GITHUB_STEP_SUMMARY"', ">> $GITHUB_STEP_SUMMARY", 1),
                      encoding="utf-8")
    findings = "\n".join(actionlint(broken))
    assert '"chekc"' in findings
    assert "base_reff" in findings
    assert "SC2086" in findings  # from ShellCheck, so it really ran


def test_every_step_runs_an_existing_make_target():
    """Steps are thin: each `run:` is a make target a person can run here too."""
    for workflow in WORKFLOWS:
        jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
        runs = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
        assert runs
        for run in runs:
            match = re.fullmatch(r"make (?:--silent )?(\w+)(?: .*)?", run.strip())
            assert match, f"{workflow.name}: step runs {run!r}, not a make target"
            dry = subprocess.run(["make", "-n", match[1], "TARGET=/tmp/x"], cwd=ROOT,
                                 capture_output=True, text=True)
            assert dry.returncode == 0, f"make {match[1]}: {dry.stderr}"
