"""Settings are data too: web-address settings refuse anything but a clean https:/http:
address, and whatever reaches the engine is escaped, even a value validation never saw."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import edit, plansite

from generator.engine.mkdocs import engine, settings
from generator.pipeline import make_site

URL_SETTINGS = {  # setting: (line as the fixture writes it, the example a message gives)
    "website": ("  website: https://www.example.org/", "https://www.example.gov.uk/"),
    "base_url": ("  base_url: https://plans.example.org/", "https://plans.example.gov.uk/"),
    "licence_url": ("  licence: Open Government Licence v3.0",
                    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
    "url": ("  phone: 01234 567890", "https://www.example.gov.uk/contact-us"),
}
HOSTILE_URLS = {  # value as YAML writes it: what the message must say
    '"javascript:alert(1)"': "must start with https://",
    "'https://x.example/\"><script>alert(1)</script>'": "quote, angle bracket",
    "https://user:secret@x.example/": "user name or password",
    '"https:/\\\\evil.example/"': "backslash",
    '"https://x.example/a b"': "space",
    "mailto:plans@example.org": "is an email link",
    "https://x.example:99999/": "port number",
    "https:///x": "has no host name",
    "data:text/html,hello": "must start with https://",
}


def _line(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1)
                if line.startswith(start))


@pytest.mark.parametrize("value", HOSTILE_URLS)
@pytest.mark.parametrize("key", URL_SETTINGS)
def test_each_url_setting_refuses_hostile_addresses_at_its_line(project, key, value):
    config = project / "site_config.yml"
    anchor, example = URL_SETTINGS[key]
    # licence_url and contact url are not in the fixture: add them after a known line.
    new = f"  {key}: {value}" if anchor.startswith(f"  {key}:") else f"{anchor}\n  {key}: {value}"
    edit(config, anchor + "\n", new + "\n")
    result = plansite("check", root=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    line = _line(config, f"  {key}:")
    reported = [row.strip() for row in output.splitlines()
                if row.strip().startswith(f"site_config.yml:{line}: {key} '")]
    assert len(reported) == 1, output
    assert HOSTILE_URLS[value] in reported[0]
    assert reported[0].endswith(f"like {key}: {example}")
    assert "Traceback" not in output


@pytest.mark.parametrize("key", URL_SETTINGS)
def test_a_control_character_in_an_address_is_refused_at_its_line(project, key):
    config = project / "site_config.yml"
    anchor, _ = URL_SETTINGS[key]
    value = '"https://x.example/\\a"'  # YAML's escape for U+0007, the bell
    new = f"  {key}: {value}" if anchor.startswith(f"  {key}:") else f"{anchor}\n  {key}: {value}"
    edit(config, anchor + "\n", new + "\n")
    result = plansite("check", root=project)
    assert result.returncode == 1
    assert result.stderr.count("site_config.yml") == 1, result.stderr
    assert f"site_config.yml:{_line(config, f'  {key}:')}: this line holds the invisible " \
        "control character U+0007" in result.stderr


def test_an_email_setting_takes_mailto_but_not_markup(project):
    config = project / "site_config.yml"
    edit(config, "email: plans@example.org", "email: mailto:plans@example.org")
    assert plansite("check", root=project).returncode == 0
    edit(config, "email: mailto:plans@example.org", "email: 'x@y.example\"><b>'")
    result = plansite("check", root=project)
    assert result.returncode == 1
    assert f"site_config.yml:{_line(config, '  email:')}: 'x@y.example\"><b>' is not an email " \
        "address; write one address, like plans@example.gov.uk" in result.stdout + result.stderr


class _Links(HTMLParser):
    """Every canonical link and every href/src of a page, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.canonical: list[str] = []
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical.append(values["href"])
        self.addresses += [v for k, v in attrs if k in ("href", "src") and v]


def _links(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_an_unusual_base_url_reaches_every_page_sitemap_and_feed_intact(project, tmp_path):
    # A port, a path with & (which, unescaped, HTML would read as the © entity), ~ and
    # non-ASCII letters: & and the letters are written percent-encoded, the rest as given.
    edit(project / "site_config.yml", "base_url: https://plans.example.org/",
         "base_url: https://plans.example.org:8443/plans&copy~ü/")
    base = "https://plans.example.org:8443/plans%26copy~%C3%BC/"
    site = tmp_path / "site"
    result = plansite("build", "--site-dir", str(site), root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        path = page.parent.relative_to(site).as_posix()
        expected = base if path == "." else f"{base}{path}/"
        assert _links(page).canonical == [expected], page
    # 404.html is served at any depth, so its addresses start from the site's own path
    # (other than the footer's links to other sites: contact and licence).
    missing = _links(site / "404.html")
    assert missing.addresses and all(a.startswith("/plans%26copy~%C3%BC/")
                                     for a in missing.addresses
                                     if not a.startswith("#") and not urlsplit(a).scheme), \
        missing.addresses
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc",
                                                                               namespace)]
    assert locs and all(loc.startswith(base) for loc in locs)
    assert base in locs
    feed = ET.parse(site / "feed.xml").getroot()
    links = [e.get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert f"{base}feed.xml" in links and all(link.startswith(base) for link in links)
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text()


HOSTILE_TEXT = '"><script>alert(1)</script>&amp;'


def test_hostile_text_settings_are_shown_as_text_on_every_page(project, tmp_path):
    config = project / "site_config.yml"
    for old in ("name: Exampleshire District Council", "title: Exampleshire service plans",
                "name: Performance team", "phone: 01234 567890",
                "licence: Open Government Licence v3.0"):
        key = old.split(":")[0]
        edit(config, old, f"{key}: '{HOSTILE_TEXT}'")
    site = tmp_path / "site"
    result = plansite("build", "--site-dir", str(site), root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5 and site / "404.html" in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
    assert "&lt;script&gt;alert(1)" in (site / "index.html").read_text(encoding="utf-8")
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find("{http://www.w3.org/2005/Atom}title").text == f"{HOSTILE_TEXT}: what's new"


def test_the_engine_escapes_settings_that_never_passed_validation(project, tmp_path):
    """Defence in depth: a base_url and names straight from an attacker, handed to MkDocs
    without validation, still land as text in the canonical links and in 404.html."""
    site = make_site(project)
    hostile = dataclasses.replace(
        site.council.config, base_url='https://x.example/"><script>alert(1)</script>/',
        title=HOSTILE_TEXT, council_name=HOSTILE_TEXT, language='en"><script>x</script>')
    site = dataclasses.replace(site, council=dataclasses.replace(site.council, config=hostile))
    theme = settings.assemble_theme(project, tmp_path / "theme")
    derived = settings.mkdocs_config(site, project, tmp_path / "site", theme)
    extra = derived["extra"]["plansite"]
    printed = [derived["site_name"], derived["site_url"], derived["copyright"],
               *(v for v in extra.values() if isinstance(v, str)), *extra["labels"].values()]
    assert all("<" not in value and '"' not in value for value in printed), printed
    engine.build(site, project, tmp_path / "site")
    for page in [tmp_path / "site" / "404.html", *(tmp_path / "site").rglob("index.html")]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<script>x" not in html, page
    # The canonical link stays one attribute value (MkDocs mangles the escaped quote's #).
    canonical = _links(tmp_path / "site" / "index.html").canonical
    assert len(canonical) == 1 and canonical[0].startswith("https://x.example/&")
