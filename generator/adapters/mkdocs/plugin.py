"""The MkDocs plugin that replaces MkDocs' own pages with the ones the core rendered."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from ...errors import InputError
from ...pages import Site
from ...site import render
from . import settings


class PlansiteConfig(Config):
    root = config_options.Type(str)
    preview = config_options.Type(bool, default=False)


class PlansitePlugin(BasePlugin[PlansiteConfig]):
    """Feeds the core's pages to MkDocs; `site` may be handed in already rendered."""

    site: Site | None = None

    def on_config(self, config):
        if self.site is None:  # live preview: read the data afresh on every rebuild
            try:
                self.site = render(Path(self.config.root), self.config.preview)
            except InputError as error:
                raise PluginError(error.report()) from None
        fresh = settings.mkdocs_config(self.site.council.config, self.site.nav,
                                       Path(self.config.root), Path(config.site_dir),
                                       self.config.preview)
        for key in ("site_name", "nav", "copyright"):
            config[key] = fresh[key]
        config.extra["plansite"] = fresh["extra"]["plansite"]
        return config

    def on_files(self, files: Files, config) -> Files:
        kept = [f for f in files if not f.is_documentation_page()]
        out = Files(kept)
        self._pages = {}
        for page in self.site.pages:
            uri = f"{page.path}index.md"
            out.append(File.generated(config, uri, content=""))
            self._pages[uri] = page
        for path, data in sorted(self.site.files.items()):
            out.append(File.generated(config, path, content=data))
        return out

    def on_page_markdown(self, markdown, page, config, files):
        rendered = self._pages[page.file.src_uri]
        page.meta["title"] = str(escape(rendered.title))
        if rendered.description:
            page.meta["description"] = str(escape(rendered.description))
        page.meta.update(rendered.meta)
        return ""

    def on_page_content(self, html, page, config, files):
        rendered = self._pages[page.file.src_uri]
        page.toc = get_toc([{"level": 2, "id": i, "name": text, "children": []}
                            for i, text in rendered.toc])
        return rendered.html

    def on_post_page(self, output, page, config):
        return _finish_html(output, config)

    def on_post_template(self, output_content, template_name, config):
        return _finish_html(output_content, config) if template_name.endswith(".html") \
            else output_content


def _finish_html(output: str, config) -> str:
    """Small fixes to Material's page HTML: the council's language tag."""
    language = config.extra["plansite"]["language"]
    return output.replace('<html lang="en"', f'<html lang="{language}"', 1)
