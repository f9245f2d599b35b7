"""One message catalogue: every reader-facing string goes through gettext.

Messages are English source text (extracted by Babel into generator/locale/messages.pot). The
council's own words for its plans (`terms:` in site_config.yml) are substituted into messages
as named placeholders: `%(themes)s` is the plural in lower case, `%(Themes)s` as written, and
likewise `theme`/`Theme`, `plan`, `priority`, `indicator` and `service` (see TERM_NAMES).
"""

from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass, fields

from markupsafe import Markup


@dataclass(frozen=True)
class Term:
    """What a council calls one kind of thing, e.g. Ambition / Ambitions."""

    singular: str
    plural: str


@dataclass(frozen=True)
class Terms:
    """What a council calls the parts of its plans; the defaults are the words Plansite uses."""

    theme: Term = Term("Theme", "Themes")  # a part of the corporate plan
    plan: Term = Term("Service plan", "Service plans")  # a plan, one per service and year
    priority: Term = Term("Priority", "Priorities")  # a service's action in its plan
    indicator: Term = Term("Indicator", "Indicators")  # a performance indicator
    service: Term = Term("Service", "Services")  # the unit that owns a plan


TERM_NAMES = tuple(f.name for f in fields(Terms))


def lower(word: str) -> str:
    """A term as it reads inside a sentence: 'Directorate plan' -> 'directorate plan'; an
    initialism such as 'KPI' keeps its capitals."""
    first = word.split(" ", 1)[0]
    return word if first[1:2].isupper() else word[:1].lower() + word[1:]


def placeholders(terms: Terms) -> dict[str, str]:
    """The named placeholders for terms: theme, themes, Theme, Themes, and so on."""
    values = {}
    for name in TERM_NAMES:
        term = getattr(terms, name)
        plural = name[:-1] + "ies" if name.endswith("y") else name + "s"
        values.update({name: lower(term.singular), plural: lower(term.plural),
                       name.capitalize(): term.singular, plural.capitalize(): term.plural})
    return values


_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_values: dict[str, str] = placeholders(Terms())
_plain_markup: dict[str, Markup] = {}  # a template's message without values, terms filled in


def use_terms(terms: Terms) -> None:
    """Use a council's terms in every message from now on (a build calls this first)."""
    global _values
    _values = placeholders(terms)
    _plain_markup.clear()


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is declared; it is translated where used."""
    return message


def _(message: str, **values) -> str:
    """The message, translated, with the council's terms and `values` filled in."""
    return _translations.gettext(message) % {**_values, **values}


def ngettext(singular: str, plural: str, n: int, **values) -> str:
    """The singular or plural message for the count `n` (`%(num)d` in the message)."""
    return _translations.ngettext(singular, plural, n) % {**_values, "num": n, **values}


def jinja_gettext(message: str, **values) -> Markup:
    """`_()` and `{% trans %}` in templates: the message is markup, the values are escaped.
    A message without values is filled in once for each council's terms."""
    if values:
        return Markup(_translations.gettext(message)) % {**_values, **values}
    if message not in _plain_markup:
        _plain_markup[message] = Markup(_translations.gettext(message)) % _values
    return _plain_markup[message]


def jinja_ngettext(singular: str, plural: str, n: int, **values) -> Markup:
    """`ngettext()` and `{% trans count=n %}...{% pluralize %}` in templates."""
    return Markup(_translations.ngettext(singular, plural, n)) % {**_values, "num": n,
                                                                  **values}
