"""Small pieces of HTML that pages repeat thousands of times: status and trend badges
(always words plus an icon hidden from screen readers), dates, free text and table
cells. Python rather than template macros, for speed; templates call them by name (see
jinja.py)."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from generator.i18n import N_, _
from generator.i18n import jinja_gettext as gettext  # as in templates: the message is markup
from generator.model.records import ActionStatus, CorporatePlan, Kpi, Priority, When
from generator.model.status import TRENDS, Status
from generator.render.figures import (compare_with, format_comparator, format_revision,
                                      format_target, format_value)
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
    items = [f'<li><span class="ps-trend-what">{gettext(what)}</span> '
             f'{trend_badge(comparison.trend)} <span class="ps-meta">{escape(shown[figure])}'
             '</span></li>'
             for what, comparison, trend, figure in (
                 (N_("On the previous period:"), row.previous, "trend_previous",
                  "previous_figure"),
                 (N_("On a year earlier:"), row.year_on_year, "trend_year_on_year",
                  "year_earlier_figure"))
             if shown[trend]]
    return Markup(f'<ul class="ps-trends">\n{"".join(items)}</ul>\n' if items else "–")


def status_badge(status: ActionStatus | None, text: str = "") -> Markup:
    """A priority's status in the council's action scheme, or 'Not reported'."""
    if not status:
        words = escape(text or gettext("Not reported"))
        return Markup(f'<span class="ps-status ps-status--none">{words}</span>\n')
    own = f' style="--ps-action: {escape(status.colour)}"' if status.colour else ""
    return Markup(f'<span class="ps-status ps-action ps-action--{escape(status.key)}"><span '
                  f'class="ps-icon" aria-hidden="true"{own}>{escape(status.icon)}</span>'
                  f'{escape(text or status.text)}</span>\n')


def when(value: When) -> Markup:
    """A date as written, marked up as a <time> when it is a day or a month."""
    if value.kind in ("day", "month"):
        return Markup(f'<time datetime="{escape(value.iso)}">{escape(value.text)}</time>')
    return escape(value.text)


def text_block(text: str, bare: bool = False) -> Markup:
    """Free text from data as paragraphs (split at blank lines) keeping its line breaks; with
    `bare`, a text of one paragraph is written without <p> (as in a list of facts)."""
    paras = [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]
    lines = ["<br>".join(escape(line) for line in para.split("\n")) for para in paras]
    if bare and len(lines) == 1:
        return Markup(lines[0])
    return Markup("".join(f"<p>{line}</p>" for line in lines))


def kpi_target_cell(kpi: Kpi, headline: Row) -> Markup:
    """A plan's target cell: the target, its revisions, baseline and later targets, and any
    forecast or benchmark with how the latest figure stands against it."""
    target, parts = kpi.target, [str(escape(format_target(kpi)))]
    if kpi.target_review:
        review = gettext("To be reviewed (%(why)s).", why=kpi.target_review)
        parts.append(f' <span class="ps-meta ps-review">{review}</span>')
    revised = gettext("Revised.")
    parts += [f' <span class="ps-meta">{revised} {escape(format_revision(kpi, revision))}</span>'
              for revision in kpi.revisions]
    if target.baseline is not None:
        since = f" ({escape(target.baseline_year.label)})" if target.baseline_year else ""
        baseline = gettext("Baseline:")
        parts.append(f' <span class="ps-meta">{baseline} '
                     f'{escape(format_value(kpi, target.baseline))}{since}</span>')
    for year, value in target.later:
        later = gettext("Target for %(year)s:", year=year.label)
        parts.append(f' <span class="ps-meta">{later} {escape(format_value(kpi, value))}</span>')
    for comparator in kpi.comparators:
        against = (f" {escape(compare_with(kpi, headline.result.value, comparator))}"
                   if headline.result else "")
        parts.append(f' <span class="ps-meta">{escape(format_comparator(kpi, comparator))}'
                     f'{against}</span>')
    return Markup("".join(parts))


def theme_links(link: Callable[[str], str], priority: Priority,
                plan: CorporatePlan | None) -> Markup:
    """A priority's link to the corporate plan: its themes, linked, and any words."""
    parts = []
    if priority.themes and plan:
        items = "".join(f'  <li><a href="{escape(link(f"themes/{theme.key}/"))}">'
                        f'{escape(theme.name)}</a></li>\n'
                        for theme in plan.themes if theme.key in priority.themes)
        parts.append(f'<ul class="ps-inline">\n{items}</ul>\n')
    if priority.theme_text:
        parts.append(f"<p>{escape(priority.theme_text)}</p>")
    if not priority.themes and not priority.theme_text:
        parts.append(Markup("<p>%s</p>") % gettext("Not stated"))
    return Markup("".join(parts))
