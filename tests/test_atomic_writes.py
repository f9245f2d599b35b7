"""Nothing half-written: record commands killed at any write, two at once, builds killed
mid-swap, publishes killed while pruning, and `diff` given an option instead of a revision.

Kills are simulated, not timed: the real command runs in a subprocess in which one call
(os.replace, a function of the generator) ends the process on the spot with os._exit.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, edit, plansite

PLANS = "data/plans/2024-25"
KILLER = """
import os, sys
from generator.commands import cli
target, at = sys.argv[1], int(sys.argv[2])
module, name = target.rsplit(".", 1)
module = __import__(module, fromlist=[name]) if module != "os" else os
real, calls = getattr(module, name), [0]
def killed(*args, **kwargs):
    calls[0] += 1
    if calls[0] == at:
        os._exit(9)
    return real(*args, **kwargs)
setattr(module, name, killed)
sys.exit(cli.main(sys.argv[3:]))
"""


def killed_at(target: str, at: int, *args: str, root) -> subprocess.CompletedProcess:
    """Run plansite with the `at`-th call of `target` (like "os.replace") killing it."""
    return subprocess.run([sys.executable, "-c", KILLER, target, str(at), "--root", str(root),
                           *args], capture_output=True, text=True, cwd=ROOT)


def files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def two_changed_plans(versions_council):
    """The versions council with both plans approved and both edited since."""
    assert plansite("approve", "2024-25", "--service", "markets", "--body", "Cabinet",
                    "--date", "2024-10-15", root=versions_council).returncode == 0
    edit(versions_council / PLANS / "markets.yml", "Castle Square", "Castle Square and Quay")
    return versions_council


UPDATE = ("update", "2024-25", "--date", "2024-11-05", "--note", "Q2 update")


@pytest.mark.parametrize("at", [1, 2, 3, 4, 5])  # the journal, two snapshots, two plans
def test_a_record_killed_at_any_write_leaves_all_before_or_all_after(two_changed_plans, at):
    root = two_changed_plans
    before = files(root / "data")
    result = killed_at("os.replace", at, *UPDATE, root=root)
    assert result.returncode == 9, result.stderr
    build = plansite("build", root=root)  # the next command finishes undoing it
    assert build.returncode == 0, build.stderr
    assert files(root / "data") == before
    assert not any(p.name.startswith(".") for p in root.rglob("*") if p.is_file()
                   and "site" not in p.parts)
    assert plansite("check", root=root).returncode == 0
    again = plansite(*UPDATE, root=root)
    assert again.returncode == 0, again.stderr
    assert plansite("check", root=root).returncode == 0


def test_a_record_killed_after_its_writes_but_before_the_end_is_undone(two_changed_plans):
    root = two_changed_plans
    before = files(root / "data")
    assert killed_at("generator.commands.record._check", 1, *UPDATE, root=root).returncode == 9
    assert (root / ".plansite-journal.json").is_file()
    result = plansite(*UPDATE, root=root)  # the next record command undoes it first
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("An interrupted plansite command had left 4 files "
                                    "half-recorded; they are back as they were before it")
    assert files(root / "data") != before and plansite("check", root=root).returncode == 0
    assert not (root / ".plansite-journal.json").exists()


def test_two_updates_at_once_both_keep_every_version_with_its_snapshot(two_changed_plans):
    root = two_changed_plans
    runs = [subprocess.Popen([sys.executable, "-m", "generator.commands.cli", "--root", str(root),
                              *UPDATE, "--service", service], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for service in ("libraries", "markets", "libraries")]
    results = [(run.wait(), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in results) == [0, 0, 1], results
    assert all("Traceback" not in err for _, _, err in results)
    assert plansite("check", root=root).returncode == 0
    for service, last in (("libraries", 4), ("markets", 3)):
        kept = sorted(p.name for p in (root / PLANS / "versions" / service).iterdir())
        assert kept[-1] == f"v{last}.yml" and f"v{last + 1}.yml" not in kept


def test_crlf_plan_files_stay_crlf(versions_council):
    plan = versions_council / PLANS / "markets.yml"
    plan.write_bytes(plan.read_bytes().replace(b"\n", b"\r\n"))
    before = plan.read_bytes()
    result = plansite("approve", "2024-25", "--service", "markets", "--body", "Cabinet",
                      "--date", "2024-10-15", root=versions_council)
    assert result.returncode == 0, result.stderr
    after = plan.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == after.count(b"\r\n")
    snapshot = (versions_council / PLANS / "versions/markets/v2.yml").read_bytes()
    assert snapshot.count(b"\n") == snapshot.count(b"\r\n")
    assert plansite("check", root=versions_council).returncode == 0


def test_a_build_killed_between_its_renames_is_put_right_by_the_next(project):
    assert plansite("build", root=project).returncode == 0
    site = project / "site"
    old = files(site)
    # Where folders cannot be exchanged in one step: killed after moving the old site aside.
    result = subprocess.run(
        [sys.executable, "-c", "import generator.engine.output as o; o._exchange = lambda a, b: False\n"
         + KILLER, "os.rename", "2", "--root", str(project), "build"],
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 9, result.stderr
    assert not site.exists() and (project / ".site-old").is_dir()
    assert plansite("build", root=project).returncode == 0
    assert files(site).keys() == old.keys()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_build_killed_while_writing_leaves_the_old_site_and_no_litter(project):
    assert plansite("build", root=project).returncode == 0
    old = files(project / "site")
    edit(project / "site_config.yml", "title: ", "title: Revised ")
    assert killed_at("generator.engine.output.manifest", 1, "build", root=project).returncode == 9
    assert files(project / "site") == old
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-new-")]
    assert plansite("build", root=project).returncode == 0
    assert "Revised " in (project / "site/index.html").read_text()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_site_dir_never_replaces_a_folder_a_build_did_not_make(project, tmp_path):
    other = tmp_path / "somebody-elses-site"
    (other / ".git").mkdir(parents=True)
    for name in ("index.html", "sitemap.xml", ".git/HEAD"):
        (other / name).write_text("mine")
    before = files(other)
    result = plansite("build", "--site-dir", str(other), root=project)
    assert result.returncode == 1
    assert "holds files that a Plansite build did not make" in result.stderr
    assert files(other) == before


def test_a_full_disk_gets_a_house_message_and_keeps_the_old_site(project):
    assert plansite("build", root=project).returncode == 0
    old = files(project / "site")
    full = ("import errno, generator.engine.output as o\n"
            "def full(folder): raise OSError(errno.ENOSPC, 'No space left on device')\n"
            "o.manifest = full\nfrom generator.commands.cli import main\nimport sys\n"
            f"sys.exit(main(['--root', {str(project)!r}, 'build']))")
    result = subprocess.run([sys.executable, "-c", full], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the site could not be written (No space left on device)" in result.stderr
    assert files(project / "site") == old
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_read_only_site_folder_gets_a_house_message(project):
    assert plansite("build", root=project).returncode == 0
    (project / "site").chmod(0o555)
    try:
        result = plansite("build", root=project)
    finally:
        (project / "site").chmod(0o755)
    assert result.returncode == 1 and "this folder is read-only" in result.stderr


@pytest.fixture
def two_builds(project, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert plansite("build", "--site-dir", str(first), root=project).returncode == 0
    edit(project / "site_config.yml", "title: ", "title: Revised ")
    assert plansite("build", "--site-dir", str(second), root=project).returncode == 0
    return first, second


def publish(site, target):
    return plansite("publish", "--site-dir", str(site), "--target", str(target))


def test_rollback_never_puts_a_damaged_release_live(two_builds, tmp_path):
    first, second = two_builds
    target = tmp_path / "www"
    assert publish(first, target).returncode == 0 and publish(second, target).returncode == 0
    live = os.readlink(target / "current")
    earlier = sorted((target / "releases").iterdir())[0]
    (earlier / "404.html").unlink()
    result = plansite("rollback", "--target", str(target))
    assert result.returncode == 1
    assert "is incomplete or has been changed since it was built" in result.stderr
    assert "404.html" in result.stderr and os.readlink(target / "current") == live


def test_a_publish_killed_while_pruning_leaves_no_partial_release(project, two_builds, tmp_path):
    first, second = two_builds
    target = tmp_path / "www"
    for build in (first, second) * 2 + (first,):
        assert publish(build, target).returncode == 0
    result = killed_at("shutil.rmtree", 1, "publish", "--site-dir", str(second), "--target",
                       str(target), root=project)
    assert result.returncode == 9, result.stderr
    names = sorted(p.name for p in (target / "releases").iterdir())
    assert names[0].startswith(".pruning-0001-") and len(names) == 6
    for _ in range(4):  # back through every complete release, never the partial one
        assert plansite("rollback", "--target", str(target)).returncode == 0
    assert os.readlink(target / "current").endswith(names[1])
    final = plansite("rollback", "--target", str(target))
    assert final.returncode == 1 and "oldest release" in final.stderr
    assert publish(first, target).returncode == 0
    assert not any(p.name.startswith(".pruning-") for p in (target / "releases").iterdir())


def test_diff_reads_its_argument_only_as_a_revision(project):
    for args in (["init", "--quiet"], ["add", "."], ["-c", "user.name=t", "-c",
                 "user.email=t@example.org", "commit", "--quiet", "-m", "plans"]):
        subprocess.run(["git", "-C", str(project), *args], check=True)
    victim = project / "keep.txt"
    victim.write_text("precious")
    result = plansite("diff", "--", "--output=keep.txt", root=project)
    assert result.returncode == 1 and "git has no version of that name" in result.stderr
    assert victim.read_text() == "precious"
    result = plansite("diff", "--", f"--output={victim}", root=project)
    assert result.returncode == 1 and victim.read_text() == "precious"


def test_a_record_failing_to_write_puts_everything_back_with_a_house_message(project):
    edit(project / PLANS / "parks.yml", "focus: Projects beyond day-to-day work.", "focus: New.")
    before = files(project / "data")
    full = ("import errno, sys, generator.commands.record as r\nreal, calls = r._put, [0]\n"
            "def put(path, data):\n    calls[0] += 1\n"
            "    if calls[0] == 3: raise OSError(errno.ENOSPC, 'No space left on device')\n"
            "    real(path, data)\nr._put = put\nfrom generator.commands.cli import main\n"
            f"sys.exit(main(['--root', {str(project)!r}, *{list(UPDATE)!r}]))")
    result = subprocess.run([sys.executable, "-c", full], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "so nothing was changed" in result.stderr and "No space left" in result.stderr
    assert files(project / "data") == before and not (project / ".plansite-journal.json").exists()
