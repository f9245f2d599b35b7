"""Build or serve a project with MkDocs, from settings derived from site_config.yml."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from mkdocs.commands import serve as serve_command
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from ...pages import Site
from . import settings


class _PromptServer(LiveReloadServer):
    """MkDocs' live-reload server, looking for changed files every 0.2 s instead of 0.5 s:
    an edit then reaches the browser within a second (see bench/README.md)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **{**kwargs, "polling_interval": 0.2})


def _quiet() -> None:
    """Keep MkDocs' INFO chatter out of a comms officer's terminal; warnings still show."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)


def build(site: Site, root: Path, site_dir: Path, preview: bool = False) -> None:
    """Write the already-rendered `site` as a static site into `site_dir` (which is replaced)."""
    _quiet()
    os.environ["SOURCE_DATE_EPOCH"] = str(settings.build_time(site))
    with tempfile.TemporaryDirectory(prefix="plansite-mkdocs-") as folder:
        theme = settings.assemble_theme(root, Path(folder) / "theme")
        derived = settings.mkdocs_config(site.council.config, site.nav, root, site_dir, preview,
                                         theme)
        config = load_config(str(settings.write_mkdocs_yml(derived, Path(folder))))
        config.plugins["plansite"].site = site
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()


def serve(site: Site, root: Path, host: str, port: int, preview: bool = True) -> None:
    """Live preview on host:port that rebuilds when data, content, theme or settings change."""
    _quiet()
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
    os.environ["SOURCE_DATE_EPOCH"] = str(settings.build_time(site))
    with tempfile.TemporaryDirectory(prefix="plansite-serve-") as folder:
        theme = settings.assemble_theme(root, Path(folder) / "theme")
        derived = settings.mkdocs_config(site.council.config, site.nav, root, root / "site",
                                         preview, theme)
        derived["dev_addr"] = f"{host}:{port}"
        serve_command.LiveReloadServer = _PromptServer  # MkDocs offers no setting for it
        serve_command.serve(str(settings.write_mkdocs_yml(derived, Path(folder))),
                            livereload=True)
