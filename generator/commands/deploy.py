"""Put a finished build live on a web server's folder in one step, keeping releases to go back to.

Layout of the target folder (the web server's document root is `current`):

    target/releases/0001-1a2b3c4d/   one complete build per release, never changed again
    target/releases/0002-5e6f7a8b/
    target/current -> releases/0002-5e6f7a8b

A release is copied in full before `current` moves, and `current` moves by renaming a new
symbolic link over the old one, which the operating system does in one step: a reader gets
either the old site or the new one, never a mix.

Only a public build is published, and only whole: each release keeps its build's marker
(output.MARKER, with the manifest of its files), and a release goes live, by publish or by
rollback, only once every file matches that manifest. An old release is pruned by renaming
it to a hidden `.pruning-*` name first, so a publish killed while deleting it never leaves a
partial release under a release's name.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import CommandError
from generator.engine.output import MARKER, missing_or_changed, read_marker

RELEASES = "releases"
CURRENT = "current"
KEEP = 5  # releases kept, the live one included


def content_hash(site_dir: Path) -> str:
    """A short hash of every file's path and bytes: the same build always gives the same one."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:8]


def releases(target: Path) -> list[Path]:
    """The target's complete releases, oldest first."""
    folder = target / RELEASES
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted(found, key=lambda p: (_number(p), p.name))


def _number(release: Path) -> int:
    prefix = release.name.split("-")[0]
    return int(prefix) if prefix.isdigit() else 0


def current(target: Path) -> Path | None:
    """The release the web server shows now, or None before the first publish."""
    link = target / CURRENT
    return target / RELEASES / Path(os.readlink(link)).name if link.is_symlink() else None


def publish(site_dir: Path, target: Path, keep: int = KEEP) -> Path:
    """Copy the build in `site_dir` into a new release under `target` and make it current.

    Publishing the build that is already live changes nothing. Returns the live release.
    """
    marker = read_marker(site_dir)
    if marker is None or not (site_dir / "index.html").is_file():
        raise CommandError(str(site_dir), f"this is not a finished build (it has no index.html "
                           f"or no {MARKER})", "run `make site` (or `plansite build`) first "
                           "and publish the folder it built, normally site/")
    if marker["kind"] != "public":
        raise CommandError(str(site_dir), "this is a preview build: it shows drafts that are "
                           "not approved and asks search engines not to index it, so it is "
                           "never published", "build the public site with plansite build "
                           "(without --preview), then publish that")
    _verify(site_dir, "the build")
    _check_target(target)
    for left in (target / RELEASES).glob(".pruning-*"):
        shutil.rmtree(left, ignore_errors=True)
    live = current(target)
    label = content_hash(site_dir)
    if live is not None and live.name.endswith(f"-{label}"):
        return live
    number = max(map(_number, releases(target)), default=0)
    release = target / RELEASES / f"{number + 1:04d}-{label}"
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=target / RELEASES))
    try:
        shutil.copytree(site_dir, staging, dirs_exist_ok=True)
        staging.chmod(0o755)  # mkdtemp makes it private; the web server must read it
        _verify(staging, "the copy of the build")
        staging.rename(release)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _switch(target, release)
    for old in releases(target)[:-keep]:
        if old not in (release, live):
            pruning = old.with_name(f".pruning-{old.name}")
            old.rename(pruning)
            shutil.rmtree(pruning)
    return release


def rollback(target: Path) -> Path:
    """Make the release before the current one live again, in one step. Returns it."""
    live = current(target)
    if live is None:
        raise CommandError(str(target), "nothing has been published here, so there is "
                           "nothing to roll back to", "check the folder name: it is the one "
                           "given to plansite publish --target")
    kept = releases(target)
    earlier = kept[:kept.index(live)] if live in kept else []
    if not earlier:
        raise CommandError(str(target), f"{live.name} is the oldest release kept here, so "
                           "there is nothing earlier to go back to",
                           "publish a corrected build instead")
    _verify(earlier[-1], f"release {earlier[-1].name}")
    _switch(target, earlier[-1])
    return earlier[-1]


def _verify(folder: Path, what: str) -> None:
    """Refuse a build or release whose files do not match its manifest."""
    wrong = missing_or_changed(folder)
    if wrong:
        shown = ", ".join(wrong[:5]) + (f" and {len(wrong) - 5} more" if len(wrong) > 5 else "")
        raise CommandError(str(folder), f"{what} is incomplete or has been changed since it "
                           f"was built (not as its {MARKER} lists: {shown}), so it does not "
                           "go live", "build the site again and publish that; delete this "
                           "folder if it is a damaged release")


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise CommandError(str(target), "this is a file, not a folder",
                           "give the folder in which the web server's `current` link lives")
    link = target / CURRENT
    if link.exists() and not link.is_symlink():
        raise CommandError(str(link), "this is a real folder, not the link plansite switches",
                           "move it away, or publish to a new folder, and point the web "
                           f"server at {link}")
    try:
        (target / RELEASES).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(str(target), f"the folder cannot be created ({error.strerror})",
                           "choose a folder you may write to") from None
    if not (os.access(target, os.W_OK) and os.access(target / RELEASES, os.W_OK)):
        raise CommandError(str(target), "you may not write to this folder",
                           "run as the user who owns it, or choose another folder")


def _switch(target: Path, release: Path) -> None:
    """Point target/current at release by renaming a new link over the old one (atomic)."""
    fresh = target / f".{CURRENT}-{os.getpid()}"
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(Path(RELEASES) / release.name, target_is_directory=True)
    os.replace(fresh, target / CURRENT)
