"""Build or serve a project with MkDocs, from one configuration derived from the site."""

from __future__ import annotations

import html
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from os.path import isfile, join
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs import utils
from mkdocs.commands.build import _build_theme_template
from mkdocs.livereload import LiveReloadServer, _timestamp
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator.engine.output import Writer
from generator.errors import InputError
from generator.gc_pause import back_in_sight, out_of_sight, without_collection_pauses
from generator.live import LiveSite
from generator.render.site import Site
from generator.engine.mkdocs import settings
from generator.engine.mkdocs.plugin import PlansitePlugin


class _PromptServer(LiveReloadServer):
    """MkDocs' live-reload server, looking for changed files every 0.2 s instead of 0.5 s:
    an edit then reaches the browser within a second (see bench/README.md).

    When a rebuild finds problems in the project's files, every page shows them in the
    house format (`problems_page`) until a rebuild succeeds; the browser reloads by itself
    both times. Styles and scripts still come from the last good build."""

    problems = ""  # the report of the latest rebuild's problems; "" when it built

    def __init__(self, builder, **kwargs) -> None:
        super().__init__(builder=self._reporting(builder), **{**kwargs, "polling_interval": 0.2})

    def _reporting(self, build):
        def rebuild() -> None:
            try:
                build()
            except InputError as error:
                self.problems = error.report()
                print(self.problems, file=sys.stderr)
                print("The preview in the browser lists these problems until they are "
                      "fixed.", file=sys.stderr)
            else:
                self.problems = ""
        return rebuild

    def reload(self) -> None:
        """Serve the pages written so far and tell open pages to reload (MkDocs' server
        holds every page back until a whole build ends)."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch = _timestamp()
            self._epoch_cond.notify_all()

    def hold(self) -> None:
        """Hold pages back again until the build ends (the whole site is rewritten)."""
        with self._epoch_cond:
            self._wanted_epoch = _timestamp()

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


class _Build:
    """One MkDocs build of a site: its configuration, derived once and handed to MkDocs in
    memory, and (through the plugin) the files, navigation and templates of the build,
    so that single pages can be written again."""

    @without_collection_pauses
    def __init__(self, site: Site, root: Path, site_dir: Path, theme: Path,
                 serve_url: str = "", previous: Path | None = None) -> None:
        _quiet()
        os.environ["SOURCE_DATE_EPOCH"] = str(settings.build_time(site))
        self.config = settings.configured(site, root, site_dir, theme)
        if serve_url:
            self.config.site_url = serve_url
        plugin = self.config.plugins["plansite"]
        assert isinstance(plugin, PlansitePlugin)  # named so in settings.mkdocs_config
        self.plugin = plugin
        self.plugin.site = site
        self.plugin.writer = Writer(site_dir, previous)
        self.config.plugins.on_startup(command="build", dirty=False)
        try:
            _build(self.config, plugin)
        finally:
            self.config.plugins.on_shutdown()

    @without_collection_pauses
    def rebuild(self, site: Site, pages: frozenset[str], files: frozenset[str]) -> None:
        """Write the given pages and files of `site` again (see LiveSite.refresh)."""
        self.plugin.rebuild(site, pages, files, self.config)


def _build(config, plugin: PlansitePlugin) -> None:
    """MkDocs' build (mkdocs.commands.build.build without its options for other uses),
    step by step, so that files and pages are written by two processes."""
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    utils.clean_directory(config.site_dir)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env.overlay(loader=_ThemeListing(config.theme.dirs)), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    for file in files.documentation_pages():
        plugin.populate(file.page or Page(None, file, config))
    env = config.plugins.on_env(env, config=config, files=files)
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)
    plugin.write_pages(config, [file for file in files if not file.is_documentation_page()
                                and file.inclusion.is_included()])
    config.plugins.on_post_build(config=config)


class _ThemeListing(jinja2.FileSystemLoader):
    """The theme's files for MkDocs to choose from, without those in folders whose names
    start with a dot, which it drops unseen (Material's 14,000 icons: 0.06 s a build)."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for top in self.searchpath:
            for folder, inner, names in os.walk(top, followlinks=self.followlinks):
                inner[:] = [name for name in inner if not name.startswith(".")]
                found.update(os.path.relpath(os.path.join(folder, name), top)
                             .replace(os.sep, "/") for name in names)
        return sorted(found)


def build(site: Site, root: Path, site_dir: Path, previous: Path | None = None) -> None:
    """Write `site` as a static site into the empty folder `site_dir`; files identical to
    those of the build in `previous` are linked from it (engine/output.py's Writer)."""
    with tempfile.TemporaryDirectory(prefix="plansite-mkdocs-") as folder:
        _Build(site, root, site_dir, settings.assemble_theme(root, Path(folder) / "theme"),
               previous=previous)


def serve(live: LiveSite, root: Path, host: str, port: int) -> None:
    """Live preview on host:port. The site is built once; after an edit of data/, content/,
    theme/ or site_config.yml only the pages and files that changed are written again (the
    whole site when the settings, the theme, the navigation or the set of pages changed).
    Ctrl+C, or a request to stop (SIGTERM, as from a process manager), ends it, and the
    files it wrote are deleted."""
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
    signal.signal(signal.SIGTERM, _stopped)
    folder = _scratch(live.site)
    try:
        _serve(live, root, host, port, folder)
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stopped(signal_number, frame) -> None:
    raise KeyboardInterrupt


_MEMORY = Path("/dev/shm")  # on Linux, a file system held in memory


def _scratch(site: Site) -> Path:
    """A new private folder for the preview's files: in memory where the system has such
    a file system with room to spare (four times the site's pages and files), as creating
    thousands of files on a disk can take seconds; else in the temporary folder."""
    size = sum(len(page.html) for page in site.pages) + sum(map(len, site.files.values()))
    try:
        room = os.statvfs(_MEMORY)
        if room.f_bavail * room.f_frsize > 4 * size:
            return Path(tempfile.mkdtemp(prefix="plansite-serve-", dir=_MEMORY))
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="plansite-serve-"))


