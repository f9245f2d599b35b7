"""Shared fixtures: real builds of the council at the project root, of a frozen copy of the
Hart sample, and of fictional test councils. Only root_site reads the project root's
data/, content/ and site_config.yml, so the suite passes whatever valid council is there."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "council"
HART = ROOT / "tests" / "fixtures" / "hart"  # the Hart sample, frozen for faithfulness tests


def plansite(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real `plansite` command line and capture what it prints."""
    return subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT)


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_snapshot(snapshot: Path, old: str, new: str) -> None:
    """Edit a version's snapshot as if it had been recorded so: the plan file's digest of it
    follows (the gate's refusal of a changed snapshot is tested in test_gate_safety.py)."""
    from generator.model.gate import digest
    plan = snapshot.parents[2] / f"{snapshot.parent.name}.yml"
    before = digest(snapshot.read_text(encoding="utf-8"))
    edit(snapshot, old, new)
    edit(plan, before, digest(snapshot.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The Hart sample (the frozen copy in tests/fixtures/hart/), built for real."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = plansite("build", "--site-dir", str(site), root=HART)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def root_site(tmp_path_factory) -> Path:
    """Whatever council is at the project root (data/, content/, site_config.yml), built
    for real: the quality checks judge a council's own pages."""
    site = tmp_path_factory.mktemp("root") / "site"
    result = plansite("build", "--site-dir", str(site), root=ROOT)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the fictional test council."""
    return copy_council(tmp_path / "council")


def copy_council(target: Path) -> Path:
    """Copy the fictional test council to target."""
    shutil.copytree(FIXTURE, target)
    return target


def sample_copy(folder: Path) -> Path:
    """A writable copy of the whole Hart sample (data, content, settings) in folder."""
    return shutil.copytree(HART, folder / "sample")


VERSIONS = ROOT / "tests" / "fixtures" / "versions-council"


@pytest.fixture
def versions_council(tmp_path) -> Path:
    """A writable copy of the fictional council whose plans have drafts and changed versions."""
    target = tmp_path / "versions-council"
    shutil.copytree(VERSIONS, target)
    return target


def pytest_terminal_summary(terminalreporter):
    """End the run with the quality counts (axe, Nu, links, third-party requests)."""
    from quality.report import COUNTS
    if COUNTS:
        terminalreporter.section("quality counts")
        for line in COUNTS:
            terminalreporter.write_line(line)
