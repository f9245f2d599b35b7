"""The project boundary: Plansite reads and publishes only ordinary files of the project.

A link to a file elsewhere in the project is followed; a link whose target leaves the
project, a dangling link, a link to a folder and anything that is not an ordinary file
(a named pipe, a device, a socket) is refused, so nothing from outside the project folder
can be read, copied or published, and nothing can make a build wait forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import Problem, Problems

_REPLACE = "replace the link with a copy of the file itself"


def refusal(path: Path, root: Path) -> Problem | None:
    """Why `path` (a file or folder under `root`) may not be read, or None when it may."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(shown, 0, "this is a link to something that does not exist",
                       "delete the link, or put the file itself here")
    if not target.is_relative_to(root.resolve()):
        return Problem(shown, 0, "this is a link to something outside the project folder, "
                       "which Plansite never reads or publishes", _REPLACE)
    mode = os.stat(target).st_mode
    if path.is_symlink() and stat.S_ISDIR(mode):
        return Problem(shown, 0, "this is a link to a folder, which Plansite does not follow",
                       "replace the link with the folder itself")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Problem(shown, 0, "this is not an ordinary file (it is a pipe, device or "
                       "socket)", "delete it from the project folder")
    return None


def project_files(folder: Path, root: Path, problems: Problems,
                  suffixes: tuple[str, ...] = ()) -> list[Path]:
    """Every ordinary file under `folder` (sorted; only names ending in one of `suffixes`
    when given), each problem of the boundary added to `problems`. A folder that is
    missing gives an empty list; its absence is for the caller to judge."""
    found: list[Path] = []
    if not folder.is_dir() or _refused(folder, root, problems):
        return found
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        for name in sorted(dirs):
            if _refused(here / name, root, problems) or _misnamed(here / name, root,
                                                                   suffixes, problems):
                dirs.remove(name)
        dirs.sort()
        for name in sorted(files):
            path = here / name
            wanted = not suffixes or name.endswith(suffixes)
            if wanted and _plain_file(path):
                found.append(path)  # in a folder already checked: never refused
            elif not (wanted or path.is_symlink()):
                continue  # not ours to read, but a link is still checked
            elif not _refused(path, root, problems) and wanted:
                found.append(path)
    return sorted(found)


def _plain_file(path: Path) -> bool:
    """Whether `path` is an ordinary file, not a link (one system call, where `refusal`
    makes one for each folder of its path)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _misnamed(folder: Path, root: Path, suffixes: tuple[str, ...], problems: Problems) -> bool:
    """A folder named like a file Plansite reads (x.yml, x.md) is refused, not skipped."""
    if not (suffixes and folder.name.endswith(suffixes)):
        return False
    problems.add(folder.relative_to(root).as_posix(), 0, "this is a folder, but its name ends "
                 f"like a file Plansite reads ({', '.join(suffixes)})", "rename the folder, "
                 "or delete it if it is not needed")
    return True


def _refused(path: Path, root: Path, problems: Problems) -> bool:
    problem = refusal(path, root)
    if problem:
        problems.items.append(problem)
    return problem is not None
