"""Validate site_config.yml, the council's one settings file."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from generator.errors import Problems
from generator.validate.declarations import LANGUAGES, SETTINGS
from generator.validate.fields import Fields
from generator.i18n import TERM_NAMES, Term, Terms
from generator.load.sources import CONFIG_FILE, Document
from generator.model.records import CONTEXTUAL_TYPES, DEFAULT_ACTION_SCHEME, INDICATOR_TYPES, ActionStatus, SiteConfig
from generator.validate.indicators import read_tolerance, read_trend_tolerance
from generator.validate.schemes import read_colour, read_schemes

# One address: no spaces, quotes, angle brackets, backslashes or control characters.
_EMAIL = re.compile(r"^[^@\s<>\"'\\\x00-\x1f\x7f]+@[^@\s<>\"'\\\x00-\x1f\x7f]+"
                    r"\.[^@\s<>\"'\\\x00-\x1f\x7f]+$")
# What no web address may hold: it would end an HTML attribute or change what a browser
# opens (a backslash counts as a slash).
_UNSAFE = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")
_HOST = re.compile(r"^[\w.-]+$|^[0-9a-f:.]+$")  # a name (any script), or an IPv6 address
# What a path keeps as written; anything else (&, letters outside ASCII) is percent-encoded.
_PATH_SAFE = "/-._~%!$()*+,;=:@"
_WORDS = re.compile(r"[^\W\d_][\w'’ -]*")  # a term: words, like "Directorate plan"
OGL = ("Open Government Licence v3.0",
       "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")


def _absent(key: str) -> Fields:
    """An empty block whose own problems go nowhere: stands in for a block already reported
    missing, so its fields are not reported again one by one."""
    return Fields({}, CONFIG_FILE, Problems(), "", decl=SETTINGS.child(key))


def read_config(doc: Document | None, problems: Problems) -> SiteConfig:
    """The site's settings, with defaults for what is optional (see docs/data-reference.md)."""
    f = Fields(doc.data if doc else {}, CONFIG_FILE, problems, "the settings file",
               decl=SETTINGS)
    f.allow()
    # A missing block is reported once; its fields are then read from an empty stand-in.
    council = f.block("council") or _absent("council")
    site = f.block("site") or _absent("site")
    contact = f.block("contact") or _absent("contact")
    licence = f.block("open_data")
    status = f.block("kpi_status")
    statement = f.block("accessibility")
    colours = site.block("colours")
    for block in (council, site, contact, licence, status, statement, colours):
        if block:
            block.allow()
    base_url = read_url(site, "base_url", site_address=True)
    if base_url:  # printed in every page as it is: nothing in it may need escaping
        parts = urlsplit(base_url)
        base_url = parts._replace(path=quote(parts.path, safe=_PATH_SAFE)).geturl()
    language = read_language(site)
    email, phone = read_email(contact), contact.text("phone")
    url = read_url(contact, "url")
    if not (email or phone or url):
        contact.problem("contact", "the contact block has no email, phone or url",
                        "give at least one way for residents to reach the council")

    def colour(key: str, default: str) -> str:
        # Both are text on white (links, hovered links) and white text sits on primary.
        return (read_colour(colours, key, "white text on it, and it as text on white,")
                if colours else "") or default

    tolerance = read_tolerance(status, "near_target_percent") if status else None
    trend_tolerance = read_trend_tolerance(status) if status else None
    schemes, default_scheme, labels = read_schemes(status) if status else ((), "standard", ())
    return SiteConfig(
        council_name=council.text("name"),
        council_url=read_url(council, "website"),
        title=site.text("title"),
        base_url=base_url.rstrip("/") + "/" if base_url else "/",
        language=language,
        contact_name=contact.text("name"),
        contact_email=email, contact_phone=phone, contact_url=url,
        licence_name=(licence.text("licence") if licence else "") or OGL[0],
        licence_url=(read_url(licence, "licence_url") if licence else "") or OGL[1],
        tolerance_percent=5.0 if tolerance is None else float(tolerance),
        primary_colour=colour("primary", "#1d4f91"),
        accent_colour=colour("accent", "#1d4f91"),
        statement_prepared=statement.when("prepared") if statement else None,
        statement_reviewed=statement.when("reviewed") if statement else None,
        terms=read_terms(f.block("terms")),
        action_scheme=read_action_scheme(f),
        **read_indicator_types(f),
        trend_tolerance=trend_tolerance or 0,
        status_schemes=schemes, default_scheme=default_scheme, status_labels=labels,
    )


def read_action_scheme(f: Fields) -> tuple[ActionStatus, ...]:
    """The council's statuses for its actions (`action_status:`), in its order; today's
    six statuses when it gives none."""
    blocks = f.blocks("action_status", "action status")
    if not blocks:
        return DEFAULT_ACTION_SCHEME
    scheme, keys = [], set()
    for b in blocks:
        b.allow()
        key, label, icon = b.key("key"), b.text("label"), b.text("icon")
        if len(icon) > 2:
            b.problem("icon", f"the icon '{icon}' of {b.what} is longer than a symbol",
                      "write one symbol, like ✓, !, ✕ or ○; the label gives the words")
            icon = ""
        if key in keys:
            b.problem("key", f"the action status '{key}' is listed twice",
                      "give each status its own key")
        elif key and label and icon:
            colour = read_colour(b, "colour", "the icon on white")
            scheme.append(ActionStatus(key, label, icon, colour,
                                       attention=b.flag("attention")))
        keys.add(key)
    return tuple(scheme) or DEFAULT_ACTION_SCHEME



