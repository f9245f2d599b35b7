"""A council's own project: it builds with no theme/ folder (the theme ships in the
package), and a theme/ folder of its own replaces the package's files one by one."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import plansite
from generator.engine.mkdocs.settings import THEME


def _asset(site_dir: Path, name: str, suffix: str) -> str:
    """The text of the published (fingerprinted) assets/name.*.suffix."""
    found = sorted((site_dir / "assets").glob(f"{name}.*.{suffix}"))
    assert len(found) == 1, found
    return found[0].read_text(encoding="utf-8")


def test_a_project_without_a_theme_folder_builds_with_the_packaged_theme(project, tmp_path):
    assert not (project / "theme").exists()
    site_dir = tmp_path / "site"
    result = plansite("build", "--site-dir", str(site_dir), root=project)
    assert result.returncode == 0, result.stderr
    packaged = (THEME / "assets" / "plansite.css").read_text(encoding="utf-8")
    assert _asset(site_dir, "plansite", "css") == packaged
    assert (site_dir / "404.html").is_file() and (site_dir / "sitemap.xml").is_file()


def test_the_project_theme_replaces_files_one_by_one(project, tmp_path):
    (project / "theme" / "assets").mkdir(parents=True)
    script = (THEME / "assets" / "plansite.js").read_text(encoding="utf-8")
    (project / "theme" / "assets" / "plansite.js").write_text(
        script + "\n// Exampleshire's own addition\n", encoding="utf-8")
    (project / "theme" / "assets" / "crest.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    site_dir = tmp_path / "site"
    result = plansite("build", "--site-dir", str(site_dir), root=project)
    assert result.returncode == 0, result.stderr
    assert _asset(site_dir, "plansite", "js").endswith("// Exampleshire's own addition\n")
    packaged = (THEME / "assets" / "plansite.css").read_text(encoding="utf-8")
    assert _asset(site_dir, "plansite", "css") == packaged  # not overridden: the package's
    assert (site_dir / "assets" / "crest.svg").is_file()
    assert re.search(r'<html lang="en-GB"', (site_dir / "index.html").read_text("utf-8"))


def test_a_theme_file_linking_outside_the_project_is_refused(project, tmp_path):
    site_dir = tmp_path / "site"
    assert plansite("build", "--site-dir", str(site_dir), root=project).returncode == 0
    before = (site_dir / "index.html").read_bytes()
    outside = tmp_path / "outside.html"
    outside.write_text("{% extends 'base.html' %}SECRET", encoding="utf-8")
    (project / "theme").mkdir()
    (project / "theme" / "main.html").symlink_to(outside)
    result = plansite("build", "--site-dir", str(site_dir), root=project)
    assert result.returncode == 1
    assert "\n  theme/main.html: this is a link to something outside the project folder" \
        in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (site_dir / "index.html").read_bytes() == before
    assert "SECRET" not in before.decode("utf-8")
