"""Files beside the narrative (images, documents) that content/ publishes as they are."""

from __future__ import annotations

import re
from pathlib import Path

from generator.load.boundary import project_files
from generator.errors import Problem, Problems

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
DOCUMENTS = (".pdf", ".csv", ".xlsx", ".docx", ".odt", ".ods")
# Larger files make pages slow on a phone's data allowance: a problem, not a warning.
LIMITS = {IMAGES: 1_000_000, DOCUMENTS: 10_000_000}
# What an SVG file may not hold: scripts, event handlers, and anything fetched from elsewhere
# (a link is only allowed to a fragment of the file itself).
_SVG_ACTIVE = re.compile(
    r"<\s*(script|foreignObject|iframe|object|embed)\b|\son\w+\s*=|<!ENTITY|@import"
    r"|href\s*=\s*[\"']?\s*(?!#)[^\"'\s>]|url\(\s*[\"']?\s*(?!#)", re.IGNORECASE)


def read_assets(root: Path, problems: Problems) -> dict[str, bytes]:
    """Every image or document under content/ (path relative to content/ -> bytes)."""
    found: Problems = Problems()
    paths = project_files(root / "content", root, found, IMAGES + DOCUMENTS)
    # Markdown files are read, and their links judged, by load itself.
    problems.items += [p for p in found.items if not p.file.endswith(".md")]
    return {p.relative_to(root / "content").as_posix(): p.read_bytes() for p in paths}


def check_asset(path: str, data: bytes) -> Problem | None:
    """Why a file of content/ may not be published, or None when it may."""
    shown = f"content/{path}"
    lower = path.lower()
    for kinds, limit in LIMITS.items():
        if lower.endswith(kinds) and len(data) > limit:
            return Problem(shown, 0, f"this file is {len(data) / 1_000_000:.1f} MB; files over "
                           f"{limit // 1_000_000} MB are slow to open on a phone",
                           "save a smaller version (fewer pixels, or compressed) in its place")
    if lower.endswith(".svg") and _SVG_ACTIVE.search(data.decode("utf-8", "replace")):
        return Problem(shown, 0, "this SVG image contains a script, an event handler or a "
                       "reference to another file or site, which Plansite does not publish",
                       "export it again as a plain SVG (or as PNG) from your drawing program")
    return None
