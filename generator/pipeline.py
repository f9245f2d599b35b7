"""The core pipeline: load → validate → model → render, with no knowledge of the engine."""

from __future__ import annotations

from pathlib import Path

from generator.gc_pause import without_collection_pauses
from generator.load.sources import SourceCache, load
from generator.model.gate import published
from generator.model.records import Council
from generator.render.pages import render_site
from generator.render.site import Engine, Site
from generator.validate.narrative_links import index_content
from generator.validate.plans import validate


@without_collection_pauses
def read_council(root: Path, engine: Engine | None = None,
                 cache: SourceCache | None = None) -> Council:
    """Load and validate a project; raises InputError listing every problem. `engine`
    adds the addresses the engine writes to those no narrative page may take; `cache`
    keeps parsed files between calls, so only changed files are read again."""
    sources, problems = load(root, cache)
    reserved = engine.reserved if engine else frozenset()
    memo = cache.memo if cache else None
    return index_content(validate(sources, problems, reserved, memo), sources, reserved)


def make_site(root: Path, preview: bool = False, engine: Engine | None = None,
              finish: bool = True) -> Site:
    """Everything to publish for the project at `root`: for the public, only what the
    publishing gate lets through; for a preview, every plan's working copy. Without
    `finish`, the engine renders each page as it writes it (see render_site)."""
    return render_site(gated(read_council(root, engine), preview), preview, finish=finish)


def gated(council: Council, preview: bool) -> Council:
    """What a build shows: every working copy in a preview, else only what is published."""
    return council if preview else published(council)
