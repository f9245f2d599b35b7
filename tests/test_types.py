"""mypy type-checks the generator package with no errors ([tool.mypy] in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the pinned mypy from the repository root, so it reads pyproject.toml."""
    return subprocess.run([sys.executable, "-m", "mypy", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_the_package_type_checks():
    result = mypy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_check_catches_an_unchecked_optional(tmp_path):
    """The settings are strict enough to see the commonest mistake: using a maybe-None value."""
    bad = tmp_path / "bad.py"
    bad.write_text("def first(names: list[str]) -> str | None:\n"
                   "    return names[0] if names else None\n\n\n"
                   "def shout(names: list[str]) -> str:\n"
                   "    return first(names).upper()\n")
    result = mypy("--config-file", str(ROOT / "pyproject.toml"), str(bad))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.py:6: error" in result.stdout and "[union-attr]" in result.stdout
