"""Indicator status and trend as HTML: always words plus an icon (the icon is hidden from
screen readers). Written in Python rather than as template macros because a site shows
thousands of them; templates call them by the same names."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.i18n import N_, _, jinja_gettext
from generator.model.status import TRENDS, Status
from generator.render.rows import Row


def kpi_status(status: Status, text: str = "", spoken: str = "") -> Markup:
    """A status badge. A council's band brings its own icon and colour, and may give screen
    readers other words than the label (`spoken`)."""
    said, words = spoken or status.spoken, escape(text or status.shown)
    own = (f' ps-icon--own" aria-hidden="true" style="--ps-own: {escape(status.colour)}; '
           f'--ps-own-dark: {escape(status.dark_colour)}"' if status.colour
           else '" aria-hidden="true"')
    shown = (f'<span aria-hidden="true">{words}</span><span class="ps-visually-hidden">'
             f'{escape(said)}</span>' if said else words)
    return Markup(f'<span class="ps-status ps-status--{escape(status.key)}"><span '
                  f'class="ps-icon{own}>{escape(status.icon)}</span>{shown}</span>')


def trend_badge(trend: str) -> Markup:
    """A trend (a key of TRENDS) in words, with its icon."""
    return Markup(f'<span class="ps-trend ps-trend--{escape(trend)}"><span class="ps-icon" '
                  f'aria-hidden="true"></span>{escape(_(TRENDS[trend][0]))}</span>')


def status_cell(row: Row, with_period: bool = False) -> Markup:
    """The status of a row: badge, then the period it is for (when asked) and any note."""
    if not row.assessment or row.status is None:
        return Markup("–")
    meta = (f"{row.label}. " if with_period and row.period else "") + row.shown["status_note"]
    note = f' <span class="ps-meta">{escape(meta.strip())}</span>' if meta else ""
    return Markup(f"{kpi_status(row.status)}{note}")


def trend_cell(row: Row) -> Markup:
    """A row's trends on the previous period and on a year earlier, or a dash."""
    shown = row.shown
    items = [f'<li><span class="ps-trend-what">{jinja_gettext(what)}</span> '
             f'{trend_badge(comparison.trend)} <span class="ps-meta">{escape(shown[figure])}'
             '</span></li>'
             for what, comparison, trend, figure in (
                 (N_("On the previous period:"), row.previous, "trend_previous",
                  "previous_figure"),
                 (N_("On a year earlier:"), row.year_on_year, "trend_year_on_year",
                  "year_earlier_figure"))
             if shown[trend]]
    return Markup(f'<ul class="ps-trends">\n{"".join(items)}</ul>\n' if items else "–")
