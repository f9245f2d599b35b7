"""Write a build next to the target folder, then swap it in, so a failed build changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import CommandError


def check_target(target: Path, root: Path) -> None:
    """Refuse a build folder whose replacement would destroy something that is not a site:
    the project itself (or a folder holding it), a file, or a folder of other files."""
    target, root = target.resolve(), root.resolve()
    fix = "choose a separate folder for the site, such as site/ (the default)"
    if target == root or target in root.parents:
        raise CommandError(str(target), "this folder holds the project itself, so building "
                           "the site there would delete your data", fix)
    if target.exists() and not target.is_dir():
        raise CommandError(str(target), "this is a file, not a folder for the site", fix)
    if target.is_dir() and any(target.iterdir()) and not (
            (target / "index.html").is_file() and (target / "sitemap.xml").is_file()):
        raise CommandError(str(target), "this folder already holds files that are not a built "
                           "site, and building would replace them", fix)


def replace_folder(target: Path, write: Callable[[Path], None]) -> None:
    """Call `write(folder)` on a fresh folder beside `target`; on success it becomes `target`.

    If `write` raises, `target` is left exactly as it was. The swap is two renames on the
    same file system, so readers never see a half-written site.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        write(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.parent / f".{target.name}-old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
