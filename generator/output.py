"""Write a build next to the target folder, then swap it in, so a failed build changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


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
