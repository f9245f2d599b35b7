"""Validate site_config.yml, the council's one settings file."""

from __future__ import annotations

import re

from .colour import WHITE, contrast, darken
from .errors import Problems
from .fields import Fields
from .i18n import TERM_NAMES, Term, Terms
from .load import CONFIG_FILE, Document
from .model import SiteConfig
from .validate_kpi import read_tolerance

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal-size text
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_WORDS = re.compile(r"[^\W\d_][\w'’ -]*")  # a term: words, like "Directorate plan"
LANGUAGES = ("en-GB", "en")  # the languages the site's messages are written in
OGL = ("Open Government Licence v3.0",
       "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")


def _absent() -> Fields:
    """An empty block whose own problems go nowhere: stands in for a block already reported
    missing, so its fields are not reported again one by one."""
    return Fields({}, CONFIG_FILE, Problems(), "")


def read_config(doc: Document | None, problems: Problems) -> SiteConfig:
    """The site's settings, with defaults for what is optional (see docs/data-reference.md)."""
    f = Fields(doc.data if doc else {}, CONFIG_FILE, problems, "the settings file")
    f.allow("council", "site", "contact", "open_data", "kpi_status", "accessibility", "terms")
    # A missing block is reported once; its fields are then read from an empty stand-in.
    council = f.block("council", required=True) or _absent()
    council.allow("name", "website")
    site = f.block("site", required=True) or _absent()
    site.allow("title", "base_url", "language", "colours")
    contact = f.block("contact", required=True) or _absent()
    contact.allow("name", "email", "phone", "url")
    licence = f.block("open_data")
    status = f.block("kpi_status")
    statement = f.block("accessibility")
    colours = site.block("colours")
    if licence:
        licence.allow("licence", "licence_url")
    if status:
        status.allow("near_target_percent")
    if statement:
        statement.allow("prepared", "reviewed")
    if colours:
        colours.allow("primary", "accent")
    base_url = site.text("base_url", required=True, example="https://plans.example.gov.uk/")
    if base_url and not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        site.problem("base_url", f"base_url '{base_url}' is not a web address",
                     "write the full address the site is published at, like "
                     "https://plans.example.gov.uk/")
    language = read_language(site)
    email, phone, url = read_email(contact), contact.text("phone"), contact.text("url")
    if not (email or phone or url):
        contact.problem("contact", "the contact block has no email, phone or url",
                        "give at least one way for residents to reach the council")

    def colour(key: str, default: str) -> str:
        value = colours.text(key) if colours else ""
        if value and not _COLOUR.match(value):
            colours.problem(key, f"colour '{value}' is not a hex colour",
                            "write it as # and six hex digits, like \"#00567d\" (in quotes)")
            return default
        if value and (ratio := contrast(value, WHITE)) < MIN_CONTRAST:
            # Both are text on white (links, hovered links) and white text sits on primary.
            colours.problem(key, f"colour '{value}' is too light: white text on it, and it "
                            f"as text on white, has a contrast of {ratio:.2f}:1, below the "
                            f"{MIN_CONTRAST}:1 that WCAG 2.2 AA needs",
                            f"choose a darker shade, such as \"{darken(value)}\"")
            return default
        return value or default

    tolerance = read_tolerance(status, "near_target_percent") if status else None
    return SiteConfig(
        council_name=council.text("name", required=True, example="Exampleshire District Council"),
        council_url=council.text("website"),
        title=site.text("title", required=True, example="Service plans"),
        base_url=base_url.rstrip("/") + "/" if base_url else "/",
        language=language,
        contact_name=contact.text("name"),
        contact_email=email, contact_phone=phone, contact_url=url,
        licence_name=(licence.text("licence") if licence else "") or OGL[0],
        licence_url=(licence.text("licence_url") if licence else "") or OGL[1],
        tolerance_percent=5.0 if tolerance is None else float(tolerance),
        primary_colour=colour("primary", "#1d4f91"),
        accent_colour=colour("accent", "#1d4f91"),
        statement_prepared=statement.when("prepared") if statement else None,
        statement_reviewed=statement.when("reviewed") if statement else None,
        terms=read_terms(f.block("terms")),
    )


def read_email(f: Fields) -> str:
    """The block's email address; it becomes a mailto: link, so it must be one address."""
    value = f.text("email")
    if value and not _EMAIL.match(value):
        f.problem("email", f"'{value}' is not an email address",
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
    terms.allow(*TERM_NAMES)
    chosen = {}
    for name in TERM_NAMES:
        block = terms.block(name)
        if not block:
            continue
        block.allow("singular", "plural")
        default = getattr(Terms(), name)
        singular = block.text("singular", required=True, example=default.singular)
        plural = block.text("plural", required=True, example=default.plural)
        words = [(key, word) for key, word in (("singular", singular), ("plural", plural))
                 if word and not _WORDS.fullmatch(word)]
        for key, word in words:
            block.problem(key, f"'{word}' is not a word or words: a term is shown in headings "
                          "and sentences", f"write it with letters and spaces, as at the start "
                          f"of a sentence, like {getattr(default, key)}")
        if singular and plural and not words:
            chosen[name] = Term(singular, plural)
    return Terms(**chosen)
