"""The Atom feed (RFC 4287) of new plan versions: what the /whats-new/ page lists."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.render import xmlfile
from generator.model.changes import summary
from generator.model.history import Entry
from generator.i18n import _
from generator.model.records import Council, When

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"


def _time(when: When) -> str:
    """RFC 3339 time for a date as precise as the data gives it (a month counts from its 1st)."""
    moment = when.moment()
    if moment is None:  # a version is dated by day or month, never in words (validate/plans.py)
        raise ValueError(f"'{when.text}' is not a date")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str = "", **attributes) -> ET.Element:
    return xmlfile.add(parent, f"{{{ATOM}}}{tag}", text, **attributes)


def atom(council: Council, entries: tuple[Entry, ...]) -> bytes:
    """The feed as UTF-8 XML; every address absolute (from base_url), every date from the data.

    The feed's own `updated` is its latest entry's date; a feed with no entries has none
    rather than an invented one."""
    config = council.config
    base = config.base_url
    dated = [(e, e.version) for e in entries if e.version is not None]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"{base}{FEED_PATH}")
    _add(feed, "title", _("%(title)s: what's new", title=config.title))
    _add(feed, "subtitle", _("New versions of %(council)s's %(plans)s: approvals and progress "
                             "updates.", council=config.council_name))
    if dated:
        _add(feed, "updated", max(_time(version.date) for entry, version in dated))
    author = _add(feed, "author")
    _add(author, "name", config.council_name)
    if config.council_url:
        _add(author, "uri", config.council_url)
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FEED_PATH}")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base}whats-new/")
    for e, version in dated:
        service = council.service(e.plan.service)
        page = f"{base}{e.plan.path}v{version.number}/"
        entry = _add(feed, "entry")
        _add(entry, "id", page)
        _add(entry, "title", f"{service.name} {e.plan.year.label}: {version.describe()}")
        _add(entry, "updated", _time(version.date))
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        changes = (_("First version kept") if e.since is None else
                   _("No changes recorded since version %(number)s", number=e.since.number)
                   if not e.changes else
                   _("Changes since version %(number)s: %(changes)s", number=e.since.number,
                     changes=summary(e.changes)))
        _add(entry, "summary", " ".join(filter(None, (version.note_sentence, f"{changes}."))),
             type="text")
    return xmlfile.to_bytes(feed)
