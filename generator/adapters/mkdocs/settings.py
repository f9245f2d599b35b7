"""Derive the MkDocs configuration from site_config.yml (nobody edits an mkdocs.yml)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from ...boundary import project_files
from ...colour import tint
from ...errors import Problems
from ...model import SiteConfig
from ...pages import NavItem, theme_labels

# Plansite's Material overrides (main.html, 404.html, sitemap.xml, assets/), shipped in
# the package; a project's own theme/ folder only replaces some of them, file by file.
THEME = Path(__file__).parent / "theme"


def _nav_entry(item: NavItem):
    title = str(escape(item.title))
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


def mkdocs_config(config: SiteConfig, nav: tuple[NavItem, ...], root: Path, site_dir: Path,
                  preview: bool, theme: Path) -> dict:
    """The MkDocs configuration for a project, as a plain dictionary; `theme` is the folder
    that assemble_theme wrote."""
    return {
        "site_name": str(escape(config.title)),
        "site_url": config.base_url,
        "site_dir": str(site_dir),
        "docs_dir": str(root / "content"),
        "use_directory_urls": True,
        "strict": False,
        "nav": [_nav_entry(item) for item in nav],
        "copyright": str(escape(f"© {config.council_name}")),
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
                "language": config.language,
                "primary": config.primary_colour,
                "accent": config.accent_colour,
                # Links and accents on the dark scheme's near-black background (Material's
                # slate uses the primary colour there, too dark to read): a light tint.
                "dark_link": tint(config.primary_colour, 0.75),
                "preview": preview,
                "council_name": str(escape(config.council_name)),
                "base_path": urlsplit(config.base_url).path or "/",
                "labels": theme_labels(config),
            },
        },
        "extra_css": ["assets/plansite.css"],
        "extra_javascript": ["assets/plansite.js"],
        "plugins": [{"search": {"lang": "en"}},
                    {"plansite": {"root": str(root), "preview": preview}}],
        "watch": [str(root / name) for name in ("data", "theme", "site_config.yml")
                  if (root / name).exists()],
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "warn"},
                       "links": {"not_found": "warn", "anchors": "ignore"}},
    }


def write_mkdocs_yml(settings: dict, folder: Path) -> Path:
    """Write the derived configuration where MkDocs can read it (outside the project)."""
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path
