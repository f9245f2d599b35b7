"""The same commit builds to a byte-identical site: no build clock, no random ids."""

from __future__ import annotations

from conftest import HART, plansite


def tree(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(sample_site, tmp_path):
    again = tmp_path / "elsewhere" / "site"
    result = plansite("build", "--site-dir", str(again), root=HART)
    assert result.returncode == 0, result.stderr
    first, second = tree(sample_site), tree(again)
    assert sorted(first) == sorted(second)
    assert "sitemap.xml.gz" in first and "feed.xml" in first
    assert "search/search_index.json" in first
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_two_preview_builds_are_byte_identical(versions_council, tmp_path):
    sites = [tmp_path / "one", tmp_path / "two"]
    for site in sites:
        result = plansite("build", "--preview", "--site-dir", str(site), root=versions_council)
        assert result.returncode == 0, result.stderr
    first, second = tree(sites[0]), tree(sites[1])
    assert "index.html" in first and "feed.xml" in first
    assert first == second
