"""plansite publish / rollback: releases on a server folder, switched in one step."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from conftest import edit, plansite


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def builds(project, tmp_path) -> tuple[Path, Path]:
    """Two different finished builds of the test council: before and after an edit."""
    first, second = tmp_path / "first", tmp_path / "second"
    assert plansite("build", "--site-dir", str(first), root=project).returncode == 0
    edit(project / "site_config.yml", "title: ", "title: Revised ")
    assert plansite("build", "--site-dir", str(second), root=project).returncode == 0
    assert snapshot(first) != snapshot(second)
    return first, second


def publish(site_dir: Path, target: Path):
    return plansite("publish", "--site-dir", str(site_dir), "--target", str(target))


def live(target: Path) -> dict[str, bytes]:
    return snapshot(target / "current")


def test_publish_second_publish_and_rollback(builds, tmp_path):
    first, second = builds
    target = tmp_path / "www" / "plans"

    result = publish(first, target)
    assert result.returncode == 0, result.stderr
    assert live(target) == snapshot(first)
    assert (target / "current").is_symlink()
    release_1 = os.readlink(target / "current")

    again = publish(first, target)  # the same build again: nothing changes
    assert again.returncode == 0 and "Nothing to do" in again.stdout
    assert os.readlink(target / "current") == release_1

    result = publish(second, target)
    assert result.returncode == 0, result.stderr
    assert live(target) == snapshot(second)
    assert os.readlink(target / "current") != release_1
    assert "rollback" in result.stdout  # says how to undo it
    assert snapshot(target / release_1) == snapshot(first)  # the previous release is kept

    result = plansite("rollback", "--target", str(target))
    assert result.returncode == 0, result.stderr
    assert os.readlink(target / "current") == release_1
    assert live(target) == snapshot(first)

    result = plansite("rollback", "--target", str(target))
    assert result.returncode == 1
    assert "oldest release" in result.stderr and "Traceback" not in result.stderr
    assert live(target) == snapshot(first)


def test_current_is_always_a_complete_release(builds, tmp_path):
    """A reader watching `current` during many publishes never finds it missing or partial."""
    first, second = builds
    target = tmp_path / "www"
    assert publish(first, target).returncode == 0
    expected = {snapshot(first)["index.html"], snapshot(second)["index.html"]}
    seen, bad, done = [], [], threading.Event()

    def reader():
        while not done.is_set():
            try:
                seen.append((target / "current" / "index.html").read_bytes())
                if not (target / "current" / "404.html").is_file():
                    bad.append("404.html missing")
            except OSError as error:
                bad.append(repr(error))

    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        for build in (second, first) * 3:
            assert publish(build, target).returncode == 0
    finally:
        done.set()
        watcher.join()
    assert not bad, bad[:5]
    assert seen and set(seen) <= expected
    assert len(list((target / "releases").iterdir())) == 5  # older releases are pruned


def test_refuses_what_is_not_a_finished_build_or_a_usable_target(builds, tmp_path):
    first, _ = builds
    empty = tmp_path / "empty"
    empty.mkdir()
    result = publish(empty, tmp_path / "www")
    assert result.returncode == 1 and "not a finished build" in result.stderr
    assert not (tmp_path / "www").exists()

    a_file = tmp_path / "file"
    a_file.write_text("x")
    result = publish(first, a_file)
    assert result.returncode == 1 and "a file, not a folder" in result.stderr

    real = tmp_path / "old-www"
    (real / "current").mkdir(parents=True)
    result = publish(first, real)
    assert result.returncode == 1 and "real folder" in result.stderr
    assert not (real / "releases").exists()

    result = plansite("rollback", "--target", str(tmp_path / "nothing"))
    assert result.returncode == 1 and "nothing has been published" in result.stderr
