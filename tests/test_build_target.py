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


def _inodes(site) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.lstat().st_ino
            for p in site.rglob("*") if p.is_file() and not p.is_symlink()}


def test_a_rebuild_keeps_the_unchanged_files_and_writes_the_changed(project, tmp_path):
    site = project / "site"
    assert plansite("build", root=project).returncode == 0
    old_bytes = {path: (site / path).read_bytes() for path in _inodes(site)}
    edit(project / "content/about.md", "A plan for a year.", "A plan for one year.")
    # a file of the old site changed after its build, and one replaced by a link to a file
    # outside it with the very bytes the rebuild writes there: neither is reused
    fresh = tmp_path / "fresh"
    assert plansite("build", "--site-dir", str(fresh), root=project).returncode == 0
    tampered, linked = "index.html", "about/index.html"
    (site / tampered).write_text("changed by hand", encoding="utf-8")
    outside = tmp_path / "outside.html"
    outside.write_bytes((fresh / linked).read_bytes())
    (site / linked).unlink()
    (site / linked).symlink_to(outside)
    old = _inodes(site)

    assert plansite("build", root=project).returncode == 0
    new = _inodes(site)
    assert {p: (site / p).read_bytes() for p in new} == \
        {p: (fresh / p).read_bytes() for p in _inodes(fresh)}
    reused = {p for p in new if new[p] == old.get(p)}
    unchanged = {p for p in new if p in old and old_bytes[p] == (fresh / p).read_bytes()
                 and p not in (tampered, linked, ".plansite-build")}
    # all but the few files MkDocs writes itself (its 404 page and sitemaps)
    assert reused <= unchanged and len(unchanged - reused) <= 3
    assert "about/index.html" not in reused and len(reused) > len(new) // 2
    assert not set(new.values()) - {new[p] for p in reused} & set(old.values())
    assert outside.lstat().st_ino != new[linked] and not (site / linked).is_symlink()
