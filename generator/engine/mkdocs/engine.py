"""Build or serve a project with MkDocs, from settings derived from site_config.yml."""

from __future__ import annotations

import html
import logging
import os
import sys
import tempfile
from pathlib import Path

from mkdocs.commands import serve as serve_command
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer

from generator.render.pages import Site
from generator.engine.mkdocs import settings
from generator.engine.mkdocs.plugin import PlansitePlugin


class _PromptServer(LiveReloadServer):
    """MkDocs' live-reload server, looking for changed files every 0.2 s instead of 0.5 s:
    an edit then reaches the browser within a second (see bench/README.md).

    When a rebuild finds problems in the project's files, every page shows them in the
    house format (`problems_page`) until a rebuild succeeds; the browser reloads by itself
    both times. Styles and scripts still come from the last good build."""

    problems = ""  # the plugin's report of the latest rebuild's problems; "" when it built

    def __init__(self, builder, **kwargs) -> None:
        super().__init__(builder=self._reporting(builder), **{**kwargs, "polling_interval": 0.2})

    def _reporting(self, build):
        def rebuild(*args) -> None:
            try:
                build(*args)
            except Abort as error:  # MkDocs' wrapper round the plugin's report
                if not isinstance(error.__context__, PluginError):
                    raise
                self.problems = str(error.__context__)
                print("The preview in the browser lists these problems until they are "
                      "fixed.", file=sys.stderr)
            else:
                self.problems = ""
        return rebuild

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if self.problems and (path.endswith("/") or path.endswith(".html")) \
                and not path.startswith("/livereload/"):
            with self._epoch_cond:
                epoch = self._visible_epoch
            content = self._inject_js_into_html(problems_page(self.problems), epoch)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(content)))])
            return [content]
        return super()._serve_request(environ, start_response)


def problems_page(report: str) -> bytes:
    """A page listing a build's problems, one `file:line: what is wrong; how to fix it`
    each, as the terminal shows them (the report's first line is its heading)."""
    heading, *lines = report.splitlines()
    items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in lines if line.strip())
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Problems in the project's files</title></head>"
            f'<body style="font: 1.1rem/1.5 sans-serif; max-width: 50rem; margin: 2rem auto; '
            f'padding: 0 1rem"><main><h1>{html.escape(heading)}</h1><ul>{items}</ul>'
            f"<p>Fix them and save the file: this page reloads by itself, and shows the "
            f"site again once it builds.</p></main></body></html>").encode()


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
        plugin = config.plugins["plansite"]
        assert isinstance(plugin, PlansitePlugin)  # the plugin mkdocs_config names
        plugin.site = site
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
        # MkDocs offers no setting for its server class, so the class its module uses is
        # replaced (with a subclass); its type hints rightly do not expect that.
        serve_command.LiveReloadServer = _PromptServer  # type: ignore[misc, assignment]
        serve_command.serve(str(settings.write_mkdocs_yml(derived, Path(folder))),
                            livereload=True)
