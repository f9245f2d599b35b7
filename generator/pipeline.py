"""The core pipeline: load → validate → model → render, with no knowledge of the engine."""

from __future__ import annotations

from pathlib import Path

from generator.model.gate import published
from generator.load.sources import load
from generator.model.records import Council
from generator.validate.narrative_links import index_content
from generator.render.pages import Site, build_site
from generator.validate.plans import validate


def read_council(root: Path) -> Council:
    """Load and validate a project; raises InputError listing every problem."""
    sources, problems = load(root)
    return index_content(validate(sources, problems), sources)


def render(root: Path, preview: bool = False) -> Site:
    """Everything to publish for the project at `root`: for the public, only what the
    publishing gate lets through; for a preview, every plan's working copy."""
    council = read_council(root)
    return build_site(council if preview else published(council), preview)