def read_indicator_types(f: Fields) -> dict[str, tuple]:
    """The council's indicator types (`indicator_types:`), each a key and a name, and the
    keys of those marked `contextual: yes` (never judged against a target)."""
    types: list[tuple[str, str]] = []
    contextual: list[str] = []
    for t in f.blocks("indicator_types", "indicator type"):
        t.allow()
        key, name = t.key("key"), t.text("name")
        if key in dict(types):
            t.problem("key", f"there are two indicator types with the key '{key}'",
                      "give each indicator type its own key")
        elif key and name:
            types.append((key, name))
            if t.flag("contextual"):
                contextual.append(key)
    if not types:
        return {"indicator_types": INDICATOR_TYPES, "contextual_types": CONTEXTUAL_TYPES}
    return {"indicator_types": tuple(types), "contextual_types": tuple(contextual)}


def read_url(f: Fields, key: str, site_address: bool = False) -> str:
    """A web address setting (empty if it is wrong, which is reported)."""
    value = f.text(key)
    fault = _url_fault(value, site_address) if value else None
    if fault is None:
        return value
    example = f.declared(key, "text").example
    f.problem(key, f"{key} '{_shown(value)}' {fault[0]}", f"{fault[1]}, like {key}: {example}")
    return ""


def _url_fault(value: str, site_address: bool) -> tuple[str, str] | None:
    """What is wrong with a web address, and how to fix it; None if nothing.

    It must be https: or http:, with a host, no user name or password, and nothing a
    browser would read differently or that could end the HTML attribute it is printed in.
    The site's own address (`site_address`) has no ?query or #fragment: pages are added to it.
    """
    try:
        parts = urlsplit(value)
        parts.port  # reading it checks that the port is a number up to 65535
    except ValueError:
        return ("is not a web address that can be read (check its port number and brackets)",
                "write the full web address")
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        if scheme == "mailto":
            return ("is an email link, but this setting is a web address",
                    "put the email address in contact's email field, or write a web address")
        return ("is not a web address: it must start with https:// (or http://)",
                "write the full web address")
    if _UNSAFE.search(value):
        return ("contains a space, quote, angle bracket, backslash or control character, "
                "which a web address cannot hold", "remove it (write a space as %20)")
    if not parts.hostname or not _HOST.match(parts.hostname):
        return ("has no host name (like www.example.gov.uk) after https://",
                "write the full web address")
    if "@" in parts.netloc:
        return ("contains a user name or password (before an @)",
                "remove it: a public address never carries one")
    if site_address and (parts.query or parts.fragment or "?" in value or "#" in value):
        return ("has a ? or # part, but every page's address is added to this one",
                "remove the ? or # and what follows")
    return None


def _shown(value: str) -> str:
    """A value quoted in a message: control characters shown as codes, not acted on."""
    return value.encode("unicode_escape").decode("ascii") if _UNSAFE.search(value) else value


def read_email(f: Fields) -> str:
    """The block's email address; it becomes a mailto: link, so it must be one address
    (written bare, or after mailto:)."""
    value = f.text("email")
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:"):]
    if value and not _EMAIL.match(value):
        f.problem("email", f"'{_shown(value)}' is not an email address",
                  "write one address, like plans@example.gov.uk")
        return ""
    return value


def read_language(site: Fields) -> str:
    """The language the pages are written in: only one the site's messages exist in."""
    language = site.text("language") or LANGUAGES[0]
    if language not in LANGUAGES:
        site.problem("language", f"language '{language}' is not one Plansite can write the "
                     "site's own words in: its headings, labels and explanations exist only "
                     "in English, so the pages would be wrongly labelled",
                     f"write {' or '.join(LANGUAGES)}")
        return LANGUAGES[0]
    return language


def read_terms(terms: Fields | None) -> Terms:
    """The council's own words for the parts of its plans (`terms:`), defaults for the rest."""
    if not terms:
        return Terms()
    terms.allow()
    chosen = {}
    for name in TERM_NAMES:
        block = terms.block(name)
        if not block:
            continue
        block.allow()
        default = getattr(Terms(), name)
        singular, plural = block.text("singular"), block.text("plural")
        words = [(key, word) for key, word in (("singular", singular), ("plural", plural))
                 if word and not _WORDS.fullmatch(word)]
        for key, word in words:
            block.problem(key, f"'{word}' is not a word or words: a term is shown in headings "
                          "and sentences", f"write it with letters and spaces, as at the start "
                          f"of a sentence, like {getattr(default, key)}")
        if singular and plural and not words:
            chosen[name] = Term(singular, plural)
    return Terms(**chosen)
