"""Write a build next to the target folder, then swap it in, so a failed build changes nothing.

Every build leaves a marker, MARKER, at the top of its folder: whether it is a public or a
preview build, and a manifest of its files and their digests. `publish` reads it (it
publishes only complete public builds), and a build replaces only a folder that holds one,
so `--site-dir` can never delete a folder Plansite did not make. The marker lists only the
site's own files, so it is harmless if a web server serves it.

The swap: on Linux the new folder and the old site are exchanged by one `renameat2` call
(RENAME_EXCHANGE), so at every instant the target holds the whole old or the whole new
site. Where the file system cannot exchange, the old site is renamed aside and the new one
renamed in; if the build is killed between the two renames, the next build first puts the
old site back. Either way a build starts by removing the `.<name>-new-*` folders an
interrupted build left (not one that another build is still writing: each holds a lock
on its folder while it writes).

A build writes its files through a `Writer`, which takes a file identical to the one the
site being replaced has at the same address as a hard link to it instead of a new file:
most of a rebuild's files are unchanged, and on a large site creating thousands of files
costs more than comparing them (an unchanged file also keeps its date, so browsers and
caches keep it). Only regular files inside the previous build's folder are linked, and only
when their bytes are the ones the new build would write.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.errors import CommandError
from generator.parallel import in_two

MARKER = ".plansite-build"  # JSON; no .json suffix, so nothing takes it for a download
KINDS = ("public", "preview")
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def check_target(target: Path, root: Path) -> None:
    """Refuse a build folder whose replacement would destroy something that is not a site:
    the project itself (or a folder holding it), a file, or a folder a build did not make."""
    target, root = target.resolve(), root.resolve()
    fix = "choose a separate folder for the site, such as site/ (the default)"
    if target == root or target in root.parents:
        raise CommandError(str(target), "this folder holds the project itself, so building "
                           "the site there would delete your data", fix)
    if target.exists() and not target.is_dir():
        raise CommandError(str(target), "this is a file, not a folder for the site", fix)
    if target.is_dir() and any(target.iterdir()) and read_marker(target) is None:
        raise CommandError(str(target), f"this folder holds files that a Plansite build did "
                           f"not make (it has no {MARKER}), and building would replace them",
                           f"{fix}; if it is a site built by an older Plansite, delete it "
                           "yourself first")
    if target.is_dir() and not os.access(target, os.W_OK):
        raise CommandError(str(target), "this folder is read-only, so the new site cannot "
                           "replace it", "make it writable (chmod u+w), or choose another "
                           "folder with --site-dir")


def manifest(folder: Path) -> dict[str, str]:
    """Every file of a build but the marker: its path and the SHA-256 of its bytes (worked
    out by two processes: a large site has thousands of files)."""
    paths = sorted(_files(folder, links=True))
    return dict(zip(paths, in_two(_digest, [os.path.join(folder, p) for p in paths])))


def _digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _files(folder: Path, links: bool) -> frozenset[str]:
    """The paths (with slashes, relative to `folder`) of the files in it and in its folders,
    not looking into linked folders, without the marker; `links`: whether a symbolic link
    to a file counts as one."""
    found, todo = set(), [("", str(folder))]
    while todo:
        prefix, at = todo.pop()
        with os.scandir(at) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file(follow_symlinks=links):
                    found.add(prefix + entry.name)
    return frozenset(found - {MARKER})


def _discard(folder: Path) -> None:
    """Delete a replaced site (if any): the entries of its folders (a page's folder, a
    file) shared between two processes, then the emptied folders."""
    if not folder.is_dir():
        return
    entries = [inner for entry in sorted(folder.iterdir())
               for inner in (sorted(entry.iterdir()) if entry.is_dir() and not entry.is_symlink()
                             else [entry])]
    in_two(lambda entry: shutil.rmtree(entry, ignore_errors=True) if entry.is_dir()
           and not entry.is_symlink() else entry.unlink(missing_ok=True), entries)
    shutil.rmtree(folder, ignore_errors=True)


def read_marker(folder: Path) -> dict | None:
    """The marker a build left in `folder`, or None when there is none (or it is damaged)."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(marker, dict) and marker.get("kind") in KINDS and \
        isinstance(marker.get("files"), dict)
    return marker if ok else None


def missing_or_changed(folder: Path) -> list[str]:
    """The files of `folder` that differ from its marker's manifest (all, if no marker)."""
    marker = read_marker(folder)
    if marker is None:
        return [MARKER]
    listed, found = marker["files"], manifest(folder)
    return sorted(p for p in listed.keys() | found.keys() if listed.get(p) != found.get(p))


class Writer:
    """Writes files into the build folder `folder`, linking those unchanged since the build
    in `previous` (see the module's docstring)."""

    def __init__(self, folder: Path, previous: Path | None = None) -> None:
        self.folder = str(folder)
        self.previous = str(previous) if previous else ""
        self.reusable = _files(previous, links=False) if previous else frozenset()

    def write(self, path: str, data: bytes) -> None:
        """Put `data` at `path` (relative to the build folder, with slashes)."""
        target = os.path.join(self.folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if path in self.reusable:
            old = os.path.join(self.previous, path)
            try:
                with open(old, "rb") as f:
                    if f.read(len(data) + 1) == data:
                        os.link(old, target)
                        return
            except OSError:  # gone, unreadable, or on another file system: write it
                pass
        with open(target, "wb") as f:
            f.write(data)


def replace_folder(target: Path, write: Callable[[Path, Path | None], None],
                   kind: str) -> None:
    """Call `write(folder, previous)` on a fresh folder beside `target` (`previous`: the
    build it replaces, or None), mark it as a `kind` build, and on success swap it in for
    `target`. If anything fails, `target` is left as it was."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    held = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        write(staging, target if read_marker(target) is not None else None)
        marker = {"generator": "plansite", "kind": kind, "files": manifest(staging)}
        (staging / MARKER).write_text(json.dumps(marker, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        if target.exists() and _exchange(staging, target):
            _discard(staging)  # now the old site
        else:
            old = _old(target)
            if target.exists():
                target.rename(old)
            staging.rename(target)
            _discard(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(held)


def _old(target: Path) -> Path:
    return target.parent / f".{target.name}-old"


def _recover(target: Path) -> None:
    """Undo what an interrupted build left: the old site aside, unfinished new folders."""
    old = _old(target)
    if old.is_dir() and not target.exists():
        old.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    for left in target.parent.glob(f".{target.name}-new-*"):
        held = os.open(left, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # another build is writing it
        finally:
            os.close(held)
        shutil.rmtree(left, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where the system or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
