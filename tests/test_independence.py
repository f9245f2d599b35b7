"""The tests test the product, not the sample: in a copy of this repository whose data/,
content/ and site_config.yml are the starter's from `plansite new`, the test modules that
read the project root pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT, plansite

# Every module that reads the council at the project root (through the root_site fixture).
ROOT_READERS = ("tests/test_quality_structure.py", "tests/test_quality_links.py",
                "tests/test_quality_nu.py", "tests/test_quality_axe.py")
PROJECT = ("data", "content", "site_config.yml")


def test_the_root_readers_pass_with_another_council_at_the_root(tmp_path):
    assert all("root_site" in (ROOT / m).read_text(encoding="utf-8") for m in ROOT_READERS)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    copy = tmp_path / "repository"
    for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
        source = ROOT / name
        if source.is_file() and not name.startswith(PROJECT):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / "tests" / "node_modules").symlink_to(ROOT / "tests" / "node_modules")
    starter = tmp_path / "starter"
    assert plansite("new", str(starter), "--council", "Exampleshire County Council") \
        .returncode == 0
    for name in PROJECT:
        (shutil.copytree if (starter / name).is_dir() else shutil.copy2)(
            starter / name, copy / name)
    assert not any((copy / "data").rglob("corporate-services.yml"))  # not Hart's any more

    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             *ROOT_READERS], cwd=copy, capture_output=True, text=True,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout, result.stdout
