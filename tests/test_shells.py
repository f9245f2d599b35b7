"""Pages filled into a shell of Material's frame, each rendered as it is written, are the
bytes Material renders for pages rendered first and framed whole, for every test council
and the sample, with and without a theme override."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, HART, ROOT, VERSIONS
from generator.engine.mkdocs import ENGINE, engine
from generator.engine.mkdocs.shells import Shells
from generator.pipeline import make_site

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

COUNCILS = [FIXTURE, HART, VERSIONS, ROOT / "tests" / "fixtures" / "frameworks-council"]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _both_ways(root: Path, out: Path, monkeypatch, preview: bool = False) -> tuple[dict, dict]:
    """The site of `root` built as `plansite build` builds it (shells; each page rendered
    as it is written), then with every page rendered first and then framed whole."""
    engine.build(make_site(root, preview, ENGINE, finish=False), root, out / "shells")
    with monkeypatch.context() as patch:
        patch.setattr(Shells, "_key", lambda *args: None)
        engine.build(make_site(root, preview, ENGINE), root, out / "whole")
    return _files(out / "shells"), _files(out / "whole")


@pytest.mark.parametrize("council", COUNCILS, ids=lambda p: p.name)
@pytest.mark.parametrize("preview", [False, True], ids=["public", "preview"])
def test_shells_give_the_bytes_material_renders(council, preview, tmp_path, monkeypatch):
    shells, whole = _both_ways(council, tmp_path, monkeypatch, preview)
    assert shells.keys() == whole.keys()
    assert [path for path in shells if shells[path] != whole[path]] == []


def test_a_large_council_renders_few_frames(tmp_path, monkeypatch):
    """Shells are really used: a synthetic council renders far fewer frames than pages."""
    root = tmp_path / "council"
    pages = synth.write(synth.Size(services=6, years=2, versions=3), root)
    frames = []
    made = Shells._make
    monkeypatch.setattr(Shells, "_make", lambda self, *a: frames.append(1) or made(self, *a))
    engine.build(make_site(root, False, ENGINE), root, tmp_path / "site")
    assert 0 < len(frames) < pages / 4, (len(frames), pages)


def test_a_theme_that_transforms_the_title_is_rendered_whole(tmp_path, monkeypatch):
    root = shutil.copytree(FIXTURE, tmp_path / "council")
    (root / "theme").mkdir(exist_ok=True)
    (root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block htmltitle %}<title>{{ (page.meta.title if page else config.site_name)"
        " | upper }}</title>{% endblock %}\n"
        "{% block content %}<p>{{ (page.canonical_url if page else '') | replace('/', ' / ') }}</p>"
        "{{ super() }}{% endblock %}\n", encoding="utf-8")
    shells, whole = _both_ways(root, tmp_path, monkeypatch)
    assert shells == whole
    plan = next(text for path, text in shells.items() if path.endswith("parks/index.html"))
    assert b"<title>PARKS AND OPEN SPACES" in plan
