"""`plansite serve` after an edit: only the pages that depend on the edited file are
rendered again, and the site it serves is the one a fresh preview build writes."""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from conftest import ROOT, edit, plansite
from serving import fetch, serve, until

from generator.live import LiveSite
from generator.pipeline import make_site

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

SIZE = synth.Size(services=3, years=2, priorities=3, kpis=4, quarters=2, versions=3)


def _council(tmp_path: Path) -> Path:
    root = tmp_path / "council"
    synth.write(SIZE, root)
    return root


def _priority_title(root: Path, service: str) -> tuple[Path, str]:
    """A plan file of `service` and the title of its first priority, as written there."""
    live = LiveSite(root, preview=True)
    plan = next(p for p in live.council.plans if p.service == service)
    title = plan.priorities[0].title
    assert title in (root / plan.source).read_text(encoding="utf-8")
    return root / plan.source, title


def _last(updates):
    *_, last = updates
    return last


def test_an_edit_of_a_plan_renders_only_what_depends_on_it(tmp_path):
    root = _council(tmp_path)
    live = LiveSite(root, preview=True)
    before, files = {p.path: p for p in live.site.pages}, live.site.files
    path, title = _priority_title(root, "service-002")
    edit(path, title, f"{title} (edited)")
    first, update = live.refresh()
    fresh = make_site(root, preview=True)
    assert live.site == fresh  # every page and file, as a full render gives them
    changed = {p.path for p in fresh.pages if p != before[p.path]}
    assert first.pages | update.pages == changed, changed
    # First the edited service's pages, from its plans alone, already as they end up.
    assert first.pages and all(p.startswith("2024-25/service-002/") for p in first.pages)
    assert not first.pages & update.pages
    assert not any("service-001" in p or "service-003" in p for p in update.pages)
    assert update.files == {k for k, v in fresh.files.items() if v != files[k]}
    assert update.files and not any("service-001" in f for f in update.files), update.files


def test_other_edits_render_everything(tmp_path):
    root = _council(tmp_path)
    live = LiveSite(root, preview=True)
    edit(root / "site_config.yml", "title: ", "title: New ")
    assert _last(live.refresh()).pages is None
    assert live.site == make_site(root, preview=True)


def test_a_broken_edit_keeps_the_last_good_site_and_the_next_fix_catches_up(tmp_path):
    root = _council(tmp_path)
    live = LiveSite(root, preview=True)
    good = live.site
    path, title = _priority_title(root, "service-001")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n  broken: [\n", encoding="utf-8")
    try:
        _last(live.refresh())
    except Exception as error:  # noqa: BLE001 - the type is checked below
        assert type(error).__name__ == "InputError"
    else:
        raise AssertionError("a broken file was accepted")
    assert live.site is good
    path.write_text(text.replace(title, f"{title} (fixed)", 1), encoding="utf-8")
    _last(live.refresh())
    assert live.site == make_site(root, preview=True)


# The server adds its live-reload script to every page it serves.
_LIVERELOAD = re.compile(rb"<script>\s*var livereload.*?</script>", re.DOTALL)


def test_the_served_site_after_an_edit_equals_a_fresh_preview_build(tmp_path):
    root = _council(tmp_path)
    terminal: list[str] = []
    with serve(root, terminal) as base:
        path, title = _priority_title(root, "service-002")
        plan_page = base + path.relative_to(root / "data" / "plans").with_suffix("").as_posix()
        assert title in until(plan_page + "/", title)
        edit(path, title, f"{title} (edited)")
        assert f"{title} (edited)" in until(plan_page + "/", f"{title} (edited)")
        time.sleep(1)  # the server reloads once the whole update is written
        built = tmp_path / "built"
        result = plansite("build", "--preview", "--site-dir", str(built), root=root)
        assert result.returncode == 0, result.stderr
        site_url = re.search(r"base_url: (\S+)", (root / "site_config.yml").read_text())[1]
        compared = 0
        for file in sorted(built.rglob("*")):
            rel = file.relative_to(built).as_posix()
            if not file.is_file() or rel.startswith((".", "assets/")) or rel.endswith(".gz"):
                continue
            served = _LIVERELOAD.sub(b"", fetch(base + rel)).replace(
                base.encode(), site_url.strip("\"'").encode())
            assert served == file.read_bytes(), rel
            compared += 1
        assert compared > 50
    assert "Traceback" not in terminal[0], terminal[0]


def _preview_folders() -> set[Path]:
    """The folders live previews write their sites in (in memory or in the temporary folder)."""
    return {folder for place in (Path(tempfile.gettempdir()), Path("/dev/shm"))
            if place.is_dir() for folder in place.glob("plansite-serve-*")}


def test_a_preview_stopped_by_a_process_manager_deletes_its_files(tmp_path):
    root, before = _council(tmp_path), _preview_folders()
    terminal: list[str] = []
    with serve(root, terminal) as base:  # stopped with SIGTERM, as a process manager does
        assert "<html" in until(base, "<html")
        assert len(_preview_folders() - before) == 1
    assert _preview_folders() == before
    assert "Traceback" not in terminal[0], terminal[0]
