"""plansite diff: which pages a change adds, removes or rewords, and how."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import edit, plansite, sample_copy
from generator.engine.mkdocs.settings import THEME
from generator.commands.sitediff import address, compare, page_text, report

PLAN = Path("data/plans/2025-26/corporate-services.yml")
ABOUT = Path("content/about.md")
ROW = re.compile(r"^\| (Changed|Added|Removed) \| .* \| `([^`]+)` \|$", re.M)
PAGE = """<html><head><title>{title}</title><link rel="stylesheet" href="{css}"></head>
<body><nav>Home Services</nav><article>{body}</article><footer>Council</footer></body></html>"""


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Comms team",
                             "-c", "user.email=comms@example.org", *args],
                            capture_output=True, text=True, check=True)
    return result.stdout


def write_site(folder: Path, pages: dict[str, str], css: str = "a.1111aaaa.css") -> Path:
    for path, (title, body) in pages.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(PAGE.format(title=title, body=body, css=css), "utf-8")
    return folder


def test_page_text_is_what_a_reader_sees_in_the_article():
    title, lines = page_text(PAGE.format(title="KPI &amp; more", css="x", body="""
        <h1>Calls <span aria-hidden="true">★</span>answered</h1><script>var x = 1;</script>
        <p>Within   30
        seconds.</p><ul><li>One</li><li>Two <a href="#">link</a></li></ul>
        <dl><div><dt>Target</dt><dd>80%</dd></div></dl>
        <table><caption>Results</caption><tr><th>Q1</th><td>81.2</td></tr>
        <tr><th>Status</th><td><ul><li>2 on target</li><li>1 off</li></ul></td><td>3 in all</td></tr>
        </table>
        <img src="c.png" alt="Chart of results">"""))
    assert title == "KPI & more"
    assert lines == ["# Calls answered", "Within 30 seconds.", "- One", "- Two link",
                     "Target: 80%", "Results", "Q1 | 81.2",
                     "Status | 2 on target; 1 off | 3 in all", "[Chart of results]"]


def test_compare_finds_added_removed_and_reworded_pages_only(tmp_path):
    old = write_site(tmp_path / "old", {
        "index.html": ("Home", "<p>Welcome</p>"), "a/index.html": ("A", "<p>Old words</p>"),
        "gone/index.html": ("Gone", "<p>Bye</p>"), "same/index.html": ("Same", "<p>Same</p>")})
    new = write_site(tmp_path / "new", {
        "index.html": ("Home", "<p>Welcome</p>"), "a/index.html": ("A", "<p>New words</p>"),
        "new/index.html": ("New", "<p>Hi</p>"), "same/index.html": ("Same", "<p>Same</p>")},
        css="a.2222bbbb.css")  # every page's markup differs, but only in an asset's name
    (old / "data.csv").write_text("year,value\n2025,1\n", "utf-8")
    (new / "data.csv").write_text("year,value\n2025,2\n", "utf-8")
    (new / "assets").mkdir()
    (new / "assets" / "a.2222bbbb.css").write_text("p{}", "utf-8")
    changes = compare(old, new)
    assert [c.path for c in changes.changed] == ["/a/"]
    assert changes.changed[0].diff == ("@@ -1,2 +1,2 @@", " Title: A", "-Old words",
                                       "+New words")
    assert [(c.path, c.title) for c in changes.added] == [("/new/", "New")]
    assert [(c.path, c.title) for c in changes.removed] == [("/gone/", "Gone")]
    assert [c.path for c in changes.files_changed] == ["/data.csv"]
    assert "+2025,2" in changes.files_changed[0].diff
    assert not changes.files_added  # assets/ is named by content: never a change of its own
    text = report(changes, "origin/main", "this version")
    assert {m[1] for m in ROW.finditer(text)} == {"Changed", "Added", "Removed"}
    assert "```diff\n@@ -1,2 +1,2 @@\n Title: A\n-Old words\n+New words\n```" in text
    assert not compare(old, old) and "No visible changes" in report(compare(old, old), "a", "b")


def test_report_shows_markdown_and_backticks_from_the_data_literally(tmp_path):
    old = write_site(tmp_path / "old", {"index.html": ("A *b*", "<p>```x```</p>")})
    new = write_site(tmp_path / "new", {"index.html": ("A *b*", "<p>```y```</p>")})
    text = report(compare(old, new), "main", "this version")
    assert "A \\*b\\*" in text
    assert "````diff\n" in text  # a longer fence than any run of backticks inside


def built_pages(project: Path, folder: Path, preview: bool) -> dict[str, bytes]:
    result = plansite("build", "--site-dir", str(folder), *(["--preview"] * preview),
                      root=project)
    assert result.returncode == 0, result.stderr
    return {address(p.relative_to(folder).as_posix()): p.read_bytes()
            for p in folder.rglob("*.html")}


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository holding the sample council, as a council's site repository would."""
    project = sample_copy(tmp_path)
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", ".")
    git(project, "commit", "--quiet", "-m", "Plans as approved")
    return project


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "public"])
def test_diff_between_two_commits_lists_the_changed_pages(repo, tmp_path, preview):
    before = built_pages(repo, tmp_path / "before", preview)
    edit(repo / PLAN, "title: Desktop refresh", "title: Laptop refresh programme")
    edit(repo / PLAN, "basis: quarter-end\n    target: 80", "basis: quarter-end\n    target: 85")
    edit(repo / ABOUT, "monitored through KPIs", "monitored through indicators")
    git(repo, "commit", "--quiet", "-am", "Reword a priority, raise a target, reword a page")
    after = built_pages(repo, tmp_path / "after", preview)
    # Same code and theme on both sides, so a page's bytes differ exactly when it changed.
    expected = {path for path in before.keys() & after.keys() if before[path] != after[path]}

    result = plansite("diff", "HEAD~1", *(["--preview"] * preview), root=repo)
    assert result.returncode == 0, result.stderr
    rows = {(kind, path) for kind, path in ROW.findall(result.stdout)}
    print(result.stdout)
    assert rows == {("Changed", path) for path in expected}
    assert "/about/" in expected  # narrative pages are not held back by the approval gate
    assert re.search(r"^\+.*monitored through indicators", result.stdout, re.M)
    if not preview:  # the plan's edit is an unapproved draft: the public site does not show it
        assert "/2025-26/corporate-services/" not in expected
        assert "Laptop refresh" not in result.stdout
    else:  # the working copy is shown, so the new wording is there to see
        assert "/2025-26/corporate-services/" in expected
        assert re.search(r"^-.*Desktop refresh", result.stdout, re.M)
        assert re.search(r"^\+.*Laptop refresh programme", result.stdout, re.M)
        assert re.search(r"^-.*\b80\b", result.stdout, re.M)
        assert re.search(r"^\+.*\b85\b", result.stdout, re.M)


