"""Shared fixtures: real builds of the sample council and of a fictional test council."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "council"


def plansite(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real `plansite` command line and capture what it prints."""
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT)


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample council (data/ and content/ of this repository), built for real."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = plansite("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the fictional test council."""
    return copy_council(tmp_path / "council")


def copy_council(target: Path) -> Path:
    """Copy the fictional test council, with this repository's theme, to target."""
    shutil.copytree(FIXTURE, target)
    (target / "theme").mkdir(exist_ok=True)
    for item in (ROOT / "theme").iterdir():
        dest = target / "theme" / item.name
        (shutil.copytree if item.is_dir() else shutil.copy)(item, dest)
    return target


def sample_copy(folder: Path) -> Path:
    """A writable copy of the whole sample council (data, content, theme, settings) in folder."""
    root = folder / "sample"
    root.mkdir()
    for name in ("data", "content", "theme", "site_config.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return root


VERSIONS = ROOT / "tests" / "fixtures" / "versions-council"


@pytest.fixture
def versions_council(tmp_path) -> Path:
    """A writable copy of the fictional council whose plans have drafts and changed versions."""
    target = tmp_path / "versions-council"
    shutil.copytree(VERSIONS, target)
    shutil.copytree(ROOT / "theme", target / "theme")
    return target


def pytest_terminal_summary(terminalreporter):
    """End the run with the quality counts (axe, Nu, links, third-party requests)."""
    from quality.report import COUNTS
    if COUNTS:
        terminalreporter.section("quality counts")
        for line in COUNTS:
            terminalreporter.write_line(line)
