"""`plansite build --site-dir` never replaces anything but a site."""

from __future__ import annotations

import pytest
from conftest import edit, plansite


@pytest.mark.parametrize("target", [".", "..", "data", "content", "site_config.yml"])
def test_a_build_never_replaces_the_project_or_its_files(project, target):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = plansite("build", "--site-dir", target, root=project)
    assert result.returncode == 1
    assert "choose a separate folder for the site, such as site/" in result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_a_build_replaces_its_own_previous_site(project):
    site = project / "site"
    assert plansite("build", root=project).returncode == 0
    (site / "stale").mkdir()
    (site / "stale" / "index.html").write_text("left from an old build", encoding="utf-8")
    edit(project / "site_config.yml", "title: ", "title: Revised ")
    again = plansite("build", root=project)
    assert again.returncode == 0, again.stderr
    assert "Revised " in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "stale").exists()  # replaced whole, not written over
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