def _serve(live: LiveSite, root: Path, host: str, port: int, folder: Path) -> None:
    site_dir, theme = folder / "site", folder / "theme"
    mount = urlsplit(live.site.council.config.base_url).path or "/"
    serve_url = f"http://{host}:{port}{mount}"
    built = _Build(live.site, root, site_dir, settings.assemble_theme(root, theme), serve_url)
    built_theme = _digest(theme)
    out_of_sight()  # the site is kept: see gc_pause.py

    def rebuild() -> None:
        nonlocal built, built_theme
        started, done = time.perf_counter(), []
        settings.assemble_theme(root, theme)
        for update in live.refresh():
            if update.pages is None or _digest(theme) != built_theme:
                server.hold()
                back_in_sight()  # the pages are held back: the time to collect
                built = _Build(live.site, root, site_dir, theme, serve_url)
                built_theme = _digest(theme)
                out_of_sight()
                done.append("the whole site")
                break
            built.rebuild(live.site, update.pages, update.files)
            server.reload()  # the pages written so far: the edited plan's come first
            done.append(f"{len(update.pages)} pages and {len(update.files)} files")
        print(f"Rebuilt {', then '.join(done)} in {time.perf_counter() - started:.2f} s.",
              file=sys.stderr)

    server = _PromptServer(builder=rebuild, host=host, port=port, root=str(site_dir),
                           mount_path=mount)
    server.error_handler = lambda code: _error_page(site_dir, code)
    for name in ("data", "content", "theme", "site_config.yml"):
        if (root / name).exists():
            server.watch(str(root / name))
    try:
        server.serve()
        while True:
            time.sleep(1)
    finally:
        server.shutdown()


def _digest(folder: Path) -> tuple:
    """What the assembled theme holds: each file's path and bytes."""
    return tuple((p.relative_to(folder).as_posix(), p.read_bytes())
                 for p in sorted(folder.rglob("*")) if p.is_file())


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page for a missing address, as MkDocs' own server does."""
    page = join(site_dir, f"{code}.html")
    if code in (404, 500) and isfile(page):
        with open(page, "rb") as f:
            return f.read()
    return None
