"""Derive the MkDocs configuration from site_config.yml (nobody edits an mkdocs.yml)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from generator.load.boundary import project_files
from generator.render.colour import tint
from generator.errors import Problems
from generator.render.pages import footer_links, theme_labels
from generator.render.site import NavItem, Site

# Plansite's Material overrides (main.html, 404.html, sitemap.xml, assets/), shipped in
# the package; a project's own theme/ folder only replaces some of them, file by file.
THEME = Path(__file__).parent / "theme"

# gzip stores a time in 32 bits (up to 2106), and MkDocs compresses the sitemap with the
# build's time: a later date in the data would crash the build, so the clock stops here.
LATEST = int(dt.datetime(2100, 12, 31, tzinfo=dt.timezone.utc).timestamp())


def build_time(site: Site) -> int:
    """The build's only notion of 'now' (SOURCE_DATE_EPOCH): the latest date in the data,
    from 1970 to the end of 2100; 0 (1 January 1970) when the data has no date."""
    return min(max(site.epoch, 0), LATEST)


def build_date(site: Site) -> dt.date | None:
    """The date of the latest change in the data, as the sitemap gives it; None if none."""
    time = build_time(site)
    return dt.datetime.fromtimestamp(time, dt.timezone.utc).date() if time else None


def printed(text: str) -> str:
    """`text` escaped for HTML. MkDocs' and Material's templates print configuration and
    page values as they are, so every text the adapter hands to the engine passes through
    here, once: settings (validated already, so this is defence) and page titles alike."""
    return str(escape(text))


def _nav_entry(item: NavItem):
    title = printed(item.title)
    if item.children:
        return {title: [_nav_entry(child) for child in item.children]}
    return {title: f"{item.path}index.md"}


def assemble_theme(root: Path, folder: Path) -> Path:
    """Write into `folder` (replaced) Plansite's theme with the files of the project's
    optional theme/ folder laid over it, file by file; return `folder`. Only ordinary files
    inside the project are taken (see boundary.py); any other is a problem."""
    problems = Problems()
    overrides = project_files(root / "theme", root, problems)
    problems.raise_if_any()
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(THEME, folder)
    for path in overrides:
        dest = folder / path.relative_to(root / "theme")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(path.read_bytes())
    return folder


def configured(site: Site, root: Path, site_dir: Path, theme: Path) -> MkDocsConfig:
    """The MkDocs configuration for a site, derived once and validated in memory."""
    config = MkDocsConfig(config_file_path=str(root / "site_config.yml"))
    config.load_dict(mkdocs_config(site, root, site_dir, theme))
    errors, _ = config.validate()
    if errors:  # derived by us, never written by hand: a Plansite bug if it happens
        raise Abort("; ".join(f"{name}: {error}" for name, error in errors))
    return config


def mkdocs_config(site: Site, root: Path, site_dir: Path, theme: Path) -> dict:
    """The MkDocs configuration for a site, as a plain dictionary; `theme` is the folder
    that assemble_theme wrote."""
    config, preview = site.council.config, site.preview
    return {
        "site_name": printed(config.title),
        # Escaped for the canonical links and 404.html's addresses it becomes; the sitemap,
        # an XML file, is written by the plugin from the core's unescaped base_url.
        "site_url": printed(config.base_url),
        "site_dir": str(site_dir),
        "docs_dir": str(root / "content"),
        "use_directory_urls": True,
        "strict": False,
        "nav": [_nav_entry(item) for item in site.nav],
        "copyright": printed(f"© {config.council_name}"),
        "theme": {
            "name": "material",
            "custom_dir": str(theme),
            "language": "en",
            "font": False,
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default",
                 "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                 "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}},
            ],
            "features": ["navigation.sections", "navigation.prune", "navigation.top",
                         "toc.follow"],
        },
        "extra": {
            "generator": False,
            "plansite": {
                "language": printed(config.language),
                "primary": printed(config.primary_colour),
                "accent": printed(config.accent_colour),
                # Links and accents on the dark scheme's near-black background (Material's
                # slate uses the primary colour there, too dark to read): a light tint.
                "dark_link": printed(tint(config.primary_colour, 0.75)),
                "preview": preview,
                "council_name": printed(config.council_name),
                "base_path": printed(urlsplit(config.base_url).path or "/"),
                "labels": {key: printed(text) for key, text in theme_labels(config).items()},
                "footer": [{"text": printed(text), "href": printed(href), "internal": internal}
                           for text, href, internal in footer_links(config)],
            },
        },
        "extra_css": ["assets/plansite.css"],
        "extra_javascript": ["assets/plansite.js"],
        "plugins": [{"search": {"lang": "en"}}, "plansite"],
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "warn"},
                       "links": {"not_found": "warn", "anchors": "ignore"}},
    }