def test_diff_ignores_a_change_that_shows_nothing_new(repo, tmp_path):
    before = built_pages(repo, tmp_path / "before", False)
    css = repo / "theme" / "assets" / "plansite.css"  # the council's own, over the package's
    css.parent.mkdir(parents=True)
    css.write_text((THEME / "assets" / "plansite.css").read_text(encoding="utf-8")
                   + "\n/* tidied */\n", encoding="utf-8")
    git(repo, "add", "theme")
    git(repo, "commit", "--quiet", "-m", "Tidy the stylesheet")
    after = built_pages(repo, tmp_path / "after", False)
    assert before.keys() == after.keys()
    assert all(before[p] != after[p] for p in before)  # every page names the new stylesheet
    result = plansite("diff", "HEAD~1", root=repo)
    assert result.returncode == 0, result.stderr
    assert "No visible changes" in result.stdout and "Not yet public" not in result.stdout


def test_diff_explains_what_it_cannot_compare(repo, project):
    unknown = plansite("diff", "no-such-branch", root=repo)
    assert unknown.returncode == 1 and "git has no version of that name" in unknown.stderr
    outside = plansite("diff", "HEAD", root=project)
    assert outside.returncode == 1 and "not in a git repository" in outside.stderr
    assert "Traceback" not in unknown.stderr + outside.stderr


def test_diff_says_which_plans_wait_to_be_recorded_and_what_records_them(repo):
    edit(repo / PLAN, "basis: quarter-end\n    target: 80", "basis: quarter-end\n    target: 85")
    assert plansite("new-year", "2026-27", root=repo).returncode == 0
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Raise a target; start 2026/27")
    result = plansite("diff", "HEAD~1", root=repo)
    assert result.returncode == 0, result.stderr
    print(result.stdout)
    assert "**Not yet public:** 2 plans have changes in the plan file" in result.stdout
    assert ("- Corporate Services 2025/26 (`data/plans/2025-26/corporate-services.yml`): "
            "record it with the **Record a decision** workflow (Actions tab, stage `update`), "
            "or run `plansite update 2025-26 --service corporate-services --date YYYY-MM-DD")\
        in result.stdout
    assert ("- Corporate Services 2026/27 (`data/plans/2026-27/corporate-services.yml`): "
            "record it with the **Record a decision** workflow (Actions tab, stage `approve`), "
            "or run `plansite approve 2026-27 --service corporate-services --body Cabinet")\
        in result.stdout
    assert "No visible changes: every page reads the same, and no download changed (the " \
        "plans above are waiting to be recorded)." in result.stdout
