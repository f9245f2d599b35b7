"""Versions and the publishing gate: history pages, the draft gate, what's new and the feed."""

from __future__ import annotations

import gzip
import html as htmllib
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import HART, VERSIONS, plansite

from generator.model.changes import compare
from generator.model.gate import published, same_content
from generator.pipeline import read_council

# Text that exists only in the fixture's drafts: the working copy of the libraries plan
# after its version 2, and the markets plan, which has never been approved.
DRAFT_TEXT = ["housebound", "makerspace", "Sunday opening trial", "Castle Square",
              "Street Markets", "Revised plan drafted", "64,000", "Draft: not yet approved"]
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def text(path) -> str:
    return " ".join(htmllib.unescape(path.read_text(encoding="utf-8")).split())


def words(path) -> str:
    """A page's text without its tags, as a reader sees it."""
    return " ".join(re.sub(r"<[^>]+>", "", text(path)).split())


def every_file_text(site) -> dict:
    """Every file of a built site as text (gzip opened), so nothing can hide a draft."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        found[path] = htmllib.unescape(data.decode("utf-8", errors="replace"))
    return found


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    """The fixture council built as the public site and as a preview."""
    root = tmp_path_factory.mktemp("versions") / "council"
    shutil.copytree(VERSIONS, root)
    sites = {}
    for kind, extra in (("public", []), ("preview", ["--preview"])):
        sites[kind] = root / f"site-{kind}"
        result = plansite("build", "--site-dir", str(sites[kind]), *extra, root=root)
        assert result.returncode == 0, result.stderr
    return sites


# The sample council (Hart): versions exactly as the seeds record them.

def test_sample_2025_26_shows_version_2_and_lists_version_1(sample_site):
    page = words(sample_site / "2025-26/corporate-services/index.html")
    assert "Version 2: Approved (Cabinet), April 2025." in page
    assert 'href="history/"' in (sample_site / "2025-26/corporate-services/index.html").read_text()
    history = text(sample_site / "2025-26/corporate-services/history/index.html")
    row = history[history.index('id="version-1"'):]
    row = row[: row.index("</tr>")]
    for expected in ("March 2025", "Considered by Overview and Scrutiny",
                     "Overview and Scrutiny Committee", 'href="../v1/"'):
        assert expected in row, expected
    row = history[history.index('id="version-2"'):]
    assert "April 2025" in row[: row.index("</tr>")] and "Cabinet" in row[: row.index("</tr>")]
    # The seeds record no change of wording between the two versions: none is invented.
    assert "No changes recorded: the plan's content is the same as in version 1." in history


def test_sample_kept_versions_are_readable_and_not_indexed(sample_site):
    for number in (1, 2):
        html = (sample_site / f"2025-26/corporate-services/v{number}/index.html").read_text()
        assert f"You are reading version {number}</strong>" in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert 'id="priority-14"' in html  # the whole plan, as kept
    current = (sample_site / "2025-26/corporate-services/index.html").read_text()
    assert '<meta name="robots"' not in current


def test_sample_2022_23_shows_the_august_update_as_latest(sample_site):
    page = words(sample_site / "2022-23/corporate-services/index.html")
    assert "Version 1: Progress update, 12 August 2022." in page
    history = text(sample_site / "2022-23/corporate-services/history/index.html")
    assert "12 August 2022" in history and 'id="version-2"' not in history


def test_sample_snapshots_hold_the_plan_as_published():
    council = read_council(HART)
    for plan in council.plans:
        assert plan.frozen, plan.source
        for kept in plan.frozen:
            assert same_content(kept, plan), kept.versions[-1]
    new = next(p for p in council.plans if p.year.start == 2025)
    assert compare(new.snapshot(1), new.snapshot(2)) == ()


# The fictional versions council: a published plan with a draft after it, and a draft plan.

def test_the_gate_keeps_the_published_version_of_each_plan():
    council = read_council(VERSIONS)
    public = published(council)
    assert [p.service for p in public.plans] == ["libraries"]
    assert [s.key for s in public.services] == ["libraries"]
    libraries = public.plans[0]
    assert [v.number for v in libraries.versions] == [1, 2]
    assert same_content(libraries, libraries.snapshot(2))
    working = next(p for p in council.plans if p.service == "libraries")
    assert not same_content(libraries, working)


def test_public_build_contains_no_draft_anywhere(builds):
    site = builds["public"]
    files = every_file_text(site)
    assert any(p.name == "search_index.json" for p in files)
    for path, content in files.items():
        for draft in DRAFT_TEXT:
            assert draft not in content, f"{draft!r} in {path.relative_to(site)}"
    assert not (site / "2024-25/markets").exists()
    page = words(site / "2024-25/libraries/index.html")
    assert "Replace the self-service kiosks" in page and "Version 2: Progress update" in page
    assert not (site / "2024-25/libraries/v3").exists()


def test_preview_shows_drafts_with_the_banner_and_noindex(builds):
    site = builds["preview"]
    libraries = text(site / "2024-25/libraries/index.html")
    assert "Launch a home delivery service for housebound residents" in libraries
    assert "makerspace" in libraries and "Replace the self-service kiosks" not in libraries
    content = libraries[libraries.index("<article"):]
    assert "Draft: not yet approved." in content
    assert "The public site shows version 2" in content
    markets = text(site / "2024-25/markets/index.html")
    assert "Castle Square" in markets and "This plan has not been approved" in markets
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in html, path
        assert "Draft: not yet approved." in html, path  # the banner on every page


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start + 1)
    return page[start: end if end > 0 else None]


def test_history_shows_what_changed_between_published_versions(builds):
    page = text(builds["public"] / "2024-25/libraries/history/index.html")
    assert 'id="version-1"' in page and 'id="version-2"' in page
    assert 'id="version-3"' not in page and "Working copy" not in page
    v2 = section(page, "changes-v2")
    assert "Changes from version 1." in v2
    reworded = section(v2, "v2-priority-reworded")
    assert ("Before:</p><del><p>Extend opening hours at Central Library</p></del>" in reworded)
    assert ("After:</p><ins><p>Extend opening hours at the Central Library</p></ins>"
            in reworded)
    target = section(v2, "v2-priority-target")
    assert "Revised target" in target and "January 2025 (The delivery van arrives late.)" in target
    assert "Saturday afternoon opening began in July." in section(v2, "v2-update")
    results = section(v2, "v2-result")
    assert "Q1 2024/25 (April to June)" in results
    assert "31,000" in results and "87%: Best quarter yet." in results
    assert "This is the first version kept" in section(page, "changes-v1")


def test_preview_history_shows_the_draft_changes(builds):
    page = text(builds["preview"] / "2024-25/libraries/history/index.html")
    draft = section(page, "changes-working-copy")
    assert "Changes from version 2." in draft
    assert "Open a makerspace in the Riverside branch" in section(draft,
                                                                   "working-copy-priority-added")
    assert "Replace the self-service kiosks" in section(draft, "working-copy-priority-removed")
    reworded = section(draft, "working-copy-priority-reworded")
    assert "<del><p>Launch a home delivery service</p></del>" in reworded
    assert "<ins><p>Launch a home delivery service for housebound residents</p></ins>" in reworded
    target = section(draft, "working-copy-kpi-target")
    assert "<del><p>85%</p></del>" in target and "<ins><p>90%</p></ins>" in target
    assert "64,000" in section(draft, "working-copy-result")
    assert "Sunday opening trial" in section(draft, "working-copy-update")


def test_whats_new_lists_the_latest_versions(builds):
    page = text(builds["public"] / "whats-new/index.html")
    first, second = page.index("Libraries 2024/25: Version 2"), page.index(
        "Libraries 2024/25: Version 1")
    assert first < second  # newest first
    assert 'href="../feed.xml"' in page


@pytest.mark.parametrize("kind", ["public", "preview"])
def test_the_feed_is_valid_atom(builds, kind):
    site = builds[kind]
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    base = "https://plans.example.org/exampleton/"
    assert feed.findtext(f"{ATOM}id") == f"{base}feed.xml"
    assert feed.findtext(f"{ATOM}title")
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Exampleton Borough Council"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{base}feed.xml", "alternate": f"{base}whats-new/"}
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and RFC3339.match(entry.findtext(f"{ATOM}updated"))
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate.get("href").startswith(base)
        page = alternate.get("href")[len(base):] + "index.html"
        assert (site / page).is_file(), page
    assert feed.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)
    # the same words as the what's new page; the note gets one full stop, never two
    oldest = entries[-1]
    assert oldest.findtext(f"{ATOM}title") == ("Libraries 2024/25: Version 1: Approved (Cabinet), "
                                               "9 April 2024, minute C/12")
    assert oldest.findtext(f"{ATOM}summary") == "Plan approved. First version kept."
    head = (site / "2024-25/libraries/history/index.html").read_text()
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" [^>]*'
                     r'href="\.\./\.\./\.\./feed\.xml"', head)


def test_a_version_changed_after_it_was_kept_is_an_error(versions_council):
    plan = versions_council / "data/plans/2024-25/libraries.yml"
    plan.write_text(plan.read_text().replace("reference: minute C/12", "reference: minute C/13"))
    line = plan.read_text().splitlines().index("  - version: 1") + 1
    result = plansite("check", root=versions_council)
    assert result.returncode == 1
    assert (f"data/plans/2024-25/libraries.yml:{line}: version 1 was frozen in "
            "data/plans/2024-25/versions/libraries/v1.yml as: Approved, 9 April 2024, Cabinet, "
            "minute C/12, Plan approved; the plan file now differs") in result.stderr
    (versions_council / "data/plans/2024-25/versions/libraries/v1.yml").unlink()
    result = plansite("check", root=versions_council)
    assert "version 1 (Approved) has no snapshot" in result.stderr
