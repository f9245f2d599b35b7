"""The benchmark's synthetic council: it validates, builds, and is the same for a seed."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, plansite

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

SIZE = synth.Size(services=2, years=2, priorities=3, kpis=7, quarters=3, versions=4)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_council_checks_and_builds(tmp_path):
    root = tmp_path / "council"
    expected = synth.write(SIZE, root)
    checked = plansite("check", root=root)
    assert checked.returncode == 0, checked.stderr
    assert "2 services, 4 plans" in checked.stdout
    site = tmp_path / "site"
    built = plansite("build", "--site-dir", str(site), root=root)
    assert built.returncode == 0, built.stderr
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) == expected, pages
    assert "2025-26/service-002" in pages and "2024-25/service-001" in pages


def test_synthetic_council_is_the_same_for_a_seed(tmp_path):
    synth.write(SIZE, tmp_path / "a")
    synth.write(SIZE, tmp_path / "b")
    synth.write(synth.Size(**{**SIZE.__dict__, "seed": 2}), tmp_path / "c")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
